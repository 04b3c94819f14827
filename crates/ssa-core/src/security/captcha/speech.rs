//! The spoken verification code (WCAG 2.2, non-text content: a CAPTCHA has
//! an alternative in another sense). Each character is said in the reader's
//! language with its case ("capital K", "大楷 K", "大写 K"), from clips that
//! `scripts/make-voice-clips.sh` made offline with espeak-ng (shipped in
//! `assets/captcha`), at uneven pauses, over a quiet rumble and a murmur of
//! other characters played backwards, so that a speech recogniser does not
//! get the clean clips a person does not need.

use std::collections::HashMap;
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

type Clips = HashMap<char, Vec<i16>>;

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
/// then that many mu-law bytes. A damaged file gives the clips before the
/// damage (the tests check every character is there).
fn parse(mut data: &[u8]) -> Clips {
    let mut clips = HashMap::new();
    while data.len() >= 5 {
        let ch = char::from(data[0]);
        let n = u32::from_le_bytes([data[1], data[2], data[3], data[4]]) as usize;
        let Some(samples) = data.get(5..5 + n) else {
            break;
        };
        clips.insert(ch, samples.iter().map(|&b| mu_law(b)).collect());
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

#[cfg(test)]
pub(super) fn can_say(voice: Voice, ch: char) -> bool {
    clips(voice)
        .get(&ch)
        .is_some_and(|c| c.len() > SAMPLE_RATE as usize / 10)
}

fn seconds(s: f32) -> usize {
    (s * SAMPLE_RATE as f32) as usize
}

/// Says `text` and returns a WAV file (8 kHz, 16-bit, mono).
pub(super) fn speak(text: &str, voice: Voice, rng: &mut impl Rng) -> Vec<u8> {
    let clips = clips(voice);
    let mut track: Vec<f32> = vec![0.0; seconds(rng.gen_range(0.5..0.8))];
    for ch in text.chars() {
        if let Some(clip) = clips.get(&ch) {
            let gain = rng.gen_range(0.75..1.0);
            track.extend(clip.iter().map(|&s| f32::from(s) * gain));
        }
        track.extend(std::iter::repeat_n(0.0, seconds(rng.gen_range(0.35..0.7))));
    }
    track.extend(std::iter::repeat_n(0.0, seconds(0.3)));

    // A murmur: other characters, backwards, quiet, anywhere.
    let all: Vec<&Vec<i16>> = clips.values().collect();
    if !all.is_empty() {
        for _ in 0..(text.chars().count() + 2) {
            let clip = all[rng.gen_range(0..all.len())];
            let at = rng.gen_range(0..track.len());
            let gain = rng.gen_range(0.08..0.14);
            for (slot, &s) in track[at..].iter_mut().zip(clip.iter().rev()) {
                *slot += f32::from(s) * gain;
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
    wav(&track)
}

fn wav(track: &[f32]) -> Vec<u8> {
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
