//! The session, held in Rust and checked on every call: nothing before
//! login or the forced step, the idle limit, a new login over an old one,
//! the end of a visit; errors as codes with words, nothing secret crossing.

use secrecy::SecretString;
use ssa_desktop::i18n::Language;

#[cfg(feature = "e2e-captcha")]
use crate::common::{
    change_basic_password, fixed_code_demo, logged_in_at_home, register, registration, DEMO,
};
use crate::common::{demo, shell};
#[cfg(feature = "e2e-captcha")]
use ssa_core::CaptchaScreen;

#[tokio::test]
async fn commands_refuse_without_a_session_and_before_the_forced_step() {
    let s = shell(demo()).await;
    let err = s.state.home().await.unwrap_err();
    assert_eq!(err.code, "session-ended");
    assert_eq!(err.message, "Your session has ended. Please log in again.");
}

#[tokio::test]
async fn errors_cross_as_code_args_and_words_in_the_chosen_language() {
    let s = shell(demo()).await;
    s.state.set_language(Language::TraditionalChinese);
    let err = s
        .state
        .login("abc", SecretString::from("abcdefghij123"))
        .await
        .unwrap_err();
    assert_eq!(err.code, "invalid");
    assert_eq!(err.fields[0].field, "internet-user-id");
    assert_eq!(err.fields[0].message, "互聯網使用者編號長度必須為 8 位。");
    // Switching language gives the same error in the new words.
    let info = s.state.set_language(Language::English);
    assert_eq!(
        info.last_error.unwrap().fields[0].message,
        "Internet User ID must be exactly 8 characters."
    );
}

/// Registration needs the code's answer, which only the test build can fix:
/// `cargo test -p ssa-desktop --features e2e-captcha` (scripts/test.sh runs it).
#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn the_window_cannot_skip_the_forced_basic_password_change() {
    use ssa_core::NextStep;
    let s = shell(fixed_code_demo()).await;
    register(&s.state, DEMO).await;
    let next = s
        .state
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    assert_eq!(next.next, NextStep::ChangeBasicPassword);
    assert_eq!(next.basic_user_id, "12345678");
    assert_eq!(s.state.home().await.unwrap_err().code, "not-allowed");
    let next = change_basic_password(&s.state, "11112222", "22223333").await;
    assert_eq!(next, NextStep::Home);
    let home = s.state.home().await.unwrap();
    assert_eq!(home.last_login, "This is your first login.");
    let everything = serde_json::to_string(&(home, s.state.app_info())).unwrap();
    for secret in ["abcdefghij123", "22223333", "Kx7Pq", "$argon2"] {
        assert!(
            !everything.contains(secret),
            "{secret} must not reach the window"
        );
    }
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn the_idle_check_does_not_keep_a_session_alive() {
    let s = shell(fixed_code_demo()).await;
    logged_in_at_home(&s).await;
    s.clock.advance(chrono::Duration::minutes(10));
    s.state
        .session_alive()
        .await
        .expect("alive after 10 idle minutes");
    // Asking did not count as activity: 16 minutes after the last real call
    // the session has ended.
    s.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(
        s.state.session_alive().await.unwrap_err().code,
        "session-ended"
    );
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn not_allowed_keeps_the_session_and_says_what_is_due() {
    use ssa_core::NextStep;
    let s = shell(fixed_code_demo()).await;
    register(&s.state, DEMO).await;
    s.state
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    assert_eq!(s.state.home().await.unwrap_err().code, "not-allowed");
    assert_eq!(
        s.state.session_alive().await.unwrap(),
        NextStep::ChangeBasicPassword,
        "still logged in, with the forced step due"
    );
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn a_login_over_a_live_session_logs_the_old_one_out() {
    let s = shell(fixed_code_demo()).await;
    logged_in_at_home(&s).await;
    let before = s.state.audit_for_tests(50).await;
    s.state
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    let after = s.state.audit_for_tests(50).await;
    let logouts = |entries: &[ssa_core::AuditEntry]| {
        entries
            .iter()
            .filter(|e| e.kind == "logout" && e.outcome == "replaced-by-new-login")
            .count()
    };
    assert_eq!(logouts(&before), 0);
    assert_eq!(logouts(&after), 1);
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn ending_the_visit_forgets_the_confirm_page() {
    let s = shell(fixed_code_demo()).await;
    let c = s
        .state
        .new_captcha(CaptchaScreen::Registration)
        .await
        .unwrap();
    s.state
        .submit_registration(registration(c.id, "Kx7Pq"))
        .await
        .unwrap();
    s.state.end_visit().await.unwrap();
    let err = s
        .state
        .confirm_registration(SecretString::from("11112222"))
        .await
        .unwrap_err();
    assert_eq!(err.code, "not-allowed", "nothing is left to confirm");
}

#[tokio::test]
async fn the_next_visit_does_not_inherit_the_last_error() {
    let s = shell(demo()).await;
    s.state
        .login("abc", SecretString::from("abcdefghij123"))
        .await
        .unwrap_err();
    assert!(s.state.app_info().last_error.is_some());
    s.state.end_visit().await.unwrap();
    assert!(
        s.state
            .set_language(Language::TraditionalChinese)
            .last_error
            .is_none(),
        "the next person sees nothing of the last one's"
    );
}
