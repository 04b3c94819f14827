//! The verification code: an image drawn here, its answer kept here. A code is
//! case sensitive, good for one check only, on the screen it was drawn for, and
//! for 5 minutes; five wrong codes in a row on one screen give a pause that
//! doubles each time, kept in the store so that it survives a restart (spec 4). The answer never
//! leaves the service layer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::clock::Clock;
use crate::domain::{Field, FieldError, Rule};

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

/// At most this many codes are kept waiting for an answer.
const MAX_OUTSTANDING: usize = 256;

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

struct Issued {
    answer: Zeroizing<String>,
    /// What the code's spoken form is drawn from: Listen gives the same
    /// sound for one code each time, so that an attacker cannot average
    /// many noises over one answer.
    voice_seed: u64,
    screen: CaptchaScreen,
    at: DateTime<Utc>,
    /// Answered once already: kept until its time is up, so a second answer
    /// is told "already used" rather than "expired".
    used: bool,
    /// Where it was drawn for: the pause after wrong codes is counted per
    /// station (a kiosk, a desktop, a server's client address).
    station: Arc<str>,
}

#[derive(Default)]
struct State {
    issued: HashMap<String, Issued>,
    #[cfg(feature = "fixed-captcha")]
    fixed_answer: Option<String>,
}

/// Draws and checks verification codes. The drawn answers live in memory
/// (a code outlives no restart); the wrong-code counters live in the store.
#[derive(Clone)]
pub struct Captchas {
    clock: Arc<dyn Clock>,
    station: Arc<str>,
    state: Arc<Mutex<State>>,
}

impl Captchas {
    pub fn new(clock: Arc<dyn Clock>, station: &str) -> Self {
        Self {
            clock,
            station: Arc::from(station),
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Draws a new code for `screen`, at this station.
    pub fn issue(&self, screen: CaptchaScreen) -> CaptchaImage {
        self.issue_at(screen, Arc::clone(&self.station))
    }

    /// Draws a new code for `screen` at `station`: a server names the
    /// client's address, so one client's wrong codes pause only that client.
    pub fn issue_at(&self, screen: CaptchaScreen, station: Arc<str>) -> CaptchaImage {
        let now = self.clock.now();
        #[cfg(feature = "fixed-captcha")]
        let fixed = self.state().fixed_answer.clone();
        #[cfg(not(feature = "fixed-captcha"))]
        let fixed: Option<String> = None;
        let (answer, png) = draw(fixed.as_deref());
        let id = new_id();
        let mut state = self.state();
        state
            .issued
            .retain(|_, i| now - i.at <= Duration::seconds(CAPTCHA_LIFETIME_SECS));
        if state.issued.len() >= MAX_OUTSTANDING {
            // Oldest first out: a window that asks for codes in a loop cannot
            // grow this without bound.
            if let Some(oldest) = state
                .issued
                .iter()
                .min_by_key(|(_, i)| i.at)
                .map(|(k, _)| k.clone())
            {
                state.issued.remove(&oldest);
            }
        }
        state.issued.insert(
            id.clone(),
            Issued {
                answer,
                voice_seed: rand::random(),
                screen,
                at: now,
                used: false,
                station,
            },
        );
        CaptchaImage {
            id,
            png_base64: base64::engine::general_purpose::STANDARD.encode(&png),
        }
    }

    /// Refresh: forgets the old code and draws a new one, for the same
    /// station.
    pub fn refresh(&self, screen: CaptchaScreen, old_id: &str) -> CaptchaImage {
        let station = self.station_of(old_id);
        self.state().issued.remove(old_id);
        self.issue_at(screen, station)
    }

    /// The code `id` (drawn for `screen`), spoken in `voice`. Listening
    /// neither uses the code up nor gives it more time: it is the same code,
    /// with the same one answer, five minutes and pause. Listening again to
    /// one code gives the same sound, not a new noise over the same answer.
    pub fn audio(
        &self,
        screen: CaptchaScreen,
        id: &str,
        voice: Voice,
    ) -> std::result::Result<CaptchaAudio, FieldError> {
        use rand::SeedableRng;
        let now = self.clock.now();
        let (answer, seed) = {
            let state = self.state();
            match state.issued.get(id) {
                Some(i) if i.used => return Err(Rule::CaptchaUsed.at(Field::Captcha)),
                Some(i)
                    if i.screen == screen
                        && now - i.at <= Duration::seconds(CAPTCHA_LIFETIME_SECS) =>
                {
                    (i.answer.clone(), i.voice_seed)
                }
                _ => return Err(Rule::CaptchaExpired.at(Field::Captcha)),
            }
        };
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ voice as u64);
        let wav = speech::speak(&answer, voice, &mut rng);
        Ok(CaptchaAudio {
            wav_base64: base64::engine::general_purpose::STANDARD.encode(&wav),
        })
    }

    /// The station code `id` was drawn for (this one's when the code is
    /// unknown): the pause is kept per station and screen.
    pub(crate) fn station_of(&self, id: &str) -> Arc<str> {
        self.state()
            .issued
            .get(id)
            .map_or_else(|| Arc::clone(&self.station), |i| Arc::clone(&i.station))
    }

    /// Forgets code `id` (a paused screen answers no code).
    pub(crate) fn forget(&self, id: &str) {
        self.state().issued.remove(id);
    }

    /// Judges an answer given on `screen`: the code is used up whatever the
    /// verdict (but for an empty answer, which is only a required field).
    /// The pause and its counter are the service's (`Ssa::check_captcha`).
    pub(crate) fn judge(&self, screen: CaptchaScreen, id: &str, answer: &str) -> Judged {
        let now = self.clock.now();
        if answer.is_empty() {
            return Judged::Empty;
        }
        let mut state = self.state();
        let Some(issued) = state.issued.get_mut(id) else {
            return Judged::Expired;
        };
        if now - issued.at > Duration::seconds(CAPTCHA_LIFETIME_SECS) {
            state.issued.remove(id);
            return Judged::Expired;
        }
        if issued.used {
            return Judged::Used;
        }
        issued.used = true;
        let right: bool = issued.answer.as_bytes().ct_eq(answer.as_bytes()).into();
        if right && issued.screen == screen {
            Judged::Right
        } else {
            Judged::Wrong
        }
    }

    /// Test builds only: every code drawn from now on has this answer.
    #[cfg(feature = "fixed-captcha")]
    pub fn fix_answer(&self, answer: Option<String>) {
        self.state().fixed_answer = answer;
    }
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

fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests;
