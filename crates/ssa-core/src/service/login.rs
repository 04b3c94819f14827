//! Login (spec 3.5): one answer for every failure, a counted lockout, and the
//! step the investor must take next.

use secrecy::{ExposeSecret, SecretString};

use super::{NextStep, Session, SessionKind, Ssa};
use crate::clock::from_millis;
use crate::domain::{Field, InternetPassword, InternetUserId, Problems};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};

/// A successful login.
#[derive(Debug, Clone)]
pub struct LoginSuccess {
    pub session: Session,
    pub next: NextStep,
}

impl Ssa {
    /// Logs in with an Internet User ID (any case) and password. Wrong ID,
    /// wrong password, locked or cancelled ID all give [`SsaError::LoginFailed`].
    pub async fn login(
        &self,
        internet_user_id: &str,
        password: &SecretString,
        kind: SessionKind,
    ) -> Result<LoginSuccess> {
        self.ensure_open().await?;
        let mut problems = Problems::default();
        let id = problems.check(
            Field::InternetUserId,
            InternetUserId::parse(internet_user_id),
        );
        let password = problems.check(
            Field::InternetPassword,
            InternetPassword::parse(password.expose_secret()),
        );
        problems.into_result()?;
        let (Some(id), Some(password)) = (id, password) else {
            return Err(SsaError::Internal);
        };
        let now = self.now_ms();
        let user = self
            .prove_internet_password(&id, &password, AuditKind::LoginFailed)
            .await?;

        let account = self
            .store
            .basic_account_by_id(user.basic_account_id)
            .await?
            .ok_or(SsaError::Internal)?;
        let ok = AuditEvent::new(AuditKind::LoginSucceeded, "ok")
            .internet_user(user.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        if !self.store.record_login_success(user.id, now, &ok).await? {
            // Locked by a parallel wrong attempt while this one verified.
            return Err(SsaError::LoginFailed);
        }
        let next = self.next_step_for(&user, &account);
        Ok(LoginSuccess {
            session: Session {
                internet_user_row: user.id,
                internet_user_id: user.internet_user_id,
                basic_user_id: account.basic_user_id,
                previous_login: user.last_login_at.map(from_millis),
                kind,
                last_activity: self.clock.now(),
                ended: false,
            },
            next,
        })
    }
}
