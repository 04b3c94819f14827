//! Parallel requests: the database decides, exactly one wins, nothing
//! half-made stays, and a lock counts exactly five failures.

use ssa_core::domain::{Field, Rule};

use std::sync::Arc;

use ssa_core::store::StoreTable;
use ssa_core::{SessionKind, SsaError};

use crate::common::{field_rules, form_for, secret, Env};
use crate::login::ready_user;

on_both_backends!(
    fifty_registrations_for_one_internet_user_id_one_wins,
    fifty_registrations_for_one_account_one_wins,
    fifty_parallel_wrong_passwords_lock_after_exactly_five,
    fifty_parallel_wrong_basic_passwords_lock_once_and_every_one_is_audited,
);

const N: usize = 50;

/// Confirms every pending registration at the same time, with the right
/// Basic password; the outcomes in the order given.
async fn confirm_all_at_once(
    env: &Env,
    pendings: Vec<ssa_core::PendingRegistration>,
) -> Vec<Result<ssa_core::RegisteredUser, SsaError>> {
    confirm_all_with(env, pendings, "11112222").await
}

/// Confirms every pending registration at the same time with `password`.
async fn confirm_all_with(
    env: &Env,
    pendings: Vec<ssa_core::PendingRegistration>,
    password: &'static str,
) -> Vec<Result<ssa_core::RegisteredUser, SsaError>> {
    let ssa = Arc::new(env.ssa.clone());
    let tasks: Vec<_> = pendings
        .into_iter()
        .map(|p| {
            let ssa = Arc::clone(&ssa);
            tokio::spawn(async move { ssa.confirm_registration(&p, &secret(password)).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap());
    }
    outcomes
}

/// Exactly one Internet User ID and its one history entry: nothing half-made.
async fn assert_one_internet_user_stored(env: &Env) {
    let store = env.ssa.store();
    assert_eq!(
        store.count_rows(StoreTable::InternetUsers).await.unwrap(),
        1
    );
    assert_eq!(
        store
            .count_rows(StoreTable::InternetPasswordHistory)
            .await
            .unwrap(),
        1
    );
}

async fn fifty_registrations_for_one_internet_user_id_one_wins(env: Env) {
    // 50 different accounts all ask for the ID "race0001".
    let mut pendings = Vec::new();
    for i in 0..N {
        let basic = format!("{:08}", 20_000_000 + i);
        // One SSA each: an SSA has one basic account.
        let ssa_number = format!("{:02}", i + 1);
        env.provision(&basic, "C00088", &ssa_number, "11112222")
            .await;
        let form = form_for(
            &env.ssa,
            &basic,
            "C00088",
            &ssa_number,
            "race0001",
            "abcdefghij123",
        );
        pendings.push(
            env.ssa
                .submit_registration(&form)
                .await
                .expect("ID free at submit"),
        );
    }
    let mut won = 0;
    for outcome in confirm_all_at_once(&env, pendings).await {
        match outcome {
            Ok(_) => won += 1,
            Err(e) => assert_eq!(field_rules(&e), vec![(Field::InternetUserId, Rule::Taken)]),
        }
    }
    assert_eq!(won, 1);
    assert_one_internet_user_stored(&env).await;
}

async fn fifty_registrations_for_one_account_one_wins(env: Env) {
    env.provision_default().await;
    let mut pendings = Vec::new();
    for i in 0..N {
        let id = format!("user{i:04}");
        pendings.push(
            env.ssa
                .submit_registration(&env.form(&id, "abcdefghij123"))
                .await
                .unwrap(),
        );
    }
    let mut won = 0;
    for outcome in confirm_all_at_once(&env, pendings).await {
        match outcome {
            Ok(_) => won += 1,
            Err(e) => assert_eq!(e, SsaError::AccountAlreadyRegistered),
        }
    }
    assert_eq!(won, 1);
    assert_one_internet_user_stored(&env).await;
}

async fn fifty_parallel_wrong_passwords_lock_after_exactly_five(env: Env) {
    ready_user(&env).await;
    let ssa = Arc::new(env.ssa.clone());
    let tasks: Vec<_> = (0..N)
        .map(|_| {
            let ssa = Arc::clone(&ssa);
            tokio::spawn(async move {
                ssa.login("abcd1234", &secret("abcdefghij999"), SessionKind::Desktop)
                    .await
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap_err(), SsaError::LoginFailed);
    }
    let row = env
        .ssa
        .store()
        .internet_user("ABCD1234")
        .await
        .unwrap()
        .unwrap();
    assert!(row.locked);
    assert_eq!(row.failed_attempts, 5);
    let entries = env.ssa.store().audit_entries(500).await.unwrap();
    let counted = entries
        .iter()
        .filter(|e| e.kind == "login-failed" && e.outcome == "wrong-password")
        .count();
    let locks = entries
        .iter()
        .filter(|e| e.kind == "internet-user-locked")
        .count();
    assert_eq!(counted, 5);
    assert_eq!(locks, 1);
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
}

/// The Basic password's counter is the same one as the Internet password's
/// (store/failures.rs): five counted, one lock, and every attempt audited,
/// those that found the account locked already included.
async fn fifty_parallel_wrong_basic_passwords_lock_once_and_every_one_is_audited(env: Env) {
    env.provision_default().await;
    let mut pendings = Vec::new();
    for i in 0..N {
        pendings.push(
            env.ssa
                .submit_registration(&env.form(&format!("race{i:04}"), "abcdefghij123"))
                .await
                .unwrap(),
        );
    }
    for outcome in confirm_all_with(&env, pendings, "99998888").await {
        assert_eq!(outcome.unwrap_err(), SsaError::RegistrationNotConfirmed);
    }
    let key = ssa_core::domain::BasicAccountKey::parse("12345678", "C00088", "01").unwrap();
    let row = env.ssa.store().basic_account(&key).await.unwrap().unwrap();
    assert!(row.locked);
    assert_eq!(row.failed_attempts, 5);
    let entries = env.ssa.store().audit_entries(500).await.unwrap();
    let refused: Vec<&str> = entries
        .iter()
        .filter(|e| e.kind == "registration-refused")
        .map(|e| e.outcome.as_str())
        .collect();
    assert_eq!(refused.len(), N, "every attempt is audited: {refused:?}");
    assert_eq!(
        refused
            .iter()
            .filter(|o| **o == "wrong-basic-password")
            .count(),
        5
    );
    assert!(refused.iter().all(|o| matches!(
        *o,
        "wrong-basic-password" | "locked-account" | "already-locked"
    )));
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.kind == "basic-account-locked")
            .count(),
        1
    );
}
