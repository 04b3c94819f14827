//! New user registration (spec 3.2-3.4): the form's field rules, and the
//! Confirm step, which proves the Basic password, makes exactly one
//! Internet User ID per account, and ends when it expires, is abandoned,
//! finished or overtaken.

use chrono::Duration;
use ssa_core::domain::{Field, Rule};
use ssa_core::store::StoreTable;
use ssa_core::SsaError;

use crate::common::{field_rules, register_on, secret, submit_on, Env};

on_both_backends!(
    the_core_alone_says_when_a_registration_step_ends,
    submit_reports_every_broken_field_at_once,
    submit_refuses_a_confirmation_that_differs,
    taken_internet_user_id_is_refused_in_any_case,
    wrong_triple_and_wrong_basic_password_get_the_same_answer,
    confirm_creates_the_internet_user_id_and_audits_it,
    an_account_keeps_one_live_internet_user_id,
    five_wrong_basic_passwords_lock_the_basic_account,
    participant_id_in_lower_case_registers_and_shows_upper_case,
    confirm_page_expires_after_five_minutes,
    abandoned_registration_cannot_be_confirmed,
    confirmed_registration_cannot_be_confirmed_twice,
    unknown_account_at_confirm_is_audited_as_a_digest,
);

async fn submit_reports_every_broken_field_at_once(env: Env) {
    let mut form = env.form("abc1234", "abcdefghij123456").await;
    form.basic_user_id = "1234567".into();
    form.confirm_internet_password = secret("abcdefghij123456");
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![
            (Field::BasicUserId, Rule::ExactLength { len: 8 }),
            (Field::InternetUserId, Rule::ExactLength { len: 8 }),
            (
                Field::InternetPassword,
                Rule::LengthBetween { min: 13, max: 15 }
            ),
        ]
    );
    let err = env.submit("abcd1234", "abcdefghijklmn").await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::InternetPassword, Rule::NeedsDigit)]
    );
}

async fn submit_refuses_a_confirmation_that_differs(env: Env) {
    let mut form = env.form("abcd1234", "abcdefghij123").await;
    form.confirm_internet_password = secret("abcdefghij124");
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::ConfirmInternetPassword, Rule::Mismatch)]
    );
}

async fn taken_internet_user_id_is_refused_in_any_case(env: Env) {
    env.provision_default().await;
    env.register("Abcd1234", "abcdefghij123")
        .await
        .expect("registered");
    let err = env.submit("aBCD1234", "abcdefghij123").await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::InternetUserId, Rule::Taken)]
    );
}

async fn wrong_triple_and_wrong_basic_password_get_the_same_answer(env: Env) {
    let pending = env.at_confirm().await;
    let wrong_password = env.confirm(&pending, "99998888").await.unwrap_err();

    let account = ["87654321", "C00088", "01"];
    let pending = submit_on(&env.ssa, account, "abcd1234", "abcdefghij123")
        .await
        .expect("the form alone reveals no account");
    let wrong_triple = env.confirm(&pending, "11112222").await.unwrap_err();

    assert_eq!(wrong_password, SsaError::RegistrationNotConfirmed);
    assert_eq!(wrong_triple, wrong_password);
    assert_eq!(env.rows(StoreTable::InternetUsers).await, 0);
}

async fn confirm_creates_the_internet_user_id_and_audits_it(env: Env) {
    env.provision_default().await;
    let done = env
        .register("abcd1234", "abcdefghij123")
        .await
        .expect("registered");
    assert_eq!(done.basic_user_id, "12345678");
    assert_eq!(done.participant_id, "C00088");
    assert_eq!(done.ssa_number, "01");
    assert_eq!(done.internet_user_id, "abcd1234");
    let audit = env.ssa.store().audit_entries(10).await.unwrap();
    assert_eq!(audit[0].kind, "registration-confirmed");
    assert_eq!(audit[0].internet_user_id.as_deref(), Some("abcd1234"));
    assert_eq!(audit[0].basic_user_id.as_deref(), Some("12345678"));
    assert!(
        env.login("ABCD1234", "abcdefghij123").await.is_ok(),
        "the new ID logs in"
    );
}

async fn an_account_keeps_one_live_internet_user_id(env: Env) {
    env.provision_default().await;
    env.register("abcd1234", "abcdefghij123")
        .await
        .expect("first");
    let err = env.register("wxyz5678", "abcdefghij123").await.unwrap_err();
    assert_eq!(err, SsaError::AccountAlreadyRegistered);
    assert_eq!(env.rows(StoreTable::InternetUsers).await, 1);
    assert_eq!(env.rows(StoreTable::InternetPasswordHistory).await, 1);
}

async fn five_wrong_basic_passwords_lock_the_basic_account(env: Env) {
    let pending = env.at_confirm().await;
    for _ in 0..5 {
        let err = env.confirm(&pending, "99998888").await.unwrap_err();
        assert_eq!(err, SsaError::RegistrationNotConfirmed);
    }
    // The right Basic password no longer helps: the operator must unlock.
    let err = env.confirm(&pending, "11112222").await.unwrap_err();
    assert_eq!(err, SsaError::RegistrationNotConfirmed);
    assert_eq!(env.audited("basic-account-locked", 20).await, 1);

    let key = ssa_core::domain::BasicAccountKey {
        basic_user_id: ssa_core::domain::BasicUserId::parse("12345678").unwrap(),
        participant_id: ssa_core::domain::ParticipantId::parse("C00088").unwrap(),
        ssa_number: ssa_core::domain::SsaNumber::parse("01").unwrap(),
    };
    env.ssa
        .unlock_basic_account(&key)
        .await
        .expect("operator unlocks");
    env.confirm(&pending, "11112222")
        .await
        .expect("works after unlock");
}

async fn participant_id_in_lower_case_registers_and_shows_upper_case(env: Env) {
    env.provision_default().await;
    let account = [" 12345678 ", "c00088", "01"];
    let pending = submit_on(&env.ssa, account, "abcd1234", "abcdefghij123")
        .await
        .unwrap();
    assert_eq!(pending.summary().participant_id, "C00088");
    let done = env.confirm(&pending, "11112222").await.unwrap();
    assert_eq!(done.participant_id, "C00088");
    assert_eq!(done.basic_user_id, "12345678");
}

/// The core alone decides when the Confirm step ends: a wrong Basic
/// password leaves it to be tried again; an Internet User ID taken
/// meanwhile ends it (the shell only asks, `is_unfinished`).
async fn the_core_alone_says_when_a_registration_step_ends(env: Env) {
    env.provision_default().await;
    env.provision("87654321", "C00088", "02", "33334444").await;
    let pending = env.submit("abcd1234", "abcdefghij123").await.unwrap();
    assert!(env.ssa.is_unfinished(pending.token()).await);
    let wrong = env.confirm(&pending, "99998888").await.unwrap_err();
    assert_eq!(wrong, SsaError::RegistrationNotConfirmed);
    assert!(
        env.ssa.is_unfinished(pending.token()).await,
        "a wrong Basic password may be typed again"
    );
    // Another account takes the same Internet User ID meanwhile.
    let other = ["87654321", "C00088", "02"];
    register_on(&env.ssa, other, "33334444", "abcd1234", "abcdefghij123")
        .await
        .unwrap();
    let taken = env.confirm(&pending, "11112222").await.unwrap_err();
    assert_eq!(
        field_rules(&taken),
        vec![(Field::InternetUserId, Rule::Taken)]
    );
    assert!(
        !env.ssa.is_unfinished(pending.token()).await,
        "taken ends the step"
    );
}

async fn confirm_page_expires_after_five_minutes(env: Env) {
    let pending = env.at_confirm().await;
    env.clock.advance(Duration::seconds(301));
    let err = env.confirm(&pending, "11112222").await.unwrap_err();
    assert_eq!(err, SsaError::PendingExpired);
    // Nothing was made, and no Basic password try was spent.
    assert!(env.login("abcd1234", "abcdefghij123").await.is_err());
    assert_eq!(env.basic_account().await.failed_attempts, 0);
}

async fn abandoned_registration_cannot_be_confirmed(env: Env) {
    let pending = env.at_confirm().await;
    env.ssa.abandon_unfinished(pending.token()).await.unwrap();
    let err = env.confirm(&pending, "99999999").await.unwrap_err();
    assert_eq!(err, SsaError::PendingExpired);
    assert_eq!(env.basic_account().await.failed_attempts, 0, "no try spent");
}

async fn confirmed_registration_cannot_be_confirmed_twice(env: Env) {
    let pending = env.at_confirm().await;
    // A wrong Basic password keeps the step (it may be typed again)...
    assert_eq!(
        env.confirm(&pending, "99999999").await.unwrap_err(),
        SsaError::RegistrationNotConfirmed
    );
    env.confirm(&pending, "11112222").await.unwrap();
    // ...a finished one is gone.
    assert_eq!(
        env.confirm(&pending, "11112222").await.unwrap_err(),
        SsaError::PendingExpired
    );
}

async fn unknown_account_at_confirm_is_audited_as_a_digest(env: Env) {
    env.provision_default().await;
    // An 8-digit Basic password typed into the Basic User ID field.
    let account = ["11112222", "C00088", "01"];
    let pending = submit_on(&env.ssa, account, "abcd1234", "abcdefghij123")
        .await
        .unwrap();
    env.confirm(&pending, "11112222").await.unwrap_err();
    let entry = &env.ssa.store().audit_entries(1).await.unwrap()[0];
    assert_eq!(entry.outcome, "unknown-account");
    let shown = entry.basic_user_id.clone().unwrap();
    assert!(shown.starts_with("unknown:") && !shown.contains("11112222"));
}
