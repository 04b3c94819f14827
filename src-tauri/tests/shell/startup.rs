//! The shell's start: demo mode, settings from arguments, storage that
//! fails, and what a shipped build and the test build do differently.

use ssa_desktop::settings::Settings;
#[cfg(feature = "e2e-captcha")]
use ssa_desktop::settings::TestSwitches;

#[cfg(not(feature = "e2e-captcha"))]
use crate::common::registration;
use crate::common::{demo, shell, shell_in};
#[cfg(not(feature = "e2e-captcha"))]
use ssa_core::CaptchaScreen;

#[cfg(not(feature = "e2e-captcha"))]
#[tokio::test]
async fn a_build_without_the_test_feature_ignores_the_fixed_code_setting() {
    // This build's settings have no field for a fixed answer, and the
    // variable's name is not in its binary (the e2e suite checks both the
    // binary and the variable set on the real app).
    let s = shell(Settings::from_args(["--demo".into()])).await;
    let first = s
        .state
        .new_captcha(CaptchaScreen::Registration)
        .await
        .unwrap();
    let second = s
        .state
        .new_captcha(CaptchaScreen::Registration)
        .await
        .unwrap();
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
async fn storage_errors_reach_the_window_without_their_detail() {
    let s = shell(Settings {
        // A file cannot be a folder: SQLite refuses at once, with the path in
        // its message.
        database_url: Some("/dev/null/nowhere/ssa.db".into()),
        ..Settings::default()
    })
    .await;
    let error = s.state.app_info().startup_error.expect("cannot start");
    assert_eq!(error.code, "storage");
    let crossed = serde_json::to_string(&error).unwrap();
    for detail in ["/dev/null", "nowhere", "unable to open"] {
        assert!(!crossed.contains(detail), "{detail} crossed: {crossed}");
    }
}

#[tokio::test]
async fn a_data_folder_named_like_a_url_opens_that_very_folder() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a%20b?c#d");
    let s = shell_in(Settings::default(), odd.clone(), dir).await;
    assert!(s.state.app_info().startup_error.is_none());
    assert!(
        odd.join("ssa.db").exists(),
        "the database is where it was named"
    );
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_do_not_panic() {
    use std::os::unix::ffi::OsStringExt;
    let settings = Settings::from_args([
        std::ffi::OsString::from_vec(vec![0xff, 0xfe, b'-']),
        std::ffi::OsString::from("--kiosk"),
    ]);
    assert!(settings.kiosk);
    assert!(!settings.demo);
}

#[tokio::test]
async fn a_shipped_build_says_it_is_not_a_test_build() {
    let s = shell(demo()).await;
    assert_eq!(s.state.app_info().test_build, cfg!(feature = "e2e-captcha"));
    // Nothing breaks the window's start on request here.
    let first = s.state.first_call().unwrap();
    assert_eq!(first.test_startup_fault, None);
    assert!(first.startup_error.is_none());
}

/// The test build breaks its own start on request, so the e2e test can see
/// the failure page: the first call fails, or the window is told to throw.
#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn the_test_build_breaks_its_start_on_request() {
    let broken = |fault: &str| Settings {
        test: TestSwitches {
            break_startup: Some(fault.into()),
            ..TestSwitches::default()
        },
        ..demo()
    };
    let s = shell(broken("first-call")).await;
    assert_eq!(s.state.first_call().unwrap_err().code, "internal");
    let s = shell(broken("script")).await;
    assert_eq!(
        s.state.first_call().unwrap().test_startup_fault.as_deref(),
        Some("script")
    );
}

/// A refused kiosk policy: the window gets the refusal in the reader's
/// language as its start-up error, and nothing opens behind it.
#[tokio::test]
async fn a_refused_kiosk_policy_is_all_the_window_shows() {
    let settings = Settings {
        kiosk: true,
        policy_refused: Some(ssa_core::SsaError::PolicyRefused {
            path: "/etc/ssa-desktop/policy.json".into(),
            problem: "writable-by-others".into(),
            detail: String::new(),
        }),
        ..Settings::default()
    };
    let s = shell(settings).await;
    let info = s.state.app_info();
    let error = info.startup_error.expect("refused");
    assert_eq!(error.code, "policy-refused");
    assert!(
        error
            .message
            .contains("could be changed by someone other than the administrator"),
        "{}",
        error.message
    );
    assert!(info.kiosk && !info.exports && info.demo.is_none());
    s.state
        .set_language(ssa_desktop::i18n::Language::TraditionalChinese);
    let error = s.state.app_info().startup_error.unwrap();
    assert!(
        error.message.contains("系統管理員以外"),
        "{}",
        error.message
    );
}
