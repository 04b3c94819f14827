//! The two password histories (every password set, the current one
//! included) and the one way to change a password: lock the owner's row,
//! read its history, let the caller check the new password against it, then
//! write the password, the history entry and the audit entry, all in one
//! transaction. Two changes at once therefore cannot both pass the history
//! rule: the second waits for the first and then sees its password.

use super::failures::{lock_if_changeable, Counted};
use super::{audit, sql, Sql, Store, Tx};
use crate::error::Result;
use crate::security::audit::AuditEvent;

pub(crate) fn push_basic(account_id: i64, hash: &str, now: i64) -> Sql {
    sql(
        "INSERT INTO basic_password_history (basic_account_id, password_hash, set_at) \
         VALUES ($1, $2, $3)",
    )
    .arg(account_id)
    .arg(hash)
    .arg(now)
}

pub(crate) fn push_internet(user_id: i64, hash: &str, now: i64) -> Sql {
    sql(
        "INSERT INTO internet_password_history (internet_user_id, password_hash, set_at) \
         VALUES ($1, $2, $3)",
    )
    .arg(user_id)
    .arg(hash)
    .arg(now)
}

enum Owner {
    Basic(i64),
    Internet(i64),
}

/// A password owner's row, locked in an open transaction, with its history
/// newest first. Dropped without a `set_*` call, nothing changes.
pub struct HistoryLock {
    tx: Tx,
    owner: Owner,
    history: Vec<String>,
}

impl HistoryLock {
    /// The last hashes, newest first (the current one included).
    pub fn history(&self) -> Vec<String> {
        self.history.clone()
    }

    /// Sets a new Basic password: no longer the initial one, counter reset,
    /// history extended, audited.
    pub async fn set_basic_password(
        mut self,
        hash: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<()> {
        let Owner::Basic(id) = self.owner else {
            return Err(crate::SsaError::Internal);
        };
        self.tx
            .execute(
                sql("UPDATE basic_accounts \
                     SET password_hash = $2, password_is_initial = FALSE, failed_attempts = 0 \
                     WHERE id = $1")
                .arg(id)
                .arg(hash),
            )
            .await?;
        self.finish(push_basic(id, hash, now), now, event).await
    }

    /// Sets a new Internet password, restarts the 90-day clock, resets the
    /// counter, extends the history and audits.
    pub async fn set_internet_password(
        self,
        hash: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<()> {
        self.write_internet_password(hash, now, event, false).await
    }

    /// Forgot password: as [`Self::set_internet_password`], and the ID is
    /// unlocked.
    pub async fn reset_internet_password(
        self,
        hash: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<()> {
        self.write_internet_password(hash, now, event, true).await
    }

    async fn write_internet_password(
        mut self,
        hash: &str,
        now: i64,
        event: &AuditEvent,
        unlock: bool,
    ) -> Result<()> {
        let Owner::Internet(id) = self.owner else {
            return Err(crate::SsaError::Internal);
        };
        self.tx
            .execute(
                sql("UPDATE internet_users \
                     SET password_hash = $2, password_changed_at = $3, failed_attempts = 0, \
                     locked = (locked AND NOT $4) \
                     WHERE id = $1")
                .arg(id)
                .arg(hash)
                .arg(now)
                .arg(unlock),
            )
            .await?;
        self.finish(push_internet(id, hash, now), now, event).await
    }

    async fn finish(mut self, history: Sql, now: i64, event: &AuditEvent) -> Result<()> {
        self.tx.execute(history).await?;
        audit::append(&mut self.tx, now, event).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Locks an unlocked basic account for a Basic password change and reads
    /// its last `n` passwords. `None` when the account is locked.
    pub async fn lock_basic_history(&self, account_id: i64, n: u32) -> Result<Option<HistoryLock>> {
        let mut tx = self.begin().await?;
        // The first statement writes: the row (and on SQLite the database)
        // stays locked until the change commits or is dropped.
        let locked = tx
            .execute(lock_if_changeable(
                Counted::BasicPassword,
                account_id,
                false,
            ))
            .await?;
        if locked != 1 {
            return Ok(None);
        }
        let history: Vec<(String,)> = tx
            .fetch_all(
                sql("SELECT password_hash FROM basic_password_history \
                     WHERE basic_account_id = $1 ORDER BY id DESC LIMIT $2")
                .arg(account_id)
                .arg(i64::from(n)),
            )
            .await?;
        Ok(Some(HistoryLock {
            tx,
            owner: Owner::Basic(account_id),
            history: history.into_iter().map(|(h,)| h).collect(),
        }))
    }

    /// Locks a live Internet User ID for a password change (or, with
    /// `even_if_locked`, for the reset that unlocks it) and reads its last `n`
    /// passwords. `None` when the ID is cancelled (or locked).
    pub async fn lock_internet_history(
        &self,
        user_id: i64,
        n: u32,
        even_if_locked: bool,
    ) -> Result<Option<HistoryLock>> {
        let mut tx = self.begin().await?;
        let locked = tx
            .execute(lock_if_changeable(
                Counted::InternetPassword,
                user_id,
                even_if_locked,
            ))
            .await?;
        if locked != 1 {
            return Ok(None);
        }
        let history: Vec<(String,)> = tx
            .fetch_all(
                sql("SELECT password_hash FROM internet_password_history \
                     WHERE internet_user_id = $1 ORDER BY id DESC LIMIT $2")
                .arg(user_id)
                .arg(i64::from(n)),
            )
            .await?;
        Ok(Some(HistoryLock {
            tx,
            owner: Owner::Internet(user_id),
            history: history.into_iter().map(|(h,)| h).collect(),
        }))
    }
}
