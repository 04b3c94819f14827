//! Internet User IDs: creation (the unique constraints decide races), the
//! login failure counter and lock, the last login, cancellation and the
//! operator's unlock.

use super::{audit, is_unique_violation, sql, InternetUserRow, Store};
use crate::error::{Result, SsaError};
use crate::security::audit::AuditEvent;

/// Why a new Internet User ID could not be stored.
#[derive(Debug)]
pub enum CreateConflict {
    IdTaken,
    AccountHasLiveId,
    Other(SsaError),
}

impl From<sqlx::Error> for CreateConflict {
    fn from(e: sqlx::Error) -> Self {
        CreateConflict::Other(e.into())
    }
}

impl Store {
    /// The Internet user with this ID (any case), live or cancelled.
    pub async fn internet_user(&self, id_key: &str) -> Result<Option<InternetUserRow>> {
        self.fetch_optional(
            sql("SELECT id, internet_user_id, basic_account_id, password_hash, password_changed_at, \
                 failed_attempts, locked, cancelled_at, last_login_at \
                 FROM internet_users WHERE id_key = $1")
            .arg(id_key),
        )
        .await
    }

    pub async fn internet_user_by_id(&self, id: i64) -> Result<Option<InternetUserRow>> {
        self.fetch_optional(
            sql("SELECT id, internet_user_id, basic_account_id, password_hash, password_changed_at, \
                 failed_attempts, locked, cancelled_at, last_login_at \
                 FROM internet_users WHERE id = $1")
            .arg(id),
        )
        .await
    }

    pub async fn internet_id_taken(&self, id_key: &str) -> Result<bool> {
        let n = self
            .scalar(sql("SELECT COUNT(*) FROM internet_users WHERE id_key = $1").arg(id_key))
            .await?;
        Ok(n > 0)
    }

    /// Creates an Internet User ID with its password and history, and audits
    /// it: one transaction. The unique constraints decide races.
    pub async fn create_internet_user(
        &self,
        account_id: i64,
        internet_user_id: &str,
        id_key: &str,
        hash: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<i64, CreateConflict> {
        let created = async {
            let mut tx = self.begin().await?;
            let (id,): (i64,) = tx
                .fetch_one(
                    sql("INSERT INTO internet_users \
                         (internet_user_id, id_key, basic_account_id, password_hash, password_changed_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
                    .arg(internet_user_id)
                    .arg(id_key)
                    .arg(account_id)
                    .arg(hash)
                    .arg(now),
                )
                .await?;
            tx.execute(super::histories::push_internet(id, hash, now))
                .await?;
            audit::append(&mut tx, now, event).await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await;
        match created {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => {
                // Which constraint fired: the ID's, or the one-live-ID-per-account index.
                if self
                    .internet_id_taken(id_key)
                    .await
                    .map_err(CreateConflict::Other)?
                {
                    Err(CreateConflict::IdTaken)
                } else {
                    Err(CreateConflict::AccountHasLiveId)
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Records a successful login: counter reset, last login time set,
    /// audited; one transaction. `false` when the ID was locked or cancelled
    /// meanwhile (the login must then fail).
    pub async fn record_login_success(
        &self,
        user_id: i64,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql(
                "UPDATE internet_users SET failed_attempts = 0, last_login_at = $2 \
                 WHERE id = $1 AND NOT locked AND cancelled_at IS NULL",
            )
            .arg(user_id)
            .arg(now),
            vec![],
        )
        .await
    }

    /// Ends an Internet User ID for good; audited; one transaction. `false`
    /// when it was cancelled already.
    pub async fn cancel_internet_user(
        &self,
        user_id: i64,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql("UPDATE internet_users SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL")
                .arg(user_id)
                .arg(now),
            vec![],
        )
        .await
    }

    /// Operator: clears the lock and the counter of an Internet User ID.
    pub async fn unlock_internet_user(
        &self,
        user_id: i64,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql(
                "UPDATE internet_users SET locked = FALSE, failed_attempts = 0 \
                 WHERE id = $1 AND cancelled_at IS NULL",
            )
            .arg(user_id),
            vec![],
        )
        .await
    }
}
