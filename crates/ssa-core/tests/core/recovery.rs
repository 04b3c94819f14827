//! Forgot Internet user password (spec 3.10): the Basic password proves the
//! account, one answer for every wrong detail, the history rule still holds.

use ssa_core::domain::{Field, Rule};
use ssa_core::SsaError;

use crate::common::{field_rules, ready_user, recovery, Env};

on_both_backends!(
    forgot_password_sets_a_new_one_and_unlocks_the_id,
    forgot_password_gives_one_answer_for_every_wrong_detail,
    forgot_password_keeps_the_history_rule,
);

async fn forgot_password_sets_a_new_one_and_unlocks_the_id(env: Env) {
    ready_user(&env).await; // abcd1234, Basic password now 22223333
    for _ in 0..5 {
        env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    }
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
    let form = recovery(
        &env.ssa,
        "ABCD1234",
        "12345678",
        "22223333",
        "newpassword777",
    )
    .await;
    env.ssa
        .recover_internet_password(&form)
        .await
        .expect("recovered");
    assert!(
        env.login("abcd1234", "newpassword777").await.is_ok(),
        "unlocked, new password"
    );
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
    let audit = env.ssa.store().audit_entries(3).await.unwrap();
    assert!(audit.iter().any(|e| e.kind == "internet-password-reset"));
}

async fn forgot_password_gives_one_answer_for_every_wrong_detail(env: Env) {
    ready_user(&env).await;
    // Another SSA's basic account (an SSA has one).
    env.provision("87654321", "C00088", "02", "33334444").await;
    let unknown_id = recovery(
        &env.ssa,
        "zzzz9999",
        "12345678",
        "22223333",
        "newpassword777",
    )
    .await;
    let wrong_basic = recovery(
        &env.ssa,
        "abcd1234",
        "12345678",
        "99990000",
        "newpassword777",
    )
    .await;
    let other_account = recovery(
        &env.ssa,
        "abcd1234",
        "87654321",
        "33334444",
        "newpassword777",
    )
    .await;
    for form in [unknown_id, wrong_basic, other_account] {
        assert_eq!(
            env.ssa.recover_internet_password(&form).await.unwrap_err(),
            SsaError::RecoveryNotConfirmed
        );
    }
    assert!(
        env.login("abcd1234", "abcdefghij123").await.is_ok(),
        "nothing changed"
    );
}

async fn forgot_password_keeps_the_history_rule(env: Env) {
    ready_user(&env).await;
    let form = recovery(
        &env.ssa,
        "abcd1234",
        "12345678",
        "22223333",
        "abcdefghij123",
    )
    .await;
    let err = env.ssa.recover_internet_password(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewInternetPassword, Rule::Reused { count: 5 })]
    );
}
