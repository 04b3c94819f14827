//! Settings of the database itself (the pepper's check value), one text
//! value per key.

use super::{sql, Store};
use crate::error::Result;

impl Store {
    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = self
            .fetch_optional(sql("SELECT value FROM meta WHERE key = $1").arg(key))
            .await?;
        Ok(row.map(|(v,)| v))
    }

    /// Sets `key` to `value` unless it has a value already (which is kept).
    pub async fn meta_insert_if_absent(&self, key: &str, value: &str) -> Result<()> {
        self.execute(
            sql("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .arg(key)
                .arg(value),
        )
        .await?;
        Ok(())
    }

    /// Whether anything made under a pepper is stored: a password hash or
    /// an audit entry.
    pub async fn holds_records(&self) -> Result<bool> {
        Ok(self
            .scalar(sql(
                "SELECT (SELECT COUNT(*) FROM basic_accounts) + (SELECT COUNT(*) FROM audit_log)",
            ))
            .await?
            > 0)
    }
}
