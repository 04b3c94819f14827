//! What Welcome and home read in the chosen language: the next public
//! holiday, the special windows the back office scheduled, the messages.

use ssa_core::clock::hong_kong_time;
use ssa_desktop::i18n::Language;

#[cfg(feature = "e2e-captcha")]
use crate::common::demo_at_home;
use crate::common::{back_office, demo, shell};
use secrecy::SecretString;

#[tokio::test]
async fn welcome_names_the_next_public_holiday_in_the_chosen_language() {
    // 26 November 2026: the demo's calendar has Christmas next.
    let s = shell(demo()).await;
    let notices = s.state.welcome_notices().await.unwrap();
    assert_eq!(
        notices.next_holiday.as_deref(),
        Some("Next public holiday: 25 Dec 2026, Christmas Day")
    );
    assert!(notices.special_windows.is_empty());
    s.state.set_language(Language::TraditionalChinese);
    let notices = s.state.welcome_notices().await.unwrap();
    assert_eq!(
        notices.next_holiday.as_deref(),
        Some("下一個公眾假期：2026年12月25日，聖誕節")
    );
    s.state.set_language(Language::SimplifiedChinese);
    let days = s.state.month_holidays("2026-12").await.unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(
        (days[0].date.as_str(), days[0].name.as_str()),
        ("2026-12-25", "圣诞节")
    );
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
        ["28 Nov 2026 22:00:00 to 29 Nov 2026 02:00:00"]
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

/// The demo's second account: its Internet User ID registered and its first
/// login's Basic password change made by the demo set-up, through the same
/// steps and codes as at the window, so it logs in at once in any build
/// (this test runs without the test build's fixed codes).
#[tokio::test]
async fn the_demo_offers_a_login_that_reaches_home_at_once_with_its_history() {
    use ssa_core::NextStep;
    let s = shell(demo()).await;
    let ready = s.state.app_info().demo.unwrap().ready.unwrap();
    assert_eq!(
        (
            ready.internet_user_id.as_str(),
            ready.internet_password.as_str(),
            ready.basic_user_id.as_str(),
            ready.basic_password.as_str()
        ),
        ("DEMOUSER", "demo2026ready", "87654321", "44445555")
    );
    let set_up = back_office(&s).await.audit_entries(100).await.unwrap();
    let kinds_for = |id: &str| -> Vec<String> {
        let mut kinds: Vec<String> = set_up
            .iter()
            .filter(|e| e.internet_user_id.as_deref() == Some(id))
            .map(|e| e.kind.clone())
            .collect();
        kinds.reverse();
        kinds
    };
    assert_eq!(
        kinds_for("DEMOUSER"),
        [
            "registration-confirmed",
            "login-succeeded",
            "basic-password-changed",
            "logout"
        ]
    );

    // A visitor comes to the window a minute after the set-up.
    s.clock.advance(chrono::Duration::minutes(1));
    let signed_in = s
        .state
        .login("DEMOUSER", SecretString::from("demo2026ready"))
        .await
        .unwrap();
    assert_eq!(signed_in.next, NextStep::Home);
    assert_eq!(signed_in.basic_user_id, "87654321");
    let home = s.state.home().await.unwrap();
    assert_eq!(home.internet_user_id, "DEMOUSER");
    assert_eq!(
        home.last_login,
        "You last logged in at 26 Nov 2026 10:00:00"
    );
    // The history came before the set-up's login; only the latest few
    // arrived after it.
    assert_eq!(home.new_movements, ssa_core::demo::LATEST_MOVEMENTS as u64);
    let holdings = s.state.holdings("2026-11-26", false).await.unwrap();
    assert!(!holdings.stocks.is_empty(), "the ready login holds stocks");
    s.state.logout().await.unwrap();

    // The next start, with the same keyring, offers it again and
    // provisions nothing twice.
    let again = ssa_desktop::state::AppState::start_with(
        &demo(),
        s.data_dir.clone(),
        std::sync::Arc::new(s.secrets.clone()),
        s.clock.clone(),
    )
    .await;
    assert!(again.app_info().demo.unwrap().ready.is_some());
    let registrations = back_office(&s)
        .await
        .audit_entries(200)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.kind == "registration-confirmed")
        .count();
    assert_eq!(registrations, 1);
}
