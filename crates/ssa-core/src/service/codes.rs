//! Verification codes through the service: drawing one (for this station,
//! or a server's client), Refresh, Listen, and checking an answer with the
//! pause after wrong ones, which the store keeps per station and screen.

use std::sync::Arc;

use super::Ssa;
use crate::error::{Result, SsaError};
use crate::security::captcha::{CaptchaAudio, CaptchaImage, CaptchaScreen, Voice};

impl Ssa {
    /// Draws a new verification code for `screen`.
    pub fn new_captcha(&self, screen: CaptchaScreen) -> CaptchaImage {
        self.captchas.issue(screen)
    }

    /// A new code drawn for a server's client at `station` (its address),
    /// replacing `old_id` if given: wrong codes pause that client only.
    pub fn new_captcha_at(
        &self,
        screen: CaptchaScreen,
        station: &str,
        old_id: Option<&str>,
    ) -> CaptchaImage {
        if let Some(old) = old_id {
            self.captchas.forget(old);
        }
        self.captchas.issue_at(screen, Arc::from(station))
    }

    /// Refresh: the old code stops working, a new one is drawn.
    pub fn refresh_captcha(&self, screen: CaptchaScreen, old_id: &str) -> CaptchaImage {
        self.captchas.refresh(screen, old_id)
    }

    /// The code `id` drawn for `screen`, spoken in `voice` (the same code:
    /// the same answer, the same one use and five minutes). A code that is
    /// unknown, used or too old is refused beside the code's field.
    pub fn captcha_audio(
        &self,
        screen: CaptchaScreen,
        id: &str,
        voice: Voice,
    ) -> Result<CaptchaAudio> {
        self.captchas
            .audio(screen, id, voice)
            .map_err(|e| SsaError::Invalid(vec![e]))
    }

    /// Checks a code answered on `screen` (used up whatever the outcome).
    pub(crate) async fn check_captcha(
        &self,
        screen: CaptchaScreen,
        id: &str,
        answer: &str,
    ) -> Result<std::result::Result<(), crate::domain::FieldError>> {
        use crate::clock::to_millis;
        use crate::domain::{Field, Rule};
        use crate::security::captcha::{
            Judged, CAPTCHA_FIRST_PAUSE_SECS, CAPTCHA_WRONG_BEFORE_PAUSE,
        };
        let now = to_millis(self.clock.now());
        let station = self.captchas.station_of(id);
        let (station, screen_name) = (&*station, screen.as_str());
        let counter = self.store.captcha_counter(station, screen_name).await?;
        if let Some(until) = counter.paused_until_ms.filter(|&u| u > now) {
            self.captchas.forget(id);
            let seconds = ((until - now + 999) / 1000).max(1) as u32;
            return Ok(Err(Rule::CaptchaPaused { seconds }.at(Field::Captcha)));
        }
        let rule = match self.captchas.judge(screen, id, answer) {
            Judged::Right => {
                self.store
                    .reset_captcha_counter(station, screen_name)
                    .await?;
                return Ok(Ok(()));
            }
            Judged::Empty => Rule::Required,
            Judged::Expired => Rule::CaptchaExpired,
            Judged::Used => Rule::CaptchaUsed,
            Judged::Wrong => {
                let paused = self
                    .store
                    .record_captcha_wrong(
                        station,
                        screen_name,
                        now,
                        i64::from(CAPTCHA_WRONG_BEFORE_PAUSE),
                        CAPTCHA_FIRST_PAUSE_SECS * 1000,
                    )
                    .await?;
                match paused {
                    Some(until) => Rule::CaptchaPaused {
                        seconds: ((until - now) / 1000).max(1) as u32,
                    },
                    None => Rule::CaptchaWrong,
                }
            }
        };
        Ok(Err(rule.at(Field::Captcha)))
    }

    /// Test builds only: every code drawn from now on has this answer.
    #[cfg(feature = "fixed-captcha")]
    pub fn fix_captcha_answer(&self, answer: Option<String>) {
        self.captchas.fix_answer(answer);
    }
}
