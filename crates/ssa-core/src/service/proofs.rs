//! Proving a password: the one place each of the two passwords is checked
//! against its hash. A wrong one is counted toward its lock in the same
//! transaction as its audit entry; a right one resets its counter (spec 4:
//! "a success resets its counter"), whatever the step then decides.

use super::Ssa;
use crate::domain::{BasicPassword, Field, InternetPassword, InternetUserId, Rule};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::store::{BasicAccountRow, Counted, FailureCount, InternetUserRow};

/// The verdict on a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Proof {
    Right,
    /// Wrong, and counted (`None`: locked meanwhile).
    Wrong(Option<FailureCount>),
}

impl Ssa {
    /// Proves `password` is the account's Basic password. The caller has
    /// checked the account is not locked; `failed` is the audit entry of a
    /// wrong one.
    pub(crate) async fn prove_basic_password(
        &self,
        account: &BasicAccountRow,
        password: &BasicPassword,
        failed: AuditEvent,
    ) -> Result<Proof> {
        if self
            .hasher
            .verify(password.expose(), &account.password_hash)
            .await?
        {
            if account.failed_attempts > 0 {
                self.store
                    .reset_failures(Counted::BasicPassword, account.id)
                    .await?;
            }
            return Ok(Proof::Right);
        }
        let locked = AuditEvent::new(AuditKind::BasicAccountLocked, "five-wrong-basic-passwords")
            .basic_user(account.basic_user_id.as_str());
        let count = self
            .store
            .record_failure(
                Counted::BasicPassword,
                account.id,
                self.now_ms(),
                &failed,
                &locked,
            )
            .await?;
        Ok(Proof::Wrong(count))
    }

    /// Proves that `password` is the live, unlocked ID's Internet password.
    /// A wrong one is counted toward the lock; an unknown, locked or cancelled
    /// ID costs the same time. Every failure is audited as `failure_kind` and
    /// answered with [`SsaError::LoginFailed`], so nobody learns which IDs
    /// exist. An ID that names no user is audited as a keyed digest only: it
    /// may be a password typed into the wrong field.
    pub(crate) async fn prove_internet_password(
        &self,
        id: &InternetUserId,
        password: &InternetPassword,
        failure_kind: AuditKind,
    ) -> Result<InternetUserRow> {
        let now = self.now_ms();
        let user = self.store.internet_user(&id.key()).await?;
        let user = match user {
            Some(u) if !u.locked && u.cancelled_at.is_none() => u,
            found => {
                // Spend the same time as a wrong password, then say the same thing.
                self.hasher.verify_decoy(password.expose()).await?;
                let event = match found {
                    Some(u) => AuditEvent::new(failure_kind, "locked-or-cancelled")
                        .internet_user(u.internet_user_id),
                    None => AuditEvent::new(failure_kind, "unknown-id")
                        .internet_user(self.hasher.typed_id_digest(id.as_str())),
                };
                self.store.audit(now, &event).await?;
                return Err(SsaError::LoginFailed);
            }
        };
        match self
            .prove_password_of(&user, password.expose(), failure_kind)
            .await?
        {
            Proof::Right => Ok(user),
            Proof::Wrong(_) => Err(SsaError::LoginFailed),
        }
    }

    /// Proves `password` is this live user's Internet password: counted when
    /// wrong (audited as `failure_kind`), the counter reset when right.
    pub(crate) async fn prove_password_of(
        &self,
        user: &InternetUserRow,
        password: &str,
        failure_kind: AuditKind,
    ) -> Result<Proof> {
        if self.hasher.verify(password, &user.password_hash).await? {
            if user.failed_attempts > 0 {
                self.store
                    .reset_failures(Counted::InternetPassword, user.id)
                    .await?;
            }
            return Ok(Proof::Right);
        }
        let failed = AuditEvent::new(failure_kind, "wrong-password")
            .internet_user(user.internet_user_id.as_str());
        let locked = AuditEvent::new(AuditKind::InternetUserLocked, "five-wrong-passwords")
            .internet_user(user.internet_user_id.as_str());
        let count = self
            .store
            .record_failure(
                Counted::InternetPassword,
                user.id,
                self.now_ms(),
                &failed,
                &locked,
            )
            .await?;
        Ok(Proof::Wrong(count))
    }

    /// The hash of `new`, unless it is one of `history` (the last passwords,
    /// the current one included): then the reuse rule names `field`.
    pub(crate) async fn hash_unless_reused(
        &self,
        new: &str,
        history: Vec<String>,
        count: u32,
        field: Field,
    ) -> Result<String> {
        if self.hasher.matches_any(new, history).await? {
            return Err(SsaError::invalid(Rule::Reused { count }.at(field)));
        }
        self.hasher.hash(new).await
    }
}
