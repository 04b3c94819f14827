//! The weekly maintenance windows (spec 3.9), in Hong Kong time: Monday to
//! Saturday and public holidays 05:00-06:00, Sunday 00:00-07:00. A public
//! holiday has the weekday hour, so the operator's holiday list does not
//! change the windows. The hours are defined here only: the words the
//! window shows take them as arguments ([`hours`]).

use chrono::{DateTime, Datelike, NaiveTime, TimeZone, Utc, Weekday};

use crate::clock::hong_kong;

/// Monday to Saturday (and public holidays): from and to, whole hours.
pub const WEEKDAY_HOURS: (u32, u32) = (5, 6);
/// Sunday: from and to, whole hours.
pub const SUNDAY_HOURS: (u32, u32) = (0, 7);

fn hours_of(day: chrono::NaiveDate) -> (u32, u32) {
    if day.weekday() == Weekday::Sun {
        SUNDAY_HOURS
    } else {
        WEEKDAY_HOURS
    }
}

/// The hours as the words name them: `weekdayStart` "05:00", `weekdayEnd`,
/// `sundayStart` and `sundayEnd`.
pub fn hours() -> [(&'static str, String); 4] {
    let hm = |h: u32| format!("{h:02}:00");
    [
        ("weekdayStart", hm(WEEKDAY_HOURS.0)),
        ("weekdayEnd", hm(WEEKDAY_HOURS.1)),
        ("sundayStart", hm(SUNDAY_HOURS.0)),
        ("sundayEnd", hm(SUNDAY_HOURS.1)),
    ]
}

/// The end of the maintenance window that `now` falls in, if any.
pub fn window_end(now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = now.with_timezone(&hong_kong());
    let day = local.date_naive();
    let (start_h, end_h) = hours_of(day);
    let time = local.time();
    let start = NaiveTime::from_hms_opt(start_h, 0, 0)?;
    let end = NaiveTime::from_hms_opt(end_h, 0, 0)?;
    if time >= start && time < end {
        hong_kong()
            .from_local_datetime(&day.and_time(end))
            .single()
            .map(|t| t.with_timezone(&Utc))
    } else {
        None
    }
}

/// The start of the next window after `now`: a session is ended then.
pub fn next_window_start(now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = now.with_timezone(&hong_kong());
    for offset in 0..3 {
        let day = local.date_naive() + chrono::Days::new(offset);
        let (start_h, _) = hours_of(day);
        let start = hong_kong()
            .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(start_h, 0, 0)?))
            .single()?
            .with_timezone(&Utc);
        if start > now {
            return Some(start);
        }
    }
    None
}
