//! What the login benchmarks share: a database with many provisioned
//! accounts, made quickly.

use std::sync::Arc;

use ssa_core::clock::hong_kong_time;
use ssa_core::security::hashing::bare_hash;
use ssa_core::{ManualClock, MemorySecretStore, SecretStore, Ssa};

pub const PASSWORD: &str = "abcdefghij123";

pub struct Bench {
    pub url: String,
    pub ssa: Ssa,
    secrets: MemorySecretStore,
    _dir: tempfile::TempDir,
}

impl Bench {
    /// A connection of its own to the database, with the database's key.
    pub async fn connect(&self) -> sqlx::SqliteConnection {
        keyed_connection(&self.url, &self.secrets).await
    }
}

/// A connection to the SQLite database at `url`, with the key `secrets`
/// keeps for it (SQLCipher's raw-key form).
pub async fn keyed_connection(url: &str, secrets: &MemorySecretStore) -> sqlx::SqliteConnection {
    use sqlx::ConnectOptions;
    let key = secrets
        .database_key()
        .get()
        .expect("keyring")
        .expect("a database key");
    url.parse::<sqlx::sqlite::SqliteConnectOptions>()
        .expect("url")
        .pragma("key", format!("\"x'{}'\"", hex::encode(key.as_slice())))
        .connect()
        .await
        .expect("connect")
}

/// A database with `accounts` SSA basic accounts, each with a live Internet
/// User ID. All but one are written straight into the tables with one shared
/// hash, as hashing 100,000 passwords one by one would take half an hour.
pub async fn provisioned(accounts: usize) -> (Bench, Vec<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let url = format!("sqlite://{}", path.display());
    let secrets = MemorySecretStore::new();
    let clock = Arc::new(ManualClock::new(
        hong_kong_time(2026, 11, 26, 10, 0, 0).expect("time"),
    ));
    let ssa = Ssa::open(&url, Arc::new(secrets.clone()), clock)
        .await
        .expect("open");
    let pepper = secrets.get().expect("pepper").expect("made").to_vec();
    let hash = bare_hash(&pepper, PASSWORD).expect("hash");

    use sqlx::Connection;
    let mut conn = keyed_connection(&url, &secrets).await;
    let mut tx = conn.begin().await.expect("begin");
    for i in 0..accounts {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO basic_accounts (basic_user_id, participant_id, ssa_number, password_hash, \
             password_is_initial, created_at) VALUES ($1, 'C00088', '01', $2, FALSE, 0) RETURNING id",
        )
        .bind(format!("{:08}", 10_000_000 + i))
        .bind(&hash)
        .fetch_one(&mut *tx)
        .await
        .expect("account");
        let internet_id = format!("u{i:07}");
        sqlx::query(
            "INSERT INTO internet_users (internet_user_id, id_key, basic_account_id, password_hash, \
             password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&internet_id)
        .bind(internet_id.to_ascii_uppercase())
        .bind(id)
        .bind(&hash)
        .bind(ssa.now().timestamp_millis())
        .execute(&mut *tx)
        .await
        .expect("internet user");
    }
    tx.commit().await.expect("commit");
    (
        Bench {
            url,
            ssa,
            secrets,
            _dir: dir,
        },
        pepper,
    )
}
