//! The shell's state, driven as the window's commands drive it, without a
//! window: the session is held in Rust and checked on every call, errors cross
//! as codes with words, and nothing secret crosses at all.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
use ssa_core::{ManualClock, MemorySecretStore, RegistrationForm};
use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;
use ssa_desktop::state::AppState;

struct Shell {
    state: AppState,
    _dir: tempfile::TempDir,
}

async fn shell(settings: Settings) -> Shell {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(
        hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap(),
    ));
    let state = AppState::start_with(
        &settings,
        dir.path().to_path_buf(),
        Arc::new(MemorySecretStore::new()),
        clock,
    )
    .await;
    // The tests read English words, whatever the machine's locale.
    state.set_language(Language::English);
    Shell { state, _dir: dir }
}

fn demo() -> Settings {
    Settings {
        demo: true,
        ..Settings::default()
    }
}

fn registration(captcha_id: String, answer: &str) -> RegistrationForm {
    RegistrationForm {
        basic_user_id: "12345678".into(),
        participant_id: "C00088".into(),
        ssa_number: "01".into(),
        internet_user_id: "inv12345".into(),
        internet_password: SecretString::from("abcdefghij123"),
        confirm_internet_password: SecretString::from("abcdefghij123"),
        captcha_id,
        captcha_answer: SecretString::from(answer),
    }
}

#[cfg(not(feature = "e2e-captcha"))]
#[tokio::test]
async fn a_build_without_the_test_feature_ignores_the_fixed_code_setting() {
    let s = shell(Settings {
        e2e_captcha_answer: Some("AAAAA".into()),
        ..demo()
    })
    .await;
    let first = s.state.new_captcha().unwrap();
    let second = s.state.new_captcha().unwrap();
    assert_ne!(
        first.png_base64, second.png_base64,
        "codes are still drawn at random"
    );
    let err = s
        .state
        .submit_registration(registration(first.id, "AAAAA"))
        .await
        .unwrap_err();
    assert_eq!(err.fields.len(), 1);
    assert_eq!(err.fields[0].field, "captcha");
    assert_eq!(
        err.fields[0].message,
        "Verification code (case sensitive) is not correct. A new code is shown."
    );
}

#[tokio::test]
async fn demo_mode_provisions_an_account_and_shows_it() {
    let s = shell(demo()).await;
    let info = s.state.app_info();
    let demo = info.demo.expect("demo account shown");
    assert_eq!(demo.basic_user_id, "12345678");
    assert_eq!(demo.basic_password, "11112222");
    assert!(info.startup_error.is_none());
    let plain = shell(Settings::default()).await;
    assert!(
        plain.state.app_info().demo.is_none(),
        "off unless asked for"
    );
}

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
    use ssa_core::{ChangeBasicPasswordForm, NextStep};
    let s = shell(Settings {
        e2e_captcha_answer: Some("Kx7Pq".into()),
        ..demo()
    })
    .await;
    let c = s.state.new_captcha().unwrap();
    s.state
        .submit_registration(registration(c.id, "Kx7Pq"))
        .await
        .unwrap();
    s.state
        .confirm_registration(SecretString::from("11112222"))
        .await
        .unwrap();
    let next = s
        .state
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    assert_eq!(next.next, NextStep::ChangeBasicPassword);
    assert_eq!(next.basic_user_id, "12345678");
    assert_eq!(s.state.home().await.unwrap_err().code, "not-allowed");
    let c = s.state.new_captcha().unwrap();
    let next = s
        .state
        .change_basic_password(ChangeBasicPasswordForm {
            current_password: SecretString::from("11112222"),
            new_password: SecretString::from("22223333"),
            confirm_new_password: SecretString::from("22223333"),
            captcha_id: c.id,
            captcha_answer: SecretString::from("Kx7Pq"),
        })
        .await
        .unwrap();
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
