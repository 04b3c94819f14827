//! Login on the service path (store look-up, verify, counters, audit) against
//! a bare Argon2id verify at the same parameters, with 1,000 and 100,000
//! provisioned accounts. Prints the ratios; docs/performance.md keeps the
//! figures.
//!
//! cargo bench -p ssa-core --bench login

use std::sync::Arc;
use std::time::Duration;

use criterion::Criterion;
use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
use ssa_core::security::hashing::{bare_hash, bare_verify};
use ssa_core::{ManualClock, MemorySecretStore, SecretStore, SessionKind, Ssa};

const PASSWORD: &str = "abcdefghij123";

struct Bench {
    ssa: Ssa,
    _dir: tempfile::TempDir,
}

/// A database with `accounts` SSA basic accounts, each with a live Internet
/// User ID. All but one are written straight into the tables with one shared
/// hash, as hashing 100,000 passwords one by one would take half an hour.
async fn provisioned(accounts: usize) -> (Bench, Vec<u8>) {
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
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("connect");
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
    (Bench { ssa, _dir: dir }, pepper)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut c = Criterion::default()
        .sample_size(60)
        .measurement_time(Duration::from_secs(6))
        .configure_from_args();
    let password = SecretString::from(PASSWORD);

    let (small, pepper) = rt.block_on(provisioned(1_000));
    let hash = bare_hash(&pepper, PASSWORD).expect("hash");
    c.bench_function("bare_argon2id_verify", |b| {
        b.iter(|| assert!(bare_verify(&pepper, PASSWORD, &hash)))
    });
    c.bench_function("service_login_1k_accounts", |b| {
        b.to_async(&rt).iter(|| async {
            small
                .ssa
                .login("u0000500", &password, SessionKind::Desktop)
                .await
                .expect("login")
        })
    });
    drop(small);
    let (large, _) = rt.block_on(provisioned(100_000));
    c.bench_function("service_login_100k_accounts", |b| {
        b.to_async(&rt).iter(|| async {
            large
                .ssa
                .login("u0050000", &password, SessionKind::Desktop)
                .await
                .expect("login")
        })
    });
    c.final_summary();

    let mean = |name: &str| -> Option<f64> {
        let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "../../target".into());
        let path = format!("{dir}/criterion/{name}/new/estimates.json");
        let text = std::fs::read_to_string(path).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["mean"]["point_estimate"].as_f64()
    };
    if let (Some(bare), Some(small), Some(large)) = (
        mean("bare_argon2id_verify"),
        mean("service_login_1k_accounts"),
        mean("service_login_100k_accounts"),
    ) {
        println!("bare verify            {:8.2} ms", bare / 1e6);
        println!(
            "login, 1,000 accounts  {:8.2} ms  ratio to bare verify {:.3} (goal <= 1.05)",
            small / 1e6,
            small / bare
        );
        println!(
            "login, 100,000 accounts{:8.2} ms  ratio to 1,000 accounts {:.3} (goal <= 1.10)",
            large / 1e6,
            large / small
        );
    }
}
