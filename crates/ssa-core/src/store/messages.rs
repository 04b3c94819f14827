//! Broadcast messages (in three languages, with an optional end and a
//! withdrawal) and which Internet user has read which.

use super::{audit, refuse_duplicate, sql, MessageRow, Store};
use crate::error::{Result, SsaError};
use crate::security::audit::AuditEvent;

/// A message to post, checked by the service layer.
pub(crate) struct NewMessageRow<'a> {
    pub subject: &'a crate::domain::Localized,
    pub body: &'a crate::domain::Localized,
    pub ends_at: Option<i64>,
}

const COLUMNS: &str = "m.id, m.reference, m.posted_at, m.subject, m.body, \
     m.subject_zh_hk, m.body_zh_hk, m.subject_zh_cn, m.body_zh_cn, m.ends_at, m.withdrawn_at";

impl Store {
    /// Posts a message under `reference`; refused when another message took
    /// that reference first.
    pub(crate) async fn post_message(
        &self,
        reference: &str,
        message: &NewMessageRow<'_>,
        now: i64,
        event: &AuditEvent,
    ) -> Result<()> {
        let refused = || SsaError::OperatorRefused {
            reason: "message-reference-exists".into(),
        };
        let mut tx = self.begin().await?;
        tx.execute(
            sql("INSERT INTO broadcast_messages \
                 (reference, posted_at, subject, body, subject_zh_hk, body_zh_hk, \
                  subject_zh_cn, body_zh_cn, ends_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .arg(reference)
            .arg(now)
            .arg(message.subject.en.as_str())
            .arg(message.body.en.as_str())
            .arg(message.subject.zh_hk.as_deref())
            .arg(message.body.zh_hk.as_deref())
            .arg(message.subject.zh_cn.as_deref())
            .arg(message.body.zh_cn.as_deref())
            .arg(message.ends_at),
        )
        .await
        .map_err(|e| refuse_duplicate(e, refused()))?;
        audit::append(&mut tx, now, event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The next free 5-digit message reference.
    pub async fn next_message_reference(&self) -> Result<String> {
        let n = self
            .scalar(sql(
                "SELECT COALESCE(MAX(CAST(reference AS BIGINT)), 0) FROM broadcast_messages",
            ))
            .await?;
        Ok(format!("{:05}", n + 1))
    }

    /// Every message ever posted, newest first (the operator's list), with
    /// no reader.
    pub(crate) async fn all_messages(&self) -> Result<Vec<MessageRow>> {
        self.fetch_all(sql(format!(
            "SELECT {COLUMNS}, FALSE AS read FROM broadcast_messages m \
             ORDER BY m.posted_at DESC, m.id DESC"
        )))
        .await
    }

    /// The messages shown at `now` (not withdrawn, not ended), newest
    /// first, with whether this user read each.
    pub async fn messages_for(&self, user_id: i64, now: i64) -> Result<Vec<MessageRow>> {
        self.fetch_all(
            sql(format!(
                "SELECT {COLUMNS}, \
                 EXISTS (SELECT 1 FROM message_reads r \
                         WHERE r.message_id = m.id AND r.internet_user_id = $1) AS read \
                 FROM broadcast_messages m \
                 WHERE m.withdrawn_at IS NULL AND (m.ends_at IS NULL OR m.ends_at > $2) \
                 ORDER BY m.posted_at DESC, m.id DESC"
            ))
            .arg(user_id)
            .arg(now),
        )
        .await
    }

    /// Withdraws the message `reference`: not shown from now on. Whether a
    /// shown message was withdrawn (false: no such message, or withdrawn
    /// already).
    pub(crate) async fn withdraw_message(
        &self,
        reference: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql("UPDATE broadcast_messages SET withdrawn_at = $1 \
                 WHERE reference = $2 AND withdrawn_at IS NULL")
            .arg(now)
            .arg(reference),
            Vec::new(),
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
