//! What the investor reads of one SSA's statements (spec 7.3): holdings on a
//! date, movements, the days with a statement, balances. Every query names
//! the SSA; the service decides whose SSA that is.

use chrono::NaiveDate;

use super::super::{sql, Sql, Store, Value};
use crate::error::{Result, SsaError};

/// One SSA: (Participant ID, SSA Number).
pub(crate) struct SsaRef<'a> {
    pub participant_id: &'a str,
    pub ssa_number: &'a str,
}

/// A stock held on a date, with its names (the store's row).
#[derive(sqlx::FromRow)]
pub(crate) struct HoldingRow {
    pub stock_code: String,
    pub name_en: String,
    pub name_zh_hk: String,
    pub name_zh_cn: String,
    pub closing: i64,
}

/// A movement with its stock's names, as the enquiry and the daily
/// statement read it (the store's row; the service makes it a `Movement`).
#[derive(sqlx::FromRow)]
pub(crate) struct MovementWithNames {
    pub settled_on: String,
    pub stock_code: String,
    pub name_en: String,
    pub name_zh_hk: String,
    pub name_zh_cn: String,
    pub kind: String,
    pub quantity_in: i64,
    pub quantity_out: i64,
    pub reference: String,
}

/// Which movements of an SSA an enquiry reads.
pub(crate) struct MovementFilter<'a> {
    pub ssa: SsaRef<'a>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A stock code, or any part of a name in any language (case-free).
    pub stock: &'a str,
    /// Only movements imported after this (milliseconds).
    pub arrived_after: Option<i64>,
}

pub(crate) fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_ymd(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| SsaError::Internal)
}

/// `text` as a LIKE pattern matching any part, its own `%`, `_` and `\`
/// taken literally.
fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Arguments numbered as they are added: `args.add(x)` is `$1`, then `$2`;
/// no placeholder is counted by hand.
#[derive(Default)]
struct Args(Vec<Value>);

impl Args {
    fn add(&mut self, value: impl Into<Value>) -> String {
        self.0.push(value.into());
        format!("${}", self.0.len())
    }

    fn with(self, text: String) -> Sql {
        let mut q = sql(text);
        for v in self.0 {
            q = q.arg(v);
        }
        q
    }
}

impl MovementFilter<'_> {
    /// The WHERE conditions on `movements m`, their arguments added to `args`.
    fn conditions(&self, args: &mut Args) -> String {
        let mut text = format!(
            "m.participant_id = {} AND m.ssa_number = {} AND m.settled_on >= {} AND m.settled_on <= {}",
            args.add(self.ssa.participant_id),
            args.add(self.ssa.ssa_number),
            args.add(ymd(self.from)),
            args.add(ymd(self.to)),
        );
        if let Some(after) = self.arrived_after {
            text.push_str(&format!(" AND m.imported_at > {}", args.add(after)));
        }
        let stock = self.stock.trim();
        if !stock.is_empty() {
            // The matching stocks first (the stock list is small), then the
            // movements by the (SSA, stock) index.
            let code = args.add(stock);
            let pattern = args.add(contains_pattern(stock));
            text.push_str(&format!(
                " AND m.stock_code IN (SELECT stock_code FROM stocks WHERE stock_code = {code} \
                 OR LOWER(name_en) LIKE {pattern} ESCAPE '\\' \
                 OR name_zh_hk LIKE {pattern} ESCAPE '\\' \
                 OR name_zh_cn LIKE {pattern} ESCAPE '\\')"
            ));
        }
        text
    }
}

const MOVEMENT_COLUMNS: &str = "m.settled_on, m.stock_code, s.name_en, s.name_zh_hk, \
     s.name_zh_cn, m.kind, m.quantity_in, m.quantity_out, m.reference";

impl Store {
    /// Every stock of the SSA with its newest closing balance on or before
    /// `date` (zero included), in stock-code order.
    pub(crate) async fn holdings(
        &self,
        ssa: &SsaRef<'_>,
        date: NaiveDate,
    ) -> Result<Vec<HoldingRow>> {
        self.fetch_all(
            // The SSA's stocks, one index seek each (a loose index scan: the
            // next code after the last one), then each stock's newest balance
            // on or before the date, one seek more; the cost follows the
            // SSA's stocks, not its history's length.
            sql("WITH RECURSIVE held(code) AS ( \
                     SELECT MIN(stock_code) FROM balances \
                     WHERE participant_id = $1 AND ssa_number = $2 \
                     UNION ALL \
                     SELECT (SELECT MIN(b.stock_code) FROM balances b \
                             WHERE b.participant_id = $1 AND b.ssa_number = $2 \
                             AND b.stock_code > held.code) \
                     FROM held WHERE held.code IS NOT NULL), \
                 at_date(code, closing) AS ( \
                     SELECT held.code, (SELECT b.closing FROM balances b \
                             WHERE b.participant_id = $1 AND b.ssa_number = $2 \
                             AND b.stock_code = held.code AND b.settled_on <= $3 \
                             ORDER BY b.settled_on DESC LIMIT 1) \
                     FROM held WHERE held.code IS NOT NULL) \
                 SELECT a.code AS stock_code, s.name_en, s.name_zh_hk, s.name_zh_cn, \
                 a.closing FROM at_date a JOIN stocks s ON s.stock_code = a.code \
                 WHERE a.closing IS NOT NULL ORDER BY a.code")
            .arg(ssa.participant_id)
            .arg(ssa.ssa_number)
            .arg(ymd(date)),
        )
        .await
    }

    /// How many movements the filter selects.
    pub(crate) async fn count_movements(&self, filter: &MovementFilter<'_>) -> Result<i64> {
        let mut args = Args::default();
        let within = filter.conditions(&mut args);
        self.scalar(args.with(format!("SELECT COUNT(*) FROM movements m WHERE {within}")))
            .await
    }

    /// The movements the filter selects, newest first, `limit` of them
    /// after the first `offset`, in one statement (one snapshot).
    pub(crate) async fn movements(
        &self,
        filter: &MovementFilter<'_>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MovementWithNames>> {
        let mut args = Args::default();
        let within = filter.conditions(&mut args);
        let (limit, offset) = (args.add(limit), args.add(offset));
        self.fetch_all(args.with(format!(
            "SELECT {MOVEMENT_COLUMNS} FROM movements m JOIN stocks s ON s.stock_code = m.stock_code \
             WHERE {within} ORDER BY m.settled_on DESC, m.id DESC LIMIT {limit} OFFSET {offset}"
        )))
        .await
    }

    /// The SSA's movements of one day, by stock and in the order they came.
    pub(crate) async fn movements_on(
        &self,
        ssa: &SsaRef<'_>,
        date: NaiveDate,
    ) -> Result<Vec<MovementWithNames>> {
        self.fetch_all(
            sql(format!(
                "SELECT {MOVEMENT_COLUMNS} FROM movements m JOIN stocks s ON s.stock_code = m.stock_code \
                 WHERE m.participant_id = $1 AND m.ssa_number = $2 AND m.settled_on = $3 \
                 ORDER BY m.stock_code, m.id"
            ))
            .arg(ssa.participant_id)
            .arg(ssa.ssa_number)
            .arg(ymd(date)),
        )
        .await
    }

    /// The days from `from` to `to` on which the SSA had a movement.
    pub(crate) async fn movement_days(
        &self,
        ssa: &SsaRef<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let rows: Vec<(String,)> = self
            .fetch_all(
                sql("SELECT DISTINCT settled_on FROM movements \
                     WHERE participant_id = $1 AND ssa_number = $2 \
                     AND settled_on >= $3 AND settled_on <= $4 ORDER BY settled_on")
                .arg(ssa.participant_id)
                .arg(ssa.ssa_number)
                .arg(ymd(from))
                .arg(ymd(to)),
            )
            .await?;
        rows.into_iter().map(|(d,)| parse_ymd(&d)).collect()
    }

    /// A stock's closing balance in the SSA on `date`: the newest on or
    /// before it, 0 before its first.
    pub(crate) async fn balance_on(
        &self,
        ssa: &SsaRef<'_>,
        stock_code: &str,
        date: NaiveDate,
    ) -> Result<i64> {
        let row: Option<(i64,)> = self
            .fetch_optional(super::balance_on_or_before(
                ssa.participant_id,
                ssa.ssa_number,
                stock_code,
                &ymd(date),
            ))
            .await?;
        Ok(row.map_or(0, |(b,)| b))
    }

    /// Each date from after `from` to `to` on which the stock's balance in
    /// the SSA changed, with the balance then.
    pub(crate) async fn balance_changes(
        &self,
        ssa: &SsaRef<'_>,
        stock_code: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, i64)>> {
        let rows: Vec<(String, i64)> = self
            .fetch_all(
                sql("SELECT settled_on, closing FROM balances \
                     WHERE participant_id = $1 AND ssa_number = $2 AND stock_code = $3 \
                     AND settled_on > $4 AND settled_on <= $5 ORDER BY settled_on")
                .arg(ssa.participant_id)
                .arg(ssa.ssa_number)
                .arg(stock_code)
                .arg(ymd(from))
                .arg(ymd(to)),
            )
            .await?;
        rows.into_iter()
            .map(|(d, closing)| Ok((parse_ymd(&d)?, closing)))
            .collect()
    }

    /// How many movements of the SSA were imported after `after`
    /// (milliseconds).
    pub(crate) async fn movements_arrived_after(
        &self,
        ssa: &SsaRef<'_>,
        after: i64,
    ) -> Result<i64> {
        self.scalar(
            sql("SELECT COUNT(*) FROM movements \
                 WHERE participant_id = $1 AND ssa_number = $2 AND imported_at > $3")
            .arg(ssa.participant_id)
            .arg(ssa.ssa_number)
            .arg(after),
        )
        .await
    }
}

impl Store {
    /// How many days from `first` to `last` the stock's balance in the SSA
    /// has a row for (a day it moved).
    pub(crate) async fn days_moved(
        &self,
        ssa: &SsaRef<'_>,
        stock_code: &str,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<i64> {
        self.scalar(
            sql("SELECT COUNT(*) FROM balances \
                 WHERE participant_id = $1 AND ssa_number = $2 AND stock_code = $3 \
                 AND settled_on >= $4 AND settled_on <= $5")
            .arg(ssa.participant_id)
            .arg(ssa.ssa_number)
            .arg(stock_code)
            .arg(ymd(first))
            .arg(ymd(last)),
        )
        .await
    }
}
