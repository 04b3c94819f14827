//! Changing the two passwords (spec 3.6 and 3.7): the current one must
//! verify, the new one must not be any of the last 12 (Basic) or 5 (Internet)
//! counting the current one.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::{NextStep, Session, Ssa};
use crate::domain::{BasicPassword, Field, InternetPassword, Problems, Rule};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::security::{BASIC_PASSWORD_HISTORY, INTERNET_PASSWORD_HISTORY, MAX_FAILED_ATTEMPTS};

/// Change CCASS Basic password form (spec 3.6).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeBasicPasswordForm {
    pub current_password: SecretString,
    pub new_password: SecretString,
    pub confirm_new_password: SecretString,
    pub captcha_id: String,
    pub captcha_answer: SecretString,
}

/// Change Internet password form (spec 3.7).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeInternetPasswordForm {
    pub current_password: SecretString,
    pub new_password: SecretString,
    pub confirm_new_password: SecretString,
}

fn attempts_left(failures: i64) -> u32 {
    (MAX_FAILED_ATTEMPTS - failures).max(0) as u32
}

impl Ssa {
    /// The hash of a new Internet password, which must be none of the last 5
    /// (the current one included). Every path that sets one goes through here.
    pub(crate) async fn new_internet_password_hash(
        &self,
        user_id: i64,
        new: &InternetPassword,
    ) -> Result<String> {
        let history = self
            .store
            .internet_password_history(user_id, INTERNET_PASSWORD_HISTORY)
            .await?;
        if self.hasher.matches_any(new.expose(), history).await? {
            return Err(SsaError::invalid(
                Rule::Reused {
                    count: INTERNET_PASSWORD_HISTORY,
                }
                .at(Field::NewInternetPassword),
            ));
        }
        self.hasher.hash(new.expose()).await
    }

    /// Changes the CCASS Basic password: the forced first-login step, or from
    /// the menu. Returns the step due next.
    pub async fn change_basic_password(
        &self,
        session: &mut Session,
        form: &ChangeBasicPasswordForm,
    ) -> Result<NextStep> {
        self.ensure_open()?;
        self.touch(session)?;
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
            self.captchas
                .check(&form.captcha_id, form.captcha_answer.expose_secret()),
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

        let now = self.now_ms();
        if !self
            .hasher
            .verify(current.expose(), &account.password_hash)
            .await?
        {
            let failed = AuditEvent::new(AuditKind::BasicPasswordFailed, "wrong-basic-password")
                .internet_user(session.internet_user_id.as_str())
                .basic_user(account.basic_user_id.as_str());
            let locked =
                AuditEvent::new(AuditKind::BasicAccountLocked, "five-wrong-basic-passwords")
                    .basic_user(account.basic_user_id.as_str());
            let count = self
                .store
                .record_basic_failure(account.id, now, &failed, &locked)
                .await?;
            return Err(match count {
                Some(c) if !c.locked => SsaError::CurrentBasicPasswordWrong {
                    attempts_left: attempts_left(c.failures),
                },
                _ => SsaError::BasicAccountLocked,
            });
        }

        let history = self
            .store
            .basic_password_history(account.id, BASIC_PASSWORD_HISTORY)
            .await?;
        if self.hasher.matches_any(new.expose(), history).await? {
            return Err(SsaError::invalid(
                Rule::Reused {
                    count: BASIC_PASSWORD_HISTORY,
                }
                .at(Field::NewBasicPassword),
            ));
        }
        let hash = self.hasher.hash(new.expose()).await?;
        let changed = AuditEvent::new(AuditKind::BasicPasswordChanged, "ok")
            .internet_user(session.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        if !self
            .store
            .set_basic_password(account.id, &hash, now, &changed)
            .await?
        {
            return Err(SsaError::BasicAccountLocked);
        }
        self.next_step(session).await
    }

    /// Changes the Internet password: the forced step when it has expired, or
    /// from the menu. Restarts the 90-day clock. Returns the step due next.
    pub async fn change_internet_password(
        &self,
        session: &mut Session,
        form: &ChangeInternetPasswordForm,
    ) -> Result<NextStep> {
        self.ensure_open()?;
        self.touch(session)?;
        let (user, account) = self.session_rows(session).await?;
        if self.next_step_for(&user, &account) == NextStep::ChangeBasicPassword {
            return Err(SsaError::NotAllowed);
        }
        let mut problems = Problems::default();
        let current = form.current_password.expose_secret();
        if current.is_empty() {
            problems.push(Rule::Required.at(Field::InternetPassword));
        }
        let new = problems.check(
            Field::NewInternetPassword,
            InternetPassword::parse(form.new_password.expose_secret()),
        );
        problems.confirmation(
            Field::ConfirmNewInternetPassword,
            form.new_password.expose_secret(),
            form.confirm_new_password.expose_secret(),
        );
        if new.as_ref().is_some_and(|n| n.expose() == current) {
            problems.push(Rule::SameAsCurrent.at(Field::NewInternetPassword));
        }
        problems.into_result()?;
        let Some(new) = new else {
            return Err(SsaError::Internal);
        };

        let now = self.now_ms();
        if !self.hasher.verify(current, &user.password_hash).await? {
            let failed = AuditEvent::new(AuditKind::LoginFailed, "wrong-current-password")
                .internet_user(user.internet_user_id.as_str());
            let locked = AuditEvent::new(AuditKind::InternetUserLocked, "five-wrong-passwords")
                .internet_user(user.internet_user_id.as_str());
            let count = self
                .store
                .record_login_failure(user.id, now, &failed, &locked)
                .await?;
            return Err(match count {
                Some(c) if !c.locked => SsaError::CurrentInternetPasswordWrong {
                    attempts_left: attempts_left(c.failures),
                },
                _ => {
                    session.ended = true;
                    SsaError::SessionEnded
                }
            });
        }

        let hash = self.new_internet_password_hash(user.id, &new).await?;
        let changed = AuditEvent::new(AuditKind::InternetPasswordChanged, "ok")
            .internet_user(user.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        if !self
            .store
            .set_internet_password(user.id, &hash, now, &changed)
            .await?
        {
            session.ended = true;
            return Err(SsaError::SessionEnded);
        }
        self.next_step(session).await
    }
}
