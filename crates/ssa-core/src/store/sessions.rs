//! Sessions kept in the database (the server's, issue 19), found by a
//! keyed digest of their token: the token itself is never stored.

use super::{sql, Store};
use crate::error::Result;

/// A session as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct SessionRow {
    pub internet_user_row: i64,
    pub kind: String,
    pub previous_login_ms: Option<i64>,
    pub last_activity_ms: i64,
    pub ended: bool,
}

impl Store {
    pub(crate) async fn insert_session(&self, digest: &str, row: &SessionRow) -> Result<()> {
        self.execute(
            sql(
                "INSERT INTO sessions (token_digest, internet_user_row, kind, \
                 previous_login_ms, last_activity_ms, ended) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .arg(digest)
            .arg(row.internet_user_row)
            .arg(row.kind.as_str())
            .arg(row.previous_login_ms)
            .arg(row.last_activity_ms)
            .arg(row.ended),
        )
        .await?;
        Ok(())
    }

    pub(crate) async fn session(&self, digest: &str) -> Result<Option<SessionRow>> {
        self.fetch_optional(
            sql(
                "SELECT internet_user_row, kind, previous_login_ms, last_activity_ms, ended \
                 FROM sessions WHERE token_digest = $1",
            )
            .arg(digest),
        )
        .await
    }

    /// Writes what a request did to the session: its last activity, or its
    /// end. An ended session stays ended, whatever a slower request writes.
    pub(crate) async fn update_session(
        &self,
        digest: &str,
        last_activity_ms: i64,
        ended: bool,
    ) -> Result<()> {
        self.execute(
            sql(
                "UPDATE sessions SET last_activity_ms = CASE WHEN last_activity_ms > $2 \
                 THEN last_activity_ms ELSE $2 END, ended = ended OR $3 \
                 WHERE token_digest = $1",
            )
            .arg(digest)
            .arg(last_activity_ms)
            .arg(ended),
        )
        .await?;
        Ok(())
    }

    /// Ends every stored session of an Internet user (a reset password).
    pub(crate) async fn end_sessions_of(&self, internet_user_row: i64) -> Result<()> {
        self.execute(
            sql("UPDATE sessions SET ended = TRUE WHERE internet_user_row = $1")
                .arg(internet_user_row),
        )
        .await?;
        Ok(())
    }
}
