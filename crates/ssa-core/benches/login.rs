//! Login on the service path (store look-up, verify, counters, audit) against
//! a bare Argon2id verify at the same parameters, with 1,000 and 100,000
//! provisioned accounts. Prints the ratios; docs/performance.md keeps the
//! figures.
//!
//! cargo bench -p ssa-core --bench login

use std::time::Duration;

use criterion::Criterion;
use secrecy::SecretString;
use ssa_core::security::hashing::{bare_hash, bare_verify};
use ssa_core::SessionKind;

#[allow(dead_code)] // each benchmark uses part of it
mod support;
use support::{provisioned, PASSWORD};

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
