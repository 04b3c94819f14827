//! What every shell test starts from: the shell over a fresh data folder on
//! a fixed clock, the demo settings, and the investor's steps through it
//! (register, log in, the forced Basic password change).

use std::sync::Arc;

use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
#[cfg(feature = "e2e-captcha")]
use ssa_core::CaptchaScreen;
use ssa_core::{ManualClock, MemorySecretStore, RegistrationForm};
use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;
#[cfg(feature = "e2e-captcha")]
use ssa_desktop::settings::TestSwitches;
use ssa_desktop::state::AppState;

/// The shell's state over a data folder of its own, on a clock fixed at
/// 2026-11-26 10:00 in Hong Kong.
pub struct Shell {
    pub state: AppState,
    #[allow(dead_code)]
    pub clock: Arc<ManualClock>,
    /// The pepper store the state started with, so a test can open the same
    /// database as the back office does.
    #[allow(dead_code)]
    pub secrets: MemorySecretStore,
    #[allow(dead_code)]
    pub data_dir: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// The shell started with `settings` over a new temporary folder.
pub async fn shell(settings: Settings) -> Shell {
    let dir = tempfile::tempdir().unwrap();
    shell_in(settings, dir.path().to_path_buf(), dir).await
}

/// The shell started with `settings` over `data_dir`, which `dir` holds.
pub async fn shell_in(
    settings: Settings,
    data_dir: std::path::PathBuf,
    dir: tempfile::TempDir,
) -> Shell {
    let clock = Arc::new(ManualClock::new(
        hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap(),
    ));
    std::fs::create_dir_all(&data_dir).unwrap();
    let secrets = MemorySecretStore::new();
    let state = AppState::start_with(
        &settings,
        data_dir.clone(),
        Arc::new(secrets.clone()),
        clock.clone(),
    )
    .await;
    // The tests read English words, whatever the machine's locale.
    state.set_language(Language::English);
    Shell {
        state,
        clock,
        secrets,
        data_dir,
        _dir: dir,
    }
}

/// Demo mode: the demo account provisioned, a statement history made.
pub fn demo() -> Settings {
    Settings {
        demo: true,
        ..Settings::default()
    }
}

/// The registration form for inv12345 on the demo account, answering
/// code `captcha_id` with `answer`.
pub fn registration(captcha_id: String, answer: &str) -> RegistrationForm {
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

/// The back office, as `ssa-admin` opens it: the same database and pepper.
pub async fn back_office(s: &Shell) -> ssa_core::Ssa {
    let url = s.data_dir.join("ssa-demo.db");
    ssa_core::Ssa::open(
        url.to_str().unwrap(),
        Arc::new(s.secrets.clone()),
        s.clock.clone(),
    )
    .await
    .unwrap()
}

#[cfg(feature = "e2e-captcha")]
/// Demo mode in the test build, every code's answer fixed at Kx7Pq.
pub fn fixed_code_demo() -> Settings {
    Settings {
        test: TestSwitches {
            captcha_answer: Some("Kx7Pq".into()),
            ..TestSwitches::default()
        },
        ..demo()
    }
}

/// Registers inv12345 on the demo account and logs in, Basic password changed.
#[cfg(feature = "e2e-captcha")]
pub async fn logged_in_at_home(s: &Shell) {
    use ssa_core::NextStep;
    register(&s.state, DEMO).await;
    s.state
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    let next = change_basic_password(&s.state, "11112222", "22223333").await;
    assert_eq!(next, NextStep::Home);
}

/// An SSA basic account and the Internet User ID registered on it.
#[cfg(feature = "e2e-captcha")]
#[derive(Debug, Clone, Copy)]
pub struct Investor {
    pub basic_user_id: &'static str,
    pub participant_id: &'static str,
    pub ssa_number: &'static str,
    /// The initial CCASS Basic password.
    pub basic_password: &'static str,
    pub internet_user_id: &'static str,
}

/// The account demo mode provisions, as inv12345.
#[cfg(feature = "e2e-captcha")]
pub const DEMO: Investor = Investor {
    basic_user_id: "12345678",
    participant_id: "C00088",
    ssa_number: "01",
    basic_password: "11112222",
    internet_user_id: "inv12345",
};

/// Registers `investor`'s Internet User ID with password abcdefghij123,
/// answering the fixed code, and confirms with the initial Basic password.
#[cfg(feature = "e2e-captcha")]
pub async fn register(state: &AppState, investor: Investor) {
    let c = state
        .new_captcha(CaptchaScreen::Registration)
        .await
        .unwrap();
    state
        .submit_registration(RegistrationForm {
            basic_user_id: investor.basic_user_id.into(),
            participant_id: investor.participant_id.into(),
            ssa_number: investor.ssa_number.into(),
            internet_user_id: investor.internet_user_id.into(),
            ..registration(c.id, "Kx7Pq")
        })
        .await
        .unwrap();
    state
        .confirm_registration(SecretString::from(investor.basic_password))
        .await
        .unwrap();
}

/// The forced Basic password change from `current` to `new`, answering the
/// fixed code; where the session goes next.
#[cfg(feature = "e2e-captcha")]
pub async fn change_basic_password(
    state: &AppState,
    current: &str,
    new: &str,
) -> ssa_core::NextStep {
    let c = state
        .new_captcha(CaptchaScreen::ChangeBasicPassword)
        .await
        .unwrap();
    state
        .change_basic_password(ssa_core::ChangeBasicPasswordForm {
            current_password: SecretString::from(current),
            new_password: SecretString::from(new),
            confirm_new_password: SecretString::from(new),
            captcha_id: c.id,
            captcha_answer: SecretString::from("Kx7Pq"),
        })
        .await
        .unwrap()
}

/// The demo investor at home, a statement history behind it.
#[cfg(feature = "e2e-captcha")]
pub async fn demo_at_home() -> Shell {
    let s = shell(fixed_code_demo()).await;
    logged_in_at_home(&s).await;
    s
}
