//! The verification code: an image drawn here and its answer spoken here. A
//! code is case sensitive, good for one check only, on the screen it was
//! drawn for, and for 5 minutes; five wrong codes in a row on one screen give
//! a pause that doubles each time (spec 4). The codes and the pauses are kept
//! in the store (`service/codes.rs`), so any instance or kiosk checks a code
//! another drew; the answer is kept there only as a keyed digest, and never
//! leaves the service layer but sealed inside the code's id.

use std::sync::Arc;
#[cfg(feature = "fixed-captcha")]
use std::sync::Mutex;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

mod draw;
mod glyphs;
mod speech;
pub use draw::{HEIGHT as CAPTCHA_HEIGHT, WIDTH as CAPTCHA_WIDTH};
pub use speech::Voice;

/// How long a code may be answered.
pub const CAPTCHA_LIFETIME_SECS: i64 = 5 * 60;
/// Wrong codes in a row on one screen before a pause.
pub const CAPTCHA_WRONG_BEFORE_PAUSE: u32 = 5;
/// The first pause; each later one is twice the one before.
pub const CAPTCHA_FIRST_PAUSE_SECS: i64 = 30;
/// Characters in a code.
const CAPTCHA_LEN: u32 = 5;
/// No look-alikes in a case-sensitive code, and only characters the shipped
/// font can draw. Left out: those whose two cases look alike (c/C, k/K,
/// o/O, s/S, u/U, v/V, w/W, x/X, y/Y, z/Z) and those that readers of the
/// picture took for another (l/1/I, o/0, 9/g, 3/8, r/f, t/h, 7/T, j/i, p/P,
/// and in a second round h/n/b, q/a/d, 4/A, F/E).
/// 23 characters: 23^5 is over 6 million codes.
pub(crate) const CAPTCHA_CHARS: &[char] = &[
    '2', '3', '5', '6', '9', 'a', 'b', 'd', 'e', 'f', 'm', 'n', 'A', 'B', 'D', 'E', 'G', 'H', 'M',
    'N', 'Q', 'R', 'T',
];
/// The characters a code can have, as the screen lists them: "2 3 5 … T".
pub fn code_characters() -> String {
    let mut out = String::with_capacity(CAPTCHA_CHARS.len() * 2);
    for (i, c) in CAPTCHA_CHARS.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

/// The screens that ask for a code. Each has its own wrong-code counter and
/// pause (spec 4: "five wrong verification codes in a row on one screen"),
/// and a code drawn for one screen is not good on another.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaptchaScreen {
    Registration,
    ChangeBasicPassword,
    Recovery,
    Cancellation,
}

impl CaptchaScreen {
    pub fn as_str(self) -> &'static str {
        match self {
            CaptchaScreen::Registration => "registration",
            CaptchaScreen::ChangeBasicPassword => "change-basic-password",
            CaptchaScreen::Recovery => "recovery",
            CaptchaScreen::Cancellation => "cancellation",
        }
    }
}

/// A drawn code: the id to answer it by and its PNG image.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Serialize, serde::Deserialize)]
pub struct CaptchaImage {
    pub id: String,
    /// The PNG, base64-encoded for an `<img src="data:image/png;base64,...">`.
    pub png_base64: String,
}

impl std::fmt::Debug for CaptchaImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptchaImage")
            .field("id", &self.id)
            .finish()
    }
}

/// A drawn code, spoken: a WAV file.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Serialize, serde::Deserialize)]
pub struct CaptchaAudio {
    /// The WAV, base64-encoded for an `<audio src="data:audio/wav;base64,...">`.
    pub wav_base64: String,
}

impl std::fmt::Debug for CaptchaAudio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptchaAudio").finish_non_exhaustive()
    }
}

/// An answer's verdict, before the pause is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judged {
    Right,
    /// Wrong, or drawn for another screen: counts toward the pause.
    Wrong,
    /// Unknown, or older than its five minutes.
    Expired,
    /// Answered once already.
    Used,
    /// No answer typed.
    Empty,
}

/// A code just drawn: its answer, its picture, and the seed its spoken
/// form is drawn from (Listen gives the same sound for one code each time,
/// so that an attacker cannot average many noises over one answer).
pub(crate) struct Drawn {
    pub answer: Zeroizing<String>,
    pub png: Vec<u8>,
    pub voice_seed: u64,
}

/// What the service needs to draw codes: the station they are drawn for by
/// default, and (test builds only) a fixed answer. The codes themselves
/// live in the store (`service/codes.rs`).
#[derive(Clone)]
pub struct Captchas {
    station: Arc<str>,
    #[cfg(feature = "fixed-captcha")]
    fixed_answer: Arc<Mutex<Option<String>>>,
}

impl Captchas {
    pub fn new(station: &str) -> Self {
        Self {
            station: Arc::from(station),
            #[cfg(feature = "fixed-captcha")]
            fixed_answer: Arc::new(Mutex::new(None)),
        }
    }

    /// This instance's station.
    pub(crate) fn station(&self) -> &str {
        &self.station
    }

    /// Draws a new code.
    pub(crate) fn draw(&self) -> Drawn {
        #[cfg(feature = "fixed-captcha")]
        let fixed = self
            .fixed_answer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        #[cfg(not(feature = "fixed-captcha"))]
        let fixed: Option<String> = None;
        let (answer, png) = draw(fixed.as_deref());
        Drawn {
            answer,
            png,
            voice_seed: rand::random(),
        }
    }

    /// Test builds only: every code drawn from now on has this answer.
    #[cfg(feature = "fixed-captcha")]
    pub fn fix_answer(&self, answer: Option<String>) {
        *self.fixed_answer.lock().unwrap_or_else(|p| p.into_inner()) = answer;
    }
}

/// The picture as the window shows it.
pub(crate) fn image(id: String, png: &[u8]) -> CaptchaImage {
    CaptchaImage {
        id,
        png_base64: base64::engine::general_purpose::STANDARD.encode(png),
    }
}

/// A code's answer spoken in `voice`, from its seed: the same sound for
/// one code and voice each time.
pub(crate) fn spoken(answer: &str, voice_seed: u64, voice: Voice) -> CaptchaAudio {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(voice_seed ^ voice as u64);
    let wav = speech::speak(answer, voice, &mut rng);
    CaptchaAudio {
        wav_base64: base64::engine::general_purpose::STANDARD.encode(&wav),
    }
}

/// Whether `answer` is the code's: compared in constant time.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

fn draw(fixed: Option<&str>) -> (Zeroizing<String>, Vec<u8>) {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::from_entropy();
    let answer = Zeroizing::new(match fixed {
        Some(text) => text.to_owned(),
        None => random_code(&mut rng),
    });
    let png = draw::draw(&answer, &mut rng);
    (answer, png)
}

fn random_code(rng: &mut impl rand::Rng) -> String {
    (0..CAPTCHA_LEN)
        .map(|_| CAPTCHA_CHARS[rng.gen_range(0..CAPTCHA_CHARS.len())])
        .collect()
}

/// For measuring the code against solvers and for the sample sheet only
/// (`scripts/captcha-attack.sh`, the `captcha-lab` example): draws a code
/// from a seed and gives its answer. No build of the app turns this on.
#[cfg(feature = "captcha-lab")]
pub mod lab {
    use rand::SeedableRng;

    pub use super::draw::{HEIGHT, WIDTH};

    /// The answer and the PNG of the code drawn from `seed`.
    pub fn draw(seed: u64) -> (String, Vec<u8>) {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let answer = super::random_code(&mut rng);
        let png = super::draw::draw(&answer, &mut rng);
        (answer, png)
    }

    /// The code drawn from `seed`, spoken: its answer and a WAV.
    pub fn speak(seed: u64, voice: super::Voice) -> (String, Vec<u8>) {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let answer = super::random_code(&mut rng);
        let wav = super::speech::speak(&answer, voice, &mut rng);
        (answer, wav)
    }

    /// One character of a spoken code: where it starts in the track (in
    /// samples), and the character in its voice and at its pace, before the
    /// equaliser and the babble: what intelligibility is measured against.
    pub struct Said {
        pub ch: char,
        pub at: usize,
        pub clean: Vec<f32>,
    }

    /// The code drawn from `seed`, spoken: its answer, the WAV and each
    /// character as said in it (the same WAV as [`speak`] gives).
    pub fn speak_parts(seed: u64, voice: super::Voice) -> (String, Vec<u8>, Vec<Said>) {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let answer = super::random_code(&mut rng);
        let spoken = super::speech::compose(&answer, voice, &mut rng);
        let said = spoken
            .said
            .into_iter()
            .map(|s| Said {
                ch: s.ch,
                at: s.at,
                clean: s.clean,
            })
            .collect();
        (answer, super::speech::wav(&spoken.track), said)
    }

    /// A PNG of the codes drawn from `seeds`, each with its answer under it.
    pub fn sheet(seeds: &[u64]) -> Vec<u8> {
        super::draw::sheet(seeds)
    }
}

#[cfg(test)]
mod tests;
