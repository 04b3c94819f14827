//! The spoken verification code (WCAG 2.2, non-text content: a CAPTCHA has
//! an alternative in another sense). Each character is said in the reader's
//! language with its case ("capital K", "大楷 K", "大写 K"), from clips that
//! `scripts/make-voice-clips.sh` made offline with espeak-ng in three voices
//! (shipped in `assets/captcha`).
//!
//! The clips are public (they ship in the binary), so a program that looks
//! for them along the track (matched filtering) would read a code made of
//! them unchanged. Each character is therefore said differently every time:
//! in one of the voices, resampled at a pace and pitch that drift while it
//! is said (no one rate lines it up with a clip), through a random
//! equaliser, over a babble of the same voice's speech played backwards
//! (which a person hears as not-words, and a program as more speech), with
//! backwards speech as loud as the characters in the pauses between them.
//! `scripts/captcha-attack.sh` measures what a program reads and how
//! intelligible each character stays (STOI); the figures are in
//! `docs/performance.md`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rand::Rng;
use serde::{Deserialize, Serialize};

/// The language a code is spoken in.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Voice {
    English,
    Cantonese,
    Mandarin,
}

/// Samples a second in the clips and in the spoken code.
pub const SAMPLE_RATE: u32 = 8000;

static EN: &[u8] = include_bytes!("../../../assets/captcha/voice-en.bin");
static YUE: &[u8] = include_bytes!("../../../assets/captcha/voice-yue.bin");
static CMN: &[u8] = include_bytes!("../../../assets/captcha/voice-cmn.bin");

/// Each character's clips, one for each voice; in a fixed order, so that one
/// seed gives one sound in every process.
type Clips = BTreeMap<char, Vec<Vec<i16>>>;

/// G.711 mu-law to linear.
fn mu_law(byte: u8) -> i16 {
    let b = !byte;
    let sign = b & 0x80;
    let exponent = (b >> 4) & 0x07;
    let mantissa = i32::from(b & 0x0f);
    let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    let v = if sign != 0 { -magnitude } else { magnitude };
    v.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16
}

/// Reads a clip file: per clip, the character's byte, a u32 (LE) count,
/// then that many mu-law bytes; a character has one clip per voice. A
/// damaged file gives the clips before the damage (the tests check every
/// character is there in every voice).
fn parse(mut data: &[u8]) -> Clips {
    let mut clips: Clips = BTreeMap::new();
    while data.len() >= 5 {
        let ch = char::from(data[0]);
        let n = u32::from_le_bytes([data[1], data[2], data[3], data[4]]) as usize;
        let Some(samples) = data.get(5..5 + n) else {
            break;
        };
        if n > 1 {
            clips
                .entry(ch)
                .or_default()
                .push(samples.iter().map(|&b| mu_law(b)).collect());
        }
        data = &data[5 + n..];
    }
    clips
}

fn clips(voice: Voice) -> &'static Clips {
    static CELLS: [OnceLock<Clips>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (i, data) = match voice {
        Voice::English => (0, EN),
        Voice::Cantonese => (1, YUE),
        Voice::Mandarin => (2, CMN),
    };
    CELLS[i].get_or_init(|| parse(data))
}

/// Voices each character is said in.
#[cfg(test)]
pub(super) const VOICES: usize = 3;

#[cfg(test)]
pub(super) fn can_say(voice: Voice, ch: char) -> bool {
    clips(voice)
        .get(&ch)
        .is_some_and(|c| c.len() == VOICES && c.iter().all(|c| c.len() > SAMPLE_RATE as usize / 10))
}

fn seconds(s: f32) -> usize {
    (s * SAMPLE_RATE as f32) as usize
}

/// The loudness (RMS) a character is said at before the whole is scaled.
const LEVEL: f32 = 6000.0;
/// The babble under the characters: layers of backwards speech, each this
/// loud against a character.
const BABBLE_LAYERS: usize = 2;

/// How loud each babble layer is against a character. English is said in
/// longer phrases ("capital K") whose spectrum a program matches through
/// more babble than a Chinese syllable's: it gets more.
fn babble_level(voice: Voice) -> f32 {
    match voice {
        Voice::English => 0.75,
        Voice::Cantonese | Voice::Mandarin => 0.45,
    }
}
/// Characters said in less than this are said louder (see `compose`).
const SHORT_SECONDS: f32 = 0.7;

/// One character as said in a code: where it starts in the track, and the
/// character in its voice at its pace before the equaliser and the babble
/// (what an intelligibility measure compares the track with).
pub(super) struct Said {
    #[cfg_attr(not(any(test, feature = "captcha-lab")), allow(dead_code))]
    pub ch: char,
    pub at: usize,
    pub clean: Vec<f32>,
}

/// A spoken code: the track, and where each character is in it.
pub(super) struct Spoken {
    pub track: Vec<f32>,
    #[cfg_attr(not(any(test, feature = "captcha-lab")), allow(dead_code))]
    pub said: Vec<Said>,
}

/// Resamples `clip` (backwards if asked) at a pace that drifts around a
/// random rate: tempo and pitch move together, by up to about a fifth, and
/// keep moving while it is said, so that no one rate lines it up with the
/// clip.
fn drift(clip: &[i16], backwards: bool, rng: &mut impl Rng) -> Vec<f32> {
    use std::f32::consts::TAU;
    let at = |k: usize| {
        let k = if backwards { clip.len() - 1 - k } else { k };
        f32::from(clip[k])
    };
    let base = rng.gen_range(0.87..1.13f32);
    let waves: [(f32, f32, f32); 2] = [
        (
            rng.gen_range(0.03..0.07),
            rng.gen_range(0.12..0.35) * SAMPLE_RATE as f32,
            rng.gen_range(0.0..TAU),
        ),
        (
            rng.gen_range(0.02..0.05),
            rng.gen_range(0.4..0.9) * SAMPLE_RATE as f32,
            rng.gen_range(0.0..TAU),
        ),
    ];
    let last = clip.len().saturating_sub(1) as f64;
    let mut out = Vec::with_capacity(clip.len() * 5 / 4);
    let mut pos = 0.0f64;
    let mut t = 0.0f32;
    while pos < last {
        let k = pos as usize;
        let frac = (pos - k as f64) as f32;
        let (a, b) = (at(k), at(k + 1));
        out.push(a + (b - a) * frac);
        let wobble: f32 = waves
            .iter()
            .map(|&(depth, period, phase)| depth * (TAU * t / period + phase).sin())
            .sum();
        pos += f64::from(base * (1.0 + wobble));
        t += 1.0;
    }
    out
}

/// A peaking equaliser band (the Audio EQ Cookbook's biquad).
struct Band {
    b: [f32; 3],
    a: [f32; 2],
}

impl Band {
    fn peaking(centre: f32, q: f32, gain_db: f32) -> Self {
        let a = 10f32.powf(gain_db / 40.0);
        let w = std::f32::consts::TAU * centre / SAMPLE_RATE as f32;
        let alpha = w.sin() / (2.0 * q);
        let a0 = 1.0 + alpha / a;
        Self {
            b: [
                (1.0 + alpha * a) / a0,
                -2.0 * w.cos() / a0,
                (1.0 - alpha * a) / a0,
            ],
            a: [-2.0 * w.cos() / a0, (1.0 - alpha / a) / a0],
        }
    }

    fn apply(&self, samples: &mut [f32]) {
        let (mut x1, mut x2, mut y1, mut y2) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for s in samples {
            let x = *s;
            let y =
                self.b[0] * x + self.b[1] * x1 + self.b[2] * x2 - self.a[0] * y1 - self.a[1] * y2;
            (x2, x1, y2, y1) = (x1, x, y1, y);
            *s = y;
        }
    }
}

/// Two random equaliser bands: the same voice through another telephone.
fn equalise(samples: &mut [f32], rng: &mut impl Rng) {
    for _ in 0..2 {
        Band::peaking(
            rng.gen_range(300.0..3000.0),
            rng.gen_range(0.8..2.5),
            rng.gen_range(-10.0..10.0),
        )
        .apply(samples);
    }
}

fn rms(samples: &[f32]) -> f32 {
    if samples.is_empty() {
        return 0.0;
    }
    (samples.iter().map(|s| s * s).sum::<f32>() / samples.len() as f32).sqrt()
}

/// A clip of `voice`, said anew: drifted, at loudness `level`.
fn say(clip: &[i16], backwards: bool, level: f32, rng: &mut impl Rng) -> Vec<f32> {
    let mut said = drift(clip, backwards, rng);
    let gain = level / rms(&said).max(1.0);
    said.iter_mut().for_each(|s| *s *= gain);
    said
}

/// Fades the first and last `n` samples in and out.
fn fade(sound: &mut [f32], n: usize) {
    let len = sound.len();
    let n = n.min(len / 2).max(1);
    for i in 0..n {
        let g = i as f32 / n as f32;
        sound[i] *= g;
        sound[len - 1 - i] *= g;
    }
}

fn mix(track: &mut [f32], at: usize, sound: &[f32]) {
    for (slot, &s) in track.iter_mut().skip(at).zip(sound) {
        *slot += s;
    }
}

/// Says `text` in `voice`: the track and where each character is in it.
pub(super) fn compose<R: Rng>(text: &str, voice: Voice, rng: &mut R) -> Spoken {
    let clips = clips(voice);
    let mut track: Vec<f32> = vec![0.0; seconds(rng.gen_range(0.5..0.8))];
    let mut said = Vec::new();
    for ch in text.chars() {
        if let Some(voices) = clips.get(&ch).filter(|v| !v.is_empty()) {
            let clip = &voices[rng.gen_range(0..voices.len())];
            // A short character (a Chinese digit is one syllable) is said
            // louder, up to 2.5 times, so that the babble masks it no more
            // than a long one: its energy, not only its loudness, counts.
            let duration = clip.len() as f32 / SAMPLE_RATE as f32;
            let short = (SHORT_SECONDS / duration.max(0.05)).sqrt().clamp(1.0, 2.5);
            let clean = say(clip, false, LEVEL * short * rng.gen_range(0.85..1.15), rng);
            let mut heard = clean.clone();
            equalise(&mut heard, rng);
            let gain = rms(&clean) / rms(&heard).max(1.0);
            heard.iter_mut().for_each(|s| *s *= gain);
            said.push(Said {
                ch,
                at: track.len(),
                clean,
            });
            track.extend(heard);
        }
        track.extend(std::iter::repeat_n(0.0, seconds(rng.gen_range(0.45..0.8))));
    }
    track.extend(std::iter::repeat_n(0.0, seconds(0.3)));

    let all: Vec<&Vec<i16>> = clips.values().flatten().collect();
    if !all.is_empty() && !track.is_empty() {
        let any = |rng: &mut R| all[rng.gen_range(0..all.len())].as_slice();
        // In each pause, backwards speech as loud as the characters.
        for i in 0..=said.len() {
            let from = i
                .checked_sub(1)
                .map_or(0, |p| said[p].at + said[p].clean.len());
            let to = said.get(i).map_or(track.len(), |s| s.at);
            let clip = any(rng);
            let mut sound = say(clip, true, LEVEL * rng.gen_range(0.7..1.0), rng);
            equalise(&mut sound, rng);
            // Within the pause, give or take a little: spilling over a
            // short character it would hide it from a person too.
            let room = to.saturating_sub(from) + seconds(0.1);
            sound.truncate(room);
            fade(&mut sound, seconds(0.03));
            let spare = room - sound.len();
            let at = (from + spare / 2).saturating_sub(seconds(0.05));
            mix(&mut track, at, &sound);
        }
        // Under everything, a babble of backwards speech.
        for _ in 0..BABBLE_LAYERS {
            let mut at = seconds(rng.gen_range(0.0..0.4));
            while at < track.len() {
                let clip = any(rng);
                let sound = say(clip, true, LEVEL * babble_level(voice), rng);
                mix(&mut track, at, &sound);
                at += sound
                    .len()
                    .saturating_sub(seconds(rng.gen_range(0.0..0.2)))
                    .max(1);
            }
        }
    }
    // A rumble: brown noise, a little louder and softer by turns.
    let mut brown = 0.0f32;
    let swell = rng.gen_range(1.5..3.0) * SAMPLE_RATE as f32;
    for (i, slot) in track.iter_mut().enumerate() {
        brown = (brown + rng.gen_range(-1.0..1.0f32) * 0.08).clamp(-1.0, 1.0) * 0.995;
        let level = 1400.0 * (1.0 + 0.5 * (i as f32 / swell * std::f32::consts::TAU).sin());
        *slot += brown * level + rng.gen_range(-120.0..120.0);
    }
    // As loud as the file allows, without clipping.
    let peak = track.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    if peak > 0.0 {
        let gain = 0.9 * f32::from(i16::MAX) / peak;
        track.iter_mut().for_each(|s| *s *= gain);
        for s in &mut said {
            s.clean.iter_mut().for_each(|x| *x *= gain);
        }
    }
    Spoken { track, said }
}

/// Says `text` and returns a WAV file (8 kHz, 16-bit, mono).
pub(super) fn speak(text: &str, voice: Voice, rng: &mut impl Rng) -> Vec<u8> {
    wav(&compose(text, voice, rng).track)
}

pub(super) fn wav(track: &[f32]) -> Vec<u8> {
    let data_len = (track.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + track.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&SAMPLE_RATE.to_le_bytes());
    out.extend_from_slice(&(SAMPLE_RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for &s in track {
        let v = s.round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}
