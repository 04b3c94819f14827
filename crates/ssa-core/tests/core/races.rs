//! Parallel requests: the database decides, exactly one wins, nothing
//! half-made stays, a lock counts exactly five failures, and two password
//! changes or resets at once cannot both pass the history rule.

use ssa_core::domain::{Field, Rule};

use std::sync::Arc;

use ssa_core::store::StoreTable;
use ssa_core::{SessionKind, SsaError};

use crate::common::{change_basic_form, field_rules, form_for, ready_user, recovery, secret, Env};

on_both_backends!(
    fifty_registrations_for_one_internet_user_id_one_wins,
    fifty_registrations_for_one_account_one_wins,
    fifty_parallel_wrong_passwords_lock_after_exactly_five,
    fifty_parallel_wrong_basic_passwords_lock_once_and_every_one_is_audited,
    two_internet_password_changes_at_once_cannot_both_pass_the_history,
    two_basic_password_changes_at_once_cannot_both_pass_the_history,
    two_resets_at_once_cannot_both_pass_the_history,
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

/// The default account provisioned, and 50 registrations for it submitted,
/// of IDs `{prefix}0000` on.
async fn fifty_submitted_for_one_account(
    env: &Env,
    prefix: &str,
) -> Vec<ssa_core::PendingRegistration> {
    env.provision_default().await;
    let mut pendings = Vec::new();
    for i in 0..N {
        let id = format!("{prefix}{i:04}");
        pendings.push(env.submit(&id, "abcdefghij123").await.unwrap());
    }
    pendings
}

/// Exactly one Internet User ID and its one history entry: nothing half-made.
async fn assert_one_internet_user_stored(env: &Env) {
    assert_eq!(env.rows(StoreTable::InternetUsers).await, 1);
    assert_eq!(env.rows(StoreTable::InternetPasswordHistory).await, 1);
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
        )
        .await;
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
    let pendings = fifty_submitted_for_one_account(&env, "user").await;
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
    let row = env.internet_user("ABCD1234").await;
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
    let pendings = fifty_submitted_for_one_account(&env, "race").await;
    for outcome in confirm_all_with(&env, pendings, "99998888").await {
        assert_eq!(outcome.unwrap_err(), SsaError::RegistrationNotConfirmed);
    }
    let row = env.basic_account().await;
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

/// Runs two calls at once; their outcomes.
async fn both_at_once<T: Send + 'static>(
    a: impl std::future::Future<Output = T> + Send + 'static,
    b: impl std::future::Future<Output = T> + Send + 'static,
) -> (T, T) {
    let (a, b) = tokio::join!(tokio::spawn(a), tokio::spawn(b));
    (a.unwrap(), b.unwrap())
}

/// Exactly one change wins. The other is refused by the history when both
/// got past the current-password proof together; when the machine ran them
/// one after the other, the second's "current" password is no longer the
/// current one, and it is refused as such: never both.
fn one_won_one_reused(outcomes: [Result<(), SsaError>; 2], rule: (Field, Rule)) {
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(won, 1, "{outcomes:?}");
    let lost = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    let no_longer_current = matches!(
        lost,
        SsaError::CurrentInternetPasswordWrong { .. } | SsaError::CurrentBasicPasswordWrong { .. }
    );
    assert!(
        no_longer_current || field_rules(lost) == vec![rule],
        "{outcomes:?}"
    );
}

async fn two_internet_password_changes_at_once_cannot_both_pass_the_history(env: Env) {
    ready_user(&env).await;
    let env = Arc::new(env);
    let (mut one, mut two) = (env.session().await, env.session().await);
    let (e1, e2) = (Arc::clone(&env), Arc::clone(&env));
    let (a, b) = both_at_once(
        async move {
            e1.change_internet(&mut one, "abcdefghij123", "samenewpass123")
                .await
                .map(|_| ())
        },
        async move {
            e2.change_internet(&mut two, "abcdefghij123", "samenewpass123")
                .await
                .map(|_| ())
        },
    )
    .await;
    one_won_one_reused(
        [a, b],
        (Field::NewInternetPassword, Rule::Reused { count: 5 }),
    );
}

async fn two_basic_password_changes_at_once_cannot_both_pass_the_history(env: Env) {
    ready_user(&env).await; // Basic password 22223333
    let ssa = Arc::new(env.ssa.clone());
    let (mut one, mut two) = (env.session().await, env.session().await);
    let (f1, f2) = (
        change_basic_form(&env.ssa, "22223333", "33334444").await,
        change_basic_form(&env.ssa, "22223333", "33334444").await,
    );
    let (s1, s2) = (Arc::clone(&ssa), Arc::clone(&ssa));
    let (a, b) = both_at_once(
        async move { s1.change_basic_password(&mut one, &f1).await.map(|_| ()) },
        async move { s2.change_basic_password(&mut two, &f2).await.map(|_| ()) },
    )
    .await;
    one_won_one_reused(
        [a, b],
        (Field::NewBasicPassword, Rule::Reused { count: 12 }),
    );
}

async fn two_resets_at_once_cannot_both_pass_the_history(env: Env) {
    ready_user(&env).await;
    let ssa = Arc::new(env.ssa.clone());
    let f1 = recovery(
        &env.ssa,
        "abcd1234",
        "12345678",
        "22223333",
        "resetpass12345",
    )
    .await;
    let f2 = recovery(
        &env.ssa,
        "abcd1234",
        "12345678",
        "22223333",
        "resetpass12345",
    )
    .await;
    let (s1, s2) = (Arc::clone(&ssa), Arc::clone(&ssa));
    let (a, b) = both_at_once(
        async move { s1.recover_internet_password(&f1).await },
        async move { s2.recover_internet_password(&f2).await },
    )
    .await;
    one_won_one_reused(
        [a, b],
        (Field::NewInternetPassword, Rule::Reused { count: 5 }),
    );
}
