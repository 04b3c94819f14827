//! The core's values as the API's wire types (`ssa-api`).

use ssa_api as api;
use ssa_core::service::{DailyStatement, Holding, MonthlyStatement, Movement, StatementHeader};

fn ymd(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn names(n: &ssa_core::service::StockNames) -> api::StockNames {
    api::StockNames {
        en: n.en.clone(),
        zh_hk: n.zh_hk.clone(),
        zh_cn: n.zh_cn.clone(),
    }
}

pub(crate) fn step(next: ssa_core::NextStep) -> String {
    serde_json::to_value(next)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn stock(h: &Holding) -> api::StockBalance {
    api::StockBalance {
        code: h.stock_code.to_string(),
        names: names(&h.names),
        balance: h.balance,
    }
}

pub(crate) fn movement(m: &Movement) -> api::MovementLine {
    api::MovementLine {
        date: ymd(m.settled_on),
        code: m.stock_code.to_string(),
        names: names(&m.names),
        kind: m.kind.code().to_owned(),
        reference: m.reference.clone(),
        quantity_in: m.quantity_in,
        quantity_out: m.quantity_out,
    }
}

fn header(h: &StatementHeader) -> api::StatementHeader {
    api::StatementHeader {
        participant_id: h.participant_id.as_str().to_owned(),
        ssa_number: h.ssa_number.as_str().to_owned(),
        basic_user_id: h.basic_user_id.as_str().to_owned(),
    }
}

pub(crate) fn daily(d: &DailyStatement) -> api::DailyStatement {
    api::DailyStatement {
        date: ymd(d.date),
        header: header(&d.header),
        stocks: d
            .stocks
            .iter()
            .map(|s| api::DailyStock {
                code: s.stock_code.to_string(),
                names: names(&s.names),
                opening: s.opening,
                movements: s.movements.iter().map(movement).collect(),
                closing: s.closing,
            })
            .collect(),
    }
}

pub(crate) fn monthly(m: &MonthlyStatement) -> api::MonthlyStatement {
    api::MonthlyStatement {
        month_end: ymd(m.month_end),
        header: header(&m.header),
        stocks: m.stocks.iter().map(stock).collect(),
    }
}

pub(crate) fn point((date, balance): &(chrono::NaiveDate, i64)) -> api::BalancePoint {
    api::BalancePoint {
        date: ymd(*date),
        balance: *balance,
    }
}
