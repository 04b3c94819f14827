//! Changing the two passwords (spec 3.6 and 3.7): the current one must
//! verify, the new one must not be any of the last 12 (Basic) or 5 (Internet)
//! counting the current one. The history is read, checked and extended in
//! one transaction that holds the owner's row, so two changes at once cannot
//! both pass the rule.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::proofs::Proof;
use super::{NextStep, Session, Ssa};
use crate::domain::{BasicPassword, Field, InternetPassword, Problems, Rule};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::security::captcha::CaptchaScreen;
use crate::security::{BASIC_PASSWORD_HISTORY, INTERNET_PASSWORD_HISTORY, MAX_FAILED_ATTEMPTS};

/// Change CCASS Basic password form (spec 3.6).
#[derive(Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeBasicPasswordForm {
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub current_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub new_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub confirm_new_password: SecretString,
    pub captcha_id: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub captcha_answer: SecretString,
}

/// Change Internet password form (spec 3.7).
#[derive(Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeInternetPasswordForm {
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub current_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub new_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub confirm_new_password: SecretString,
}

fn attempts_left(failures: i64) -> u32 {
    (MAX_FAILED_ATTEMPTS - failures).max(0) as u32
}

impl Ssa {
    /// Changes the CCASS Basic password: the forced first-login step, or from
    /// the menu. Returns the step due next.
    pub async fn change_basic_password(
        &self,
        session: &mut Session,
        form: &ChangeBasicPasswordForm,
    ) -> Result<NextStep> {
        self.ensure_open().await?;
        self.touch(session).await?;
        let (user, account) = self.session_rows(session).await?;
        if self.next_step_for(&user, &account) == NextStep::ChangeInternetPassword {
            return Err(SsaError::NotAllowed);
        }
        let mut problems = Problems::default();
        let current = problems.check(
            Field::BasicPassword,
            BasicPassword::parse(form.current_password.expose_secret()),
        );
        let new = problems.check(
            Field::NewBasicPassword,
            BasicPassword::parse(form.new_password.expose_secret()),
        );
        problems.confirmation(
            Field::ConfirmBasicPassword,
            form.new_password.expose_secret(),
            form.confirm_new_password.expose_secret(),
        );
        problems.note(
            self.check_captcha(
                CaptchaScreen::ChangeBasicPassword,
                &form.captcha_id,
                form.captcha_answer.expose_secret(),
            )
            .await?,
        );
        if let (Some(current), Some(new)) = (&current, &new) {
            if current.same_as(new) {
                problems.push(Rule::SameAsCurrent.at(Field::NewBasicPassword));
            }
        }
        problems.into_result()?;
        let (Some(current), Some(new)) = (current, new) else {
            return Err(SsaError::Internal);
        };
        if account.locked {
            return Err(SsaError::BasicAccountLocked);
        }

        let failed = AuditEvent::new(AuditKind::BasicPasswordFailed, "wrong-basic-password")
            .internet_user(session.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        match self
            .prove_basic_password(&account, &current, failed)
            .await?
        {
            Proof::Right => {}
            Proof::Wrong(Some(c)) if !c.locked => {
                return Err(SsaError::CurrentBasicPasswordWrong {
                    attempts_left: attempts_left(c.failures),
                })
            }
            Proof::Wrong(_) => return Err(SsaError::BasicAccountLocked),
        }

        let Some(change) = self
            .store
            .lock_basic_history(account.id, BASIC_PASSWORD_HISTORY)
            .await?
        else {
            return Err(SsaError::BasicAccountLocked);
        };
        let hash = self
            .hash_unless_reused(
                new.expose(),
                change.history(),
                BASIC_PASSWORD_HISTORY,
                Field::NewBasicPassword,
            )
            .await?;
        let changed = AuditEvent::new(AuditKind::BasicPasswordChanged, "ok")
            .internet_user(session.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        change
            .set_basic_password(&hash, self.now_ms(), &changed)
            .await?;
        self.next_step(session).await
    }

    /// Changes the Internet password: the forced step when it has expired, or
    /// from the menu. Restarts the 90-day clock. Returns the step due next.
    ///
    /// The current password is first read as a password: text that cannot be
    /// one (empty, 10,000 characters, symbols) is refused by its format and
    /// spends no try, as on the login form.
    pub async fn change_internet_password(
        &self,
        session: &mut Session,
        form: &ChangeInternetPasswordForm,
    ) -> Result<NextStep> {
        self.ensure_open().await?;
        self.touch(session).await?;
        let (user, account) = self.session_rows(session).await?;
        if self.next_step_for(&user, &account) == NextStep::ChangeBasicPassword {
            return Err(SsaError::NotAllowed);
        }
        let mut problems = Problems::default();
        let current = problems.check(
            Field::InternetPassword,
            InternetPassword::parse(form.current_password.expose_secret()),
        );
        let new = problems.check(
            Field::NewInternetPassword,
            InternetPassword::parse(form.new_password.expose_secret()),
        );
        problems.confirmation(
            Field::ConfirmNewInternetPassword,
            form.new_password.expose_secret(),
            form.confirm_new_password.expose_secret(),
        );
        if let (Some(current), Some(new)) = (&current, &new) {
            if new.expose() == current.expose() {
                problems.push(Rule::SameAsCurrent.at(Field::NewInternetPassword));
            }
        }
        problems.into_result()?;
        let (Some(current), Some(new)) = (current, new) else {
            return Err(SsaError::Internal);
        };

        match self
            .prove_password_of(
                &user,
                current.expose(),
                AuditKind::InternetPasswordCheckFailed,
            )
            .await?
        {
            Proof::Right => {}
            Proof::Wrong(Some(c)) if !c.locked => {
                return Err(SsaError::CurrentInternetPasswordWrong {
                    attempts_left: attempts_left(c.failures),
                })
            }
            Proof::Wrong(_) => {
                session.ended = true;
                return Err(SsaError::SessionEnded);
            }
        }

        let Some(change) = self
            .store
            .lock_internet_history(user.id, INTERNET_PASSWORD_HISTORY, false)
            .await?
        else {
            session.ended = true;
            return Err(SsaError::SessionEnded);
        };
        let hash = self
            .hash_unless_reused(
                new.expose(),
                change.history(),
                INTERNET_PASSWORD_HISTORY,
                Field::NewInternetPassword,
            )
            .await?;
        let changed = AuditEvent::new(AuditKind::InternetPasswordChanged, "ok")
            .internet_user(user.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        change
            .set_internet_password(&hash, self.now_ms(), &changed)
            .await?;
        self.next_step(session).await
    }
}
