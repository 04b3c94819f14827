//! Forgot Internet user password (spec 3.10) and Cancel Internet User ID (3.11).

use ssa_core::domain::{Field, Rule};

use ssa_core::{CancellationForm, RecoveryForm, SsaError};

use crate::common::{field_rules, secret, Env, CODE};
use crate::login::ready_user;

on_both_backends!(
    forgot_password_sets_a_new_one_and_unlocks_the_id,
    forgot_password_gives_one_answer_for_every_wrong_detail,
    forgot_password_keeps_the_history_rule,
    cancelled_id_is_ended_for_good_and_the_account_registers_anew,
    cancelling_needs_the_right_password,
);

pub fn recovery(env: &Env, id: &str, basic: &str, basic_password: &str, new: &str) -> RecoveryForm {
    RecoveryForm {
        internet_user_id: id.into(),
        basic_user_id: basic.into(),
        participant_id: "C00088".into(),
        ssa_number: "01".into(),
        basic_password: secret(basic_password),
        new_password: secret(new),
        confirm_new_password: secret(new),
        captcha_id: env.ssa.new_captcha(ssa_core::CaptchaScreen::Recovery).id,
        captcha_answer: secret(CODE),
    }
}

pub fn cancellation(env: &Env, id: &str, password: &str) -> CancellationForm {
    CancellationForm {
        internet_user_id: id.into(),
        password: secret(password),
        captcha_id: env
            .ssa
            .new_captcha(ssa_core::CaptchaScreen::Cancellation)
            .id,
        captcha_answer: secret(CODE),
    }
}

async fn forgot_password_sets_a_new_one_and_unlocks_the_id(env: Env) {
    ready_user(&env).await; // abcd1234, Basic password now 22223333
    for _ in 0..5 {
        env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    }
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
    env.ssa
        .recover_internet_password(&recovery(
            &env,
            "ABCD1234",
            "12345678",
            "22223333",
            "newpassword777",
        ))
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
    let unknown_id = recovery(&env, "zzzz9999", "12345678", "22223333", "newpassword777");
    let wrong_basic = recovery(&env, "abcd1234", "12345678", "99990000", "newpassword777");
    let other_account = recovery(&env, "abcd1234", "87654321", "33334444", "newpassword777");
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
    let err = env
        .ssa
        .recover_internet_password(&recovery(
            &env,
            "abcd1234",
            "12345678",
            "22223333",
            "abcdefghij123",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewInternetPassword, Rule::Reused { count: 5 })]
    );
}

async fn cancelled_id_is_ended_for_good_and_the_account_registers_anew(env: Env) {
    ready_user(&env).await;
    let pending = env
        .ssa
        .check_cancellation(&cancellation(&env, "ABCD1234", "abcdefghij123"))
        .await
        .unwrap();
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
    let err = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::InternetUserId, Rule::Taken)]
    );
    // The account may register a new ID, with its current Basic password.
    let pending = env
        .ssa
        .submit_registration(&env.form("wxyz5678", "abcdefghij123"))
        .await
        .unwrap();
    env.ssa
        .confirm_registration(&pending, &secret("22223333"))
        .await
        .expect("a new Internet User ID");
    assert!(env.login("wxyz5678", "abcdefghij123").await.is_ok());
}

async fn cancelling_needs_the_right_password(env: Env) {
    ready_user(&env).await;
    let err = env
        .ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij999"))
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::LoginFailed);
    let row = env
        .ssa
        .store()
        .internet_user("ABCD1234")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.failed_attempts, 1, "counts toward the lock");
    assert!(row.cancelled_at.is_none());
}
