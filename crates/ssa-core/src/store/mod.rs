//! Storage through sqlx, on SQLite (the default: a file, WAL mode) or
//! PostgreSQL (a `postgres://` URL, for branches where many kiosks share one
//! database). Each backend has its own migrations; every query is written once
//! with `$n` placeholders and runs on both, by expanding the same code for
//! each pool type (`on_pool!`). Every change that belongs together is one
//! transaction, whose first statement writes, so that SQLite takes its write
//! lock up front and waits for it instead of failing.

mod rows;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use rows::{BasicAccountRow, InternetUserRow, MessageRow};

use crate::domain::BasicAccountKey;
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEntry, AuditEvent};
use crate::security::MAX_FAILED_ATTEMPTS;

#[derive(Clone, Debug)]
enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database, whichever backend it is.
#[derive(Clone, Debug)]
pub struct Store {
    backend: Backend,
}

/// Runs the same code on whichever pool the store has.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.backend {
            Backend::Sqlite($pool) => $body,
            Backend::Postgres($pool) => $body,
        }
    };
}

/// Appends an audit entry inside the transaction `$tx`.
macro_rules! append_audit {
    ($tx:expr, $at:expr, $event:expr) => {{
        let event: &AuditEvent = $event;
        sqlx::query(
            "INSERT INTO audit_log (at_ms, kind, internet_user_id, basic_user_id, outcome) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($at)
        .bind(event.kind.as_str())
        .bind(event.internet_user_id.as_deref())
        .bind(event.basic_user_id.as_deref())
        .bind(event.outcome)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Adds a hash to a password history inside the transaction `$tx`. The
/// history holds every password set, the current one included.
macro_rules! push_history {
    ($tx:expr, basic, $owner:expr, $hash:expr, $now:expr) => {
        push_history!(@insert $tx, "INSERT INTO basic_password_history (basic_account_id, password_hash, set_at) VALUES ($1, $2, $3)", $owner, $hash, $now)
    };
    ($tx:expr, internet, $owner:expr, $hash:expr, $now:expr) => {
        push_history!(@insert $tx, "INSERT INTO internet_password_history (internet_user_id, password_hash, set_at) VALUES ($1, $2, $3)", $owner, $hash, $now)
    };
    (@insert $tx:expr, $sql:expr, $owner:expr, $hash:expr, $now:expr) => {
        sqlx::query($sql)
            .bind($owner)
            .bind($hash)
            .bind($now)
            .execute(&mut *$tx)
            .await?
    };
}

/// Runs one UPDATE and, when it changed a row, the optional `then` block (more
/// statements on the same transaction, named by the given identifier) and the
/// audit entry: one transaction. Evaluates to whether a row changed.
macro_rules! audited_update {
    ($store:expr, $now:expr, $audit:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        audited_update!($store, $now, $audit, $sql $(, $bind)*; then |tx| {})
    };
    ($store:expr, $now:expr, $audit:expr, $sql:expr $(, $bind:expr)*; then |$tx:ident| $then:block) => {{
        let done = on_pool!($store, |pool| async {
            let mut $tx = pool.begin().await?;
            let done = sqlx::query($sql)
                $(.bind($bind))*
                .execute(&mut *$tx)
                .await?
                .rows_affected()
                == 1;
            if done {
                $then
                append_audit!($tx, $now, $audit);
            }
            $tx.commit().await?;
            Ok::<_, sqlx::Error>(done)
        }
        .await)?;
        done
    }};
}

/// Why a new Internet User ID could not be stored.
#[derive(Debug)]
pub enum CreateConflict {
    IdTaken,
    AccountHasLiveId,
    Other(SsaError),
}

impl From<sqlx::Error> for CreateConflict {
    fn from(e: sqlx::Error) -> Self {
        CreateConflict::Other(e.into())
    }
}

/// The result of a counted wrong attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCount {
    pub failures: i64,
    pub locked: bool,
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

impl Store {
    /// Opens (creating and migrating on first use) the database at `url`:
    /// `postgres://` or `postgresql://` for PostgreSQL, anything else is a
    /// SQLite URL or file path.
    pub async fn open(url: &str) -> Result<Self> {
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect(url)
                .await?;
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
            Backend::Postgres(pool)
        } else {
            let url = if url.starts_with("sqlite:") {
                url.to_owned()
            } else {
                format!("sqlite://{url}")
            };
            let options = SqliteConnectOptions::from_str(&url)?
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
            Backend::Sqlite(pool)
        };
        Ok(Self { backend })
    }

    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }

    // ---- meta -------------------------------------------------------------

    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        let value = on_pool!(self, |pool| sqlx::query_scalar::<_, String>(
            "SELECT value FROM meta WHERE key = $1"
        )
        .bind(key)
        .fetch_optional(pool)
        .await?);
        Ok(value)
    }

    /// Sets `key` to `value`, replacing any earlier value.
    pub async fn meta_set(&self, key: &str, value: &str) -> Result<()> {
        on_pool!(self, |pool| sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        .bind(key)
        .bind(value)
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Whether any password hash is stored yet.
    pub async fn holds_hashes(&self) -> Result<bool> {
        let n = on_pool!(self, |pool| sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM basic_accounts"
        )
        .fetch_one(pool)
        .await?);
        Ok(n > 0)
    }

    // ---- SSA basic accounts ------------------------------------------------

    pub async fn insert_basic_account(
        &self,
        key: &BasicAccountKey,
        hash: &str,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<i64> {
        let result: Result<i64, sqlx::Error> = on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin().await?;
            let id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO basic_accounts \
                 (basic_user_id, participant_id, ssa_number, password_hash, password_is_initial, created_at) \
                 VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id",
            )
            .bind(key.basic_user_id.as_str())
            .bind(key.participant_id.as_str())
            .bind(key.ssa_number.as_str())
            .bind(hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            push_history!(tx, basic, id, hash, now);
            append_audit!(tx, now, audit);
            tx.commit().await?;
            Ok(id)
        }
        .await
        });
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(SsaError::OperatorRefused {
                reason: "basic-account-exists".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn basic_account(&self, key: &BasicAccountKey) -> Result<Option<BasicAccountRow>> {
        let row = on_pool!(self, |pool| sqlx::query_as::<_, BasicAccountRow>(
            "SELECT id, basic_user_id, participant_id, ssa_number, password_hash, \
             password_is_initial, failed_attempts, locked \
             FROM basic_accounts \
             WHERE basic_user_id = $1 AND participant_id = $2 AND ssa_number = $3"
        )
        .bind(key.basic_user_id.as_str())
        .bind(key.participant_id.as_str())
        .bind(key.ssa_number.as_str())
        .fetch_optional(pool)
        .await?);
        Ok(row)
    }

    pub async fn basic_account_by_id(&self, id: i64) -> Result<Option<BasicAccountRow>> {
        let row = on_pool!(self, |pool| sqlx::query_as::<_, BasicAccountRow>(
            "SELECT id, basic_user_id, participant_id, ssa_number, password_hash, \
             password_is_initial, failed_attempts, locked \
             FROM basic_accounts WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(row)
    }

    /// Counts one wrong Basic password, unless the account is locked already;
    /// locks it at the limit. Count, check and audit are one transaction, so
    /// parallel attempts cannot count past the limit.
    pub async fn record_basic_failure(
        &self,
        account_id: i64,
        now: i64,
        failed: &AuditEvent,
        locked: &AuditEvent,
    ) -> Result<Option<FailureCount>> {
        let count = on_pool!(self, |pool| async {
            let mut tx = pool.begin().await?;
            let row = sqlx::query_as::<_, (i64, bool)>(
                "UPDATE basic_accounts \
                 SET failed_attempts = failed_attempts + 1, locked = (failed_attempts + 1 >= $2) \
                 WHERE id = $1 AND NOT locked \
                 RETURNING failed_attempts, locked",
            )
            .bind(account_id)
            .bind(MAX_FAILED_ATTEMPTS)
            .fetch_optional(&mut *tx)
            .await?;
            let count = row.map(|(failures, locked)| FailureCount { failures, locked });
            if let Some(c) = count {
                append_audit!(tx, now, failed);
                if c.locked {
                    append_audit!(tx, now, locked);
                }
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(count)
        }
        .await)?;
        Ok(count)
    }

    /// The last `n` Basic password hashes, newest first (the current one included).
    pub async fn basic_password_history(&self, account_id: i64, n: u32) -> Result<Vec<String>> {
        let hashes = on_pool!(self, |pool| sqlx::query_scalar::<_, String>(
            "SELECT password_hash FROM basic_password_history \
             WHERE basic_account_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(account_id)
        .bind(i64::from(n))
        .fetch_all(pool)
        .await?);
        Ok(hashes)
    }

    /// Sets a new Basic password: no longer the initial one, counter reset,
    /// history extended, audited; one transaction. `false` when the account
    /// was locked meanwhile.
    pub async fn set_basic_password(
        &self,
        account_id: i64,
        hash: &str,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE basic_accounts \
             SET password_hash = $2, password_is_initial = FALSE, failed_attempts = 0 \
             WHERE id = $1 AND NOT locked",
            account_id,
            hash;
            then |tx| {
                push_history!(tx, basic, account_id, hash, now);
            }
        ))
    }

    /// Operator: clears the lock and the counter of a basic account.
    pub async fn unlock_basic_account(
        &self,
        account_id: i64,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE basic_accounts SET locked = FALSE, failed_attempts = 0 WHERE id = $1",
            account_id,
        ))
    }

    // ---- Internet users ------------------------------------------------------

    /// The Internet user with this ID (any case), live or cancelled.
    pub async fn internet_user(&self, id_key: &str) -> Result<Option<InternetUserRow>> {
        let row = on_pool!(self, |pool| {
            sqlx::query_as::<_, InternetUserRow>(
            "SELECT id, internet_user_id, basic_account_id, password_hash, password_changed_at, \
             failed_logins, locked, cancelled_at, last_login_at \
             FROM internet_users WHERE id_key = $1"
        )
        .bind(id_key)
        .fetch_optional(pool)
        .await?
        });
        Ok(row)
    }

    pub async fn internet_user_by_id(&self, id: i64) -> Result<Option<InternetUserRow>> {
        let row = on_pool!(self, |pool| {
            sqlx::query_as::<_, InternetUserRow>(
            "SELECT id, internet_user_id, basic_account_id, password_hash, password_changed_at, \
             failed_logins, locked, cancelled_at, last_login_at \
             FROM internet_users WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
        });
        Ok(row)
    }

    pub async fn internet_id_taken(&self, id_key: &str) -> Result<bool> {
        let n = on_pool!(self, |pool| sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM internet_users WHERE id_key = $1"
        )
        .bind(id_key)
        .fetch_one(pool)
        .await?);
        Ok(n > 0)
    }

    /// Creates an Internet User ID with its password and history, resets the
    /// account's Basic password counter and audits it: one transaction. The
    /// unique constraints decide races.
    pub async fn create_internet_user(
        &self,
        account_id: i64,
        internet_user_id: &str,
        id_key: &str,
        hash: &str,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<i64, CreateConflict> {
        let result: Result<i64, sqlx::Error> = on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin().await?;
            let id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO internet_users \
                 (internet_user_id, id_key, basic_account_id, password_hash, password_changed_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            )
            .bind(internet_user_id)
            .bind(id_key)
            .bind(account_id)
            .bind(hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            push_history!(tx, internet, id, hash, now);
            sqlx::query("UPDATE basic_accounts SET failed_attempts = 0 WHERE id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
            append_audit!(tx, now, audit);
            tx.commit().await?;
            Ok(id)
        }
        .await
        });
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => {
                // Which constraint fired: the ID's, or the one-live-ID-per-account index.
                if self
                    .internet_id_taken(id_key)
                    .await
                    .map_err(CreateConflict::Other)?
                {
                    Err(CreateConflict::IdTaken)
                } else {
                    Err(CreateConflict::AccountHasLiveId)
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Counts one wrong Internet password unless the ID is locked or cancelled
    /// already; locks it at the limit; audits. One transaction.
    pub async fn record_login_failure(
        &self,
        user_id: i64,
        now: i64,
        failed: &AuditEvent,
        locked: &AuditEvent,
    ) -> Result<Option<FailureCount>> {
        let count = on_pool!(self, |pool| async {
            let mut tx = pool.begin().await?;
            let row = sqlx::query_as::<_, (i64, bool)>(
                "UPDATE internet_users \
                 SET failed_logins = failed_logins + 1, locked = (failed_logins + 1 >= $2) \
                 WHERE id = $1 AND NOT locked AND cancelled_at IS NULL \
                 RETURNING failed_logins, locked",
            )
            .bind(user_id)
            .bind(MAX_FAILED_ATTEMPTS)
            .fetch_optional(&mut *tx)
            .await?;
            let count = row.map(|(failures, locked)| FailureCount { failures, locked });
            match count {
                Some(c) => {
                    append_audit!(tx, now, failed);
                    if c.locked {
                        append_audit!(tx, now, locked);
                    }
                }
                None => {
                    // Locked already: refused without counting.
                    let uncounted = AuditEvent {
                        outcome: "already-locked",
                        ..failed.clone()
                    };
                    append_audit!(tx, now, &uncounted);
                }
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(count)
        }
        .await)?;
        Ok(count)
    }

    /// Records a successful login: counter reset, last login time set,
    /// audited; one transaction. `false` when the ID was locked or cancelled
    /// meanwhile (the login must then fail).
    pub async fn record_login_success(
        &self,
        user_id: i64,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE internet_users SET failed_logins = 0, last_login_at = $2 \
             WHERE id = $1 AND NOT locked AND cancelled_at IS NULL",
            user_id,
            now,
        ))
    }

    /// The last `n` Internet password hashes, newest first (the current one included).
    pub async fn internet_password_history(&self, user_id: i64, n: u32) -> Result<Vec<String>> {
        let hashes = on_pool!(self, |pool| sqlx::query_scalar::<_, String>(
            "SELECT password_hash FROM internet_password_history \
             WHERE internet_user_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(user_id)
        .bind(i64::from(n))
        .fetch_all(pool)
        .await?);
        Ok(hashes)
    }

    /// Sets a new Internet password, restarts the 90-day clock, resets the
    /// counter, extends the history and audits; one transaction.
    pub async fn set_internet_password(
        &self,
        user_id: i64,
        hash: &str,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE internet_users \
             SET password_hash = $2, password_changed_at = $3, failed_logins = 0 \
             WHERE id = $1 AND NOT locked AND cancelled_at IS NULL",
            user_id,
            hash,
            now;
            then |tx| {
                push_history!(tx, internet, user_id, hash, now);
            }
        ))
    }

    /// Forgot password: a new Internet password, the ID unlocked and both
    /// counters reset, the history extended, audited; one transaction.
    /// `false` when the ID was cancelled meanwhile.
    pub async fn reset_internet_password(
        &self,
        user_id: i64,
        account_id: i64,
        hash: &str,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE internet_users \
             SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked = FALSE \
             WHERE id = $1 AND cancelled_at IS NULL",
            user_id,
            hash,
            now;
            then |tx| {
                push_history!(tx, internet, user_id, hash, now);
                sqlx::query("UPDATE basic_accounts SET failed_attempts = 0 WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
            }
        ))
    }

    /// Ends an Internet User ID for good; audited; one transaction. `false`
    /// when it was cancelled already.
    pub async fn cancel_internet_user(
        &self,
        user_id: i64,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE internet_users SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL",
            user_id,
            now,
        ))
    }

    /// Operator: clears the lock and the counter of an Internet User ID.
    pub async fn unlock_internet_user(
        &self,
        user_id: i64,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<bool> {
        Ok(audited_update!(
            self,
            now,
            audit,
            "UPDATE internet_users SET locked = FALSE, failed_logins = 0 \
             WHERE id = $1 AND cancelled_at IS NULL",
            user_id,
        ))
    }

    // ---- broadcast messages ------------------------------------------------------

    pub async fn post_message(
        &self,
        reference: &str,
        subject: &str,
        body: &str,
        now: i64,
        audit: &AuditEvent,
    ) -> Result<i64> {
        let result: Result<i64, sqlx::Error> = on_pool!(self, |pool| async {
            let mut tx = pool.begin().await?;
            let id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO broadcast_messages (reference, posted_at, subject, body) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(reference)
            .bind(now)
            .bind(subject)
            .bind(body)
            .fetch_one(&mut *tx)
            .await?;
            append_audit!(tx, now, audit);
            tx.commit().await?;
            Ok(id)
        }
        .await);
        match result {
            Ok(id) => Ok(id),
            Err(e) if is_unique_violation(&e) => Err(SsaError::OperatorRefused {
                reason: "message-reference-exists".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// The next free 5-digit message reference.
    pub async fn next_message_reference(&self) -> Result<String> {
        let n = on_pool!(self, |pool| sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM broadcast_messages"
        )
        .fetch_one(pool)
        .await?);
        Ok(format!("{:05}", n + 1))
    }

    /// Every broadcast message, newest first, with whether this user read it.
    pub async fn messages_for(&self, user_id: i64) -> Result<Vec<MessageRow>> {
        let rows = on_pool!(self, |pool| sqlx::query_as::<_, MessageRow>(
            "SELECT m.id, m.reference, m.posted_at, m.subject, m.body, \
             EXISTS (SELECT 1 FROM message_reads r \
                     WHERE r.message_id = m.id AND r.internet_user_id = $1) AS read \
             FROM broadcast_messages m ORDER BY m.posted_at DESC, m.id DESC"
        )
        .bind(user_id)
        .fetch_all(pool)
        .await?);
        Ok(rows)
    }

    pub async fn mark_read(&self, user_id: i64, message_id: i64, now: i64) -> Result<()> {
        on_pool!(self, |pool| {
            sqlx::query(
            "INSERT INTO message_reads (internet_user_id, message_id, read_at) VALUES ($1, $2, $3) \
             ON CONFLICT (internet_user_id, message_id) DO NOTHING"
        )
        .bind(user_id)
        .bind(message_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())?
        });
        Ok(())
    }

    // ---- audit log ------------------------------------------------------------

    /// Appends one entry on its own (for events with no state change).
    pub async fn audit(&self, now: i64, event: &AuditEvent) -> Result<()> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin().await?;
            append_audit!(tx, now, event);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// The newest `limit` entries, newest first.
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let rows = on_pool!(self, |pool| sqlx::query_as::<_, AuditEntry>(
            "SELECT id, at_ms, kind, internet_user_id, basic_user_id, outcome \
             FROM audit_log ORDER BY id DESC LIMIT $1"
        )
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?);
        Ok(rows)
    }

    /// Counts rows of a table (for tests that check nothing half-made stayed).
    pub async fn count_rows(&self, table: StoreTable) -> Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {}", table.name());
        let n = on_pool!(self, |pool| sqlx::query_scalar::<_, i64>(&sql)
            .fetch_one(pool)
            .await?);
        Ok(n)
    }

    /// Runs raw SQL (tests: trying to alter the audit log).
    #[doc(hidden)]
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        let n = on_pool!(self, |pool| sqlx::query(sql)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(n)
    }
}

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
