//! Where the service layer gets the time. Production reads the system clock;
//! tests set and advance a `ManualClock` instead of sleeping.

use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self(Mutex::new(start))
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = to;
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Hong Kong time: UTC+8, no daylight saving (spec 3.9).
pub fn hong_kong() -> FixedOffset {
    // 8 hours is always a valid offset.
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The Hong Kong calendar day of an instant.
pub fn hong_kong_date(t: DateTime<Utc>) -> chrono::NaiveDate {
    t.with_timezone(&hong_kong()).date_naive()
}

/// A Hong Kong wall-clock time as UTC; `None` when the fields are out of range.
pub fn hong_kong_time(
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    min: u32,
    sec: u32,
) -> Option<DateTime<Utc>> {
    hong_kong()
        .with_ymd_and_hms(year, month, day, hour, min, sec)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// An instant the operator types in Hong Kong time: `YYYY-MM-DD HH:MM`, or
/// a date alone (`YYYY-MM-DD`), which is that day's 00:00 when `end_of_day`
/// is false and the next day's 00:00 (the end of that day) when true.
pub fn parse_hong_kong(text: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") {
        return hong_kong()
            .from_local_datetime(&t)
            .single()
            .map(|t| t.with_timezone(&Utc));
    }
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let day = if end_of_day { day.succ_opt()? } else { day };
    hong_kong()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// `YYYY-MM-DD HH:MM:SS` in Hong Kong time, as the home page shows it.
pub fn format_hong_kong(t: DateTime<Utc>) -> String {
    t.with_timezone(&hong_kong())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

pub(crate) fn to_millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default()
}
