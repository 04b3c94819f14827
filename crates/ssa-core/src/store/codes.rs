//! Verification codes and the steps waiting for their Confirm, kept in the
//! database so that any instance (or kiosk) checks what another made. Found
//! by keyed digests; neither an answer nor a token is stored.

use super::{sql, Store};
use crate::error::Result;

/// A code as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct CodeRow {
    pub screen: String,
    pub station: String,
    pub answer_digest: String,
    pub drawn_at_ms: i64,
    pub used: bool,
}

impl Store {
    pub(crate) async fn insert_code(&self, id_digest: &str, row: &CodeRow) -> Result<()> {
        self.execute(
            sql(
                "INSERT INTO codes (id_digest, screen, station, answer_digest, drawn_at_ms, used) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .arg(id_digest)
            .arg(row.screen.as_str())
            .arg(row.station.as_str())
            .arg(row.answer_digest.as_str())
            .arg(row.drawn_at_ms)
            .arg(row.used),
        )
        .await?;
        Ok(())
    }

    /// Forgets what is past its time: codes drawn before `codes_before_ms`
    /// and steps begun before `drafts_before_ms`.
    pub(crate) async fn forget_stale(
        &self,
        codes_before_ms: i64,
        drafts_before_ms: i64,
    ) -> Result<()> {
        self.execute(sql("DELETE FROM codes WHERE drawn_at_ms < $1").arg(codes_before_ms))
            .await?;
        self.execute(sql("DELETE FROM drafts WHERE begun_at_ms < $1").arg(drafts_before_ms))
            .await?;
        Ok(())
    }

    pub(crate) async fn code(&self, id_digest: &str) -> Result<Option<CodeRow>> {
        self.fetch_optional(
            sql(
                "SELECT screen, station, answer_digest, drawn_at_ms, used FROM codes \
                 WHERE id_digest = $1",
            )
            .arg(id_digest),
        )
        .await
    }

    /// Marks a code used; true for the one caller that did (two answers
    /// to one code at once: one is judged, the other told it is used).
    pub(crate) async fn use_code(&self, id_digest: &str) -> Result<bool> {
        let changed = self
            .execute(
                sql("UPDATE codes SET used = TRUE WHERE id_digest = $1 AND used = FALSE")
                    .arg(id_digest),
            )
            .await?;
        Ok(changed == 1)
    }

    pub(crate) async fn forget_code(&self, id_digest: &str) -> Result<()> {
        self.execute(sql("DELETE FROM codes WHERE id_digest = $1").arg(id_digest))
            .await?;
        Ok(())
    }

    pub(crate) async fn insert_draft(&self, digest: &str, draft: &str, at_ms: i64) -> Result<()> {
        self.execute(
            sql("INSERT INTO drafts (token_digest, draft, begun_at_ms) VALUES ($1, $2, $3)")
                .arg(digest)
                .arg(draft)
                .arg(at_ms),
        )
        .await?;
        Ok(())
    }

    /// A step begun at or after `since_ms`, as kept.
    pub(crate) async fn draft(&self, digest: &str, since_ms: i64) -> Result<Option<String>> {
        let row: Option<(String,)> = self
            .fetch_optional(
                sql("SELECT draft FROM drafts WHERE token_digest = $1 AND begun_at_ms >= $2")
                    .arg(digest)
                    .arg(since_ms),
            )
            .await?;
        Ok(row.map(|(d,)| d))
    }

    /// Forgets a step; true for the one caller that did.
    pub(crate) async fn forget_draft(&self, digest: &str) -> Result<bool> {
        let changed = self
            .execute(sql("DELETE FROM drafts WHERE token_digest = $1").arg(digest))
            .await?;
        Ok(changed == 1)
    }
}
