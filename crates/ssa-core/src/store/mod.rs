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
mod calendar;
mod captcha_counters;
mod failures;
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

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow, PgSslMode, Postgres};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Database, Encode, FromRow, Sqlite, Type};

#[cfg(feature = "test-support")]
pub use accounts::AccountStateRow;
pub(crate) use audit::append as append_audit;
pub(crate) use calendar::{HolidayRow, SpecialWindowRow};
#[cfg(feature = "test-support")]
pub use captcha_counters::CaptchaCounter;
pub(crate) use failures::Counted;
pub use failures::FailureCount;
#[cfg(feature = "test-support")]
pub use histories::HistoryLock;
pub use internet_users::CreateConflict;
pub(crate) use messages::NewMessageRow;
pub use rows::{BasicAccountRow, InternetUserRow, MessageRow};
pub use statements::MovementRow;
pub(crate) use statements::{
    parse_ymd, ymd, ClosingBalance, MovementFilter, MovementWithNames, NewMovement, SsaRef,
};
#[cfg(feature = "test-support")]
pub use test_support::StoreTable;

use crate::error::{Result, SsaError};
use crate::security::audit::ChainKey;

/// One value bound to a `$n` placeholder.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Int(i64),
    NullableInt(Option<i64>),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::NullableInt(v)
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
    Option<i64>: Encode<'q, DB> + Type<DB>,
    bool: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
{
    for arg in args {
        query = match arg {
            Value::Int(v) => query.bind_value(*v),
            Value::NullableInt(v) => query.bind_value(*v),
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

/// A PostgreSQL URL's connection options, refused before any byte is sent
/// when they would cross a network in clear or to an unchecked peer: a
/// Unix socket and loopback may be plain; any other host needs TLS with its
/// certificate and name checked (`sslmode=verify-full`), against the
/// platform's roots or the branch's CA in `sslrootcert=`. The URL's own
/// parameters win over the `PGSSLMODE`/`PGSSLROOTCERT` environment.
pub(crate) fn postgres_options(url: &str) -> Result<PgConnectOptions> {
    let options: PgConnectOptions = url.parse()?;
    if options.get_socket().is_some() {
        return Ok(options);
    }
    let host = options.get_host();
    let unix_socket = host.starts_with('/');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    // verify-full only: verify-ca checks the chain but not the name, and
    // sqlx adds `sslrootcert` to the platform's roots, so any publicly
    // trusted certificate would pass it.
    let checked = matches!(options.get_ssl_mode(), PgSslMode::VerifyFull);
    if unix_socket || loopback || checked {
        Ok(options)
    } else {
        Err(SsaError::InsecureDatabaseLink {
            host: host.to_owned(),
        })
    }
}

#[cfg(test)]
mod transport_tests {
    use super::*;

    #[test]
    fn only_loopback_and_sockets_may_be_reached_in_clear() {
        for url in [
            "postgres://ssa_app@db.branch/ssa?sslmode=disable",
            "postgres://ssa_app@db.branch/ssa?sslmode=prefer",
            "postgres://ssa_app@10.0.0.7:5432/ssa?sslmode=require",
            "postgres://ssa_app@db.branch/ssa?sslmode=verify-ca&sslrootcert=/etc/ssa/ca.pem",
        ] {
            match postgres_options(url) {
                Err(SsaError::InsecureDatabaseLink { host }) => {
                    assert!(host == "db.branch" || host == "10.0.0.7", "{host}")
                }
                other => panic!("{url}: {other:?}"),
            }
        }
        let refused = postgres_options("postgres://u@db.branch/ssa?sslmode=require").unwrap_err();
        assert!(
            refused.to_string().contains("sslmode=verify-full"),
            "the message says how to fix it: {refused}"
        );
        for url in [
            "postgres://ssa_app@db.branch/ssa?sslmode=verify-full&sslrootcert=/etc/ssa/ca.pem",
            "postgres://ssa_app@localhost/ssa?sslmode=disable",
            "postgres://ssa_app@127.0.0.1:5432/ssa?sslmode=disable",
            "postgres://ssa_app@[::1]:5432/ssa?sslmode=disable",
            "postgres:///ssa?host=/var/run/postgresql&sslmode=disable",
        ] {
            assert!(postgres_options(url).is_ok(), "{url}");
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
        app_role: Option<&str>,
        import_role: Option<&str>,
    ) -> Result<()> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            for (flag, given) in [("--app-role", app_role), ("--import-role", import_role)] {
                if given.is_some() {
                    return Err(SsaError::OperatorRefused {
                        reason: format!("{flag} is for PostgreSQL; a SQLite file has no roles"),
                    });
                }
            }
            Self::open(url).await?.close().await;
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

static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Whether every migration is applied, as `_sqlx_migrations` records it
/// (version and checksum). `false` when that cannot be read: then the
/// migrator runs, and says what is wrong.
async fn postgres_migrated(pool: &PgPool) -> bool {
    let applied: sqlx::Result<Vec<(i64, Vec<u8>)>> = async {
        let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
            .fetch_one(pool)
            .await?;
        if !exists {
            return Ok(Vec::new());
        }
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await
    }
    .await;
    let Ok(applied) = applied else {
        return false;
    };
    POSTGRES_MIGRATIONS
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .all(|m| {
            applied
                .iter()
                .any(|(version, checksum)| *version == m.version && *checksum == *m.checksum)
        })
}

/// A migration the connected role may not make names who can.
/// Before migrating: a database where one SSA (Participant ID, SSA Number)
/// has more than one basic account cannot take the rule that it has one
/// (migration 0007). Such a database is refused, naming the pairs, so the
/// operator can settle which account is the SSA's; nothing is changed. A
/// database without accounts yet (or without the table) passes.
async fn refuse_shared_ssas(pool: &Pool) -> Result<()> {
    const SHARED: &str = "SELECT participant_id, ssa_number, COUNT(*) FROM basic_accounts \
                          GROUP BY participant_id, ssa_number HAVING COUNT(*) > 1 \
                          ORDER BY participant_id, ssa_number LIMIT 20";
    let shared: Vec<(String, String, i64)> = match pool {
        Pool::Sqlite(p) => sqlx::query_as(SHARED)
            .fetch_all(p)
            .await
            .unwrap_or_default(),
        Pool::Postgres(p) => sqlx::query_as(SHARED)
            .fetch_all(p)
            .await
            .unwrap_or_default(),
    };
    if shared.is_empty() {
        return Ok(());
    }
    let pairs: Vec<String> = shared
        .iter()
        .map(|(participant, ssa, n)| format!("{participant}/{ssa} ({n} basic accounts)"))
        .collect();
    Err(SsaError::OperatorRefused {
        reason: format!(
            "this database gives one SSA more than one basic account: {}; one SSA has \
             exactly one basic account, so it cannot be upgraded until the extra ones \
             are removed (nothing was changed)",
            pairs.join(", ")
        ),
    })
}

fn refused_migration(e: sqlx::migrate::MigrateError) -> SsaError {
    use sqlx::migrate::MigrateError;
    let denied = match &e {
        MigrateError::Execute(sqlx::Error::Database(d))
        | MigrateError::ExecuteMigration(sqlx::Error::Database(d), _) => {
            d.code().as_deref() == Some("42501")
        }
        _ => false,
    };
    if denied {
        tracing::error!(error = %e, "database migration refused to this role");
        return SsaError::Storage {
            detail: "the database needs migrating and this role may not: run \
                     `ssa-admin --database <owner's URL> migrate --app-role <this role>` \
                     as the tables' owner (docs/postgres-roles.md)"
                .into(),
        };
    }
    e.into()
}

/// A role name as a quoted identifier. Only plain lower-case names are
/// taken: they are written into GRANT statements, which take no arguments.
fn role_identifier(name: &str) -> Result<String> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(SsaError::OperatorRefused {
            reason: format!(
                "--app-role {name:?}: a role name here is 1 to 63 lower-case letters, digits and _"
            ),
        });
    }
    Ok(format!("\"{name}\""))
}

/// Grants `role` the service's rights on every table of the current schema,
/// all in one transaction: reads and writes, except that the audit log may
/// only be read and appended to and its head only read and moved on.
/// Refuses to grant to a role that does not exist, is a superuser, or is the
/// owner running the migration; answers the schema, quoted.
async fn grantable_role(tx: &mut sqlx::Transaction<'_, Postgres>, name: &str) -> Result<String> {
    let refused = |reason: String| SsaError::OperatorRefused { reason };
    let (me, schema): (String, String) =
        sqlx::query_as("SELECT current_user::text, current_schema()::text")
            .fetch_one(&mut **tx)
            .await?;
    let found: Option<(bool,)> = sqlx::query_as("SELECT rolsuper FROM pg_roles WHERE rolname = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?;
    match found {
        None => {
            return Err(refused(format!(
                "no role named {name}: create it first (docs/postgres-roles.md)"
            )))
        }
        Some((true,)) => {
            return Err(refused(format!(
                "{name} is a superuser: it could change the audit log; give the app a plain role"
            )))
        }
        Some((false,)) if me == name => {
            return Err(refused(format!(
                "{name} is the role migrating (the owner): the app needs a role of its own"
            )))
        }
        Some((false,)) => {}
    }
    Ok(format!("\"{}\"", schema.replace('"', "\"\"")))
}

async fn grant_app_role(pool: &PgPool, role: &str, name: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    let schema = grantable_role(&mut tx, name).await?;
    for statement in [
        format!("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"),
        format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"),
        format!("GRANT USAGE ON SCHEMA {schema} TO {role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}"),
        // The pepper's check value is written once (insert-if-absent) and
        // never changed or removed by the app: without it a kiosk could
        // claim the database for a new pepper.
        format!(
            "REVOKE INSERT, UPDATE, DELETE ON audit_log, audit_head, _sqlx_migrations FROM {role}"
        ),
        format!("REVOKE UPDATE, DELETE ON meta FROM {role}"),
        // Statements are written only by the operator's import (spec 7.1):
        // a kiosk's role reads them and nothing more.
        format!("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {STATEMENT_TABLES} FROM {role}"),
        format!("GRANT INSERT ON audit_log TO {role}"),
        format!("GRANT UPDATE ON audit_head TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"),
    ] {
        sqlx::query(&statement).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The statement tables and the import's lock: only an import writes them.
const STATEMENT_TABLES: &str = "movements, balances, stocks, import_lock";

/// `migrate --import-role`: the role `ssa-admin import-stocks` and
/// `import-movements` run as. It reads everything an import checks, adds
/// stocks, movements and closing balances (never deletes them), takes the
/// import's lock and appends the import's audit entry; it cannot touch
/// accounts, passwords, the pepper's check value or the audit log's past.
async fn grant_import_role(pool: &PgPool, role: &str, name: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    let schema = grantable_role(&mut tx, name).await?;
    for statement in [
        format!("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"),
        format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"),
        format!("GRANT USAGE ON SCHEMA {schema} TO {role}"),
        // What an import reads: never a password hash or an Internet user.
        format!(
            "GRANT SELECT ON meta, _sqlx_migrations, audit_log, audit_head, stocks, \
             movements, balances, import_lock TO {role}"
        ),
        format!("GRANT SELECT (id, participant_id, ssa_number) ON basic_accounts TO {role}"),
        // Movements are appended, never changed; a stock's names and a day's
        // closing balance are upserted.
        format!("GRANT INSERT ON movements TO {role}"),
        format!("GRANT INSERT, UPDATE ON balances, stocks TO {role}"),
        format!("GRANT UPDATE ON import_lock TO {role}"),
        format!("GRANT INSERT ON audit_log TO {role}"),
        format!("GRANT UPDATE ON audit_head TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"),
    ] {
        sqlx::query(&statement).execute(&mut *tx).await?;
    }
    // An import refreshes the statement tables' statistics (ANALYZE), which
    // only their owner may do before PostgreSQL 17; from 17 the MAINTAIN
    // right lets the import role do it too. Without it the server skips the
    // refresh with a warning and large imports run slower.
    let (version,): (i32,) =
        sqlx::query_as("SELECT current_setting('server_version_num')::integer")
            .fetch_one(&mut *tx)
            .await?;
    if version >= 170_000 {
        sqlx::query(&format!("GRANT MAINTAIN ON movements, balances TO {role}"))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Maps a unique-constraint failure to `refused`, any other error as usual.
pub(crate) fn refuse_duplicate(e: sqlx::Error, refused: SsaError) -> SsaError {
    if is_unique_violation(&e) {
        refused
    } else {
        e.into()
    }
}
