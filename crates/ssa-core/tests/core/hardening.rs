//! The gaps a security review found before kiosks go live, each pinned by
//! the behaviour a person would meet: unfinished steps expire and can be
//! abandoned, the verification code's pause is per screen and survives a
//! restart, a right password resets its counter on every path, and two
//! password changes at once cannot both pass the history rule.

use ssa_core::domain::{Field, Rule};

use std::sync::Arc;

use chrono::Duration;
use ssa_core::domain::BasicAccountKey;
use ssa_core::{CaptchaScreen, ChangeInternetPasswordForm, SsaError};

use crate::common::{field_rules, secret, Env};
use crate::login::{change_basic_form, ready_user};
use crate::recovery::{cancellation, recovery};

on_both_backends!(
    confirm_page_expires_after_five_minutes,
    abandoned_registration_cannot_be_confirmed,
    confirmed_registration_cannot_be_confirmed_twice,
    abandoned_or_late_cancellation_changes_nothing,
    cancelling_twice_says_it_is_cancelled_already,
    five_wrong_codes_pause_that_screen_only,
    code_pause_survives_a_restart,
    code_drawn_for_one_screen_is_refused_on_another,
    right_password_on_cancel_form_resets_the_login_counter,
    right_basic_password_at_confirm_resets_its_counter_even_when_registered,
    right_current_password_resets_the_counter_though_the_new_one_is_reused,
    current_internet_password_that_cannot_be_one_spends_no_try,
    two_internet_password_changes_at_once_cannot_both_pass_the_history,
    two_basic_password_changes_at_once_cannot_both_pass_the_history,
    two_resets_at_once_cannot_both_pass_the_history,
    unknown_account_at_confirm_is_audited_as_a_digest,
);

fn default_key() -> BasicAccountKey {
    BasicAccountKey::parse("12345678", "C00088", "01").unwrap()
}

async fn basic_failures(env: &Env) -> i64 {
    env.ssa
        .store()
        .basic_account(&default_key())
        .await
        .unwrap()
        .unwrap()
        .failed_attempts
}

async fn login_failures(env: &Env) -> i64 {
    env.ssa
        .store()
        .internet_user("ABCD1234")
        .await
        .unwrap()
        .unwrap()
        .failed_attempts
}

async fn confirm_page_expires_after_five_minutes(env: Env) {
    env.provision_default().await;
    let pending = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    env.clock.advance(Duration::seconds(301));
    let err = env
        .ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PendingExpired);
    // Nothing was made, and no Basic password try was spent.
    assert!(env.login("abcd1234", "abcdefghij123").await.is_err());
    assert_eq!(basic_failures(&env).await, 0);
}

async fn abandoned_registration_cannot_be_confirmed(env: Env) {
    env.provision_default().await;
    let pending = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    env.ssa.abandon_unfinished(pending.token());
    let err = env
        .ssa
        .confirm_registration(&pending, &secret("99999999"))
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PendingExpired);
    assert_eq!(basic_failures(&env).await, 0, "no try spent");
}

async fn confirmed_registration_cannot_be_confirmed_twice(env: Env) {
    env.provision_default().await;
    let pending = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    // A wrong Basic password keeps the step (it may be typed again)...
    assert_eq!(
        env.ssa
            .confirm_registration(&pending, &secret("99999999"))
            .await
            .unwrap_err(),
        SsaError::RegistrationNotConfirmed
    );
    env.ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap();
    // ...a finished one is gone.
    assert_eq!(
        env.ssa
            .confirm_registration(&pending, &secret("11112222"))
            .await
            .unwrap_err(),
        SsaError::PendingExpired
    );
}

async fn abandoned_or_late_cancellation_changes_nothing(env: Env) {
    ready_user(&env).await;
    let pending = env
        .ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    env.ssa.abandon_unfinished(pending.token());
    assert_eq!(
        env.ssa.confirm_cancellation(&pending).await.unwrap_err(),
        SsaError::PendingExpired
    );
    let late = env
        .ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij123"))
        .await
        .unwrap();
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
    let first = env
        .ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    let second = env
        .ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    env.ssa.confirm_cancellation(&first).await.unwrap();
    assert_eq!(
        env.ssa.confirm_cancellation(&second).await.unwrap_err(),
        SsaError::InternetUserAlreadyCancelled
    );
}

async fn wrong_code_on(env: &Env, screen: CaptchaScreen) -> SsaError {
    match screen {
        CaptchaScreen::Registration => {
            let mut form = env.form("abcd1234", "abcdefghij123");
            form.captcha_answer = secret("zzzzz");
            env.ssa.submit_registration(&form).await.unwrap_err()
        }
        CaptchaScreen::Cancellation => {
            let mut form = cancellation(env, "abcd1234", "abcdefghij123");
            form.captcha_answer = secret("zzzzz");
            env.ssa.check_cancellation(&form).await.unwrap_err()
        }
        _ => unreachable!("not used here"),
    }
}

async fn five_wrong_codes_pause_that_screen_only(env: Env) {
    env.provision_default().await;
    for _ in 0..4 {
        let err = wrong_code_on(&env, CaptchaScreen::Registration).await;
        assert_eq!(
            field_rules(&err),
            vec![(Field::Captcha, Rule::CaptchaWrong)]
        );
    }
    let err = wrong_code_on(&env, CaptchaScreen::Registration).await;
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaPaused { seconds: 30 })]
    );
    // Even a right code waits on this screen...
    let err = env
        .ssa
        .submit_registration(&env.form("abcd1234", "abcdefghij123"))
        .await
        .unwrap_err();
    assert!(matches!(
        field_rules(&err)[0],
        (Field::Captcha, Rule::CaptchaPaused { .. })
    ));
    // ...while another screen is not paused.
    let err = wrong_code_on(&env, CaptchaScreen::Cancellation).await;
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaWrong)]
    );
    // After the pause, a right code works again.
    env.clock.advance(Duration::seconds(31));
    env.register("abcd1234", "abcdefghij123").await.unwrap();
}

async fn code_pause_survives_a_restart(env: Env) {
    env.provision_default().await;
    for _ in 0..5 {
        wrong_code_on(&env, CaptchaScreen::Registration).await;
    }
    let restarted = env.restart().await.unwrap();
    let form = crate::common::form_for(
        &restarted,
        "12345678",
        "C00088",
        "01",
        "abcd1234",
        "abcdefghij123",
    );
    let err = restarted.submit_registration(&form).await.unwrap_err();
    assert!(
        matches!(
            field_rules(&err)[0],
            (Field::Captcha, Rule::CaptchaPaused { .. })
        ),
        "{err:?}"
    );
    // Four more wrong codes after the pause: the next pause is twice as long.
    env.clock.advance(Duration::seconds(31));
    for _ in 0..4 {
        wrong_code_on(&env, CaptchaScreen::Registration).await;
    }
    let err = wrong_code_on(&env, CaptchaScreen::Registration).await;
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaPaused { seconds: 60 })]
    );
}

async fn code_drawn_for_one_screen_is_refused_on_another(env: Env) {
    env.provision_default().await;
    let mut form = env.form("abcd1234", "abcdefghij123");
    form.captcha_id = env.ssa.new_captcha(CaptchaScreen::Cancellation).id;
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::Captcha, Rule::CaptchaWrong)]
    );
}

async fn right_password_on_cancel_form_resets_the_login_counter(env: Env) {
    ready_user(&env).await;
    for _ in 0..3 {
        env.login("abcd1234", "wrongwrong1234").await.unwrap_err();
    }
    assert_eq!(login_failures(&env).await, 3);
    env.ssa
        .check_cancellation(&cancellation(&env, "abcd1234", "abcdefghij123"))
        .await
        .unwrap();
    assert_eq!(login_failures(&env).await, 0);
}

async fn right_basic_password_at_confirm_resets_its_counter_even_when_registered(env: Env) {
    ready_user(&env).await; // registered; Basic password now 22223333
    for _ in 0..2 {
        let pending = env
            .ssa
            .submit_registration(&env.form("wxyz9876", "abcdefghij123"))
            .await
            .unwrap();
        env.ssa
            .confirm_registration(&pending, &secret("99999999"))
            .await
            .unwrap_err();
    }
    assert_eq!(basic_failures(&env).await, 2);
    let pending = env
        .ssa
        .submit_registration(&env.form("wxyz9876", "abcdefghij123"))
        .await
        .unwrap();
    assert_eq!(
        env.ssa
            .confirm_registration(&pending, &secret("22223333"))
            .await
            .unwrap_err(),
        SsaError::AccountAlreadyRegistered
    );
    assert_eq!(basic_failures(&env).await, 0);
}

async fn right_current_password_resets_the_counter_though_the_new_one_is_reused(env: Env) {
    ready_user(&env).await;
    let mut login = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let wrong = ChangeInternetPasswordForm {
        current_password: secret("wrongwrong1234"),
        new_password: secret("newpassword123"),
        confirm_new_password: secret("newpassword123"),
    };
    for _ in 0..2 {
        env.ssa
            .change_internet_password(&mut login.session, &wrong)
            .await
            .unwrap_err();
    }
    assert_eq!(login_failures(&env).await, 2);
    // A right current password resets the count...
    let to_second = ChangeInternetPasswordForm {
        current_password: secret("abcdefghij123"),
        new_password: secret("secondpass1234"),
        confirm_new_password: secret("secondpass1234"),
    };
    env.ssa
        .change_internet_password(&mut login.session, &to_second)
        .await
        .unwrap();
    for _ in 0..2 {
        env.ssa
            .change_internet_password(&mut login.session, &wrong)
            .await
            .unwrap_err();
    }
    assert_eq!(login_failures(&env).await, 2);
    // ...and so does one whose new password the history rule then refuses.
    let back_to_first = ChangeInternetPasswordForm {
        current_password: secret("secondpass1234"),
        new_password: secret("abcdefghij123"),
        confirm_new_password: secret("abcdefghij123"),
    };
    let err = env
        .ssa
        .change_internet_password(&mut login.session, &back_to_first)
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
    let mut login = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let huge = "a1".repeat(5_000);
    let form = ChangeInternetPasswordForm {
        current_password: secret(&huge),
        new_password: secret("newpassword123"),
        confirm_new_password: secret("newpassword123"),
    };
    let err = env
        .ssa
        .change_internet_password(&mut login.session, &form)
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
    let ssa = Arc::new(env.ssa.clone());
    let form = || ChangeInternetPasswordForm {
        current_password: secret("abcdefghij123"),
        new_password: secret("samenewpass123"),
        confirm_new_password: secret("samenewpass123"),
    };
    let mut one = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let mut two = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let (s1, s2) = (Arc::clone(&ssa), Arc::clone(&ssa));
    let (a, b) = both_at_once(
        async move {
            s1.change_internet_password(&mut one.session, &form())
                .await
                .map(|_| ())
        },
        async move {
            s2.change_internet_password(&mut two.session, &form())
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
    let mut one = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let mut two = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let (f1, f2) = (
        change_basic_form(&env.ssa, "22223333", "33334444"),
        change_basic_form(&env.ssa, "22223333", "33334444"),
    );
    let (s1, s2) = (Arc::clone(&ssa), Arc::clone(&ssa));
    let (a, b) = both_at_once(
        async move {
            s1.change_basic_password(&mut one.session, &f1)
                .await
                .map(|_| ())
        },
        async move {
            s2.change_basic_password(&mut two.session, &f2)
                .await
                .map(|_| ())
        },
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
    let f1 = recovery(&env, "abcd1234", "12345678", "22223333", "resetpass12345");
    let f2 = recovery(&env, "abcd1234", "12345678", "22223333", "resetpass12345");
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

async fn unknown_account_at_confirm_is_audited_as_a_digest(env: Env) {
    env.provision_default().await;
    // An 8-digit Basic password typed into the Basic User ID field.
    let form = crate::common::form_for(
        &env.ssa,
        "11112222",
        "C00088",
        "01",
        "abcd1234",
        "abcdefghij123",
    );
    let pending = env.ssa.submit_registration(&form).await.unwrap();
    env.ssa
        .confirm_registration(&pending, &secret("11112222"))
        .await
        .unwrap_err();
    let entry = &env.ssa.store().audit_entries(1).await.unwrap()[0];
    assert_eq!(entry.outcome, "unknown-account");
    let shown = entry.basic_user_id.clone().unwrap();
    assert!(shown.starts_with("unknown:") && !shown.contains("11112222"));
}
