//! SSA basic accounts: provisioning, the Basic password's failure counter and
//! lock, and the operator's unlock.

use super::{audit, refuse_duplicate, sql, BasicAccountRow, Store};
use crate::domain::BasicAccountKey;
use crate::error::{Result, SsaError};
use crate::security::audit::AuditEvent;

/// Inserts an account, its initial Basic password as the first entry of its
/// history, and its audit entry, inside `tx`; the new row's id.
async fn insert_with_history(
    tx: &mut super::Tx,
    key: &BasicAccountKey,
    hash: &str,
    now: i64,
    event: &AuditEvent,
) -> sqlx::Result<i64> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO basic_accounts \
                 (basic_user_id, participant_id, ssa_number, password_hash, password_is_initial, created_at) \
                 VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id")
            .arg(key.basic_user_id.as_str())
            .arg(key.participant_id.as_str())
            .arg(key.ssa_number.as_str())
            .arg(hash)
            .arg(now),
        )
        .await?;
    tx.execute(super::histories::push_basic(id, hash, now))
        .await?;
    audit::append(tx, now, event).await?;
    Ok(id)
}

impl Store {
    /// Provisions an account with its initial Basic password (the first entry
    /// of its history); audited; one transaction.
    pub async fn insert_basic_account(
        &self,
        key: &BasicAccountKey,
        hash: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<i64> {
        let refused = || SsaError::OperatorRefused {
            reason: "basic-account-exists".into(),
        };
        let mut tx = self.begin().await?;
        let id = insert_with_history(&mut tx, key, hash, now, event)
            .await
            .map_err(|e| refuse_duplicate(e, refused()))?;
        tx.commit().await?;
        Ok(id)
    }

    /// Provisions many accounts, each with its initial Basic password and
    /// audit entry, in one transaction: all or none.
    pub(crate) async fn insert_basic_accounts(
        &self,
        accounts: &[(&BasicAccountKey, &str)],
        now: i64,
        event: &dyn Fn(&BasicAccountKey) -> AuditEvent,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        for (key, hash) in accounts {
            let refused = || SsaError::OperatorRefused {
                reason: format!(
                    "{} {} {} was provisioned by someone else meanwhile; nothing written",
                    key.basic_user_id.as_str(),
                    key.participant_id.as_str(),
                    key.ssa_number.as_str()
                ),
            };
            insert_with_history(&mut tx, key, hash, now, &event(key))
                .await
                .map_err(|e| refuse_duplicate(e, refused()))?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The Basic User ID of the SSA's basic account, if it has one.
    pub(crate) async fn account_of_ssa(
        &self,
        participant_id: &str,
        ssa_number: &str,
    ) -> Result<Option<String>> {
        let row: Option<(String,)> = self
            .fetch_optional(
                sql("SELECT basic_user_id FROM basic_accounts WHERE participant_id = $1 AND ssa_number = $2")
                    .arg(participant_id)
                    .arg(ssa_number),
            )
            .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Every SSA (Participant ID, SSA Number) that has its basic account.
    pub(crate) async fn ssas_with_accounts(&self) -> Result<Vec<(String, String)>> {
        self.fetch_all(sql("SELECT participant_id, ssa_number FROM basic_accounts"))
            .await
    }

    /// Every account's Basic User ID.
    pub(crate) async fn basic_user_ids(&self) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = self
            .fetch_all(sql("SELECT basic_user_id FROM basic_accounts"))
            .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    pub async fn basic_account(&self, key: &BasicAccountKey) -> Result<Option<BasicAccountRow>> {
        self.fetch_optional(
            sql(
                "SELECT id, basic_user_id, participant_id, ssa_number, password_hash, \
                 password_is_initial, failed_attempts, locked FROM basic_accounts \
                 WHERE basic_user_id = $1 AND participant_id = $2 AND ssa_number = $3",
            )
            .arg(key.basic_user_id.as_str())
            .arg(key.participant_id.as_str())
            .arg(key.ssa_number.as_str()),
        )
        .await
    }

    pub async fn basic_account_by_id(&self, id: i64) -> Result<Option<BasicAccountRow>> {
        self.fetch_optional(
            sql(
                "SELECT id, basic_user_id, participant_id, ssa_number, password_hash, \
                 password_is_initial, failed_attempts, locked FROM basic_accounts WHERE id = $1",
            )
            .arg(id),
        )
        .await
    }

    /// Operator: clears the lock and the counter of a basic account.
    pub async fn unlock_basic_account(
        &self,
        account_id: i64,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql("UPDATE basic_accounts SET locked = FALSE, failed_attempts = 0 WHERE id = $1")
                .arg(account_id),
            vec![],
        )
        .await
    }
}

/// One account's state for the operator: no hash, no secret.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountStateRow {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub basic_locked: bool,
    pub basic_failed_attempts: i64,
    pub password_is_initial: bool,
    pub internet_user_id: Option<String>,
    pub internet_locked: Option<bool>,
    pub internet_failed_attempts: Option<i64>,
    pub last_login_at: Option<i64>,
    pub password_changed_at: Option<i64>,
}

impl Store {
    /// Every account with its live Internet User ID (if any), ordered by
    /// Participant ID, SSA Number and Basic User ID; `basic_user_id` narrows
    /// to one.
    pub(crate) async fn account_states(
        &self,
        basic_user_id: Option<&str>,
    ) -> Result<Vec<AccountStateRow>> {
        self.fetch_all(
            sql("SELECT a.basic_user_id, a.participant_id, a.ssa_number, \
                 a.locked AS basic_locked, a.failed_attempts AS basic_failed_attempts, \
                 a.password_is_initial, \
                 u.internet_user_id, u.locked AS internet_locked, \
                 u.failed_attempts AS internet_failed_attempts, u.last_login_at, \
                 u.password_changed_at \
                 FROM basic_accounts a \
                 LEFT JOIN internet_users u \
                   ON u.basic_account_id = a.id AND u.cancelled_at IS NULL \
                 WHERE ($1 IS NULL OR a.basic_user_id = $1) \
                 ORDER BY a.participant_id, a.ssa_number, a.basic_user_id")
            .arg(basic_user_id),
        )
        .await
    }
}
