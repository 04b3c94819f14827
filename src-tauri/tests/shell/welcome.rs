//! What Welcome and home read in the chosen language: the next public
//! holiday, the special windows the back office scheduled, the messages.

use ssa_core::clock::hong_kong_time;
use ssa_desktop::i18n::Language;

#[cfg(feature = "e2e-captcha")]
use crate::common::demo_at_home;
use crate::common::{back_office, demo, shell};

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
