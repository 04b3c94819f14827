//! The statement screens' views (spec 7.3): what the core answers, with
//! each stock's name and each movement kind in the reader's language.
//! Dates go to the window as `YYYY-MM-DD` and quantities as decimal digits
//! (a balance can pass what a JavaScript number holds exactly); the window
//! formats both for the reader's language with the platform's ICU (`Intl`).

use serde::Serialize;
use ssa_core::{
    DailyStatement, Holding, MonthlyStatement, Movement, MovementPage, MovementsRequest,
    SeriesRequest, StatementHeader, StockNames, MOVEMENTS_PAGE,
};

use crate::i18n::{Language, Localizer, UiError};
use crate::state::AppState;

/// A public holiday of the month shown: no settlement that day.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HolidayLine {
    /// YYYY-MM-DD
    pub date: String,
    /// In the reader's language (English where the operator gave no other).
    pub name: String,
}

/// One stock and its balance.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StockLine {
    pub code: String,
    pub name: String,
    pub balance: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HoldingsView {
    pub date: String,
    pub stocks: Vec<StockLine>,
}

/// One movement as a statement or an enquiry lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementLine {
    pub date: String,
    pub code: String,
    pub name: String,
    /// The kind's code (BF, CNS, ...).
    pub kind: String,
    /// The kind in the reader's language.
    pub kind_name: String,
    pub quantity_in: String,
    pub quantity_out: String,
    pub reference: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementsView {
    /// Movements in the whole period (every page).
    #[ts(type = "number")]
    pub total: u64,
    /// The 0-based page shown.
    pub page: u32,
    pub page_size: u32,
    pub movements: Vec<MovementLine>,
}

/// Whose statement it is.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementHeaderView {
    pub participant_id: String,
    pub ssa_number: String,
    pub basic_user_id: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DailyStockView {
    pub code: String,
    pub name: String,
    pub opening: String,
    pub movements: Vec<MovementLine>,
    pub closing: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DailyStatementView {
    pub header: StatementHeaderView,
    pub date: String,
    pub stocks: Vec<DailyStockView>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyStatementView {
    pub header: StatementHeaderView,
    /// The month's last day: the date of the balances shown.
    pub month_end: String,
    pub stocks: Vec<StockLine>,
}

/// A point of a stock's balance step line.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BalancePoint {
    pub date: String,
    pub balance: String,
}

/// A stock's name in the reader's language.
pub(crate) fn name(lang: Language, names: &StockNames) -> &str {
    match lang {
        Language::English => &names.en,
        Language::TraditionalChinese => &names.zh_hk,
        Language::SimplifiedChinese => &names.zh_cn,
    }
}

/// A movement kind (its code, e.g. `CNS`) in the reader's language.
pub(crate) fn kind_name(l: &Localizer, lang: Language, code: &str) -> String {
    l.text(lang, &format!("kind-{}", code.to_ascii_lowercase()), None)
}

fn ymd(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn header(h: StatementHeader) -> StatementHeaderView {
    StatementHeaderView {
        participant_id: h.participant_id.as_str().to_owned(),
        ssa_number: h.ssa_number.as_str().to_owned(),
        basic_user_id: h.basic_user_id.as_str().to_owned(),
    }
}

fn stock_line(lang: Language, h: Holding) -> StockLine {
    StockLine {
        name: name(lang, &h.names).to_owned(),
        code: h.stock_code.to_string(),
        balance: h.balance.to_string(),
    }
}

fn movement_line(l: &Localizer, lang: Language, m: Movement) -> MovementLine {
    let kind = m.kind.code().to_owned();
    MovementLine {
        date: ymd(m.settled_on),
        name: name(lang, &m.names).to_owned(),
        kind_name: kind_name(l, lang, &kind),
        kind,
        code: m.stock_code.to_string(),
        quantity_in: m.quantity_in.to_string(),
        quantity_out: m.quantity_out.to_string(),
        reference: m.reference,
    }
}

impl AppState {
    pub async fn holdings(&self, date: &str, with_zero: bool) -> Result<HoldingsView, UiError> {
        let stocks = self
            .with_session(async |b, s| b.holdings_on(s, date, with_zero).await)
            .await?;
        let lang = self.language();
        Ok(HoldingsView {
            date: date.trim().to_owned(),
            stocks: stocks.into_iter().map(|h| stock_line(lang, h)).collect(),
        })
    }

    pub async fn movements(&self, request: &MovementsRequest) -> Result<MovementsView, UiError> {
        let page: MovementPage = self
            .with_session(async |b, s| b.movements_enquiry(s, request).await)
            .await?;
        let (l, lang) = (self.localizer(), self.language());
        Ok(MovementsView {
            total: page.total,
            page: page.page,
            page_size: MOVEMENTS_PAGE,
            movements: page
                .movements
                .into_iter()
                .map(|m| movement_line(l, lang, m))
                .collect(),
        })
    }

    /// The public holidays of a month: days without settlement.
    pub async fn month_holidays(&self, month: &str) -> Result<Vec<HolidayLine>, UiError> {
        let holidays = self
            .backend()?
            .holidays_in_month(month)
            .await
            .map_err(|e| self.error(&e))?;
        let lang = self.language();
        Ok(holidays
            .into_iter()
            .map(|h| HolidayLine {
                date: ymd(h.day),
                name: h.name.get(lang.core()).to_owned(),
            })
            .collect())
    }

    pub async fn statement_dates(&self, month: &str) -> Result<Vec<String>, UiError> {
        let dates = self
            .with_session(async |b, s| b.statement_dates_in(s, month).await)
            .await?;
        Ok(dates.into_iter().map(ymd).collect())
    }

    pub async fn daily_statement(&self, date: &str) -> Result<DailyStatementView, UiError> {
        let statement: DailyStatement = self
            .with_session(async |b, s| b.daily_statement_on(s, date).await)
            .await?;
        let (l, lang) = (self.localizer(), self.language());
        Ok(DailyStatementView {
            header: header(statement.header),
            date: ymd(statement.date),
            stocks: statement
                .stocks
                .into_iter()
                .map(|s| DailyStockView {
                    name: name(lang, &s.names).to_owned(),
                    code: s.stock_code.to_string(),
                    opening: s.opening.to_string(),
                    closing: s.closing.to_string(),
                    movements: s
                        .movements
                        .into_iter()
                        .map(|m| movement_line(l, lang, m))
                        .collect(),
                })
                .collect(),
        })
    }

    pub async fn monthly_statement(&self, month: &str) -> Result<MonthlyStatementView, UiError> {
        let statement: MonthlyStatement = self
            .with_session(async |b, s| b.monthly_statement_of(s, month).await)
            .await?;
        let lang = self.language();
        Ok(MonthlyStatementView {
            header: header(statement.header),
            month_end: ymd(statement.month_end),
            stocks: statement
                .stocks
                .into_iter()
                .map(|h| stock_line(lang, h))
                .collect(),
        })
    }

    pub async fn balance_series(
        &self,
        request: &SeriesRequest,
    ) -> Result<Vec<BalancePoint>, UiError> {
        let points = self
            .with_session(async |b, s| b.balance_series_for(s, request).await)
            .await?;
        Ok(points
            .into_iter()
            .map(|(date, balance)| BalancePoint {
                date: ymd(date),
                balance: balance.to_string(),
            })
            .collect())
    }
}
