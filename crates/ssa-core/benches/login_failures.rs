//! One answer for every login failure must also take one time: an unknown
//! ID, a wrong password and a locked ID are timed interleaved (round-robin in
//! one run, so a burst on the shared machine hits all three alike) and their
//! medians compared. Goal: every ratio within 0.95-1.05.
//!
//! cargo bench -p ssa-core --bench login_failures

use std::time::Instant;

use secrecy::SecretString;
use ssa_core::{SessionKind, SsaError};

#[allow(dead_code)] // each benchmark uses part of it
mod support;
use support::provisioned;

/// Timed attempts of each kind.
const ROUNDS: usize = 300;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // Wrong passwords go to a different account each time, four at most per
    // account, so none of them locks during the run.
    let (bench, _) = rt.block_on(provisioned(ROUNDS + 10));
    rt.block_on(async {
        let mut conn = bench.connect().await;
        sqlx::query("UPDATE internet_users SET locked = TRUE WHERE internet_user_id = 'u0000000'")
            .execute(&mut conn)
            .await
            .expect("lock one");
    });
    let wrong = SecretString::from("wrongpassword1");
    let attempt = |id: String| {
        let ssa = bench.ssa.clone();
        let wrong = wrong.clone();
        rt.block_on(async move {
            let t = Instant::now();
            let err = ssa
                .login(&id, &wrong, SessionKind::Desktop)
                .await
                .expect_err("fails");
            assert_eq!(err, SsaError::LoginFailed);
            t.elapsed().as_secs_f64() * 1e3
        })
    };
    // Warm-up: caches, the pool, the blocking threads.
    for i in 0..10 {
        attempt(format!("zz{i:06}"));
    }
    let (mut unknown, mut wrong_password, mut locked) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        // Rotate the order so no kind always goes first.
        for k in 0..3 {
            match (round + k) % 3 {
                0 => unknown.push(attempt(format!("zz{round:06}"))),
                1 => wrong_password.push(attempt(format!("u{:07}", 1 + round))),
                _ => locked.push(attempt("u0000000".to_owned())),
            }
        }
    }
    let (u, w, l) = (median(unknown), median(wrong_password), median(locked));
    println!("login failures, median of {ROUNDS} interleaved attempts each");
    println!("unknown ID       {u:7.2} ms");
    println!("wrong password   {w:7.2} ms");
    println!("locked ID        {l:7.2} ms");
    println!("unknown / wrong  {:.3} (goal 0.95-1.05)", u / w);
    println!("locked / wrong   {:.3} (goal 0.95-1.05)", l / w);
    println!("unknown / locked {:.3} (goal 0.95-1.05)", u / l);
}
