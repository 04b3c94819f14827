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
mod audit;
mod captcha_counters;
mod histories;
mod internet_users;
mod messages;
mod meta;
mod rows;
mod statements;
#[cfg(feature = "test-support")]
mod test_support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions, PgRow, Postgres};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Database, Encode, FromRow, Sqlite, Type};

pub use accounts::FailureCount;
pub(crate) use audit::append as append_audit;
pub use captcha_counters::CaptchaCounter;
pub use histories::HistoryLock;
pub use internet_users::CreateConflict;
pub use rows::{BasicAccountRow, InternetUserRow, MessageRow};
pub use statements::MovementRow;
pub(crate) use statements::{balance_on_or_before, ClosingBalance, NewMovement};
#[cfg(feature = "test-support")]
pub use test_support::StoreTable;

use crate::error::{Result, SsaError};
use crate::security::audit::ChainKey;

/// One value bound to a `$n` placeholder.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Int(i64),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_owned()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_owned))
    }
}

/// A statement and its arguments, written once for both backends.
#[derive(Debug, Clone)]
pub(crate) struct Sql {
    text: std::borrow::Cow<'static, str>,
    args: Vec<Value>,
}

/// Starts a statement: `sql("... WHERE id = $1").arg(id)`. The text is
/// made by the code, never from input: input goes in as arguments.
pub(crate) fn sql(text: impl Into<std::borrow::Cow<'static, str>>) -> Sql {
    Sql {
        text: text.into(),
        args: Vec::new(),
    }
}

impl Sql {
    pub(crate) fn arg(mut self, value: impl Into<Value>) -> Self {
        self.args.push(value.into());
        self
    }

    /// The text for SQLite. SQLite keeps `$N` arguments in a list it
    /// searches by number for every argument it binds, so a statement with
    /// thousands of them (a multi-row INSERT) costs their square; plain `?`
    /// arguments are bound by position. A text whose arguments are `$1`,
    /// `$2`, ... each once and in order is given with `?` instead.
    fn sqlite_text(&self) -> std::borrow::Cow<'_, str> {
        let text = self.text.as_ref();
        let bytes = text.as_bytes();
        let mut next = 1usize;
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'$' {
                let digits = bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let number = text[i + 1..i + 1 + digits].parse::<usize>().ok();
                if number != Some(next) {
                    return std::borrow::Cow::Borrowed(text);
                }
                out.push_str(&text[last..i]);
                out.push('?');
                next += 1;
                i += 1 + digits;
                last = i;
            } else {
                i += 1;
            }
        }
        if next == 1 {
            return std::borrow::Cow::Borrowed(text);
        }
        out.push_str(&text[last..]);
        std::borrow::Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::sql;

    #[test]
    fn sqlite_text_is_positional_only_when_arguments_run_in_order_once() {
        assert_eq!(
            sql("INSERT INTO t VALUES ($1, $2), ($3, $4)").sqlite_text(),
            "INSERT INTO t VALUES (?, ?), (?, ?)"
        );
        assert_eq!(
            sql("SELECT a FROM t WHERE a = $1 OR b = $1").sqlite_text(),
            "SELECT a FROM t WHERE a = $1 OR b = $1"
        );
        assert_eq!(
            sql("SELECT a FROM t WHERE a = $2 AND b = $1").sqlite_text(),
            "SELECT a FROM t WHERE a = $2 AND b = $1"
        );
        assert_eq!(sql("SELECT 1").sqlite_text(), "SELECT 1");
        assert_eq!(sql("SELECT $").sqlite_text(), "SELECT $");
    }
}

/// A row type both backends can decode.
pub(crate) trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A query that takes `$n` arguments one by one: `Query` and `QueryAs` both
/// do, with the same `bind`, so [`bind`] is written once for both.
trait BindValue<'q, DB: Database>: Sized {
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self;
}

impl<'q, DB: Database> BindValue<'q, DB>
    for sqlx::query::Query<'q, DB, <DB as Database>::Arguments<'q>>
{
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

impl<'q, DB: Database, O> BindValue<'q, DB>
    for sqlx::query::QueryAs<'q, DB, O, <DB as Database>::Arguments<'q>>
{
    fn bind_value<T: 'q + Encode<'q, DB> + Type<DB>>(self, value: T) -> Self {
        self.bind(value)
    }
}

fn bind<'q, DB, Q>(mut query: Q, args: &'q [Value]) -> Q
where
    DB: Database,
    Q: BindValue<'q, DB>,
    i64: Encode<'q, DB> + Type<DB>,
    bool: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
{
    for arg in args {
        query = match arg {
            Value::Int(v) => query.bind_value(*v),
            Value::Bool(v) => query.bind_value(*v),
            Value::Text(v) => query.bind_value(v.as_deref()),
        };
    }
    query
}

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

impl Store {
    /// Opens (creating and migrating on first use) the database at `url`:
    /// `postgres://` or `postgresql://` for PostgreSQL; `sqlite:` URLs as
    /// SQLite URLs; anything else is a SQLite file path, taken as it is (a
    /// folder named `a%20b?c#d` is that folder, not a URL to decode).
    pub async fn open(url: &str) -> Result<Self> {
        let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect(url)
                .await?;
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
            Pool::Postgres(pool)
        } else {
            let options = if url.starts_with("sqlite:") {
                url.parse::<SqliteConnectOptions>()?
            } else {
                SqliteConnectOptions::new().filename(Path::new(url))
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
                .await?;
            sqlx::migrate!("migrations/sqlite").run(&pool).await?;
            Pool::Sqlite(pool)
        };
        Ok(Self {
            pool,
            chain_key: None,
        })
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
