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

    /// Sets `key` to `value`, replacing any earlier value.
    pub async fn meta_set(&self, key: &str, value: &str) -> Result<()> {
        self.execute(
            sql("INSERT INTO meta (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .arg(key)
            .arg(value),
        )
        .await?;
        Ok(())
    }

    /// Whether any password hash is stored yet.
    pub async fn holds_hashes(&self) -> Result<bool> {
        Ok(self
            .scalar(sql("SELECT COUNT(*) FROM basic_accounts"))
            .await?
            > 0)
    }
}
