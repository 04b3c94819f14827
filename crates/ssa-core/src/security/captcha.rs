//! The verification code: an image drawn here, its answer kept here. A code is
//! case sensitive, good for one check only and for 5 minutes; five wrong codes
//! in a row give a pause that doubles each time (spec 4). The answer never
//! leaves the service layer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use captcha::filters::{Noise, Wave};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::clock::Clock;
use crate::domain::{Field, FieldError, Rule};

/// How long a code may be answered.
pub const CAPTCHA_LIFETIME_SECS: i64 = 5 * 60;
/// Wrong codes in a row before a pause.
pub const CAPTCHA_WRONG_BEFORE_PAUSE: u32 = 5;
/// The first pause; each later one is twice the one before.
pub const CAPTCHA_FIRST_PAUSE_SECS: i64 = 30;
/// Characters in a code.
const CAPTCHA_LEN: u32 = 5;
/// No look-alikes (l/1/I, o/O/0, c/C, s/S, ...) in a case-sensitive code,
/// and only characters the built-in font can draw.
const CAPTCHA_CHARS: &[char] = &[
    '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'd', 'e', 'f', 'g', 'h', 'k', 'm', 'n', 'q',
    'r', 't', 'y', 'A', 'B', 'D', 'E', 'F', 'G', 'H', 'K', 'M', 'N', 'Q', 'R', 'T', 'Y',
];
/// At most this many codes are kept waiting for an answer.
const MAX_OUTSTANDING: usize = 256;

/// A drawn code: the id to answer it by and its PNG image.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Serialize)]
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

struct Issued {
    answer: Zeroizing<String>,
    at: DateTime<Utc>,
}

#[derive(Default)]
struct State {
    issued: HashMap<String, Issued>,
    wrong_in_a_row: u32,
    pauses: u32,
    paused_until: Option<DateTime<Utc>>,
    #[cfg(feature = "fixed-captcha")]
    fixed_answer: Option<String>,
}

/// Draws and checks verification codes for one app instance.
#[derive(Clone)]
pub struct Captchas {
    clock: Arc<dyn Clock>,
    state: Arc<Mutex<State>>,
}

impl Captchas {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            clock,
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Draws a new code.
    pub fn issue(&self) -> CaptchaImage {
        let now = self.clock.now();
        let mut state = self.state();
        #[cfg(feature = "fixed-captcha")]
        let fixed = state.fixed_answer.clone();
        #[cfg(not(feature = "fixed-captcha"))]
        let fixed: Option<String> = None;
        let (answer, png) = draw(fixed.as_deref());
        let id = new_id();
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
        state.issued.insert(id.clone(), Issued { answer, at: now });
        CaptchaImage {
            id,
            png_base64: base64(&png),
        }
    }

    /// Refresh: forgets the old code and draws a new one.
    pub fn refresh(&self, old_id: &str) -> CaptchaImage {
        self.state().issued.remove(old_id);
        self.issue()
    }

    /// Checks an answer. The code is used up whatever the outcome.
    pub fn check(&self, id: &str, answer: &str) -> Result<(), FieldError> {
        let now = self.clock.now();
        let mut state = self.state();
        if let Some(until) = state.paused_until {
            if now < until {
                state.issued.remove(id);
                let seconds = (until - now).num_seconds().max(1) as u32;
                return Err(Rule::CaptchaPaused { seconds }.at(Field::Captcha));
            }
            state.paused_until = None;
        }
        if answer.is_empty() {
            return Err(Rule::Required.at(Field::Captcha));
        }
        let Some(issued) = state.issued.remove(id) else {
            return Err(Rule::CaptchaExpired.at(Field::Captcha));
        };
        if now - issued.at > Duration::seconds(CAPTCHA_LIFETIME_SECS) {
            return Err(Rule::CaptchaExpired.at(Field::Captcha));
        }
        let right: bool = issued.answer.as_bytes().ct_eq(answer.as_bytes()).into();
        if right {
            state.wrong_in_a_row = 0;
            state.pauses = 0;
            return Ok(());
        }
        state.wrong_in_a_row += 1;
        if state.wrong_in_a_row >= CAPTCHA_WRONG_BEFORE_PAUSE {
            let seconds = CAPTCHA_FIRST_PAUSE_SECS << state.pauses.min(10);
            state.pauses += 1;
            state.wrong_in_a_row = 0;
            state.paused_until = Some(now + Duration::seconds(seconds));
            return Err(Rule::CaptchaPaused {
                seconds: seconds as u32,
            }
            .at(Field::Captcha));
        }
        Err(Rule::CaptchaWrong.at(Field::Captcha))
    }

    /// Test builds only: every code drawn from now on has this answer.
    #[cfg(feature = "fixed-captcha")]
    pub fn fix_answer(&self, answer: Option<String>) {
        self.state().fixed_answer = answer;
    }
}

fn draw(fixed: Option<&str>) -> (Zeroizing<String>, Vec<u8>) {
    let mut c = captcha::Captcha::new();
    match fixed {
        Some(text) => {
            for ch in text.chars() {
                c.set_chars(&[ch]).add_char();
            }
        }
        None => {
            c.set_chars(CAPTCHA_CHARS).add_chars(CAPTCHA_LEN);
        }
    }
    c.apply_filter(Noise::new(0.1))
        .apply_filter(Wave::new(2.0, 8.0))
        .view(220, 90);
    let answer = Zeroizing::new(c.chars_as_string());
    (answer, c.as_png().unwrap_or_default())
}

fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn every_code_character_is_in_the_font() {
        let supported = captcha::Captcha::new().supported_chars();
        for c in CAPTCHA_CHARS {
            assert!(supported.contains(c), "{c} cannot be drawn");
        }
    }

    #[test]
    fn drawn_code_uses_only_unambiguous_characters() {
        let (answer, png) = draw(None);
        assert_eq!(answer.chars().count(), CAPTCHA_LEN as usize);
        assert!(answer.chars().all(|c| CAPTCHA_CHARS.contains(&c)));
        assert_eq!(&png[1..4], b"PNG");
    }
}
