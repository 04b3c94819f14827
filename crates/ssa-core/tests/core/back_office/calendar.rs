//! The calendar (issue 10): special maintenance windows refuse logins and
//! end live sessions from their start, can be cancelled and are listed
//! ahead; the public holiday calendar is kept, imported by year and tells
//! business days.

use chrono::{Duration, NaiveDate};
use ssa_core::clock::hong_kong_time;
use ssa_core::domain::Lang;
use ssa_core::{Clock, SsaError};

use ssa_core::domain::statements::{ImportRule, LineProblem};

use crate::common::{ready_user, refused_reason, Env};

on_both_backends!(
    a_special_window_refuses_logins_and_ends_live_sessions_at_its_start,
    a_cancelled_window_refuses_nothing_and_welcome_lists_those_to_come,
    the_holiday_calendar_is_kept_imported_by_year_and_tells_business_days,
);

async fn a_special_window_refuses_logins_and_ends_live_sessions_at_its_start(env: Env) {
    ready_user(&env).await;
    // Thursday 26 November 2026 10:00 HKT now; a window 10:10-11:30.
    let start = hong_kong_time(2026, 11, 26, 10, 10, 0).unwrap();
    let end = hong_kong_time(2026, 11, 26, 11, 30, 0).unwrap();
    env.ssa.schedule_maintenance(start, end).await.unwrap();
    let mut session = env.session().await;
    let mut control = env.session().await;
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
    let form = env.form("zzzz9999", "abcdefghij123").await;
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
    let mut session = env.session().await;
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
    let found: Vec<(u64, &str, ImportRule)> =
        records_refused(env.ssa.import_holidays(bad.as_bytes()).await.unwrap_err())
            .into_iter()
            .map(|p| (p.line, p.column, p.rule))
            .collect();
    assert_eq!(
        found,
        [
            (3, "date", ImportRule::DateFormat),
            (4, "date", ImportRule::OtherYear { year: 2027 }),
            (
                5,
                "date",
                ImportRule::AlreadyInFile {
                    value: "2027-01-01".into(),
                    first_line: 2
                }
            ),
            (
                6,
                "line",
                ImportRule::WrongColumnCount {
                    expected: 4,
                    found: 5
                }
            ),
        ]
    );
    let y2027 = env.ssa.holidays(Some(2027)).await.unwrap();
    assert_eq!(y2027.len(), 2, "the bad file changed nothing");
    assert_eq!(y2027[0].name.en, "The first day of January");
    assert_eq!(
        records_refused(env.ssa.import_holidays(b"\xff\xfe").await.unwrap_err())[0].rule,
        ImportRule::NotUtf8
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

/// The bad lines of a refused file.
fn records_refused(e: SsaError) -> Vec<LineProblem> {
    match e {
        SsaError::RecordsRefused { problems } => problems,
        other => panic!("expected bad lines, got {other:?}"),
    }
}
