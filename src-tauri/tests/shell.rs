//! The shell's state, driven as the window's commands drive it, without a
//! window: the session is held in Rust and checked on every call, errors cross
//! as codes with words, and nothing secret crosses at all.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use secrecy::SecretString;
use ssa_core::clock::hong_kong_time;
use ssa_core::{CaptchaScreen, ManualClock, MemorySecretStore, RegistrationForm};
use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;
#[cfg(feature = "e2e-captcha")]
use ssa_desktop::settings::TestSwitches;
use ssa_desktop::state::AppState;

struct Shell {
    state: AppState,
    #[allow(dead_code)]
    clock: Arc<ManualClock>,
    /// The pepper store the state started with, so a test can open the same
    /// database as the back office does.
    #[allow(dead_code)]
    secrets: MemorySecretStore,
    #[allow(dead_code)]
    data_dir: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

async fn shell(settings: Settings) -> Shell {
    let dir = tempfile::tempdir().unwrap();
    shell_in(settings, dir.path().to_path_buf(), dir).await
}

async fn shell_in(
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
    // This build's settings have no field for a fixed answer, and the
    // variable's name is not in its binary (the e2e suite checks both the
    // binary and the variable set on the real app).
    let s = shell(Settings::from_args(["--demo".into()])).await;
    let first = s.state.new_captcha(CaptchaScreen::Registration).unwrap();
    let second = s.state.new_captcha(CaptchaScreen::Registration).unwrap();
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
async fn welcome_names_the_next_public_holiday_in_the_chosen_language() {
    // 26 November 2026: the demo's calendar has Christmas next.
    let s = shell(demo()).await;
    let notices = s.state.welcome_notices().await.unwrap();
    assert_eq!(
        notices.next_holiday.as_deref(),
        Some("Next public holiday: 2026-12-25, Christmas Day")
    );
    assert!(notices.special_windows.is_empty());
    s.state.set_language(Language::TraditionalChinese);
    let notices = s.state.welcome_notices().await.unwrap();
    assert_eq!(
        notices.next_holiday.as_deref(),
        Some("下一個公眾假期：2026-12-25，聖誕節")
    );
    s.state.set_language(Language::SimplifiedChinese);
    let days = s.state.month_holidays("2026-12").await.unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(
        (days[0].date.as_str(), days[0].name.as_str()),
        ("2026-12-25", "圣诞节")
    );
}

/// The back office, as `ssa-admin` opens it: the same database and pepper.
async fn back_office(s: &Shell) -> ssa_core::Ssa {
    let url = s.data_dir.join("ssa-demo.db");
    ssa_core::Ssa::open(
        url.to_str().unwrap(),
        Arc::new(s.secrets.clone()),
        s.clock.clone(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn welcome_lists_a_special_window_the_back_office_scheduled() {
    let s = shell(demo()).await;
    let start = hong_kong_time(2026, 11, 28, 22, 0, 0).unwrap();
    let end = hong_kong_time(2026, 11, 29, 2, 0, 0).unwrap();
    back_office(&s)
        .await
        .schedule_maintenance(start, end)
        .await
        .unwrap();
    let notices = s.state.welcome_notices().await.unwrap();
    assert_eq!(
        notices.special_windows,
        ["2026-11-28 22:00:00 to 2026-11-29 02:00:00"]
    );
    s.state.set_language(Language::TraditionalChinese);
    let notices = s.state.welcome_notices().await.unwrap();
    assert_eq!(
        notices.special_windows,
        ["2026年11月28日 22:00:00 至 2026年11月29日 02:00:00"]
    );
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn messages_reach_the_window_in_the_readers_language() {
    let s = demo_at_home().await;
    let home = s.state.home().await.unwrap();
    let newest = &home.messages[0];
    assert_eq!(newest.subject, "Maintenance timetable");
    s.state.set_language(Language::TraditionalChinese);
    let home = s.state.home().await.unwrap();
    assert_eq!(home.messages[0].subject, "系統維護時間");
    let opened = s.state.open_message(home.messages[0].id).await.unwrap();
    assert!(
        opened.body.starts_with("星期一至六及公眾假期"),
        "{}",
        opened.body
    );
    s.state.set_language(Language::SimplifiedChinese);
    let home = s.state.home().await.unwrap();
    assert_eq!(home.messages[0].subject, "系统维护时间");
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
    use ssa_core::NextStep;
    let s = shell(Settings {
        test: TestSwitches {
            captcha_answer: Some("Kx7Pq".into()),
            ..TestSwitches::default()
        },
        ..demo()
    })
    .await;
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

/// Registers inv12345 on the demo account and logs in, Basic password changed.
#[cfg(feature = "e2e-captcha")]
async fn logged_in_at_home(s: &Shell) {
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
struct Investor {
    basic_user_id: &'static str,
    participant_id: &'static str,
    ssa_number: &'static str,
    /// The initial CCASS Basic password.
    basic_password: &'static str,
    internet_user_id: &'static str,
}

/// The account demo mode provisions, as inv12345.
#[cfg(feature = "e2e-captcha")]
const DEMO: Investor = Investor {
    basic_user_id: "12345678",
    participant_id: "C00088",
    ssa_number: "01",
    basic_password: "11112222",
    internet_user_id: "inv12345",
};

/// Registers `investor`'s Internet User ID with password abcdefghij123,
/// answering the fixed code, and confirms with the initial Basic password.
#[cfg(feature = "e2e-captcha")]
async fn register(state: &AppState, investor: Investor) {
    let c = state.new_captcha(CaptchaScreen::Registration).unwrap();
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
async fn change_basic_password(state: &AppState, current: &str, new: &str) -> ssa_core::NextStep {
    let c = state
        .new_captcha(CaptchaScreen::ChangeBasicPassword)
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

#[cfg(feature = "e2e-captcha")]
fn fixed_code_demo() -> Settings {
    Settings {
        test: TestSwitches {
            captcha_answer: Some("Kx7Pq".into()),
            ..TestSwitches::default()
        },
        ..demo()
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
    let c = s.state.new_captcha(CaptchaScreen::Registration).unwrap();
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

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn demo_mode_makes_a_statement_history_and_delivers_its_latest_after_login() {
    let s = shell(fixed_code_demo()).await;
    let imports = |entries: &[ssa_core::AuditEntry]| {
        entries
            .iter()
            .filter(|e| e.kind == "movements-imported")
            .count()
    };
    let at_start = s.state.audit_for_tests(50).await;
    assert_eq!(imports(&at_start), 1, "the history but its last movements");
    assert!(at_start.iter().any(|e| e.kind == "stocks-imported"));
    logged_in_at_home(&s).await;
    let after_login = s.state.audit_for_tests(50).await;
    assert_eq!(imports(&after_login), 2, "the latest movements arrived");
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

/// The demo investor at home, a statement history behind it.
#[cfg(feature = "e2e-captcha")]
async fn demo_at_home() -> Shell {
    let s = shell(fixed_code_demo()).await;
    logged_in_at_home(&s).await;
    s
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn statement_screens_read_the_demo_history_in_the_readers_language() {
    let s = demo_at_home().await;
    let today = "2026-11-26";
    let holdings = s.state.holdings(today, false).await.unwrap();
    assert!(!holdings.stocks.is_empty(), "the demo account holds stocks");
    assert!(holdings.stocks.iter().all(|h| h.balance != "0"));
    let with_zero = s.state.holdings(today, true).await.unwrap();
    assert!(
        with_zero.stocks.len() > holdings.stocks.len(),
        "some demo stocks were sold to zero"
    );
    let tencent = |v: &ssa_desktop::statements::HoldingsView| {
        v.stocks
            .iter()
            .find(|h| h.code == "00700")
            .map(|h| h.name.clone())
    };
    assert_eq!(tencent(&with_zero).as_deref(), Some("TENCENT"));
    s.state.set_language(Language::TraditionalChinese);
    let zh = s.state.holdings(today, true).await.unwrap();
    assert_eq!(tencent(&zh).as_deref(), Some("騰訊控股"));
    s.state.set_language(Language::English);

    // Every daily statement of the month adds up: opening + in - out = closing.
    let dates = s.state.statement_dates("2026-11").await.unwrap();
    assert!(!dates.is_empty());
    for date in &dates {
        let daily = s.state.daily_statement(date).await.unwrap();
        assert!(!daily.stocks.is_empty());
        assert_eq!(daily.header.participant_id, "C00088");
        for stock in &daily.stocks {
            let moved: i64 = stock
                .movements
                .iter()
                .map(|m| {
                    m.quantity_in.parse::<i64>().unwrap() - m.quantity_out.parse::<i64>().unwrap()
                })
                .sum();
            assert_eq!(
                stock.opening.parse::<i64>().unwrap() + moved,
                stock.closing.parse::<i64>().unwrap(),
                "{date} {}",
                stock.code
            );
            assert!(stock.movements.iter().all(|m| !m.kind_name.is_empty()
                && m.kind_name != format!("kind-{}", m.kind.to_lowercase())));
        }
    }
    let monthly = s.state.monthly_statement("2026-10").await.unwrap();
    assert_eq!(monthly.month_end, "2026-10-31");
    let page = s
        .state
        .movements(&ssa_core::MovementsRequest {
            from: "2023-01-01".into(),
            to: today.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(page.total > 100, "three years of movements");
    assert_eq!(page.movements.len(), 100);
    assert_eq!(page.page_size, 100);
    let series = s
        .state
        .balance_series(&ssa_core::SeriesRequest {
            stock: "00700".into(),
            from: "2024-01-01".into(),
            to: today.into(),
        })
        .await
        .unwrap();
    assert!(series.len() > 1);
    let home = s.state.home().await.unwrap();
    assert!(
        home.new_movements > 0,
        "the latest demo movements arrived after the first login"
    );
    assert!(home
        .new_movements_text
        .unwrap()
        .contains(&home.new_movements.to_string()));
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn a_bad_date_or_month_is_named_in_the_readers_language() {
    let s = demo_at_home().await;
    let e = s.state.holdings("2026-02-30", false).await.unwrap_err();
    assert_eq!(e.fields.len(), 1);
    assert_eq!(e.fields[0].field, "date");
    assert!(
        e.fields[0].message.contains("YYYY-MM-DD"),
        "{}",
        e.fields[0].message
    );
    let e = s
        .state
        .movements(&ssa_core::MovementsRequest {
            from: "2026-11-20".into(),
            to: "2026-11-01".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "to-date");
    s.state.set_language(Language::SimplifiedChinese);
    let e = s.state.monthly_statement("2026/11").await.unwrap_err();
    assert_eq!(e.fields[0].field, "month");
    assert!(
        e.fields[0].message.starts_with("月份"),
        "{}",
        e.fields[0].message
    );
    let e = s
        .state
        .balance_series(&ssa_core::SeriesRequest {
            stock: "700".into(),
            from: "2026-01-01".into(),
            to: "2026-11-01".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "stock-code");
}

/// A second investor on the demo database, with an SSA of its own: no
/// command ever shows it the demo SSA's data, whatever the window sends.
#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn the_window_never_reaches_another_ssas_data() {
    use ssa_core::Ssa;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let secrets = MemorySecretStore::new();
    let clock = Arc::new(ManualClock::new(
        hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap(),
    ));
    let state = AppState::start_with(
        &Settings {
            database_url: Some(url.clone()),
            ..fixed_code_demo()
        },
        dir.path().to_path_buf(),
        Arc::new(secrets.clone()),
        clock.clone(),
    )
    .await;
    state.set_language(Language::English);
    // The operator provisions a second SSA and feeds it one movement.
    let operator = Ssa::open(&url, Arc::new(secrets), clock.clone())
        .await
        .unwrap();
    operator
        .provision_basic_account("87654321", "C00099", "02", &SecretString::from("33334444"))
        .await
        .unwrap();
    let report = operator
        .import_movements(
            "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
             2026-11-02,C00099,02,00005,BF,500,,OWN1\n"
                .as_bytes(),
            false,
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    let other = Investor {
        basic_user_id: "87654321",
        participant_id: "C00099",
        ssa_number: "02",
        basic_password: "33334444",
        internet_user_id: "other999",
    };
    register(&state, other).await;
    state
        .login("other999", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    change_basic_password(&state, "33334444", "44445555").await;

    let holdings = state.holdings("2026-11-26", true).await.unwrap();
    let codes: Vec<&str> = holdings.stocks.iter().map(|h| h.code.as_str()).collect();
    assert_eq!(codes, ["00005"]);
    assert_eq!(holdings.stocks[0].balance, "500");
    // A crafted request naming the demo SSA: the extra fields are ignored,
    // the session decides whose movements these are.
    let crafted: ssa_core::MovementsRequest = serde_json::from_str(
        r#"{"from":"2020-01-01","to":"2026-11-26","participantId":"C00088","ssaNumber":"01"}"#,
    )
    .unwrap();
    let page = state.movements(&crafted).await.unwrap();
    let references: Vec<&str> = page
        .movements
        .iter()
        .map(|m| m.reference.as_str())
        .collect();
    assert_eq!(references, ["OWN1"]);
    assert_eq!(
        state.statement_dates("2026-11").await.unwrap(),
        ["2026-11-02"]
    );
    let daily = state.daily_statement("2026-11-02").await.unwrap();
    assert_eq!(daily.header.participant_id, "C00099");
    assert_eq!(daily.stocks.len(), 1);
    let monthly = state.monthly_statement("2026-10").await.unwrap();
    assert!(monthly.stocks.is_empty(), "nothing held before November");
    let series = state
        .balance_series(&ssa_core::SeriesRequest {
            stock: "00700".into(),
            from: "2024-01-01".into(),
            to: "2026-11-26".into(),
        })
        .await
        .unwrap();
    assert!(
        series.iter().all(|p| p.balance == "0"),
        "the demo SSA's Tencent is not this SSA's"
    );
    // After logout, nothing at all.
    state.logout().await.unwrap();
    assert_eq!(
        state.holdings("2026-11-26", true).await.unwrap_err().code,
        "session-ended"
    );
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn a_monthly_statement_exports_as_csv_a_spreadsheet_reads_and_as_a_searchable_pdf() {
    use ssa_core::ExportRequest;
    use ssa_desktop::export::ExportFormat;
    let s = demo_at_home().await;
    s.state.set_language(Language::TraditionalChinese);
    let month = "2026-10";
    let shown = s.state.monthly_statement(month).await.unwrap();
    assert!(!shown.stocks.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let what = ExportRequest::Monthly {
        month: month.into(),
    };

    let csv_path = dir.path().join("monthly.csv");
    s.state
        .export_statement(&what, ExportFormat::Csv, &csv_path)
        .await
        .unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark first"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, ["股份代號", "股份名稱", "結餘"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let table: Vec<Vec<String>> = shown
        .stocks
        .iter()
        .map(|h| vec![h.code.clone(), h.name.clone(), h.balance.clone()])
        .collect();
    assert_eq!(rows, table, "the file reads back as the table on screen");

    let pdf_path = dir.path().join("monthly.pdf");
    s.state
        .export_statement(&what, ExportFormat::Pdf, &pdf_path)
        .await
        .unwrap();
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(
        pdf.len() < 300_000,
        "the font is subsetted: {} bytes",
        pdf.len()
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("C00088"), "{text}");
    for stock in &shown.stocks {
        assert!(
            text.contains(&stock.name),
            "{} missing from {text}",
            stock.name
        );
        let grouped = stock
            .balance
            .parse::<i64>()
            .map(|n| {
                let d = n.to_string();
                let mut out = String::new();
                for (i, c) in d.chars().enumerate() {
                    if i > 0 && (d.len() - i) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(c);
                }
                out
            })
            .unwrap();
        assert!(text.contains(&grouped), "{grouped} missing from {text}");
    }
}

#[cfg(feature = "e2e-captcha")]
#[tokio::test]
async fn a_kiosk_exports_nothing() {
    use ssa_core::ExportRequest;
    use ssa_desktop::export::ExportFormat;
    let s = shell(Settings {
        kiosk: true,
        ..fixed_code_demo()
    })
    .await;
    logged_in_at_home(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("daily.csv");
    let e = s
        .state
        .export_statement(
            &ExportRequest::Monthly {
                month: "2026-10".into(),
            },
            ExportFormat::Csv,
            &path,
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, "not-allowed");
    assert!(!path.exists(), "no file is written");
}
