//! Broadcast messages and which Internet user has read which.

use super::{audit, refuse_duplicate, sql, MessageRow, Store};
use crate::error::{Result, SsaError};
use crate::security::audit::AuditEvent;

impl Store {
    pub async fn post_message(
        &self,
        reference: &str,
        subject: &str,
        body: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<i64> {
        let refused = || SsaError::OperatorRefused {
            reason: "message-reference-exists".into(),
        };
        let mut tx = self.begin().await?;
        let (id,): (i64,) = tx
            .fetch_one(
                sql(
                    "INSERT INTO broadcast_messages (reference, posted_at, subject, body) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .arg(reference)
                .arg(now)
                .arg(subject)
                .arg(body),
            )
            .await
            .map_err(|e| refuse_duplicate(e, refused()))?;
        audit::append(&mut tx, now, event).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The next free 5-digit message reference.
    pub async fn next_message_reference(&self) -> Result<String> {
        let n = self
            .scalar(sql("SELECT COUNT(*) FROM broadcast_messages"))
            .await?;
        Ok(format!("{:05}", n + 1))
    }

    /// Every broadcast message, newest first, with whether this user read it.
    pub async fn messages_for(&self, user_id: i64) -> Result<Vec<MessageRow>> {
        self.fetch_all(
            sql("SELECT m.id, m.reference, m.posted_at, m.subject, m.body, \
                 EXISTS (SELECT 1 FROM message_reads r \
                         WHERE r.message_id = m.id AND r.internet_user_id = $1) AS read \
                 FROM broadcast_messages m ORDER BY m.posted_at DESC, m.id DESC")
            .arg(user_id),
        )
        .await
    }

    pub async fn mark_read(&self, user_id: i64, message_id: i64, now: i64) -> Result<()> {
        self.execute(
            sql(
                "INSERT INTO message_reads (internet_user_id, message_id, read_at) \
                 VALUES ($1, $2, $3) \
                 ON CONFLICT (internet_user_id, message_id) DO NOTHING",
            )
            .arg(user_id)
            .arg(message_id)
            .arg(now),
        )
        .await?;
        Ok(())
    }
}
