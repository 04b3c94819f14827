//! PostgreSQL with two roles (docs/postgres-roles.md): the owner migrates,
//! the app's role registers, logs in and audits, and may not change, delete,
//! truncate or unguard the audit log. PostgreSQL only: skipped without
//! `SSA_TEST_POSTGRES_URL`.

use std::sync::Arc;

use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, Executor, PgConnection};
use ssa_core::store::{Store, StoreTable};
use ssa_core::{ManualClock, MemorySecretStore, SessionKind, Ssa};

use crate::common::{
    postgres_absent, rand_u64, register_default_on, secret, weekday_morning, CODE,
};

/// A database owned by a new owner role, with a new app role beside it;
/// dropped (with both roles) at the end.
struct TwoRoles {
    admin: String,
    database: String,
    owner: String,
    app: String,
    host: String,
    port: u16,
    password: String,
}

impl TwoRoles {
    /// Two fresh roles and their database on the test server; `None` (the
    /// test skipped) without one.
    async fn on_the_test_server() -> Option<TwoRoles> {
        let Ok(admin) = std::env::var("SSA_TEST_POSTGRES_URL") else {
            postgres_absent();
            return None;
        };
        Some(TwoRoles::create(&admin).await)
    }

    async fn create(admin: &str) -> TwoRoles {
        let suffix = format!("{:012x}", rand_u64() & 0xffff_ffff_ffff);
        let options: PgConnectOptions = admin.parse().unwrap();
        let roles = TwoRoles {
            admin: admin.to_owned(),
            database: format!("ssa_roles_{suffix}"),
            owner: format!("ssa_owner_{suffix}"),
            app: format!("ssa_app_{suffix}"),
            host: options.get_host().to_owned(),
            port: options.get_port(),
            password: format!("pw{suffix}"),
        };
        let mut conn = PgConnection::connect(admin).await.unwrap();
        for role in [&roles.owner, &roles.app] {
            conn.execute(
                format!("CREATE ROLE {role} LOGIN PASSWORD '{}'", roles.password).as_str(),
            )
            .await
            .unwrap();
        }
        conn.execute(format!("CREATE DATABASE {} OWNER {}", roles.database, roles.owner).as_str())
            .await
            .unwrap();
        conn.close().await.unwrap();
        // As on PostgreSQL 15 and later whatever the server: nobody but the
        // owner creates tables in the database's schema.
        let mut db = PgConnection::connect(&roles.url_as("postgres_admin"))
            .await
            .unwrap();
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            .await
            .unwrap();
        db.close().await.unwrap();
        roles
    }

    /// The test database's URL as `role` (`postgres_admin`: the admin URL's
    /// own role and password).
    fn url_as(&self, role: &str) -> String {
        if role == "postgres_admin" {
            let base = self
                .admin
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&self.admin);
            return format!("{base}/{}", self.database);
        }
        format!(
            "postgres://{role}:{}@{}:{}/{}",
            self.password, self.host, self.port, self.database
        )
    }

    async fn drop_all(self) {
        let mut conn = PgConnection::connect(&self.admin).await.unwrap();
        for statement in [
            format!("DROP DATABASE {} WITH (FORCE)", self.database),
            format!("DROP ROLE {}", self.app),
            format!("DROP ROLE {}", self.owner),
        ] {
            conn.execute(statement.as_str()).await.unwrap();
        }
        conn.close().await.unwrap();
    }
}

async fn open_as(url: &str, secrets: &MemorySecretStore) -> ssa_core::Result<Ssa> {
    let clock = Arc::new(ManualClock::new(weekday_morning()));
    let ssa = Ssa::open(url, Arc::new(secrets.clone()), clock).await?;
    ssa.fix_captcha_answer(Some(CODE.to_owned()));
    Ok(ssa)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_role_appends_to_the_audit_log_but_cannot_change_it() {
    let Some(roles) = TwoRoles::on_the_test_server().await else {
        return;
    };
    let secrets = MemorySecretStore::new();
    let app_url = roles.url_as(&roles.app);

    // Before the owner migrates, the app's role cannot, and says who must.
    let early = open_as(&app_url, &secrets).await.unwrap_err();
    assert!(
        early
            .to_string()
            .contains("ssa-admin --database <owner's URL> migrate --app-role"),
        "{early}"
    );

    Store::migrate_as_owner(
        &roles.url_as(&roles.owner),
        &no_key(),
        Some(&roles.app),
        None,
    )
    .await
    .unwrap();
    let ssa = open_as(&app_url, &secrets).await.unwrap();
    register_default_on(&ssa).await;
    ssa.login("abcd1234", &secret("abcdefghij123"), SessionKind::Desktop)
        .await
        .unwrap();
    let report = ssa.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.checked, 3, "provisioned, registered, logged in");

    let store = ssa.store();
    let before = store.count_rows(StoreTable::AuditLog).await.unwrap();
    for (statement, refusal) in [
        ("UPDATE audit_log SET outcome = 'x'", "permission denied"),
        ("DELETE FROM audit_log", "permission denied"),
        ("TRUNCATE audit_log", "permission denied"),
        ("ALTER TABLE audit_log DISABLE TRIGGER ALL", "must be owner"),
        ("DELETE FROM audit_head", "permission denied"),
        ("DROP TABLE audit_log", "must be owner"),
    ] {
        let err = store.execute_raw(statement).await.unwrap_err();
        assert!(err.to_string().contains(refusal), "{statement}: {err}");
    }
    assert_eq!(
        store.count_rows(StoreTable::AuditLog).await.unwrap(),
        before
    );
    assert!(ssa.verify_audit().await.unwrap().is_intact());
    store.close().await;

    // The owner migrates again (a later release): the app's rights stay as
    // they were, and the app starts without migrating.
    Store::migrate_as_owner(
        &roles.url_as(&roles.owner),
        &no_key(),
        Some(&roles.app),
        None,
    )
    .await
    .unwrap();
    let again = open_as(&app_url, &secrets).await.unwrap();
    again
        .login("abcd1234", &secret("abcdefghij123"), SessionKind::Desktop)
        .await
        .unwrap();
    assert!(again
        .store()
        .execute_raw("UPDATE audit_log SET outcome = 'x'")
        .await
        .is_err());
    again.store().close().await;

    // The owner cannot make a superuser or itself the app's role.
    for wrong in [roles.owner.as_str(), "Bad-Name"] {
        let err =
            Store::migrate_as_owner(&roles.url_as(&roles.owner), &no_key(), Some(wrong), None)
                .await
                .unwrap_err();
        assert_eq!(err.code(), "operator-refused", "{wrong}: {err}");
    }
    roles.drop_all().await;
}

/// Spec 7.1: statements are append-only and written only by the operator's
/// import. The app's role (every kiosk holds its password) reads them and
/// nothing more; the import runs as the import role (`migrate
/// --import-role`), which cannot touch accounts or the pepper's check value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_import_role_writes_statements() {
    let Some(roles) = TwoRoles::on_the_test_server().await else {
        return;
    };
    let admin = roles.admin.clone();
    let import = format!("{}_import", roles.app);
    let mut conn = PgConnection::connect(&admin).await.unwrap();
    conn.execute(format!("CREATE ROLE {import} LOGIN PASSWORD '{}'", roles.password).as_str())
        .await
        .unwrap();
    conn.close().await.unwrap();
    Store::migrate_as_owner(
        &roles.url_as(&roles.owner),
        &no_key(),
        Some(&roles.app),
        Some(&import),
    )
    .await
    .unwrap();
    let secrets = MemorySecretStore::new();
    let app = open_as(&roles.url_as(&roles.app), &secrets).await.unwrap();
    app.provision_basic_account("12345678", "C00088", "01", &secret("11112222"))
        .await
        .unwrap();

    let stocks = "stock_code,name_en,name_zh_hk,name_zh_cn\n00700,TENCENT,騰訊控股,腾讯控股\n";
    let movements =
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
                     2026-11-02,C00088,01,00700,BF,1000,,R0001\n";

    // The app's role may not import.
    let refused = app
        .import_stocks(stocks.as_bytes(), false, &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("permission denied"),
        "{refused}"
    );

    // The import role may.
    let importer = open_as(&roles.url_as(&import), &secrets).await.unwrap();
    let report = importer
        .import_stocks(stocks.as_bytes(), false, &mut |_| {})
        .await
        .unwrap();
    assert!(report.problems.is_empty() && report.written, "{report:?}");
    assert_eq!(report.added, 1);
    let report = importer
        .import_movements(movements.as_bytes(), false, &mut |_| {})
        .await
        .unwrap();
    assert!(report.problems.is_empty() && report.written, "{report:?}");
    assert_eq!(report.added, 1);
    assert!(app.verify_audit().await.unwrap().is_intact());

    // Every write on each statement table, as the app's role: refused, and
    // the rows stay.
    let mut as_app = PgConnection::connect(&roles.url_as(&roles.app))
        .await
        .unwrap();
    for table in ["movements", "balances", "stocks", "import_lock"] {
        for statement in [
            format!("UPDATE {table} SET {} = {0}", first_column(table)),
            format!("DELETE FROM {table}"),
            format!("TRUNCATE {table}"),
            format!("INSERT INTO {table} DEFAULT VALUES"),
        ] {
            let err = as_app.execute(statement.as_str()).await.unwrap_err();
            assert!(
                err.to_string().contains("permission denied"),
                "{statement}: {err}"
            );
        }
    }
    for table in ["movements", "balances", "stocks"] {
        let (rows,): (i64,) = sqlx::query_as(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut as_app)
            .await
            .unwrap();
        assert_eq!(rows, 1, "{table} is read by the app and kept");
    }
    as_app.close().await.unwrap();

    // The import role cannot change accounts or the pepper's check value.
    let mut as_import = PgConnection::connect(&roles.url_as(&import)).await.unwrap();
    for statement in [
        "UPDATE meta SET value = 'x'",
        "DELETE FROM meta",
        "UPDATE basic_accounts SET failed_attempts = 0",
        "DELETE FROM basic_accounts",
        "SELECT password_hash FROM basic_accounts",
        "SELECT * FROM internet_users",
        "DELETE FROM movements",
        "UPDATE movements SET stock_code = stock_code",
        "UPDATE audit_log SET outcome = 'x'",
    ] {
        let err = as_import.execute(statement).await.unwrap_err();
        assert!(
            err.to_string().contains("permission denied"),
            "{statement}: {err}"
        );
    }
    as_import.close().await.unwrap();
    drop(importer);
    drop(app);

    // The database goes with the two roles; then its grants no longer hold
    // the import role.
    roles.drop_all().await;
    let mut conn = PgConnection::connect(&admin).await.unwrap();
    conn.execute(format!("DROP ROLE {import}").as_str())
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// A column of `table` to name in an UPDATE.
fn first_column(table: &str) -> &'static str {
    match table {
        "import_lock" => "last_import_at",
        "stocks" => "name_en",
        _ => "stock_code",
    }
}

/// The store `migrate_as_owner` asks for a SQLite file's key: PostgreSQL
/// has none, so nothing is asked of it.
fn no_key() -> Arc<dyn ssa_core::SecretStore> {
    Arc::new(MemorySecretStore::new())
}
