//! Helpers for tests only (feature `test-support`): row counts and raw SQL.
//! No shipped build has them.

use super::{Pool, Store};
use crate::error::Result;

/// Tables whose size a test may check.
#[derive(Debug, Clone, Copy)]
pub enum StoreTable {
    BasicAccounts,
    InternetUsers,
    InternetPasswordHistory,
    BasicPasswordHistory,
    AuditLog,
}

impl StoreTable {
    fn name(self) -> &'static str {
        match self {
            StoreTable::BasicAccounts => "basic_accounts",
            StoreTable::InternetUsers => "internet_users",
            StoreTable::InternetPasswordHistory => "internet_password_history",
            StoreTable::BasicPasswordHistory => "basic_password_history",
            StoreTable::AuditLog => "audit_log",
        }
    }
}

impl Store {
    /// Counts rows of a table (for tests that check nothing half-made stayed).
    pub async fn count_rows(&self, table: StoreTable) -> Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {}", table.name());
        Ok(match &self.pool {
            Pool::Sqlite(p) => sqlx::query_scalar::<_, i64>(&sql).fetch_one(p).await?,
            Pool::Postgres(p) => sqlx::query_scalar::<_, i64>(&sql).fetch_one(p).await?,
        })
    }

    /// One number from a query of the test's own (a count, a check).
    pub async fn scalar_for_tests(&self, sql: &str) -> Result<i64> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await?,
            Pool::Postgres(p) => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await?,
        })
    }

    /// The text of each row of a query of the test's own (one column).
    pub async fn texts_for_tests(&self, sql: &str) -> Result<Vec<String>> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => sqlx::query_scalar::<_, String>(sql).fetch_all(p).await?,
            Pool::Postgres(p) => sqlx::query_scalar::<_, String>(sql).fetch_all(p).await?,
        })
    }

    /// Runs raw SQL (tests: trying to alter the audit log).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => sqlx::query(sql).execute(p).await?.rows_affected(),
            Pool::Postgres(p) => sqlx::query(sql).execute(p).await?.rows_affected(),
        })
    }
}
