//! The audit log: appended in the same transaction as the change it records,
//! read back newest first. The tables refuse UPDATE and DELETE.

use super::{sql, Store, Tx};
use crate::error::Result;
use crate::security::audit::{AuditEntry, AuditEvent};

/// Appends an entry inside `tx`.
pub(crate) async fn append(tx: &mut Tx, now: i64, event: &AuditEvent) -> sqlx::Result<()> {
    tx.execute(
        sql(
            "INSERT INTO audit_log (at_ms, kind, internet_user_id, basic_user_id, outcome) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(now)
        .arg(event.kind.as_str())
        .arg(event.internet_user_id.as_deref())
        .arg(event.basic_user_id.as_deref())
        .arg(event.outcome),
    )
    .await
    .map(|_| ())
}

impl Store {
    /// Appends one entry on its own (for events with no state change).
    pub async fn audit(&self, now: i64, event: &AuditEvent) -> Result<()> {
        let mut tx = self.begin().await?;
        append(&mut tx, now, event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest `limit` entries, newest first.
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.fetch_all(
            sql(
                "SELECT id, at_ms, kind, internet_user_id, basic_user_id, outcome \
                 FROM audit_log ORDER BY id DESC LIMIT $1",
            )
            .arg(i64::from(limit)),
        )
        .await
    }
}
