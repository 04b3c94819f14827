//! Login (spec 3.5): one answer for every failure, the first-login and
//! 90-day password changes, the home page, sessions and maintenance (spec
//! 3.9). The lockout counters are in lockout.rs.

use ssa_core::domain::{Field, Rule};

use chrono::Duration;
use ssa_core::clock::hong_kong_time;
use ssa_core::{NextStep, SessionKind, SsaError};

use crate::common::{english, field_rules, ready_user, secret, Env};

on_both_backends!(
    login_accepts_the_id_in_any_case,
    every_login_failure_gives_the_same_answer,
    first_login_must_change_the_basic_password_first,
    home_shows_the_previous_login_in_hong_kong_time,
    password_older_than_90_days_must_be_changed_at_login,
    home_warns_when_the_password_expires_within_14_days,
    login_is_refused_during_maintenance_with_its_end,
    a_session_ends_when_a_maintenance_window_starts,
    idle_sessions_end_after_15_minutes_or_2_on_a_kiosk,
    broadcast_messages_show_with_new_count_and_mark_read,
    cancelled_or_unknown_ids_do_not_log_in,
    format_errors_at_login_name_the_field,
);

/// Logs abcd1234 in: the next step must be `step`, and home is refused
/// until it is done. The session.
async fn held_at(env: &Env, step: NextStep) -> ssa_core::Session {
    let mut login = env.login("abcd1234", "abcdefghij123").await.unwrap();
    assert_eq!(login.next, step);
    assert_eq!(
        env.ssa.home(&mut login.session).await.unwrap_err(),
        SsaError::NotAllowed
    );
    login.session
}

async fn login_accepts_the_id_in_any_case(env: Env) {
    ready_user(&env).await;
    for id in ["abcd1234", "ABCD1234", " AbCd1234 "] {
        let login = env.login(id, "abcdefghij123").await.expect("logs in");
        assert_eq!(login.session.internet_user_id, "abcd1234");
        assert_eq!(login.next, NextStep::Home);
    }
    assert_eq!(
        env.login("abcd1234", "ABCDEFGHIJ123").await.unwrap_err(),
        SsaError::LoginFailed
    );
}

async fn every_login_failure_gives_the_same_answer(env: Env) {
    ready_user(&env).await;
    let unknown = env.login("zzzz9999", "abcdefghij123").await.unwrap_err();
    let wrong = env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    for _ in 0..4 {
        env.login("abcd1234", "abcdefghij999").await.unwrap_err();
    }
    let locked = env.login("abcd1234", "abcdefghij123").await.unwrap_err();
    assert_eq!(unknown, SsaError::LoginFailed);
    assert_eq!(wrong, unknown);
    assert_eq!(locked, unknown);
}

async fn first_login_must_change_the_basic_password_first(env: Env) {
    env.provision_default().await;
    env.register("abcd1234", "abcdefghij123").await.unwrap();
    // Nothing else is reachable until it is done.
    let mut session = held_at(&env, NextStep::ChangeBasicPassword).await;
    assert_eq!(
        env.change_internet(&mut session, "abcdefghij123", "abcdefghij456")
            .await
            .unwrap_err(),
        SsaError::NotAllowed
    );
    // The initial password again is refused, then a new one is taken.
    let err = env
        .change_basic(&mut session, "11112222", "11112222")
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewBasicPassword, Rule::SameAsCurrent)]
    );
    let next = env
        .change_basic(&mut session, "11112222", "22223333")
        .await
        .unwrap();
    assert_eq!(next, NextStep::Home);
    assert!(env.ssa.home(&mut session).await.is_ok());
    // The next login goes straight home.
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap().next,
        NextStep::Home
    );
}

async fn home_shows_the_previous_login_in_hong_kong_time(env: Env) {
    env.provision_default().await;
    env.register("abcd1234", "abcdefghij123").await.unwrap();
    // First ever login: no previous one.
    let mut first = env.login("abcd1234", "abcdefghij123").await.unwrap();
    env.change_basic(&mut first.session, "11112222", "22223333")
        .await
        .unwrap();
    assert_eq!(
        env.ssa
            .home(&mut first.session)
            .await
            .unwrap()
            .previous_login_at,
        None
    );

    env.clock
        .set(hong_kong_time(2026, 11, 27, 14, 30, 5).unwrap());
    let mut second = env.login("abcd1234", "abcdefghij123").await.unwrap();
    let home = env.ssa.home(&mut second.session).await.unwrap();
    assert_eq!(
        home.previous_login_at,
        Some(hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap())
    );
    assert_eq!(home.basic_user_id, "12345678");
}

async fn password_older_than_90_days_must_be_changed_at_login(env: Env) {
    ready_user(&env).await;
    env.clock.advance(Duration::days(91));
    let mut session = held_at(&env, NextStep::ChangeInternetPassword).await;
    assert_eq!(
        env.change_internet(&mut session, "abcdefghij123", "abcdefghij456")
            .await
            .unwrap(),
        NextStep::Home
    );
    // The 90-day clock restarted.
    env.clock.advance(Duration::days(89));
    assert_eq!(
        env.login("abcd1234", "abcdefghij456").await.unwrap().next,
        NextStep::Home
    );
}

/// What the home page of a new login says of the Internet password's
/// expiry: its days left, when 14 or fewer.
async fn expiry_warning(env: &Env) -> Option<u32> {
    let mut session = env.session().await;
    env.ssa
        .home(&mut session)
        .await
        .unwrap()
        .password_expires_in_days
}

async fn home_warns_when_the_password_expires_within_14_days(env: Env) {
    ready_user(&env).await;
    env.clock.advance(Duration::days(70));
    assert_eq!(expiry_warning(&env).await, None);
    env.clock.advance(Duration::days(10));
    assert_eq!(expiry_warning(&env).await, Some(10));
}

/// How a login by abcd1234 at `now` fails.
async fn login_at(env: &Env, now: chrono::DateTime<chrono::Utc>) -> SsaError {
    env.clock.set(now);
    env.login("abcd1234", "abcdefghij123").await.unwrap_err()
}

fn maintenance(until: &str) -> SsaError {
    SsaError::Maintenance {
        until: until.into(),
    }
}

async fn login_is_refused_during_maintenance_with_its_end(env: Env) {
    ready_user(&env).await;
    // Friday 05:30 Hong Kong time: the weekday window runs to 06:00.
    let friday = hong_kong_time(2026, 11, 27, 5, 30, 0).unwrap();
    assert_eq!(
        login_at(&env, friday).await,
        maintenance("2026-11-27 06:00")
    );
    // Sunday 06:59: the Sunday window runs 00:00-07:00.
    let sunday = hong_kong_time(2026, 11, 29, 6, 59, 0).unwrap();
    assert_eq!(
        login_at(&env, sunday).await,
        maintenance("2026-11-29 07:00")
    );
    env.clock
        .set(hong_kong_time(2026, 11, 29, 7, 0, 0).unwrap());
    assert!(env.login("abcd1234", "abcdefghij123").await.is_ok());
}

async fn a_session_ends_when_a_maintenance_window_starts(env: Env) {
    ready_user(&env).await;
    // Friday 04:50 Hong Kong time; the window opens at 05:00.
    env.clock
        .set(hong_kong_time(2026, 11, 27, 4, 50, 0).unwrap());
    let mut session = env.session().await;
    env.clock
        .set(hong_kong_time(2026, 11, 27, 4, 59, 0).unwrap());
    assert!(env.ssa.home(&mut session).await.is_ok());
    env.clock
        .set(hong_kong_time(2026, 11, 27, 5, 1, 0).unwrap());
    assert_eq!(
        env.ssa.home(&mut session).await.unwrap_err(),
        SsaError::SessionEnded
    );
}

async fn idle_sessions_end_after_15_minutes_or_2_on_a_kiosk(env: Env) {
    ready_user(&env).await;
    let mut desktop = env.session().await;
    env.clock.advance(Duration::minutes(14));
    assert!(env.ssa.home(&mut desktop).await.is_ok());
    env.clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    assert_eq!(
        env.ssa.home(&mut desktop).await.unwrap_err(),
        SsaError::SessionEnded
    );

    let mut kiosk = env
        .ssa
        .login("abcd1234", &secret("abcdefghij123"), SessionKind::Kiosk)
        .await
        .unwrap()
        .session;
    env.clock.advance(Duration::seconds(121));
    assert_eq!(
        env.ssa.home(&mut kiosk).await.unwrap_err(),
        SsaError::SessionEnded
    );
}

async fn broadcast_messages_show_with_new_count_and_mark_read(env: Env) {
    ready_user(&env).await;
    assert_eq!(
        env.ssa
            .post_message(&english("System upgrade", "Details..."))
            .await
            .unwrap(),
        "00001"
    );
    env.clock.advance(Duration::days(1));
    assert_eq!(
        env.ssa
            .post_message(&english("Holiday notice", "Closed."))
            .await
            .unwrap(),
        "00002"
    );
    let mut session = env.session().await;
    let home = env.ssa.home(&mut session).await.unwrap();
    assert_eq!(home.unread, 2);
    assert_eq!(home.messages[0].reference, "00002");
    assert_eq!(
        ssa_core::clock::format_hong_kong(home.messages[0].posted_at)[..10],
        *"2026-11-27"
    );
    assert_eq!(home.messages[1].subject.en, "System upgrade");
    let opened = env
        .ssa
        .open_message(&mut session, home.messages[1].id)
        .await
        .unwrap();
    assert_eq!(opened.body.en, "Details...");
    assert_eq!(env.ssa.home(&mut session).await.unwrap().unread, 1);
}

async fn cancelled_or_unknown_ids_do_not_log_in(env: Env) {
    ready_user(&env).await;
    assert_eq!(
        env.login("abcd1235", "abcdefghij123").await.unwrap_err(),
        SsaError::LoginFailed
    );
    let audit = env.ssa.store().audit_entries(1).await.unwrap();
    assert_eq!(audit[0].kind, "login-failed");
    assert_eq!(audit[0].outcome, "unknown-id");
    // What was typed may be a password in the wrong field: the log keeps a
    // keyed digest, the same for the same text, never the text itself.
    let shown = audit[0].internet_user_id.clone().unwrap();
    assert!(shown.starts_with("unknown:"), "{shown}");
    assert!(!shown.contains("abcd1235"));
    env.login("abcd1235", "abcdefghij123").await.unwrap_err();
    let again = env.ssa.store().audit_entries(1).await.unwrap();
    assert_eq!(again[0].internet_user_id.as_deref(), Some(shown.as_str()));
    env.login("abcd1236", "abcdefghij123").await.unwrap_err();
    let other = env.ssa.store().audit_entries(1).await.unwrap();
    assert_ne!(other[0].internet_user_id.as_deref(), Some(shown.as_str()));
}

async fn format_errors_at_login_name_the_field(env: Env) {
    let err = env.login("abc", "short").await.unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![
            (Field::InternetUserId, Rule::ExactLength { len: 8 }),
            (
                Field::InternetPassword,
                Rule::LengthBetween { min: 13, max: 15 }
            )
        ]
    );
}
