//! Storage through sqlx, on SQLite (the default: a file, WAL mode) or
//! PostgreSQL (a `postgres://` URL, for branches where many kiosks share one
//! database). Each backend has its own migrations; every query is written once
//! with `$n` placeholders as an [`Sql`] value, and [`Store`] and [`Tx`] run it
//! on whichever backend they hold. One module per thing stored: accounts,
//! internet users, password histories, messages, the audit log, meta and the
//! verification-code counters.
//!
//! Every change that belongs together is one transaction whose first
//! statement writes, so that SQLite takes its write lock up front and waits
//! for it (busy timeout) instead of failing on a lock upgrade.

mod accounts;
pub(crate) mod at_rest;
mod audit;
mod calendar;
mod captcha_counters;
mod codes;
mod failures;
mod histories;
mod internet_users;
mod messages;
mod meta;
mod migrations;
mod rows;
mod sessions;
mod sql;
mod statements;
#[cfg(feature = "test-support")]
mod test_support;
mod transport;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions, Postgres};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Sqlite;

#[cfg(feature = "test-support")]
pub use accounts::AccountStateRow;
pub(crate) use audit::append as append_audit;
pub(crate) use calendar::{HolidayRow, SpecialWindowRow};
#[cfg(feature = "test-support")]
pub use captcha_counters::CaptchaCounter;
pub(crate) use codes::CodeRow;
pub(crate) use failures::Counted;
pub use failures::FailureCount;
#[cfg(feature = "test-support")]
pub use histories::HistoryLock;
pub use internet_users::CreateConflict;
pub(crate) use messages::NewMessageRow;
pub use rows::{BasicAccountRow, InternetUserRow, MessageRow};
pub(crate) use sessions::SessionRow;
pub use statements::MovementContent;
pub(crate) use statements::{
    parse_ymd, ymd, BalanceKey, ClosingBalance, MovementFilter, MovementWithNames, NewMovement,
    SsaRef,
};
#[cfg(feature = "test-support")]
pub use test_support::StoreTable;

use migrations::*;
use sql::bind;
pub(crate) use sql::{sql, Row, Sql, Value};
pub(crate) use transport::postgres_options;

use crate::branch::is_postgres;
use crate::error::{Result, SsaError};
use crate::secrets::SecretStore;
use crate::security::audit::ChainKey;

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database, whichever backend it is, and the audit chain's key once
/// [`crate::Ssa::open`] has read the pepper.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    chain_key: Option<Arc<ChainKey>>,
}

/// An open transaction. Dropped without [`Tx::commit`], it rolls back. It
/// carries the audit chain's key, so that whatever appends an audit entry
/// inside it ([`audit::append`]) can chain the entry.
pub(crate) struct Tx {
    conn: TxConn,
    chain_key: Option<Arc<ChainKey>>,
}

enum TxConn {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) async fn execute(&mut self, q: Sql) -> sqlx::Result<u64> {
        Ok(match &mut self.conn {
            TxConn::Sqlite(tx) => bind(sqlx::query(&q.sqlite_text()), &q.args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            TxConn::Postgres(tx) => bind(sqlx::query(&q.text), &q.args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    pub(crate) async fn fetch_optional<T: Row>(&mut self, q: Sql) -> sqlx::Result<Option<T>> {
        match &mut self.conn {
            TxConn::Sqlite(tx) => {
                bind(sqlx::query_as::<Sqlite, T>(&q.sqlite_text()), &q.args)
                    .fetch_optional(&mut **tx)
                    .await
            }
            TxConn::Postgres(tx) => {
                bind(sqlx::query_as::<Postgres, T>(&q.text), &q.args)
                    .fetch_optional(&mut **tx)
                    .await
            }
        }
    }

    pub(crate) async fn fetch_one<T: Row>(&mut self, q: Sql) -> sqlx::Result<T> {
        match &mut self.conn {
            TxConn::Sqlite(tx) => {
                bind(sqlx::query_as::<Sqlite, T>(&q.sqlite_text()), &q.args)
                    .fetch_one(&mut **tx)
                    .await
            }
            TxConn::Postgres(tx) => {
                bind(sqlx::query_as::<Postgres, T>(&q.text), &q.args)
                    .fetch_one(&mut **tx)
                    .await
            }
        }
    }

    pub(crate) async fn fetch_all<T: Row>(&mut self, q: Sql) -> sqlx::Result<Vec<T>> {
        match &mut self.conn {
            TxConn::Sqlite(tx) => {
                bind(sqlx::query_as::<Sqlite, T>(&q.sqlite_text()), &q.args)
                    .fetch_all(&mut **tx)
                    .await
            }
            TxConn::Postgres(tx) => {
                bind(sqlx::query_as::<Postgres, T>(&q.text), &q.args)
                    .fetch_all(&mut **tx)
                    .await
            }
        }
    }

    pub(crate) async fn commit(self) -> sqlx::Result<()> {
        match self.conn {
            TxConn::Sqlite(tx) => tx.commit().await,
            TxConn::Postgres(tx) => tx.commit().await,
        }
    }
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// The file of a SQLite database URL or path; `None` for PostgreSQL and a
/// database in memory.
pub(crate) fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    if is_postgres(url) || in_memory(url) {
        return None;
    }
    Some(sqlite_options(url).ok()?.get_filename().to_path_buf())
}

/// A SQLite database's options: a `sqlite:` URL parsed as one, anything
/// else taken as a file path as it is named.
fn sqlite_options(url: &str) -> std::result::Result<SqliteConnectOptions, sqlx::Error> {
    if url.starts_with("sqlite:") {
        url.parse::<SqliteConnectOptions>()
    } else {
        Ok(SqliteConnectOptions::new().filename(Path::new(url)))
    }
}

/// A SQLite URL for a database in memory, which has nothing at rest.
fn in_memory(url: &str) -> bool {
    url.starts_with("sqlite:") && (url.contains(":memory:") || url.contains("mode=memory"))
}

impl Store {
    /// Opens (creating and migrating on first use) the database at `url`:
    /// `postgres://` or `postgresql://` for PostgreSQL; `sqlite:` URLs as
    /// SQLite URLs; anything else is a SQLite file path, taken as it is (a
    /// folder named `a%20b?c#d` is that folder, not a URL to decode). A
    /// SQLite file is encrypted under the key `secrets` keeps beside the
    /// pepper ([`at_rest`]); PostgreSQL needs none.
    pub async fn open(url: &str, secrets: &Arc<dyn SecretStore>) -> Result<Self> {
        let pool = if is_postgres(url) {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(postgres_options(url)?)
                .await?;
            // The app's role may not own the tables (docs/postgres-roles.md):
            // it migrates nothing when nothing is due, and when something is
            // due but it lacks the right, it says who must migrate.
            if !postgres_migrated(&pool).await {
                refuse_shared_ssas(&Pool::Postgres(pool.clone())).await?;
                POSTGRES_MIGRATIONS
                    .run(&pool)
                    .await
                    .map_err(refused_migration)?;
            }
            Pool::Postgres(pool)
        } else {
            // OpenSSL (SQLCipher's cipher on Linux) is told before its first
            // use to leave its globals to the OS at exit (Cargo.toml says why).
            #[cfg(target_os = "linux")]
            openssl_sys::init();
            let options = sqlite_options(url)?;
            let key = if in_memory(url) {
                None
            } else {
                at_rest::prepare(options.get_filename(), secrets).await?
            };
            let options = match key {
                Some(key) => key.applied_to(options),
                None => options,
            };
            let options = options
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options)
                .await
                .map_err(|e| {
                    if at_rest::is_wrong_key(&e) {
                        SsaError::DatabaseKeyMismatch
                    } else {
                        e.into()
                    }
                })?;
            let one_per_ssa: Option<(i64,)> =
                sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE version = 7")
                    .fetch_optional(&pool)
                    .await
                    .unwrap_or(None);
            if one_per_ssa.is_none() {
                refuse_shared_ssas(&Pool::Sqlite(pool.clone())).await?;
            }
            sqlx::migrate!("migrations/sqlite").run(&pool).await?;
            Pool::Sqlite(pool)
        };
        Ok(Self {
            pool,
            chain_key: None,
        })
    }

    /// `ssa-admin migrate`: applies every migration due, as the owner of
    /// the tables, and with `app_role` (PostgreSQL only) grants that role
    /// what the service needs and no more: it may read and append to the
    /// audit log, never change, delete or truncate it, and as it owns
    /// nothing it cannot drop or disable the log's trigger. The grants are
    /// made again on every run, so tables a new migration adds get theirs.
    pub async fn migrate_as_owner(
        url: &str,
        secrets: &Arc<dyn SecretStore>,
        app_role: Option<&str>,
        import_role: Option<&str>,
    ) -> Result<()> {
        if !is_postgres(url) {
            for (flag, given) in [("--app-role", app_role), ("--import-role", import_role)] {
                if given.is_some() {
                    return Err(SsaError::OperatorRefused {
                        reason: format!("{flag} is for PostgreSQL; a SQLite file has no roles"),
                    });
                }
            }
            Self::open(url, secrets).await?.close().await;
            return Ok(());
        }
        let role = app_role.map(role_identifier).transpose()?;
        let pool = PgPoolOptions::new()
            .max_connections(2)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(postgres_options(url)?)
            .await?;
        refuse_shared_ssas(&Pool::Postgres(pool.clone())).await?;
        POSTGRES_MIGRATIONS
            .run(&pool)
            .await
            .map_err(refused_migration)?;
        if let (Some(role), Some(name)) = (role, app_role) {
            grant_app_role(&pool, &role, name).await?;
        }
        if let Some(name) = import_role {
            if app_role == Some(name) {
                return Err(SsaError::OperatorRefused {
                    reason: "--app-role and --import-role name one role: each needs its own".into(),
                });
            }
            let role = role_identifier(name)?;
            grant_import_role(&pool, &role, name).await?;
        }
        pool.close().await;
        Ok(())
    }

    /// Sets the audit chain's key (derived from the pepper): every audit
    /// entry appended from now on is chained under it.
    pub(crate) fn set_chain_key(&mut self, key: ChainKey) {
        self.chain_key = Some(Arc::new(key));
    }

    pub fn backend_name(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Copies a SQLite database into the new file `path` from one read
    /// snapshot (`VACUUM INTO`): everything committed, the write-ahead log
    /// included, nothing half-written, while other connections go on.
    /// `false` on PostgreSQL, which `pg_dump` copies.
    pub async fn vacuum_into(&self, path: &str) -> Result<bool> {
        match &self.pool {
            Pool::Sqlite(p) => {
                sqlx::query("VACUUM INTO ?").bind(path).execute(p).await?;
                Ok(true)
            }
            Pool::Postgres(_) => Ok(false),
        }
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    pub(crate) async fn begin(&self) -> sqlx::Result<Tx> {
        let conn = match &self.pool {
            Pool::Sqlite(p) => TxConn::Sqlite(p.begin().await?),
            Pool::Postgres(p) => TxConn::Postgres(p.begin().await?),
        };
        Ok(Tx {
            conn,
            chain_key: self.chain_key.clone(),
        })
    }

    pub(crate) async fn execute(&self, q: Sql) -> Result<u64> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => bind(sqlx::query(&q.sqlite_text()), &q.args)
                .execute(p)
                .await?
                .rows_affected(),
            Pool::Postgres(p) => bind(sqlx::query(&q.text), &q.args)
                .execute(p)
                .await?
                .rows_affected(),
        })
    }

    pub(crate) async fn fetch_optional<T: Row>(&self, q: Sql) -> Result<Option<T>> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                bind(sqlx::query_as::<Sqlite, T>(&q.sqlite_text()), &q.args)
                    .fetch_optional(p)
                    .await?
            }
            Pool::Postgres(p) => {
                bind(sqlx::query_as::<Postgres, T>(&q.text), &q.args)
                    .fetch_optional(p)
                    .await?
            }
        })
    }

    pub(crate) async fn fetch_all<T: Row>(&self, q: Sql) -> Result<Vec<T>> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                bind(sqlx::query_as::<Sqlite, T>(&q.sqlite_text()), &q.args)
                    .fetch_all(p)
                    .await?
            }
            Pool::Postgres(p) => {
                bind(sqlx::query_as::<Postgres, T>(&q.text), &q.args)
                    .fetch_all(p)
                    .await?
            }
        })
    }

    /// One number: `SELECT COUNT(*) ...` and the like.
    /// The pool's connections: (open, idle).
    pub(crate) fn pool_use(&self) -> (u32, u32) {
        match &self.pool {
            Pool::Sqlite(p) => (p.size(), p.num_idle() as u32),
            Pool::Postgres(p) => (p.size(), p.num_idle() as u32),
        }
    }

    pub(crate) async fn scalar(&self, q: Sql) -> Result<i64> {
        let one = match &self.pool {
            Pool::Sqlite(p) => {
                bind(sqlx::query_as::<Sqlite, (i64,)>(&q.sqlite_text()), &q.args)
                    .fetch_one(p)
                    .await?
            }
            Pool::Postgres(p) => {
                bind(sqlx::query_as::<Postgres, (i64,)>(&q.text), &q.args)
                    .fetch_one(p)
                    .await?
            }
        };
        Ok(one.0)
    }

    /// Runs `update` and, when it changed exactly one row, the statements of
    /// `then` and the audit entry: one transaction. Whether a row changed.
    pub(crate) async fn audited_update(
        &self,
        now: i64,
        audit: &crate::security::audit::AuditEvent,
        update: Sql,
        then: Vec<Sql>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let done = tx.execute(update).await? == 1;
        if done {
            for statement in then {
                tx.execute(statement).await?;
            }
            audit::append(&mut tx, now, audit).await?;
        }
        tx.commit().await?;
        Ok(done)
    }
}

/// Maps a unique-constraint failure to `refused`, any other error as usual.
pub(crate) fn refuse_duplicate(e: sqlx::Error, refused: SsaError) -> SsaError {
    if is_unique_violation(&e) {
        refused
    } else {
        e.into()
    }
}
