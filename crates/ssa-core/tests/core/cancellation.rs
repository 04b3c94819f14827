//! Cancel Internet User ID (spec 3.11): it needs the right password, ends
//! the ID for good at Confirm (never before, and never twice), and an
//! abandoned or late Confirm changes nothing.

use chrono::Duration;
use ssa_core::domain::{Field, Rule};
use ssa_core::SsaError;

use crate::common::{cancellation, field_rules, ready_user, Env};

on_both_backends!(
    cancelled_id_is_ended_for_good_and_the_account_registers_anew,
    cancelling_needs_the_right_password,
    abandoned_or_late_cancellation_changes_nothing,
    cancelling_twice_says_it_is_cancelled_already,
);

/// The Cancel form for `id`, checked with `password`: its Confirm step.
async fn check(env: &Env, id: &str, password: &str) -> ssa_core::PendingCancellation {
    env.ssa
        .check_cancellation(&cancellation(env, id, password).await)
        .await
        .unwrap()
}

async fn cancelled_id_is_ended_for_good_and_the_account_registers_anew(env: Env) {
    ready_user(&env).await;
    let pending = check(&env, "ABCD1234", "abcdefghij123").await;
    assert_eq!(pending.internet_user_id, "abcd1234");
    assert!(
        env.login("abcd1234", "abcdefghij123").await.is_ok(),
        "not cancelled before Confirm"
    );
    env.ssa.confirm_cancellation(&pending).await.unwrap();
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
    // Never reusable, by anyone.
    let err = env.submit("abcd1234", "abcdefghij123").await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::InternetUserId, Rule::Taken)]
    );
    // The account may register a new ID, with its current Basic password.
    let pending = env.submit("wxyz5678", "abcdefghij123").await.unwrap();
    env.confirm(&pending, "22223333")
        .await
        .expect("a new Internet User ID");
    assert!(env.login("wxyz5678", "abcdefghij123").await.is_ok());
}

async fn cancelling_needs_the_right_password(env: Env) {
    ready_user(&env).await;
    let err = env
        .ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij999").await)
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::LoginFailed);
    let row = env.internet_user("ABCD1234").await;
    assert_eq!(row.failed_attempts, 1, "counts toward the lock");
    assert!(row.cancelled_at.is_none());
}

async fn abandoned_or_late_cancellation_changes_nothing(env: Env) {
    ready_user(&env).await;
    let pending = check(&env, "abcd1234", "abcdefghij123").await;
    env.ssa.abandon_unfinished(pending.token()).await.unwrap();
    assert_eq!(
        env.ssa.confirm_cancellation(&pending).await.unwrap_err(),
        SsaError::PendingExpired
    );
    let late = check(&env, "abcd1234", "abcdefghij123").await;
    env.clock.advance(Duration::seconds(301));
    assert_eq!(
        env.ssa.confirm_cancellation(&late).await.unwrap_err(),
        SsaError::PendingExpired
    );
    env.login("abcd1234", "abcdefghij123")
        .await
        .expect("the ID still works");
}

async fn cancelling_twice_says_it_is_cancelled_already(env: Env) {
    ready_user(&env).await;
    let first = check(&env, "abcd1234", "abcdefghij123").await;
    let second = check(&env, "abcd1234", "abcdefghij123").await;
    env.ssa.confirm_cancellation(&first).await.unwrap();
    assert_eq!(
        env.ssa.confirm_cancellation(&second).await.unwrap_err(),
        SsaError::InternetUserAlreadyCancelled
    );
}
