//! New user registration (spec 3.2-3.4) and the verification code.

use ssa_core::domain::{Field, Rule};

use chrono::Duration;
use ssa_core::store::StoreTable;
use ssa_core::SsaError;

use crate::common::{field_rules, secret, Env, CODE};

on_both_backends!(
    the_core_alone_says_when_a_registration_step_ends,
    submit_reports_every_broken_field_at_once,
    submit_refuses_a_confirmation_that_differs,
    verification_code_is_case_sensitive,
    verification_code_is_good_for_one_check_only,
    verification_code_expires_after_five_minutes,
    refresh_makes_the_old_code_useless,
    the_spoken_code_is_the_same_code_with_the_same_rules,
    five_wrong_codes_give_a_pause_that_doubles,
    taken_internet_user_id_is_refused_in_any_case,
    wrong_triple_and_wrong_basic_password_get_the_same_answer,
    confirm_creates_the_internet_user_id_and_audits_it,
    an_account_keeps_one_live_internet_user_id,
    five_wrong_basic_passwords_lock_the_basic_account,
    participant_id_in_lower_case_registers_and_shows_upper_case,
);

async fn submit_reports_every_broken_field_at_once(env: Env) {
    let mut form = env.form("abc1234", "abcdefghij123456");
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
    let err = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghijklmn"))
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::InternetPassword, Rule::NeedsDigit)]
    );
}

async fn submit_refuses_a_confirmation_that_differs(env: Env) {
    let mut form = env.form("abcd1234", "abcdefghij123");
    form.confirm_internet_password = secret("abcdefghij124");
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::ConfirmInternetPassword, Rule::Mismatch)]
    );
}

async fn verification_code_is_case_sensitive(env: Env) {
    let mut form = env.form("abcd1234", "abcdefghij123");
    form.captcha_answer = secret(&CODE.to_lowercase());
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaWrong)]
    );
}

async fn verification_code_is_good_for_one_check_only(env: Env) {
    let form = env.form("abcd1234", "abcdefghij123");
    env.ssa.submit_registration(&form).await.expect("first use");
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    // Said as it is: already used, not "expired".
    assert_eq!(field_rules(&err), vec![(Field::Captcha, Rule::CaptchaUsed)]);
}

async fn verification_code_expires_after_five_minutes(env: Env) {
    let form = env.form("abcd1234", "abcdefghij123");
    env.clock.advance(Duration::seconds(301));
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaExpired)]
    );

    let form = env.form("abcd1234", "abcdefghij123");
    env.clock.advance(Duration::seconds(299));
    env.ssa
        .submit_registration(&form)
        .await
        .expect("still fresh at 4:59");
}

async fn refresh_makes_the_old_code_useless(env: Env) {
    let mut form = env.form("abcd1234", "abcdefghij123");
    let fresh = env
        .ssa
        .refresh_captcha(ssa_core::CaptchaScreen::Registration, &form.captcha_id);
    assert_ne!(fresh.id, form.captcha_id);
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaExpired)]
    );
    form.captcha_id = fresh.id;
    env.ssa
        .submit_registration(&form)
        .await
        .expect("the new code works");
}

/// Listen plays the code on the screen: listening does not use it up or give
/// it more time, a code that is used, refreshed, too old or drawn for another
/// screen is not spoken, and a wrong answer after listening counts as wrong.
async fn the_spoken_code_is_the_same_code_with_the_same_rules(env: Env) {
    use ssa_core::{CaptchaScreen, Voice};
    let form = env.form("abcd1234", "abcdefghij123");
    for voice in [Voice::English, Voice::Cantonese, Voice::Mandarin] {
        let audio = env
            .ssa
            .captcha_audio(CaptchaScreen::Registration, &form.captcha_id, voice)
            .expect("spoken");
        assert!(audio.wav_base64.starts_with("UklGR"), "a RIFF file");
        // Nothing in what the window gets, or in its Debug, says the answer.
        assert!(!audio.wav_base64.contains(CODE));
        assert!(!format!("{audio:?}").contains(CODE));
    }
    let refused = |screen, id: &str| {
        field_rules(
            &env.ssa
                .captcha_audio(screen, id, Voice::English)
                .unwrap_err(),
        )
    };
    assert_eq!(
        refused(CaptchaScreen::Recovery, &form.captcha_id),
        vec![(Field::Captcha, Rule::CaptchaExpired)]
    );
    assert_eq!(
        refused(CaptchaScreen::Registration, "no-such-code"),
        vec![(Field::Captcha, Rule::CaptchaExpired)]
    );

    // A wrong answer typed after listening is a wrong code.
    let mut wrong = env.form("abcd1234", "abcdefghij123");
    wrong.captcha_id = form.captcha_id.clone();
    wrong.captcha_answer = secret("zzzzz");
    let err = env.ssa.submit_registration(&wrong).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaWrong)]
    );
    assert_eq!(
        refused(CaptchaScreen::Registration, &form.captcha_id),
        vec![(Field::Captcha, Rule::CaptchaUsed)]
    );

    let fresh = env.form("abcd1234", "abcdefghij123");
    env.clock.advance(Duration::seconds(301));
    assert_eq!(
        refused(CaptchaScreen::Registration, &fresh.captcha_id),
        vec![(Field::Captcha, Rule::CaptchaExpired)]
    );
    let fresh = env.form("abcd1234", "abcdefghij123");
    let next = env
        .ssa
        .refresh_captcha(CaptchaScreen::Registration, &fresh.captcha_id);
    assert_eq!(
        refused(CaptchaScreen::Registration, &fresh.captcha_id),
        vec![(Field::Captcha, Rule::CaptchaExpired)]
    );
    env.ssa
        .captcha_audio(CaptchaScreen::Registration, &next.id, Voice::Mandarin)
        .expect("the new code is spoken");
}

async fn five_wrong_codes_give_a_pause_that_doubles(env: Env) {
    let wrong = |env: &Env| {
        let mut form = env.form("abcd1234", "abcdefghij123");
        form.captcha_answer = secret("zzzzz");
        form
    };
    for _ in 0..4 {
        let err = env.ssa.submit_registration(&wrong(&env)).await.unwrap_err();
        assert_eq!(
            field_rules(&err),
            vec![(Field::Captcha, Rule::CaptchaWrong)]
        );
    }
    let err = env.ssa.submit_registration(&wrong(&env)).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaPaused { seconds: 30 })]
    );
    // Even the right code waits out the pause.
    let err = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaPaused { seconds: 30 })]
    );
    env.clock.advance(Duration::seconds(31));
    for _ in 0..4 {
        env.ssa.submit_registration(&wrong(&env)).await.unwrap_err();
    }
    let err = env.ssa.submit_registration(&wrong(&env)).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaPaused { seconds: 60 })]
    );
    env.clock.advance(Duration::seconds(61));
    env.ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .expect("after the pause");
}

async fn taken_internet_user_id_is_refused_in_any_case(env: Env) {
    env.provision_default().await;
    env.register("Abcd1234", "abcdefghij123")
        .await
        .expect("registered");
    let err = env
        .ssa
        .submit_registration(&env.form("aBCD1234", "abcdefghij123"))
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::InternetUserId, Rule::Taken)]
    );
}

async fn wrong_triple_and_wrong_basic_password_get_the_same_answer(env: Env) {
    env.provision_default().await;
    let pending = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    let wrong_password = env
        .ssa
        .confirm_registration(&pending, &secret("99998888"))
        .await
        .unwrap_err();

    let form = crate::common::form_for(
        &env.ssa,
        "87654321",
        "C00088",
        "01",
        "abcd1234",
        "abcdefghij123",
    );
    let pending = env
        .ssa
        .submit_registration(&form)
        .await
        .expect("the form alone reveals no account");
    let wrong_triple = env
        .ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap_err();

    assert_eq!(wrong_password, SsaError::RegistrationNotConfirmed);
    assert_eq!(wrong_triple, wrong_password);
    assert_eq!(
        env.ssa
            .store()
            .count_rows(StoreTable::InternetUsers)
            .await
            .unwrap(),
        0
    );
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
    assert_eq!(
        env.ssa
            .store()
            .count_rows(StoreTable::InternetUsers)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        env.ssa
            .store()
            .count_rows(StoreTable::InternetPasswordHistory)
            .await
            .unwrap(),
        1
    );
}

async fn five_wrong_basic_passwords_lock_the_basic_account(env: Env) {
    env.provision_default().await;
    let pending = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    for _ in 0..5 {
        let err = env
            .ssa
            .confirm_registration(&pending, &secret("99998888"))
            .await
            .unwrap_err();
        assert_eq!(err, SsaError::RegistrationNotConfirmed);
    }
    // The right Basic password no longer helps: the operator must unlock.
    let err = env
        .ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::RegistrationNotConfirmed);
    let kinds: Vec<String> = env
        .ssa
        .store()
        .audit_entries(20)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| *k == "basic-account-locked")
            .count(),
        1
    );

    let key = ssa_core::domain::BasicAccountKey {
        basic_user_id: ssa_core::domain::BasicUserId::parse("12345678").unwrap(),
        participant_id: ssa_core::domain::ParticipantId::parse("C00088").unwrap(),
        ssa_number: ssa_core::domain::SsaNumber::parse("01").unwrap(),
    };
    env.ssa
        .unlock_basic_account(&key)
        .await
        .expect("operator unlocks");
    env.ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .expect("works after unlock");
}

async fn participant_id_in_lower_case_registers_and_shows_upper_case(env: Env) {
    env.provision_default().await;
    let form = crate::common::form_for(
        &env.ssa,
        " 12345678 ",
        "c00088",
        "01",
        "abcd1234",
        "abcdefghij123",
    );
    let pending = env.ssa.submit_registration(&form).await.unwrap();
    assert_eq!(pending.summary().participant_id, "C00088");
    let done = env
        .ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap();
    assert_eq!(done.participant_id, "C00088");
    assert_eq!(done.basic_user_id, "12345678");
}

/// The core alone decides when the Confirm step ends: a wrong Basic
/// password leaves it to be tried again; an Internet User ID taken
/// meanwhile ends it (the shell only asks, `is_unfinished`).
async fn the_core_alone_says_when_a_registration_step_ends(env: Env) {
    env.provision_default().await;
    env.provision("87654321", "C00088", "02", "33334444").await;
    let pending = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    assert!(env.ssa.is_unfinished(pending.token()));
    let wrong = env
        .ssa
        .confirm_registration(&pending, &secret("99998888"))
        .await
        .unwrap_err();
    assert_eq!(wrong, SsaError::RegistrationNotConfirmed);
    assert!(
        env.ssa.is_unfinished(pending.token()),
        "a wrong Basic password may be typed again"
    );
    // Another account takes the same Internet User ID meanwhile.
    let form = crate::common::form_for(
        &env.ssa,
        "87654321",
        "C00088",
        "02",
        "abcd1234",
        "abcdefghij123",
    );
    let other = env.ssa.submit_registration(&form).await.unwrap();
    env.ssa
        .confirm_registration(&other, &secret("33334444"))
        .await
        .unwrap();
    let taken = env
        .ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap_err();
    assert_eq!(
        crate::common::field_rules(&taken),
        vec![(Field::InternetUserId, Rule::Taken)]
    );
    assert!(
        !env.ssa.is_unfinished(pending.token()),
        "taken ends the step"
    );
}
