//! What the window sends for the statements (spec 7.3), as typed: dates,
//! months, periods and filters parsed here, every broken rule named, before
//! any read ([`super::enquiry`]).

use chrono::NaiveDate;

use super::enquiry::{DailyStatement, Holding, MonthlyStatement, MovementPage, Rows};
use super::{Session, Ssa};
use crate::domain::{Field, FieldError, Rule};
use crate::error::{Result, SsaError};

/// The longest stock filter: as long as the longest stock name.
pub const STOCK_FILTER_MAX: u32 = 200;

/// A movements enquiry as the window sends it: dates as typed
/// (`YYYY-MM-DD`), an optional stock filter (a code or any part of a name),
/// the 0-based page, and whether to show only the movements that arrived
/// since the previous login.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MovementsRequest {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub stock: String,
    #[serde(default)]
    pub page: u32,
    #[serde(default)]
    pub new_only: bool,
}

/// One stock's balance over a period, as the window asks for its chart.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SeriesRequest {
    pub stock: String,
    pub from: String,
    pub to: String,
}

/// An enquiry date as typed: a real day, `YYYY-MM-DD`.
pub fn enquiry_date(field: Field, text: &str) -> std::result::Result<NaiveDate, FieldError> {
    match crate::domain::statements::parse_date(text) {
        Ok(date) => Ok(date),
        Err(crate::domain::statements::ImportRule::Required) => Err(Rule::Required.at(field)),
        Err(_) => Err(Rule::DateFormat.at(field)),
    }
}

/// A month as typed, `YYYY-MM`: its year and month.
pub fn enquiry_month(text: &str) -> std::result::Result<(i32, u32), FieldError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(Rule::Required.at(Field::Month));
    }
    let parsed = s
        .split_once('-')
        .filter(|(y, m)| y.len() == 4 && m.len() == 2)
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
        .filter(|(y, m)| NaiveDate::from_ymd_opt(*y, *m, 1).is_some());
    parsed.ok_or_else(|| Rule::MonthFormat.at(Field::Month))
}

/// A period as typed: both days real, the first not after the last; every
/// broken rule named.
pub(super) fn enquiry_period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let mut problems = Vec::new();
    let from = enquiry_date(Field::FromDate, from)
        .map_err(|e| problems.push(e))
        .ok();
    let to = enquiry_date(Field::ToDate, to)
        .map_err(|e| problems.push(e))
        .ok();
    match (from, to) {
        (Some(from), Some(to)) if from <= to => Ok((from, to)),
        (Some(_), Some(_)) => Err(SsaError::Invalid(vec![Rule::FromAfterTo.at(Field::ToDate)])),
        _ => Err(SsaError::Invalid(problems)),
    }
}

/// New movements are those imported after this (milliseconds): the login
/// before this one, or the beginning on a first login.
pub(super) fn arrivals_after(session: &Session) -> i64 {
    session
        .previous_login
        .map(crate::clock::to_millis)
        .unwrap_or(i64::MIN)
}

pub(super) fn one(error: FieldError) -> SsaError {
    SsaError::Invalid(vec![error])
}

impl Ssa {
    /// Holdings on a date as the window types it.
    pub async fn holdings_on(
        &self,
        session: &mut Session,
        date: &str,
        with_zero: bool,
    ) -> Result<Vec<Holding>> {
        let date = enquiry_date(Field::Date, date).map_err(one)?;
        self.holdings(session, date, with_zero).await
    }

    /// A movements enquiry as the window sends it.
    pub async fn movements_enquiry(
        &self,
        session: &mut Session,
        request: &MovementsRequest,
    ) -> Result<MovementPage> {
        let (from, to) = enquiry_period(&request.from, &request.to)?;
        // No stock name is longer than 200 characters (the import's rule), so
        // a longer filter matches nothing: said, not searched for.
        if request.stock.trim().chars().count() > STOCK_FILTER_MAX as usize {
            return Err(SsaError::invalid(
                Rule::TooLong {
                    max: STOCK_FILTER_MAX,
                }
                .at(Field::StockCode),
            ));
        }
        let since = request.new_only.then(|| arrivals_after(session));
        self.movements_since(
            session,
            from,
            to,
            Some(&request.stock),
            Rows::Page(request.page),
            since,
        )
        .await
    }

    /// The days of a month (`YYYY-MM`) that have a daily statement.
    pub async fn statement_dates_in(
        &self,
        session: &mut Session,
        month: &str,
    ) -> Result<Vec<NaiveDate>> {
        let (first, last) = month_bounds(enquiry_month(month).map_err(one)?)?;
        self.statement_dates(session, first, last).await
    }

    /// The daily statement of a date as the window types it.
    pub async fn daily_statement_on(
        &self,
        session: &mut Session,
        date: &str,
    ) -> Result<DailyStatement> {
        let date = enquiry_date(Field::Date, date).map_err(one)?;
        self.daily_statement(session, date).await
    }

    /// The monthly statement of a month (`YYYY-MM`).
    pub async fn monthly_statement_of(
        &self,
        session: &mut Session,
        month: &str,
    ) -> Result<MonthlyStatement> {
        let (year, month) = enquiry_month(month).map_err(one)?;
        self.monthly_statement(session, year, month).await
    }

    /// One stock's balance series as the window asks for it.
    pub async fn balance_series_for(
        &self,
        session: &mut Session,
        request: &SeriesRequest,
    ) -> Result<Vec<(NaiveDate, i64)>> {
        let code = crate::domain::statements::StockCode::parse(&request.stock)
            .map_err(|_| one(Rule::StockCodeFormat.at(Field::StockCode)))?;
        let (from, to) = enquiry_period(&request.from, &request.to)?;
        self.balance_series(session, code.as_str(), from, to).await
    }
}

/// The first and last day of a month.
pub(super) fn month_bounds((year, month): (i32, u32)) -> Result<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| one(Rule::MonthFormat.at(Field::Month)))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| one(Rule::MonthFormat.at(Field::Month)))?;
    Ok((first, last))
}
