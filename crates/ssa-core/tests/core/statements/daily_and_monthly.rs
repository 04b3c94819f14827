//! Daily and monthly statements (spec 7.3): the daily statement lays out
//! opening, movements and closing; the monthly one lists every stock above
//! zero at any time in the month, so every stock of a month's daily
//! statements is on it; the balance series is a step line.

use super::{at_home_with_history, day, held, movements};
use crate::common::Env;

on_both_backends!(
    daily_statement_lays_out_opening_movements_and_closing,
    monthly_statement_lists_every_stock_above_zero_in_the_month,
    balance_series_is_a_step_line,
    a_stock_sold_to_zero_on_the_first_is_on_that_months_statement,
    every_stock_of_a_months_daily_statements_is_on_its_monthly_statement,
);

async fn daily_statement_lays_out_opening_movements_and_closing(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let dates = env
        .ssa
        .statement_dates(&mut s, day("2026-01-01"), day("2026-01-31"))
        .await
        .unwrap();
    assert_eq!(dates, vec![day("2026-01-02"), day("2026-01-05")]);
    let daily = env
        .ssa
        .daily_statement(&mut s, day("2026-01-05"))
        .await
        .unwrap();
    assert_eq!(
        (
            daily.header.participant_id.as_str(),
            daily.header.ssa_number.as_str(),
            daily.header.basic_user_id.as_str()
        ),
        ("C00088", "01", "12345678")
    );
    let lines: Vec<(&str, i64, usize, i64)> = daily
        .stocks
        .iter()
        .map(|d| {
            (
                d.stock_code.as_str(),
                d.opening,
                d.movements.len(),
                d.closing,
            )
        })
        .collect();
    assert_eq!(lines, vec![("00005", 0, 1, 800), ("00700", 1000, 1, 600)]);
    assert_eq!(daily.stocks[1].movements[0].reference, "R2");
}

async fn monthly_statement_lists_every_stock_above_zero_in_the_month(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let feb = env.ssa.monthly_statement(&mut s, 2026, 2).await.unwrap();
    let rows = held(&feb.stocks);
    // HSBC went to zero in February: listed, with its zero.
    assert_eq!(rows, vec![("00005", 0), ("00700", 600)]);
    assert_eq!(feb.month_end, day("2026-02-28"));
    let march = env.ssa.monthly_statement(&mut s, 2026, 3).await.unwrap();
    let rows: Vec<&str> = march.stocks.iter().map(|h| h.stock_code.as_str()).collect();
    assert_eq!(rows, vec!["00700"], "zero all March: not listed");
}

async fn balance_series_is_a_step_line(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let series = env
        .ssa
        .balance_series(&mut s, "00700", day("2026-01-01"), day("2026-03-31"))
        .await
        .unwrap();
    assert_eq!(
        series,
        vec![
            (day("2026-01-01"), 0),
            (day("2026-01-02"), 1000),
            (day("2026-01-05"), 600)
        ]
    );
}

/// Spec 7.3 (decided 2026-12-04): a stock sold to zero on the 1st was above
/// zero when the month began, so it is on that month's statement with 0,
/// as the daily statement of the 1st shows it going from 600 to 0.
async fn a_stock_sold_to_zero_on_the_first_is_on_that_months_statement(env: Env) {
    let mut s = at_home_with_history(&env).await;
    movements(&env, "2026-03-01,C00088,01,00700,CNS,,600,R10\n").await;
    let march = env.ssa.monthly_statement(&mut s, 2026, 3).await.unwrap();
    let listed = held(&march.stocks);
    assert_eq!(listed, [("00700", 0)], "{:?}", march.stocks);
    let feb = env.ssa.monthly_statement(&mut s, 2026, 2).await.unwrap();
    assert_eq!(feb.stocks.len(), 2);
    // April: zero all month, no movement: not listed.
    let april = env.ssa.monthly_statement(&mut s, 2026, 4).await.unwrap();
    assert!(april.stocks.is_empty(), "{:?}", april.stocks);
}

/// The reconciliation as a property: over random histories, every stock on
/// any daily statement of a month is on that month's statement.
async fn every_stock_of_a_months_daily_statements_is_on_its_monthly_statement(env: Env) {
    use chrono::Datelike;
    use rand::{Rng, SeedableRng};
    let mut s = at_home_with_history(&env).await;
    // Beside the fixed history (January, February): random days of March
    // to May 2026, each a random in or out of one of the two stocks,
    // never below zero, sometimes to exactly zero.
    let mut rng = rand::rngs::StdRng::seed_from_u64(20261204);
    let mut balance = std::collections::HashMap::from([("00700", 600i64), ("00005", 0i64)]);
    let mut lines = String::new();
    let mut date = day("2026-03-01");
    let mut n = 0;
    while date <= day("2026-05-31") {
        if rng.gen_bool(0.3) {
            let code = if rng.gen_bool(0.5) { "00700" } else { "00005" };
            let held = balance[code];
            let (quantity_in, quantity_out) = match (held, rng.gen_range(0..3)) {
                (0, _) | (_, 0) => (rng.gen_range(1..500), 0),
                (h, 1) => (0, h),
                (h, _) => (0, rng.gen_range(1..=h)),
            };
            *balance.get_mut(code).unwrap() += quantity_in - quantity_out;
            n += 1;
            let quantity = |q: i64| if q == 0 { String::new() } else { q.to_string() };
            lines.push_str(&format!(
                "{date},C00088,01,{code},{},{},{},P{n}\n",
                if quantity_in > 0 { "DEP" } else { "WDL" },
                quantity(quantity_in),
                quantity(quantity_out)
            ));
        }
        date = date.succ_opt().unwrap();
    }
    // And the case the rule was decided for: sold to zero on the 1st, with
    // nothing after it that month (the old rule left it off June's).
    let (code, held) = if balance["00700"] > 0 {
        ("00700", balance["00700"])
    } else {
        lines.push_str("2026-05-31,C00088,01,00700,DEP,10,,P0\n");
        ("00700", 10)
    };
    lines.push_str(&format!("2026-06-01,C00088,01,{code},WDL,,{held},PZ\n"));
    let report = movements(&env, &lines).await;
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    for (year, month) in [
        (2026, 1),
        (2026, 2),
        (2026, 3),
        (2026, 4),
        (2026, 5),
        (2026, 6),
    ] {
        let monthly: Vec<String> = env
            .ssa
            .monthly_statement(&mut s, year, month)
            .await
            .unwrap()
            .stocks
            .into_iter()
            .map(|h| h.stock_code.to_string())
            .collect();
        let mut date = chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap();
        while date.month() == month {
            let daily = env.ssa.daily_statement(&mut s, date).await.unwrap();
            for stock in daily.stocks {
                assert!(
                    monthly.contains(&stock.stock_code.to_string()),
                    "{} on the daily statement of {date} but not on {year}-{month:02}'s: {monthly:?}",
                    stock.stock_code
                );
            }
            date = date.succ_opt().unwrap();
        }
    }
}
