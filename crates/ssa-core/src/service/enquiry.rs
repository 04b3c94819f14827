//! What the investor reads of its statements (spec 7.3), always through a
//! live session and only of the session's own SSA: the SSA is taken from the
//! session's account, never from an argument, so nothing else is reachable.
//! Holdings on a date read each stock's newest closing balance on or before
//! it (an index look-up, whatever the history's length); movements are read
//! newest first, 100 to a page, with the total.

use chrono::NaiveDate;

use super::{NextStep, Session, Ssa};
use crate::domain::{Field, FieldError, Rule};
use crate::error::{Result, SsaError};
use crate::store::{MovementFilter, MovementWithNames, SsaRef};

/// Which movements of an enquiry to read.
#[derive(Clone, Copy)]
enum Rows {
    /// One page (0-based) of [`MOVEMENTS_PAGE`], with the total.
    Page(u32),
    /// Every page at once, up to `max` and one more (to tell that there
    /// are too many), in one statement.
    All { max: u64 },
}

/// Movements to a page.
pub const MOVEMENTS_PAGE: u32 = 100;

/// A stock's names in the three languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockNames {
    pub en: String,
    pub zh_hk: String,
    pub zh_cn: String,
}

/// One stock held on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub stock_code: String,
    pub names: StockNames,
    pub balance: i64,
}

/// One movement as the enquiry shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub settled_on: NaiveDate,
    pub stock_code: String,
    pub names: StockNames,
    pub kind: crate::domain::statements::MovementKind,
    pub quantity_in: i64,
    pub quantity_out: i64,
    pub reference: String,
}

/// One page of a movements enquiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovementPage {
    /// Movements in the whole range (every page).
    pub total: u64,
    /// The 0-based page shown.
    pub page: u32,
    pub movements: Vec<Movement>,
}

/// Whose statement it is: the header of a daily or monthly statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementHeader {
    pub participant_id: String,
    pub ssa_number: String,
    pub basic_user_id: String,
}

impl StatementHeader {
    fn ssa(&self) -> SsaRef<'_> {
        SsaRef {
            participant_id: &self.participant_id,
            ssa_number: &self.ssa_number,
        }
    }
}

/// One stock on a daily statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyStock {
    pub stock_code: String,
    pub names: StockNames,
    pub opening: i64,
    pub movements: Vec<Movement>,
    pub closing: i64,
}

/// A daily statement (spec 7.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyStatement {
    pub header: StatementHeader,
    pub date: NaiveDate,
    pub stocks: Vec<DailyStock>,
}

/// A monthly statement (spec 7.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyStatement {
    pub header: StatementHeader,
    pub month_end: NaiveDate,
    pub stocks: Vec<Holding>,
}

fn to_movement(r: MovementWithNames) -> Result<Movement> {
    Ok(Movement {
        settled_on: crate::store::parse_ymd(&r.settled_on)?,
        kind: crate::domain::statements::MovementKind::parse(&r.kind)
            .map_err(|_| SsaError::Internal)?,
        stock_code: r.stock_code,
        names: StockNames {
            en: r.name_en,
            zh_hk: r.name_zh_hk,
            zh_cn: r.name_zh_cn,
        },
        quantity_in: r.quantity_in,
        quantity_out: r.quantity_out,
        reference: r.reference,
    })
}

pub(super) use crate::store::ymd;

impl Ssa {
    /// The session's SSA (Participant ID, SSA Number), refused while a
    /// forced password change is due.
    async fn session_ssa(&self, session: &mut Session) -> Result<(String, String)> {
        self.touch(session).await?;
        let (user, account) = self.session_rows(session).await?;
        if self.next_step_for(&user, &account) != NextStep::Home {
            return Err(SsaError::NotAllowed);
        }
        Ok((account.participant_id, account.ssa_number))
    }

    /// Every stock of the session's SSA with its balance on `date`; stocks
    /// at zero only when `with_zero`. In stock-code order.
    pub async fn holdings(
        &self,
        session: &mut Session,
        date: NaiveDate,
        with_zero: bool,
    ) -> Result<Vec<Holding>> {
        let (participant_id, ssa_number) = self.session_ssa(session).await?;
        let ssa = SsaRef {
            participant_id: &participant_id,
            ssa_number: &ssa_number,
        };
        let rows = self.store.holdings(&ssa, date).await?;
        Ok(rows
            .into_iter()
            .filter(|r| with_zero || r.closing > 0)
            .map(|r| Holding {
                stock_code: r.stock_code,
                names: StockNames {
                    en: r.name_en,
                    zh_hk: r.name_zh_hk,
                    zh_cn: r.name_zh_cn,
                },
                balance: r.closing,
            })
            .collect())
    }

    /// The session's movements from `from` to `to` (both included), newest
    /// first, optionally of the stocks whose code is `stock` or whose name
    /// in any language contains it (case-free); page `page` of 100.
    pub async fn movements(
        &self,
        session: &mut Session,
        from: NaiveDate,
        to: NaiveDate,
        stock: Option<&str>,
        page: u32,
    ) -> Result<MovementPage> {
        self.movements_since(session, from, to, stock, Rows::Page(page), None)
            .await
    }

    /// As [`Ssa::movements`], and when `since` is given only the movements
    /// that arrived (were imported) after it, in milliseconds.
    async fn movements_since(
        &self,
        session: &mut Session,
        from: NaiveDate,
        to: NaiveDate,
        stock: Option<&str>,
        rows: Rows,
        since: Option<i64>,
    ) -> Result<MovementPage> {
        let (participant_id, ssa_number) = self.session_ssa(session).await?;
        let filter = MovementFilter {
            ssa: SsaRef {
                participant_id: &participant_id,
                ssa_number: &ssa_number,
            },
            from,
            to,
            stock: stock.unwrap_or_default(),
            arrived_after: since,
        };
        let (total, limit, page) = match rows {
            Rows::Page(page) => (
                self.store.count_movements(&filter).await?,
                i64::from(MOVEMENTS_PAGE),
                page,
            ),
            // Counted from the rows read: one statement reads one snapshot,
            // so an import that commits meanwhile is wholly in it or not.
            Rows::All { max } => (-1, i64::try_from(max).unwrap_or(i64::MAX - 1) + 1, 0),
        };
        let rows = self
            .store
            .movements(&filter, limit, i64::from(page) * limit)
            .await?;
        let total = if total < 0 { rows.len() as i64 } else { total };
        let movements = rows
            .into_iter()
            .map(to_movement)
            .collect::<Result<Vec<_>>>()?;
        Ok(MovementPage {
            total: total.max(0) as u64,
            page,
            movements,
        })
    }

    /// The dates from `from` to `to` that have a daily statement (a movement).
    pub async fn statement_dates(
        &self,
        session: &mut Session,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let (participant_id, ssa_number) = self.session_ssa(session).await?;
        let ssa = SsaRef {
            participant_id: &participant_id,
            ssa_number: &ssa_number,
        };
        self.store.movement_days(&ssa, from, to).await
    }

    /// The daily statement of `date`: per stock moved that day, its opening
    /// balance, each movement in order, and its closing balance.
    pub async fn daily_statement(
        &self,
        session: &mut Session,
        date: NaiveDate,
    ) -> Result<DailyStatement> {
        let header = self.statement_header(session).await?;
        let page_rows = self.store.movements_on(&header.ssa(), date).await?;
        let day_before = date.pred_opt().unwrap_or(date);
        let mut stocks: Vec<DailyStock> = Vec::new();
        for row in page_rows {
            let movement = to_movement(row)?;
            if stocks.last().map(|s| s.stock_code.as_str()) != Some(movement.stock_code.as_str()) {
                let opening = self
                    .balance_on(&header, &movement.stock_code, day_before)
                    .await?;
                stocks.push(DailyStock {
                    stock_code: movement.stock_code.clone(),
                    names: movement.names.clone(),
                    opening,
                    movements: Vec::new(),
                    closing: opening,
                });
            }
            if let Some(stock) = stocks.last_mut() {
                stock.closing += movement.quantity_in - movement.quantity_out;
                stock.movements.push(movement);
            }
        }
        Ok(DailyStatement {
            header,
            date,
            stocks,
        })
    }

    /// The monthly statement: every stock whose balance was above zero at
    /// any time in the month, with its closing balance on the month's last
    /// day (zero included).
    pub async fn monthly_statement(
        &self,
        session: &mut Session,
        year: i32,
        month: u32,
    ) -> Result<MonthlyStatement> {
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(SsaError::NotAllowed)?;
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .ok_or(SsaError::NotAllowed)?;
        let last = next.pred_opt().ok_or(SsaError::NotAllowed)?;
        let header = self.statement_header(session).await?;
        let at_end = self.holdings(session, last, true).await?;
        let mut stocks = Vec::new();
        for holding in at_end {
            // Spec 7.3: above zero when the month began (the last closing
            // before the 1st), or moved in the month (every day a stock
            // moves has its closing balance row, so this also covers being
            // above zero at any time in it): the monthly statement lists
            // every stock a daily statement of its month shows.
            let opening = match first.pred_opt() {
                Some(eve) => self.balance_on(&header, &holding.stock_code, eve).await?,
                None => 0,
            };
            let days_moved = self
                .store
                .days_moved(&header.ssa(), &holding.stock_code, first, last)
                .await?;
            if opening > 0 || days_moved > 0 {
                stocks.push(holding);
            }
        }
        Ok(MonthlyStatement {
            header,
            month_end: last,
            stocks,
        })
    }

    /// One stock's balance from `from` to `to`: its balance on `from`, then
    /// each date it changed (a step line).
    pub async fn balance_series(
        &self,
        session: &mut Session,
        stock_code: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, i64)>> {
        let header = self.statement_header(session).await?;
        let mut points = vec![(from, self.balance_on(&header, stock_code, from).await?)];
        points.extend(
            self.store
                .balance_changes(&header.ssa(), stock_code, from, to)
                .await?,
        );
        Ok(points)
    }

    /// Whose statement it is, as its header says.
    async fn statement_header(&self, session: &mut Session) -> Result<StatementHeader> {
        let (participant_id, ssa_number) = self.session_ssa(session).await?;
        Ok(StatementHeader {
            participant_id,
            ssa_number,
            basic_user_id: session.basic_user_id.clone(),
        })
    }

    async fn balance_on(
        &self,
        header: &StatementHeader,
        stock_code: &str,
        date: NaiveDate,
    ) -> Result<i64> {
        self.store.balance_on(&header.ssa(), stock_code, date).await
    }

    /// How many movements of the session's SSA arrived since the login
    /// before this one (all of them on a first login).
    pub async fn new_movements_since_last_login(&self, session: &mut Session) -> Result<u64> {
        let since = arrivals_after(session);
        let (participant_id, ssa_number) = self.session_ssa(session).await?;
        let ssa = SsaRef {
            participant_id: &participant_id,
            ssa_number: &ssa_number,
        };
        let n = self.store.movements_arrived_after(&ssa, since).await?;
        Ok(n.max(0) as u64)
    }
}

/// The longest stock filter: as long as the longest stock name.
pub const STOCK_FILTER_MAX: u32 = 200;

/// A movements enquiry as the window sends it: dates as typed
/// (`YYYY-MM-DD`), an optional stock filter (a code or any part of a name),
/// the 0-based page, and whether to show only the movements that arrived
/// since the previous login.
#[derive(Debug, Clone, Default, serde::Deserialize)]
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
#[derive(Debug, Clone, Default, serde::Deserialize)]
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
fn enquiry_period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
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
fn arrivals_after(session: &Session) -> i64 {
    session
        .previous_login
        .map(crate::clock::to_millis)
        .unwrap_or(i64::MIN)
}

fn one(error: FieldError) -> SsaError {
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

/// What the investor exports (spec 7.3): a daily statement, a monthly
/// statement or a movements enquiry (every page of it).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportRequest {
    Daily { date: String },
    Monthly { month: String },
    Movements { request: MovementsRequest },
}

/// The statement an export writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    Daily(DailyStatement),
    Monthly(MonthlyStatement),
    Movements {
        header: StatementHeader,
        from: NaiveDate,
        to: NaiveDate,
        movements: Vec<Movement>,
    },
}

/// At most this many movements go into one export (a thousand pages).
pub const EXPORT_MAX_MOVEMENTS: u64 = 100_000;

impl Ssa {
    /// A statement to export. Exports are offered on a desktop, not on a
    /// branch kiosk (spec 7.3): a kiosk session is refused whatever the
    /// window asks.
    pub async fn statement_export(
        &self,
        session: &mut Session,
        what: &ExportRequest,
    ) -> Result<Export> {
        if session.kind == super::SessionKind::Kiosk {
            return Err(SsaError::NotAllowed);
        }
        match what {
            ExportRequest::Daily { date } => {
                Ok(Export::Daily(self.daily_statement_on(session, date).await?))
            }
            ExportRequest::Monthly { month } => Ok(Export::Monthly(
                self.monthly_statement_of(session, month).await?,
            )),
            ExportRequest::Movements { request } => {
                let (from, to) = enquiry_period(&request.from, &request.to)?;
                let header = self.statement_header(session).await?;
                let since = request.new_only.then(|| arrivals_after(session));
                // Every page in one read: one statement sees one snapshot,
                // so an import committing meanwhile cannot make a movement
                // appear twice or vanish at a page's edge.
                let all = Rows::All {
                    max: EXPORT_MAX_MOVEMENTS,
                };
                let movements = self
                    .movements_since(session, from, to, Some(&request.stock), all, since)
                    .await?
                    .movements;
                if movements.len() as u64 > EXPORT_MAX_MOVEMENTS {
                    return Err(one(Rule::TooManyToExport {
                        max: EXPORT_MAX_MOVEMENTS,
                    }
                    .at(Field::ToDate)));
                }
                Ok(Export::Movements {
                    header,
                    from,
                    to,
                    movements,
                })
            }
        }
    }
}
