//! The back office (issue 10): bulk provisioning, messages in three
//! languages, special maintenance, the holiday calendar and account states.

use chrono::{Duration, NaiveDate};
use ssa_core::clock::hong_kong_time;
use ssa_core::domain::Lang;
use ssa_core::{Clock, InitialPasswords, NewMessage, SessionKind, SsaError};

use crate::common::{english, secret, Env};
use crate::login::ready_user;

on_both_backends!(
    a_message_shows_in_the_readers_language_and_falls_back_to_english,
    a_message_stops_showing_at_its_end_and_when_withdrawn,
    a_special_window_refuses_logins_and_ends_live_sessions_at_its_start,
    a_cancelled_window_refuses_nothing_and_welcome_lists_those_to_come,
    the_holiday_calendar_is_kept_imported_by_year_and_tells_business_days,
    bulk_provisioning_from_a_private_file_opens_every_account,
    bulk_provisioning_names_every_bad_line_and_writes_nothing,
    generated_passwords_go_once_to_a_new_private_file_and_each_works,
    account_states_say_why_an_id_is_locked_and_hold_no_secret,
    one_ssa_has_one_basic_account,
);

/// Spec 2: (Participant ID, SSA Number) names one SSA, with exactly one
/// basic account; a second Basic User ID on it would read its statements.
async fn one_ssa_has_one_basic_account(env: Env) {
    env.provision_default().await; // 12345678 on C00088/01
    let err = env
        .ssa
        .provision_basic_account("87654321", "C00088", "01", &secret("11112222"))
        .await
        .unwrap_err();
    let reason = refused_reason(err);
    assert!(
        reason.contains("C00088/01") && reason.contains("12345678"),
        "{reason}"
    );

    let dir = tempfile::tempdir().unwrap();
    let text = "basic_user_id,participant_id,ssa_number,initial_password\n\
                40000001,C00088,07,11112222\n\
                40000002,C00088,07,11112222\n\
                40000003,C00088,01,11112222\n";
    let file = private_file(dir.path(), "shared.csv", text.as_bytes());
    let report = env
        .ssa
        .provision_bulk(&file, InitialPasswords::InFile, no_progress())
        .await
        .unwrap();
    assert_eq!(report.added, 0);
    let found: Vec<(u64, &str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.rule.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                3,
                "participant_id",
                "SSA C00088/07 is on line 2 already; one SSA has one basic account"
            ),
            (
                4,
                "participant_id",
                "SSA C00088/01 has its basic account in the database already; one SSA has one basic account"
            ),
        ]
    );
    // Nothing written: only the first account is there.
    let states = env.ssa.account_states(None).await.unwrap();
    assert_eq!(states.len(), 1);

    // A database from before the rule, holding two accounts on one SSA, is
    // refused an upgrade, naming the SSA; nothing is changed.
    let store = env.ssa.store();
    store
        .execute_raw("DROP INDEX basic_accounts_one_per_ssa")
        .await
        .unwrap();
    store
        .execute_raw("DELETE FROM _sqlx_migrations WHERE version = 7")
        .await
        .unwrap();
    store
        .execute_raw(
            "INSERT INTO basic_accounts (basic_user_id, participant_id, ssa_number, password_hash, \
             password_is_initial, created_at) VALUES ('87654321', 'C00088', '01', 'x', TRUE, 0)",
        )
        .await
        .unwrap();
    let err = ssa_core::Ssa::open(
        &env.url,
        std::sync::Arc::new(env.secrets.clone()),
        env.clock.clone(),
    )
    .await
    .unwrap_err();
    let reason = refused_reason(err);
    assert!(
        reason.contains("C00088/01 (2 basic accounts)") && reason.contains("nothing was changed"),
        "{reason}"
    );
}

fn refused_reason(e: SsaError) -> String {
    match e {
        SsaError::OperatorRefused { reason } => reason,
        other => panic!("expected an operator refusal, got {other:?}"),
    }
}

async fn a_message_shows_in_the_readers_language_and_falls_back_to_english(env: Env) {
    ready_user(&env).await;
    let both = NewMessage::new(
        "Holiday hours",
        "Closed on 25 December.",
        Some("假期服務時間"),
        Some("12月25日休息。"),
        None,
        None,
        None,
    )
    .unwrap();
    env.ssa.post_message(&both).await.unwrap();
    let mut session = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    let home = env.ssa.home(&mut session).await.unwrap();
    let subject = &home.messages[0].subject;
    assert_eq!(subject.get(Lang::En), "Holiday hours");
    assert_eq!(subject.get(Lang::ZhHk), "假期服務時間");
    assert_eq!(
        subject.get(Lang::ZhCn),
        "Holiday hours",
        "no Simplified text: English"
    );
    let opened = env
        .ssa
        .open_message(&mut session, home.messages[0].id)
        .await
        .unwrap();
    assert_eq!(opened.body.get(Lang::ZhHk), "12月25日休息。");
    assert_eq!(opened.body.get(Lang::ZhCn), "Closed on 25 December.");

    // A Chinese subject without its body, or no English, is refused.
    let half = NewMessage::new("S", "B", Some("標題"), None, None, None, None).unwrap_err();
    assert!(refused_reason(half).contains("Traditional Chinese body"));
    let no_english = NewMessage::new("  ", "B", None, None, None, None, None).unwrap_err();
    assert!(refused_reason(no_english).contains("English subject"));
}

async fn a_message_stops_showing_at_its_end_and_when_withdrawn(env: Env) {
    ready_user(&env).await;
    let now = env.clock.now();
    let mut ending = english("Ends tomorrow", "Body");
    ending.ends_at = Some(now + Duration::days(1));
    let first = env.ssa.post_message(&ending).await.unwrap();
    let second = env
        .ssa
        .post_message(&english("Stays", "Body"))
        .await
        .unwrap();
    let mut past = english("Past", "Body");
    past.ends_at = Some(now - Duration::minutes(1));
    assert!(refused_reason(env.ssa.post_message(&past).await.unwrap_err()).contains("passed"));

    let mut session = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    assert_eq!(env.ssa.home(&mut session).await.unwrap().unread, 2);

    env.ssa.withdraw_message(&second).await.unwrap();
    let home = env.ssa.home(&mut session).await.unwrap();
    let shown: Vec<&str> = home.messages.iter().map(|m| m.reference.as_str()).collect();
    assert_eq!(shown, [first.as_str()]);
    assert_eq!(home.unread, 1);
    assert!(
        refused_reason(env.ssa.withdraw_message(&second).await.unwrap_err())
            .contains("withdrawn already")
    );

    env.clock.advance(Duration::days(1));
    let mut session = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    let home = env.ssa.home(&mut session).await.unwrap();
    assert!(home.messages.is_empty(), "ended and withdrawn: none shown");
    assert_eq!(home.unread, 0);
    let listed = env.ssa.posted_messages().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|m| !m.shown));
    assert!(listed.iter().any(|m| m.withdrawn_at.is_some()));
}

async fn a_special_window_refuses_logins_and_ends_live_sessions_at_its_start(env: Env) {
    ready_user(&env).await;
    // Thursday 26 November 2026 10:00 HKT now; a window 10:10-11:30.
    let start = hong_kong_time(2026, 11, 26, 10, 10, 0).unwrap();
    let end = hong_kong_time(2026, 11, 26, 11, 30, 0).unwrap();
    env.ssa.schedule_maintenance(start, end).await.unwrap();
    let mut session = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    let mut control = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    env.clock.set(start - Duration::minutes(4));
    env.ssa.home(&mut session).await.unwrap();

    // Before the window a session lives on; from its start it is ended,
    // well within the idle limit (5 minutes after its last use).
    env.clock.set(start - Duration::seconds(1));
    env.ssa.home(&mut control).await.unwrap();
    env.clock.set(start + Duration::minutes(1));
    assert_eq!(
        env.ssa.home(&mut session).await.unwrap_err(),
        SsaError::SessionEnded,
        "the session ends at the window's start"
    );
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::Maintenance {
            until: "2026-11-26 11:30".into()
        }
    );
    let form = env.form("zzzz9999", "abcdefghij123");
    assert!(matches!(
        env.ssa.submit_registration(&form).await.unwrap_err(),
        SsaError::Maintenance { .. }
    ));

    env.clock.set(end);
    env.login("abcd1234", "abcdefghij123").await.unwrap();

    // A window that runs into a weekly one: refused until the later end.
    let late = hong_kong_time(2026, 11, 27, 4, 0, 0).unwrap();
    let into_weekly = hong_kong_time(2026, 11, 27, 5, 30, 0).unwrap();
    env.ssa
        .schedule_maintenance(late, into_weekly)
        .await
        .unwrap();
    env.clock.set(late + Duration::minutes(5));
    assert_eq!(
        env.login("abcd1234", "abcdefghij123").await.unwrap_err(),
        SsaError::Maintenance {
            until: "2026-11-27 06:00".into()
        }
    );

    // The operator's mistakes are refused.
    let now = env.clock.now();
    assert!(refused_reason(
        env.ssa
            .schedule_maintenance(now + Duration::hours(2), now + Duration::hours(1))
            .await
            .unwrap_err()
    )
    .contains("after the start"));
    assert!(refused_reason(
        env.ssa
            .schedule_maintenance(now, now + Duration::hours(73))
            .await
            .unwrap_err()
    )
    .contains("at most 72 hours"));
}

async fn a_cancelled_window_refuses_nothing_and_welcome_lists_those_to_come(env: Env) {
    ready_user(&env).await;
    let now = env.clock.now();
    let soon = env
        .ssa
        .schedule_maintenance(now + Duration::hours(1), now + Duration::hours(2))
        .await
        .unwrap();
    let later = env
        .ssa
        .schedule_maintenance(
            now + Duration::days(3),
            now + Duration::days(3) + Duration::hours(1),
        )
        .await
        .unwrap();
    let upcoming = env.ssa.upcoming_maintenance().await.unwrap();
    assert_eq!(upcoming, vec![soon.clone(), later.clone()]);

    env.ssa.cancel_maintenance(soon.id).await.unwrap();
    assert_eq!(env.ssa.upcoming_maintenance().await.unwrap(), vec![later]);
    assert!(
        refused_reason(env.ssa.cancel_maintenance(soon.id).await.unwrap_err())
            .contains("cancelled already")
    );
    assert!(refused_reason(env.ssa.cancel_maintenance(999).await.unwrap_err()).contains("999"));

    env.clock.set(soon.starts_at + Duration::minutes(10));
    let mut session = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    env.ssa.home(&mut session).await.unwrap();
    let listed = env.ssa.special_windows().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|w| w.cancelled_at.is_some()));
}

async fn the_holiday_calendar_is_kept_imported_by_year_and_tells_business_days(env: Env) {
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    // Today is 26 November 2026.
    assert_eq!(env.ssa.next_public_holiday().await.unwrap(), None);
    env.ssa
        .add_holiday("2026-12-25", "Christmas Day", Some("聖誕節"), None)
        .await
        .unwrap();
    let next = env.ssa.next_public_holiday().await.unwrap().unwrap();
    assert_eq!(next.day, christmas);
    assert_eq!(next.name.get(Lang::ZhHk), "聖誕節");
    assert_eq!(next.name.get(Lang::ZhCn), "Christmas Day");
    assert!(!env.ssa.is_business_day(christmas).await.unwrap());
    assert!(env
        .ssa
        .is_business_day(christmas.pred_opt().unwrap())
        .await
        .unwrap());
    assert!(
        !env.ssa
            .is_business_day(NaiveDate::from_ymd_opt(2026, 12, 27).unwrap())
            .await
            .unwrap(),
        "a Sunday"
    );

    // A year's file replaces that year; a bad file changes nothing.
    let good = "date,name_en,name_zh_hk,name_zh_cn\n\
                2027-01-01,The first day of January,一月一日,一月一日\n\
                2027-02-06,Lunar New Year's Day,農曆年初一,农历年初一\n";
    assert_eq!(
        env.ssa.import_holidays(good.as_bytes()).await.unwrap(),
        (2027, 2)
    );
    let bad = "date,name_en,name_zh_hk,name_zh_cn\n\
               2027-01-01,New Year,,\n\
               2027-02-30,Not a day,,\n\
               2028-01-01,Next year,,\n\
               2027-01-01,Twice,,\n\
               2027-05-01,too,many,columns,here\n";
    let reason = refused_reason(env.ssa.import_holidays(bad.as_bytes()).await.unwrap_err());
    for named in ["line 3", "line 4", "line 5", "line 6"] {
        assert!(reason.contains(named), "{named} in {reason}");
    }
    let y2027 = env.ssa.holidays(Some(2027)).await.unwrap();
    assert_eq!(y2027.len(), 2, "the bad file changed nothing");
    assert_eq!(y2027[0].name.en, "The first day of January");
    assert!(
        refused_reason(env.ssa.import_holidays(b"\xff\xfe").await.unwrap_err()).contains("UTF-8")
    );

    let month = env.ssa.holidays_in_month("2027-02").await.unwrap();
    assert_eq!(month.len(), 1);
    assert_eq!(month[0].name.get(Lang::ZhCn), "农历年初一");

    env.ssa.remove_holiday("2026-12-25").await.unwrap();
    assert!(
        refused_reason(env.ssa.remove_holiday("2026-12-25").await.unwrap_err())
            .contains("not a public holiday")
    );
    assert_eq!(
        env.ssa.next_public_holiday().await.unwrap().unwrap().day,
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
    );
}

/// A file only its owner can read, holding `text`.
fn private_file(dir: &std::path::Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

fn no_progress() -> ssa_core::BulkProgress {
    std::sync::Arc::new(|_, _| {})
}

async fn bulk_provisioning_from_a_private_file_opens_every_account(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("basic_user_id,participant_id,ssa_number,initial_password\n");
    for i in 0..20 {
        text.push_str(&format!(
            "{:08},C00088,{:02},{:08}\n",
            20_000_000 + i,
            i + 1, // one SSA, one basic account
            30_000_000 + i
        ));
    }
    let file = private_file(dir.path(), "accounts.csv", text.as_bytes());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = seen.clone();
    let report = env
        .ssa
        .provision_bulk(
            &file,
            InitialPasswords::InFile,
            std::sync::Arc::new(move |done, total| {
                assert_eq!(total, 20);
                counter.fetch_max(done, std::sync::atomic::Ordering::Relaxed);
            }),
        )
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.accounts, report.added), (20, 20));
    assert_eq!(
        seen.load(std::sync::atomic::Ordering::Relaxed),
        20,
        "progress reached the end"
    );
    // The 13th account registers with its own initial password.
    let form = crate::common::form_for(
        &env.ssa,
        "20000012",
        "C00088",
        "13",
        "bulk0012",
        "abcdefghij123",
    );
    let pending = env.ssa.submit_registration(&form).await.unwrap();
    env.ssa
        .confirm_registration(&pending, &secret("30000012"))
        .await
        .unwrap();
    assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 20);

    // A password file that other users can read is refused before reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open = dir.path().join("open.csv");
        std::fs::write(&open, text.replace("2000", "2100")).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        let reason = refused_reason(
            env.ssa
                .provision_bulk(&open, InitialPasswords::InFile, no_progress())
                .await
                .unwrap_err(),
        );
        assert!(reason.contains("other users can read it"), "{reason}");
        assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 20);
    }
}

async fn bulk_provisioning_names_every_bad_line_and_writes_nothing(env: Env) {
    env.provision_default().await;
    let dir = tempfile::tempdir().unwrap();
    let text = "basic_user_id,participant_id,ssa_number,initial_password\n\
                40000001,C00088,01,11112222\n\
                40000002,C00088,01\n\
                40000001,C00088,02,11112222\n\
                12345678,C00088,01,11112222\n\
                4000000X,X0088,1,1111\n\
                40000006,C00088,03,11112222\n";
    let file = private_file(dir.path(), "bad.csv", text.as_bytes());
    let report = env
        .ssa
        .provision_bulk(&file, InitialPasswords::InFile, no_progress())
        .await
        .unwrap();
    assert_eq!(report.added, 0);
    let found: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            // C00088/01 has its basic account (12345678) already.
            (2, "participant_id"),
            (3, ""),
            (4, "basic_user_id"),
            (5, "basic_user_id"),
            (6, "basic_user_id"),
            (6, "participant_id"),
            (6, "ssa_number"),
            (6, "initial_password"),
        ]
    );
    assert!(report.problems[0]
        .rule
        .contains("SSA C00088/01 has its basic account in the database already"));
    assert!(report.problems[1]
        .rule
        .contains("3 columns; the format has 4"));
    assert!(report.problems[2].rule.contains("on line 2 already"));
    assert!(report.problems[3].rule.contains("in the database already"));
    assert_eq!(
        env.ssa.account_states(None).await.unwrap().len(),
        1,
        "nothing written: only the account provisioned before"
    );

    for (name, bytes, expected) in [
        ("empty.csv", &b""[..], "the file is empty"),
        ("header.csv", &b"basic_user_id,participant_id,ssa_number,initial_password\n"[..], "only the header"),
        ("latin1.csv", &b"basic_user_id,participant_id,ssa_number,initial_password\n4000000\xe9,C00088,01,11112222\n"[..], "not UTF-8"),
        ("noheader.csv", &b"40000001,C00088,01,11112222\n"[..], "the header line must be"),
    ] {
        let file = private_file(dir.path(), name, bytes);
        let report = env
            .ssa
            .provision_bulk(&file, InitialPasswords::InFile, no_progress())
            .await
            .unwrap();
        assert!(
            report.problems.iter().any(|p| p.rule.contains(expected)),
            "{name}: {:?}",
            report.problems
        );
        assert_eq!(report.added, 0);
    }
    assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 1);
}

async fn generated_passwords_go_once_to_a_new_private_file_and_each_works(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ids.csv");
    std::fs::write(
        &file,
        "basic_user_id,participant_id,ssa_number\n50000001,C00088,01\n50000002,C00088,02\n",
    )
    .unwrap();
    let letters = dir.path().join("letters.csv");
    let report = env
        .ssa
        .provision_bulk(
            &file,
            InitialPasswords::Generate { to: &letters },
            no_progress(),
        )
        .await
        .unwrap();
    assert_eq!(report.added, 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&letters).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only its owner can read the passwords");
    }
    let written = std::fs::read_to_string(&letters).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(
        lines[0],
        "basic_user_id,participant_id,ssa_number,initial_password"
    );
    assert_eq!(lines.len(), 3);
    let second: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(&second[..3], ["50000002", "C00088", "02"]);
    assert!(second[3].len() == 8 && second[3].bytes().all(|b| b.is_ascii_digit()));
    let form = crate::common::form_for(
        &env.ssa,
        "50000002",
        "C00088",
        "02",
        "gen00002",
        "abcdefghij123",
    );
    let pending = env.ssa.submit_registration(&form).await.unwrap();
    env.ssa
        .confirm_registration(&pending, &secret(second[3]))
        .await
        .unwrap();

    // Never over an existing file: refused before anything is written.
    let again = dir.path().join("more.csv");
    std::fs::write(
        &again,
        "basic_user_id,participant_id,ssa_number\n50000003,C00088,03\n",
    )
    .unwrap();
    let reason = refused_reason(
        env.ssa
            .provision_bulk(
                &again,
                InitialPasswords::Generate { to: &letters },
                no_progress(),
            )
            .await
            .unwrap_err(),
    );
    assert!(reason.contains("already exists"), "{reason}");
    assert_eq!(std::fs::read_to_string(&letters).unwrap(), written);
    assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 2);
}

async fn account_states_say_why_an_id_is_locked_and_hold_no_secret(env: Env) {
    ready_user(&env).await;
    env.provision("87654321", "C00088", "02", "11112222").await;
    for _ in 0..5 {
        let _ = env.login("abcd1234", "wrongpassword1").await;
    }
    let states = env.ssa.account_states(None).await.unwrap();
    assert_eq!(states.len(), 2);
    let registered = states
        .iter()
        .find(|s| s.basic_user_id == "12345678")
        .unwrap();
    assert_eq!(registered.internet_user_id.as_deref(), Some("abcd1234"));
    assert_eq!(
        registered.internet_locked.as_deref(),
        Some("5 wrong Internet passwords in a row")
    );
    assert_eq!(registered.basic_locked, None);
    assert!(!registered.basic_password_initial);
    assert_eq!(registered.internet_password_age_days, Some(0));
    assert!(registered.last_login_at.is_some());
    let fresh = env.ssa.account_states(Some("87654321")).await.unwrap();
    assert_eq!(fresh.len(), 1);
    assert!(fresh[0].basic_password_initial);
    assert_eq!(fresh[0].internet_user_id, None);
    let json = serde_json::to_string(&states).unwrap();
    for secret in ["abcdefghij123", "22223333", "11112222", "$argon2"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    let _ = SessionKind::Desktop;
}
