//! Verification codes through the service: drawing one (for this station,
//! or a server's client), Refresh, Listen, and checking an answer with the
//! pause after wrong ones. Codes live in the store, so any instance or
//! kiosk checks a code another drew: the store keeps a keyed digest of the
//! code's id, of its answer, its screen, station and time, and whether it
//! was used. The answer itself travels sealed in the id (under a key
//! derived from the pepper) for Listen, and is never stored.

use zeroize::Zeroizing;

use super::unfinished::PENDING_LIFETIME_SECS;
use super::Ssa;
use crate::domain::{Field, FieldError, Rule};
use crate::error::{Result, SsaError};
use crate::security::captcha::{
    image, same, spoken, CaptchaAudio, CaptchaImage, CaptchaScreen, Judged, Voice,
    CAPTCHA_LIFETIME_SECS,
};
use crate::store::CodeRow;

/// A seed's bytes, then the answer: what a code's id seals.
const SEED_LEN: usize = 8;

impl Ssa {
    /// Draws a new verification code for `screen`, at this station.
    pub async fn new_captcha(&self, screen: CaptchaScreen) -> Result<CaptchaImage> {
        let station = self.captchas.station().to_owned();
        self.draw_code(screen, &station).await
    }

    /// A new code drawn for a server's client at `station` (its address),
    /// replacing `old_id` if given: wrong codes pause that client only.
    pub async fn new_captcha_at(
        &self,
        screen: CaptchaScreen,
        station: &str,
        old_id: Option<&str>,
    ) -> Result<CaptchaImage> {
        if let Some(old) = old_id {
            self.forget_code(old).await?;
        }
        self.draw_code(screen, station).await
    }

    /// Refresh: the old code stops working, a new one is drawn for the
    /// same station.
    pub async fn refresh_captcha(
        &self,
        screen: CaptchaScreen,
        old_id: &str,
    ) -> Result<CaptchaImage> {
        let station = self
            .code_row(old_id)
            .await?
            .map_or_else(|| self.captchas.station().to_owned(), |row| row.station);
        self.forget_code(old_id).await?;
        self.draw_code(screen, &station).await
    }

    /// The code `id` drawn for `screen`, spoken in `voice` (the same code:
    /// the same answer, the same one use and five minutes, and the same
    /// sound each time). A code that is unknown, used or too old is refused
    /// beside the code's field.
    pub async fn captcha_audio(
        &self,
        screen: CaptchaScreen,
        id: &str,
        voice: Voice,
    ) -> Result<CaptchaAudio> {
        let refused = |rule: Rule| SsaError::Invalid(vec![rule.at(Field::Captcha)]);
        let row = self
            .live_code(id)
            .await?
            .ok_or(refused(Rule::CaptchaExpired))?;
        if row.used {
            return Err(refused(Rule::CaptchaUsed));
        }
        if row.screen != screen.as_str() {
            return Err(refused(Rule::CaptchaExpired));
        }
        let (seed, answer) = self.opened(id).ok_or(refused(Rule::CaptchaExpired))?;
        Ok(spoken(&answer, seed, voice))
    }

    /// The demo set-up's own code: drawn at this station like any other,
    /// with the answer the core opens from the id it sealed. Crate-private,
    /// for [`crate::demo`] only, which registers its ready demo login through
    /// the same steps an investor takes: no window, server or client ever
    /// receives an answer.
    pub(crate) async fn answered_code(
        &self,
        screen: CaptchaScreen,
    ) -> Result<(String, secrecy::SecretString)> {
        let drawn = self.new_captcha(screen).await?;
        let (_, answer) = self.opened(&drawn.id).ok_or(SsaError::Internal)?;
        Ok((drawn.id, secrecy::SecretString::from(answer.as_str())))
    }

    async fn draw_code(&self, screen: CaptchaScreen, station: &str) -> Result<CaptchaImage> {
        let now = self.now_ms();
        let drawn = self.captchas.draw();
        let mut secret = Zeroizing::new(drawn.voice_seed.to_le_bytes().to_vec());
        secret.extend_from_slice(drawn.answer.as_bytes());
        let id = self.hasher.seal(&secret)?;
        self.forget_stale(now).await?;
        let row = CodeRow {
            screen: screen.as_str().to_owned(),
            station: station.to_owned(),
            answer_digest: self.hasher.code_answer_digest(&id, &drawn.answer),
            drawn_at_ms: now,
            used: false,
        };
        self.store
            .insert_code(&self.hasher.code_id_digest(&id), &row)
            .await?;
        Ok(image(id, &drawn.png))
    }

    /// Forgets codes and steps past their time (each draw and each step
    /// begun does: the tables hold five minutes' worth).
    pub(super) async fn forget_stale(&self, now: i64) -> Result<()> {
        self.store
            .forget_stale(
                now - CAPTCHA_LIFETIME_SECS * 1000,
                now - PENDING_LIFETIME_SECS * 1000,
            )
            .await
    }

    /// The seed and answer sealed in `id`, if it is a code this deployment
    /// drew.
    fn opened(&self, id: &str) -> Option<(u64, Zeroizing<String>)> {
        let secret = self.hasher.open(id)?;
        let (seed, answer) = secret.split_at_checked(SEED_LEN)?;
        let seed = u64::from_le_bytes(seed.try_into().ok()?);
        let answer = Zeroizing::new(std::str::from_utf8(answer).ok()?.to_owned());
        Some((seed, answer))
    }

    async fn code_row(&self, id: &str) -> Result<Option<CodeRow>> {
        self.store.code(&self.hasher.code_id_digest(id)).await
    }

    /// The code `id` while it is within its five minutes.
    async fn live_code(&self, id: &str) -> Result<Option<CodeRow>> {
        let since = self.now_ms() - CAPTCHA_LIFETIME_SECS * 1000;
        Ok(self.code_row(id).await?.filter(|r| r.drawn_at_ms >= since))
    }

    async fn forget_code(&self, id: &str) -> Result<()> {
        self.store
            .forget_code(&self.hasher.code_id_digest(id))
            .await
    }

    /// Judges an answer given on `screen` to the code `row` stored for
    /// `id`: the code is used up whatever the verdict (but for an empty
    /// answer, which is only a required field), once, whichever instance
    /// asks first.
    async fn judge(
        &self,
        screen: CaptchaScreen,
        id: &str,
        row: Option<&CodeRow>,
        answer: &str,
    ) -> Result<Judged> {
        if answer.is_empty() {
            return Ok(Judged::Empty);
        }
        let since = self.now_ms() - CAPTCHA_LIFETIME_SECS * 1000;
        let Some(row) = row.filter(|r| r.drawn_at_ms >= since) else {
            return Ok(Judged::Expired);
        };
        if row.used || !self.store.use_code(&self.hasher.code_id_digest(id)).await? {
            return Ok(Judged::Used);
        }
        let right = same(
            &row.answer_digest,
            &self.hasher.code_answer_digest(id, answer),
        );
        Ok(if right && row.screen == screen.as_str() {
            Judged::Right
        } else {
            Judged::Wrong
        })
    }

    /// Checks a code answered on `screen` (used up whatever the outcome).
    pub(crate) async fn check_captcha(
        &self,
        screen: CaptchaScreen,
        id: &str,
        answer: &str,
    ) -> Result<std::result::Result<(), FieldError>> {
        use crate::security::captcha::{CAPTCHA_FIRST_PAUSE_SECS, CAPTCHA_WRONG_BEFORE_PAUSE};
        let now = self.now_ms();
        let row = self.code_row(id).await?;
        // The pause is kept per station and screen: the code's station, or
        // this one's when the code is unknown.
        let station = row
            .as_ref()
            .map_or_else(|| self.captchas.station().to_owned(), |r| r.station.clone());
        let screen_name = screen.as_str();
        let counter = self.store.captcha_counter(&station, screen_name).await?;
        if let Some(until) = counter.paused_until_ms.filter(|&u| u > now) {
            self.forget_code(id).await?;
            let seconds = ((until - now + 999) / 1000).max(1) as u32;
            return Ok(Err(Rule::CaptchaPaused { seconds }.at(Field::Captcha)));
        }
        let rule = match self.judge(screen, id, row.as_ref(), answer).await? {
            Judged::Right => {
                self.store
                    .reset_captcha_counter(&station, screen_name)
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
                        &station,
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
