//! The operator's calendar: special maintenance windows (beside the weekly
//! ones of spec 3.9) and the public holidays. The service layer refuses
//! logins and changes during a special window exactly as during a weekly
//! one and ends live sessions at its start; the Welcome screen lists the
//! windows to come and the next holiday; the statement screens tell
//! business days by the holidays.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::Serialize;

use super::enquiry::ymd;
use super::maintenance;
use super::records::{columns, LineProblem, Records};
use super::statement_requests::month_bounds;
use super::Ssa;
use crate::clock::{from_millis, hong_kong_date, to_millis};
use crate::domain::statements::{parse_date, ImportRule};
use crate::domain::Localized;
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::store::{HolidayRow, SpecialWindowRow};

/// The longest special window the operator may schedule.
pub const SPECIAL_WINDOW_MAX_HOURS: i64 = 72;
/// How many windows to come the Welcome screen lists.
pub const UPCOMING_WINDOWS_SHOWN: usize = 5;

/// A special maintenance window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SpecialWindow {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// A public holiday (a Hong Kong date) and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PublicHoliday {
    pub day: NaiveDate,
    pub name: Localized,
}

fn refused(reason: impl Into<String>) -> SsaError {
    SsaError::OperatorRefused {
        reason: reason.into(),
    }
}

fn window(row: SpecialWindowRow) -> SpecialWindow {
    SpecialWindow {
        id: row.id,
        starts_at: from_millis(row.starts_at),
        ends_at: from_millis(row.ends_at),
        cancelled_at: row.cancelled_at.map(from_millis),
    }
}

fn holiday(row: HolidayRow) -> Result<PublicHoliday> {
    Ok(PublicHoliday {
        day: parse_date(&row.day).map_err(|_| SsaError::Internal)?,
        name: Localized {
            en: row.name_en,
            zh_hk: row.name_zh_hk,
            zh_cn: row.name_zh_cn,
        },
    })
}

/// One line of a holiday import, or one `holiday add`: the date and the
/// English name required, the Chinese names optional.
fn holiday_row(
    date: &str,
    name_en: &str,
    name_zh_hk: Option<&str>,
    name_zh_cn: Option<&str>,
) -> std::result::Result<HolidayRow, (&'static str, ImportRule)> {
    let day = parse_date(date).map_err(|rule| ("date", rule))?;
    let name = |n: Option<&str>| {
        n.map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
    };
    let name_en = name(Some(name_en)).ok_or(("name_en", ImportRule::Required))?;
    for (column, n) in [
        ("name_en", Some(name_en.as_str())),
        ("name_zh_hk", name_zh_hk),
        ("name_zh_cn", name_zh_cn),
    ] {
        if n.is_some_and(|n| n.chars().count() > HOLIDAY_NAME_MAX) {
            let max = HOLIDAY_NAME_MAX as u32;
            return Err((column, ImportRule::NameTooLong { max }));
        }
    }
    Ok(HolidayRow {
        day: ymd(day),
        name_en,
        name_zh_hk: name(name_zh_hk),
        name_zh_cn: name(name_zh_cn),
    })
}

/// The longest name a public holiday may have, in characters.
const HOLIDAY_NAME_MAX: usize = 100;

/// One typed record refused: the same report as a file's line.
fn record_refused(column: &'static str, rule: ImportRule) -> SsaError {
    SsaError::RecordsRefused {
        problems: vec![LineProblem::new(0, column, rule)],
    }
}

impl Ssa {
    /// Schedules a special maintenance window. The end must lie ahead and
    /// after the start, the window at most [`SPECIAL_WINDOW_MAX_HOURS`].
    pub async fn schedule_maintenance(
        &self,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    ) -> Result<SpecialWindow> {
        if ends_at <= starts_at {
            return Err(refused("the end must come after the start"));
        }
        if ends_at <= self.now() {
            return Err(refused("the window has ended already"));
        }
        if ends_at - starts_at > Duration::hours(SPECIAL_WINDOW_MAX_HOURS) {
            return Err(refused(format!(
                "a special window is at most {SPECIAL_WINDOW_MAX_HOURS} hours"
            )));
        }
        let event = AuditEvent::new(AuditKind::MaintenanceScheduled, "ok");
        let id = self
            .store
            .insert_special_window(
                to_millis(starts_at),
                to_millis(ends_at),
                self.now_ms(),
                &event,
            )
            .await?;
        Ok(SpecialWindow {
            id,
            starts_at,
            ends_at,
            cancelled_at: None,
        })
    }

    /// Cancels special window `id`; refused when there is no such window, or
    /// it has ended or been cancelled.
    pub async fn cancel_maintenance(&self, id: i64) -> Result<()> {
        let event = AuditEvent::new(AuditKind::MaintenanceCancelled, "ok");
        if self
            .store
            .cancel_special_window(id, self.now_ms(), &event)
            .await?
        {
            Ok(())
        } else {
            Err(refused(format!(
                "no special window {id} is to come (unknown, ended or cancelled already)"
            )))
        }
    }

    /// Every special window ever scheduled, newest start first.
    pub async fn special_windows(&self) -> Result<Vec<SpecialWindow>> {
        Ok(self
            .store
            .all_special_windows()
            .await?
            .into_iter()
            .map(window)
            .collect())
    }

    /// The special windows on now or to come (not cancelled), soonest
    /// first, at most [`UPCOMING_WINDOWS_SHOWN`]: the Welcome screen's list.
    pub async fn upcoming_maintenance(&self) -> Result<Vec<SpecialWindow>> {
        let mut rows = self
            .store
            .special_windows_ending_after(self.now_ms())
            .await?;
        rows.truncate(UPCOMING_WINDOWS_SHOWN);
        Ok(rows.into_iter().map(window).collect())
    }

    /// The end of the maintenance that `now` falls in, weekly or special,
    /// windows that touch taken together; `None` when the service is open.
    pub(crate) async fn maintenance_end(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let specials: Vec<SpecialWindow> = self
            .store
            .special_windows_ending_after(to_millis(now))
            .await?
            .into_iter()
            .map(window)
            .collect();
        let mut until = now;
        loop {
            let weekly = maintenance::window_end(until);
            let special = specials
                .iter()
                .filter(|w| w.starts_at <= until && w.ends_at > until)
                .map(|w| w.ends_at)
                .max();
            match weekly.into_iter().chain(special).max() {
                Some(end) if end > until => until = end,
                _ => break,
            }
        }
        Ok((until > now).then_some(until))
    }

    /// Whether maintenance (weekly or special) began after `since` and by
    /// `now`: a session active at `since` is ended.
    pub(crate) async fn maintenance_began_between(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        if maintenance::next_window_start(since).is_some_and(|start| start <= now) {
            return Ok(true);
        }
        let specials = self
            .store
            .special_windows_ending_after(to_millis(since))
            .await?;
        Ok(specials.iter().any(|w| from_millis(w.starts_at) <= now))
    }

    /// Adds (or renames) one public holiday.
    pub async fn add_holiday(
        &self,
        date: &str,
        name_en: &str,
        name_zh_hk: Option<&str>,
        name_zh_cn: Option<&str>,
    ) -> Result<PublicHoliday> {
        let row = holiday_row(date, name_en, name_zh_hk, name_zh_cn)
            .map_err(|(column, rule)| record_refused(column, rule))?;
        let event = AuditEvent::new(AuditKind::HolidaysChanged, "added");
        self.store
            .put_holidays(None, std::slice::from_ref(&row), self.now_ms(), &event)
            .await?;
        holiday(row)
    }

    /// Removes a public holiday; refused when the date is not one.
    pub async fn remove_holiday(&self, date: &str) -> Result<()> {
        let day = parse_date(date).map_err(|rule| record_refused("date", rule))?;
        let event = AuditEvent::new(AuditKind::HolidaysChanged, "removed");
        if self
            .store
            .remove_holiday(&ymd(day), self.now_ms(), &event)
            .await?
        {
            Ok(())
        } else {
            Err(refused(format!("{} is not a public holiday", ymd(day))))
        }
    }

    /// The holidays of `year`, or of every year, in order.
    pub async fn holidays(&self, year: Option<i32>) -> Result<Vec<PublicHoliday>> {
        let (from, to) = match year {
            Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
            None => ("0000-01-01".to_owned(), "9999-12-31".to_owned()),
        };
        self.store
            .holidays_between(&from, &to)
            .await?
            .into_iter()
            .map(holiday)
            .collect()
    }

    /// Imports one year's holidays from CSV (`date,name_en,name_zh_hk,
    /// name_zh_cn` with that header), replacing that year's list: all or
    /// nothing. Every bad line is named ([`SsaError::RecordsRefused`]);
    /// every line must be in one year. Answers the year and how many.
    pub async fn import_holidays(&self, csv_text: &[u8]) -> Result<(i32, usize)> {
        let expected: Vec<&str> = HOLIDAY_HEADER.split(',').collect();
        let mut problems = Vec::new();
        let mut note = |p: LineProblem| problems.push(p);
        let mut records = Records::new(csv_text);
        let mut rows = Vec::new();
        let mut year = None;
        let mut first_line_of = std::collections::HashMap::new();
        if records.header(&expected, &mut note) {
            while let Some((line, fields, _)) = records.next() {
                let Some(fields) = columns(line, fields, expected.len(), &mut note) else {
                    continue;
                };
                let opt = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
                let (zh_hk, zh_cn) = (opt(&fields[2]), opt(&fields[3]));
                match holiday_row(&fields[0], &fields[1], zh_hk.as_deref(), zh_cn.as_deref()) {
                    Ok(row) => {
                        let row_year: i32 = row.day[..4].parse().unwrap_or(0);
                        match year {
                            None => year = Some(row_year),
                            Some(y) if y != row_year => note(LineProblem::new(
                                line,
                                "date",
                                ImportRule::OtherYear { year: y },
                            )),
                            Some(_) => {}
                        }
                        if let Some(&first_line) = first_line_of.get(&row.day) {
                            let value = row.day.clone();
                            let rule = ImportRule::AlreadyInFile { value, first_line };
                            note(LineProblem::new(line, "date", rule));
                        } else {
                            first_line_of.insert(row.day.clone(), line);
                        }
                        rows.push(row);
                    }
                    Err((column, rule)) => note(LineProblem::new(line, column, rule)),
                }
            }
        }
        let year = match year {
            Some(year) if problems.is_empty() => year,
            _ => {
                if problems.is_empty() {
                    problems.push(LineProblem::new(1, "file", ImportRule::OnlyTheHeader));
                }
                return Err(SsaError::RecordsRefused { problems });
            }
        };
        let event = AuditEvent::new(AuditKind::HolidaysChanged, "imported");
        self.store
            .put_holidays(Some(year), &rows, self.now_ms(), &event)
            .await?;
        Ok((year, rows.len()))
    }

    /// The next public holiday from today (Hong Kong date) on, if the
    /// calendar has one: the Welcome screen's timetable shows it.
    pub async fn next_public_holiday(&self) -> Result<Option<PublicHoliday>> {
        let today = hong_kong_date(self.now());
        self.store
            .holidays_between(&ymd(today), "9999-12-31")
            .await?
            .into_iter()
            .next()
            .map(holiday)
            .transpose()
    }

    /// The public holidays from `from` to `to`: the statement screens mark
    /// them as days without settlement.
    pub async fn holidays_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PublicHoliday>> {
        self.store
            .holidays_between(&ymd(from), &ymd(to))
            .await?
            .into_iter()
            .map(holiday)
            .collect()
    }

    /// The public holidays of a month typed `YYYY-MM`: the daily statement
    /// screen lists them as days without settlement.
    pub async fn holidays_in_month(&self, month: &str) -> Result<Vec<PublicHoliday>> {
        let month = super::enquiry_month(month).map_err(|e| SsaError::Invalid(vec![e]))?;
        let (first, last) = month_bounds(month)?;
        self.holidays_between(first, last).await
    }

    /// Whether `day` is a business day: Monday to Friday and not a public
    /// holiday.
    pub async fn is_business_day(&self, day: NaiveDate) -> Result<bool> {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            return Ok(false);
        }
        Ok(self.holidays_between(day, day).await?.is_empty())
    }
}

/// The header of a holiday import file.
pub const HOLIDAY_HEADER: &str = "date,name_en,name_zh_hk,name_zh_cn";
