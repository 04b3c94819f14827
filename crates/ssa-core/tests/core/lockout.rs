//! The wrong-password counters (spec 4): five wrong in a row lock, a lock
//! survives a restart until the operator unlocks, and a right password
//! resets the count on every path (login, the Cancel form, the Confirm
//! step, a password change), while a "password" that cannot be one spends
//! no try.

use ssa_core::domain::{Field, Rule};
use ssa_core::{SessionKind, SsaError};

use crate::common::{cancellation, field_rules, ready_user, secret, Env};

on_both_backends!(
    locked_after_five_wrong_passwords,
    a_success_resets_the_wrong_password_count,
    right_password_on_cancel_form_resets_the_login_counter,
    right_basic_password_at_confirm_resets_its_counter_even_when_registered,
    right_current_password_resets_the_counter_though_the_new_one_is_reused,
    current_internet_password_that_cannot_be_one_spends_no_try,
);

async fn login_failures(env: &Env) -> i64 {
    env.internet_user("ABCD1234").await.failed_attempts
}

async fn basic_failures(env: &Env) -> i64 {
    env.basic_account().await.failed_attempts
}

/// Two Internet password changes whose current password is wrong.
async fn two_wrong_current_passwords(env: &Env, session: &mut ssa_core::Session) {
    for _ in 0..2 {
        env.change_internet(session, "wrongwrong1234", "newpassword123")
            .await
            .unwrap_err();
    }
}

async fn locked_after_five_wrong_passwords(env: Env) {
    ready_user(&env).await;
    assert_eq!(env.ssa.health_figures().await.unwrap().locked_ids, 0);
    for _ in 0..5 {
        env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    }
    let row = env.internet_user("ABCD1234").await;
    assert!(row.locked);
    assert_eq!(row.failed_attempts, 5);
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
    assert_eq!(env.audited("internet-user-locked", 50).await, 1);
    // What a server's /metrics says is locked now.
    let figures = env.ssa.health_figures().await.unwrap();
    assert_eq!((figures.locked_ids, figures.locked_accounts), (1, 0));
    assert!(figures.connections_open >= figures.connections_idle);
    // Counters and locks survive a restart.
    let again = env.restart().await.unwrap();
    assert_eq!(
        again
            .login("abcd1234", &secret("abcdefghij123"), SessionKind::Desktop)
            .await
            .unwrap_err(),
        SsaError::LoginFailed
    );
    env.ssa.unlock_internet_user("abcd1234").await.unwrap();
    assert_eq!(env.ssa.health_figures().await.unwrap().locked_ids, 0);
    assert!(env.login("abcd1234", "abcdefghij123").await.is_ok());
}

async fn a_success_resets_the_wrong_password_count(env: Env) {
    ready_user(&env).await;
    for _ in 0..4 {
        env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    }
    env.login("abcd1234", "abcdefghij123")
        .await
        .expect("fifth try is right");
    for _ in 0..4 {
        env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    }
    assert!(
        env.login("abcd1234", "abcdefghij123").await.is_ok(),
        "still not locked"
    );
}

async fn right_password_on_cancel_form_resets_the_login_counter(env: Env) {
    ready_user(&env).await;
    for _ in 0..3 {
        env.login("abcd1234", "wrongwrong1234").await.unwrap_err();
    }
    assert_eq!(login_failures(&env).await, 3);
    env.ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij123").await)
        .await
        .unwrap();
    assert_eq!(login_failures(&env).await, 0);
}

async fn right_basic_password_at_confirm_resets_its_counter_even_when_registered(env: Env) {
    ready_user(&env).await; // registered; Basic password now 22223333
    for _ in 0..2 {
        let pending = env.submit("wxyz9876", "abcdefghij123").await.unwrap();
        env.confirm(&pending, "99999999").await.unwrap_err();
    }
    assert_eq!(basic_failures(&env).await, 2);
    let pending = env.submit("wxyz9876", "abcdefghij123").await.unwrap();
    assert_eq!(
        env.confirm(&pending, "22223333").await.unwrap_err(),
        SsaError::AccountAlreadyRegistered
    );
    assert_eq!(basic_failures(&env).await, 0);
}

async fn right_current_password_resets_the_counter_though_the_new_one_is_reused(env: Env) {
    ready_user(&env).await;
    let mut session = env.session().await;
    two_wrong_current_passwords(&env, &mut session).await;
    assert_eq!(login_failures(&env).await, 2);
    // A right current password resets the count...
    env.change_internet(&mut session, "abcdefghij123", "secondpass1234")
        .await
        .unwrap();
    two_wrong_current_passwords(&env, &mut session).await;
    assert_eq!(login_failures(&env).await, 2);
    // ...and so does one whose new password the history rule then refuses.
    let err = env
        .change_internet(&mut session, "secondpass1234", "abcdefghij123")
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewInternetPassword, Rule::Reused { count: 5 })]
    );
    assert_eq!(login_failures(&env).await, 0);
}

async fn current_internet_password_that_cannot_be_one_spends_no_try(env: Env) {
    ready_user(&env).await;
    let mut session = env.session().await;
    let huge = "a1".repeat(5_000);
    let err = env
        .change_internet(&mut session, &huge, "newpassword123")
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(
            Field::InternetPassword,
            Rule::LengthBetween { min: 13, max: 15 }
        )]
    );
    assert_eq!(login_failures(&env).await, 0);
}
