//! Bulk provisioning's throughput: accounts a second through the whole path
//! (read and check the CSV, hash on every core, one transaction), against
//! the goal of 0.8 × cores ÷ the time of one Argon2id hash. Not criterion:
//! one run of N accounts is the measurement (10,000 by default; set
//! SSA_BENCH_ACCOUNTS for a shorter run).
//!
//! cargo bench -p ssa-core --bench bulk_provision

use std::sync::Arc;
use std::time::Instant;

use ssa_core::security::hashing::bare_hash;
use ssa_core::{InitialPasswords, ManualClock, MemorySecretStore, Ssa};

fn main() {
    let accounts: u32 = std::env::var("SSA_BENCH_ACCOUNTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");

    // One hash, alone: the median of 30.
    let pepper = [7u8; 32];
    let mut single: Vec<f64> = (0..30)
        .map(|_| {
            let t = Instant::now();
            bare_hash(&pepper, "11112222").expect("hash");
            t.elapsed().as_secs_f64()
        })
        .collect();
    single.sort_by(f64::total_cmp);
    let one_hash = single[single.len() / 2];

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("accounts.csv");
    let mut text = String::from("basic_user_id,participant_id,ssa_number\n");
    for i in 0..accounts {
        text.push_str(&format!("{:08},C{:05},01\n", 10_000_000 + i, i % 1000));
    }
    std::fs::write(&file, text).expect("write csv");
    let letters = dir.path().join("letters.csv");
    let url = format!("sqlite://{}", dir.path().join("ssa.db").display());
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let elapsed = rt.block_on(async {
        let ssa = Ssa::open(&url, Arc::new(MemorySecretStore::new()), clock)
            .await
            .expect("open");
        let t = Instant::now();
        let report = ssa
            .provision_bulk(
                &file,
                InitialPasswords::Generate { to: &letters },
                Arc::new(|_, _| {}),
            )
            .await
            .expect("provision");
        assert_eq!(report.added, u64::from(accounts), "{:?}", report.problems);
        t.elapsed().as_secs_f64()
    });
    let rate = f64::from(accounts) / elapsed;
    let goal = 0.8 * cores as f64 / one_hash;
    println!("cores: {cores}");
    println!(
        "one Argon2id hash (median of 30): {:.1} ms",
        one_hash * 1000.0
    );
    println!("bulk provisioning of {accounts} accounts: {elapsed:.1} s, {rate:.1} a second");
    println!(
        "goal 0.8 x {cores} / one hash = {goal:.1} a second: ratio {:.2} ({})",
        rate / goal,
        if rate >= goal { "met" } else { "NOT met" }
    );
}
