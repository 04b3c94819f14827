//! What the investor reads of its statements (spec 7.3), always through a
//! live session and only of the session's own SSA: the SSA is taken from the
//! session's account, never from an argument, so nothing else is reachable.
//! Holdings on a date read each stock's newest closing balance on or before
//! it (an index look-up, whatever the history's length); movements are read
//! newest first, 100 to a page, with the total.

use chrono::NaiveDate;

use super::statement_requests::arrivals_after;
use super::{NextStep, Session, Ssa};
use crate::domain::statements::StockCode;
use crate::domain::{BasicUserId, ParticipantId, SsaNumber};
use crate::error::{Result, SsaError};
use crate::store::{MovementFilter, MovementWithNames, SsaRef};

/// Which movements of an enquiry to read.
#[derive(Clone, Copy)]
pub(super) enum Rows {
    /// One page (0-based) of [`MOVEMENTS_PAGE`], with the total.
    Page(u32),
    /// Every page at once, up to `max` and one more (to tell that there
    /// are too many), in one statement.
    All { max: u64 },
}

/// Movements to a page.
pub const MOVEMENTS_PAGE: u32 = 100;

/// A stock's names in the three languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StockNames {
    pub en: String,
    pub zh_hk: String,
    pub zh_cn: String,
}

/// One stock held on a date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Holding {
    pub stock_code: StockCode,
    pub names: StockNames,
    pub balance: i64,
}

/// One movement as the enquiry shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Movement {
    pub settled_on: NaiveDate,
    pub stock_code: StockCode,
    pub names: StockNames,
    pub kind: crate::domain::statements::MovementKind,
    pub quantity_in: i64,
    pub quantity_out: i64,
    pub reference: String,
}

/// One page of a movements enquiry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MovementPage {
    /// Movements in the whole range (every page).
    pub total: u64,
    /// The 0-based page shown.
    pub page: u32,
    pub movements: Vec<Movement>,
}

/// Whose statement it is: the header of a daily or monthly statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementHeader {
    pub participant_id: ParticipantId,
    pub ssa_number: SsaNumber,
    pub basic_user_id: BasicUserId,
}

impl StatementHeader {
    fn ssa(&self) -> SsaRef<'_> {
        SsaRef {
            participant_id: self.participant_id.as_str(),
            ssa_number: self.ssa_number.as_str(),
        }
    }
}

/// One stock on a daily statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyStock {
    pub stock_code: StockCode,
    pub names: StockNames,
    pub opening: i64,
    pub movements: Vec<Movement>,
    pub closing: i64,
}

/// A daily statement (spec 7.3).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyStatement {
    pub header: StatementHeader,
    pub date: NaiveDate,
    pub stocks: Vec<DailyStock>,
}

/// A monthly statement (spec 7.3).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyStatement {
    pub header: StatementHeader,
    pub month_end: NaiveDate,
    pub stocks: Vec<Holding>,
}

/// A value read back from the store, where only valid ones are written: one
/// that does not parse is a damaged database, not the reader's mistake.
fn stored<T, E>(parsed: std::result::Result<T, E>) -> Result<T> {
    parsed.map_err(|_| SsaError::Internal)
}

fn to_movement(r: MovementWithNames) -> Result<Movement> {
    Ok(Movement {
        settled_on: crate::store::parse_ymd(&r.settled_on)?,
        kind: crate::domain::statements::MovementKind::parse(&r.kind)
            .map_err(|_| SsaError::Internal)?,
        stock_code: stored(StockCode::parse(&r.stock_code))?,
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
        rows.into_iter()
            .filter(|r| with_zero || r.closing > 0)
            .map(|r| {
                Ok(Holding {
                    stock_code: stored(StockCode::parse(&r.stock_code))?,
                    names: StockNames {
                        en: r.name_en,
                        zh_hk: r.name_zh_hk,
                        zh_cn: r.name_zh_cn,
                    },
                    balance: r.closing,
                })
            })
            .collect()
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
    pub(super) async fn movements_since(
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
                Some(self.store.count_movements(&filter).await?),
                i64::from(MOVEMENTS_PAGE),
                page,
            ),
            // Counted from the rows read: one statement reads one snapshot,
            // so an import that commits meanwhile is wholly in it or not.
            Rows::All { max } => (None, i64::try_from(max).unwrap_or(i64::MAX - 1) + 1, 0),
        };
        let rows = self
            .store
            .movements(&filter, limit, i64::from(page) * limit)
            .await?;
        let total = total.unwrap_or(rows.len() as i64);
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
                    .balance_on(&header, movement.stock_code.as_str(), day_before)
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
        let (first, last) = super::statement_requests::month_bounds((year, month))?;
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
                Some(eve) => {
                    self.balance_on(&header, holding.stock_code.as_str(), eve)
                        .await?
                }
                None => 0,
            };
            let days_moved = self
                .store
                .days_moved(&header.ssa(), holding.stock_code.as_str(), first, last)
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
    pub(super) async fn statement_header(&self, session: &mut Session) -> Result<StatementHeader> {
        let (participant_id, ssa_number) = self.session_ssa(session).await?;
        Ok(StatementHeader {
            participant_id: stored(ParticipantId::parse(&participant_id))?,
            ssa_number: stored(SsaNumber::parse(&ssa_number))?,
            basic_user_id: stored(BasicUserId::parse(&session.basic_user_id))?,
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
