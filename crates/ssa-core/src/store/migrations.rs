//! Migrations and the PostgreSQL roles: what is applied, what an old
//! database must fix first, and what the app's and the import's roles may
//! do (docs/postgres-roles.md).

use sqlx::postgres::{PgPool, Postgres};

use super::Pool;
use crate::error::{Result, SsaError};

pub(super) static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator =
    sqlx::migrate!("migrations/postgres");

/// Whether every migration is applied, as `_sqlx_migrations` records it
/// (version and checksum). `false` when that cannot be read: then the
/// migrator runs, and says what is wrong.
pub(super) async fn postgres_migrated(pool: &PgPool) -> bool {
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
pub(super) async fn refuse_shared_ssas(pool: &Pool) -> Result<()> {
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

pub(super) fn refused_migration(e: sqlx::migrate::MigrateError) -> SsaError {
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
pub(super) fn role_identifier(name: &str) -> Result<String> {
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
pub(super) async fn grantable_role(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    name: &str,
) -> Result<String> {
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

/// Every grant a role had, taken back, then the schema's use granted: what
/// each role's list starts from.
fn start_afresh(schema: &str, role: &str) -> [String; 3] {
    [
        format!("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"),
        format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"),
        format!("GRANT USAGE ON SCHEMA {schema} TO {role}"),
    ]
}

/// A role's grants, in order: a fresh start, its `own` list, then what both
/// roles share.
async fn grant(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    schema: &str,
    role: &str,
    own: impl IntoIterator<Item = String>,
) -> Result<()> {
    for statement in start_afresh(schema, role)
        .into_iter()
        .chain(own)
        .chain(audit_and_sequences(schema, role))
    {
        sqlx::query(&statement).execute(&mut **tx).await?;
    }
    Ok(())
}

/// What both roles do alike at the end: append to the audit log (and move
/// its head), and use the sequences.
fn audit_and_sequences(schema: &str, role: &str) -> [String; 3] {
    [
        format!("GRANT INSERT ON audit_log TO {role}"),
        format!("GRANT UPDATE ON audit_head TO {role}"),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"),
    ]
}

pub(super) async fn grant_app_role(pool: &PgPool, role: &str, name: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    let schema = grantable_role(&mut tx, name).await?;
    let own = [
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
    ];
    grant(&mut tx, &schema, role, own).await?;
    tx.commit().await?;
    Ok(())
}

/// The statement tables and the import's lock: only an import writes them.
pub(super) const STATEMENT_TABLES: &str = "movements, balances, stocks, import_lock";

/// `migrate --import-role`: the role `ssa-admin import-stocks` and
/// `import-movements` run as. It reads everything an import checks, adds
/// stocks, movements and closing balances (never deletes them), takes the
/// import's lock and appends the import's audit entry; it cannot touch
/// accounts, passwords, the pepper's check value or the audit log's past.
pub(super) async fn grant_import_role(pool: &PgPool, role: &str, name: &str) -> Result<()> {
    let mut tx = pool.begin().await?;
    let schema = grantable_role(&mut tx, name).await?;
    let own = [
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
    ];
    grant(&mut tx, &schema, role, own).await?;
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
