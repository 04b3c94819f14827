//! Login (spec 3.5): one answer for every failure, a counted lockout, and the
//! step the investor must take next.

use secrecy::{ExposeSecret, SecretString};

use super::{NextStep, Session, SessionKind, Ssa};
use crate::clock::from_millis;
use crate::domain::{Field, InternetPassword, InternetUserId, Problems};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::store::InternetUserRow;

/// A successful login.
#[derive(Debug, Clone)]
pub struct LoginSuccess {
    pub session: Session,
    pub next: NextStep,
}

impl Ssa {
    /// Proves that `password` is the live, unlocked ID's Internet password.
    /// A wrong one is counted toward the lock; an unknown, locked or cancelled
    /// ID costs the same time. Every failure is audited as `failure_kind` and
    /// answered with [`SsaError::LoginFailed`], so nobody learns which IDs exist.
    pub(crate) async fn prove_internet_password(
        &self,
        id: &InternetUserId,
        password: &InternetPassword,
        failure_kind: AuditKind,
    ) -> Result<InternetUserRow> {
        let now = self.now_ms();
        let failed = |outcome| AuditEvent::new(failure_kind, outcome).internet_user(id.as_str());
        let user = self.store.internet_user(&id.key()).await?;
        let Some(user) = user.filter(|u| !u.locked && u.cancelled_at.is_none()) else {
            // Spend the same time as a wrong password, then say the same thing.
            self.hasher.verify_decoy(password.expose()).await?;
            self.store
                .audit(now, &failed("unknown-locked-or-cancelled"))
                .await?;
            return Err(SsaError::LoginFailed);
        };
        if !self
            .hasher
            .verify(password.expose(), &user.password_hash)
            .await?
        {
            let locked = AuditEvent::new(AuditKind::InternetUserLocked, "five-wrong-passwords")
                .internet_user(user.internet_user_id.as_str());
            self.store
                .record_login_failure(user.id, now, &failed("wrong-password"), &locked)
                .await?;
            return Err(SsaError::LoginFailed);
        }
        Ok(user)
    }

    /// Logs in with an Internet User ID (any case) and password. Wrong ID,
    /// wrong password, locked or cancelled ID all give [`SsaError::LoginFailed`].
    pub async fn login(
        &self,
        internet_user_id: &str,
        password: &SecretString,
        kind: SessionKind,
    ) -> Result<LoginSuccess> {
        self.ensure_open()?;
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
                internet_user: user.id,
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
