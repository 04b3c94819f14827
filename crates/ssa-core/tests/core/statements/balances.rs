//! Balances as a property (spec 7.3): over random movement histories,
//! balances, monthly statements and paging always agree with the sum of the
//! movements.

use super::{day, movements};
use crate::common::{ready_user, Env};

on_both_backends!(balances_always_equal_the_sum_of_movements,);

/// One generated movement: days after the previous one, which of the
/// case's two stocks, whether it tries to take shares out, how many come
/// in, and what share of the balance goes out.
type Step = (u8, usize, bool, i64, u64);

/// What one property case wrote: its stock codes and, per movement, the
/// date, the stock (0 or 1), the change and the reference.
struct Case {
    codes: [String; 2],
    history: Vec<(chrono::NaiveDate, usize, i64, String)>,
}

/// Turns generated steps into a clean movement file for stocks `codes`,
/// starting on `start`; no balance goes below zero.
fn case_lines(
    steps: &[Step],
    codes: [String; 2],
    start: chrono::NaiveDate,
    tag: u32,
) -> (Case, String) {
    let mut held = [0i64; 2];
    let mut history = Vec::new();
    let mut lines = String::new();
    let mut date = start;
    for (i, &(gap, stock, try_out, qty_in, share)) in steps.iter().enumerate() {
        date += chrono::Duration::days(i64::from(gap));
        let delta = if try_out && held[stock] > 0 {
            -(1 + (share % held[stock] as u64) as i64)
        } else {
            qty_in
        };
        held[stock] += delta;
        let reference = format!("P{tag}X{i}");
        let (qin, qout) = if delta > 0 {
            (delta.to_string(), String::new())
        } else {
            (String::new(), (-delta).to_string())
        };
        lines.push_str(&format!(
            "{},C00088,01,{},ADJ,{qin},{qout},{reference}\n",
            date.format("%Y-%m-%d"),
            codes[stock]
        ));
        history.push((date, stock, delta, reference));
    }
    (Case { codes, history }, lines)
}

/// Checks one case against the enquiries: the balance on every date that
/// matters (each movement date and the day before it) is the sum of the
/// movements up to it; each monthly statement's closing balances are the
/// holdings on the month's last day; paging shows every movement once.
async fn check_case(env: &Env, s: &mut ssa_core::Session, case: &Case) -> Result<(), String> {
    use chrono::Datelike;
    let first = case.history[0].0;
    let last = case.history[case.history.len() - 1].0;
    let mut dates: Vec<chrono::NaiveDate> = case
        .history
        .iter()
        .flat_map(|(d, ..)| [*d, d.pred_opt().unwrap()])
        .collect();
    dates.sort();
    dates.dedup();
    for d in dates {
        let got = env
            .ssa
            .holdings(s, d, true)
            .await
            .map_err(|e| e.to_string())?;
        for (idx, code) in case.codes.iter().enumerate() {
            let want: i64 = case
                .history
                .iter()
                .filter(|(on, st, ..)| *on <= d && *st == idx)
                .map(|(_, _, delta, _)| delta)
                .sum();
            let have = got
                .iter()
                .find(|h| h.stock_code.as_str() == code)
                .map(|h| h.balance);
            // A stock that never moved up to `d` is not held at all.
            let moved = case
                .history
                .iter()
                .any(|(on, st, ..)| *on <= d && *st == idx);
            if have != moved.then_some(want) {
                return Err(format!(
                    "{code} on {d}: {have:?}, want {want} (moved: {moved})"
                ));
            }
        }
    }
    let mut month = first.with_day(1).unwrap();
    while month <= last {
        let statement = env
            .ssa
            .monthly_statement(s, month.year(), month.month())
            .await
            .map_err(|e| e.to_string())?;
        let at_end = env
            .ssa
            .holdings(s, statement.month_end, true)
            .await
            .map_err(|e| e.to_string())?;
        for line in statement
            .stocks
            .iter()
            .filter(|l| case.codes.iter().any(|c| c == l.stock_code.as_str()))
        {
            let end = at_end.iter().find(|h| h.stock_code == line.stock_code);
            if end.map(|h| h.balance) != Some(line.balance) {
                return Err(format!(
                    "{month}: monthly {} vs holdings {end:?}",
                    line.balance
                ));
            }
        }
        month = month.checked_add_months(chrono::Months::new(1)).unwrap();
    }
    let mut seen = std::collections::HashSet::new();
    let mut page = 0;
    loop {
        let p = env
            .ssa
            .movements(s, first, last, None, page)
            .await
            .map_err(|e| e.to_string())?;
        if p.total != case.history.len() as u64 {
            return Err(format!(
                "total {} for {} movements",
                p.total,
                case.history.len()
            ));
        }
        if p.movements.is_empty() {
            break;
        }
        for m in p.movements {
            if !seen.insert(m.reference.clone()) {
                return Err(format!("{} shown twice", m.reference));
            }
        }
        page += 1;
    }
    if seen.len() != case.history.len() {
        return Err(format!(
            "{} of {} movements shown",
            seen.len(),
            case.history.len()
        ));
    }
    Ok(())
}

/// For random movement sequences (proptest, shrinking to the smallest
/// failing one): balances, monthly statements and paging agree with the
/// movements. Every case uses two new stocks and dates after the previous
/// case's, in one SSA, so the cases share one login.
async fn balances_always_equal_the_sum_of_movements(env: Env) {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    ready_user(&env).await;
    env.clock.advance(chrono::Duration::minutes(1));
    let session = std::sync::Mutex::new(env.session().await);
    let next = std::sync::Mutex::new((0u32, day("2020-01-01")));
    let steps = prop::collection::vec(
        (0u8..4, 0usize..2, any::<bool>(), 1i64..5_000, any::<u64>()),
        1..130,
    );
    let mut runner = TestRunner::new(Config {
        cases: 12,
        failure_persistence: None,
        ..Config::default()
    });
    let handle = tokio::runtime::Handle::current();
    let result = runner.run(&steps, |steps| {
        let (tag, start) = {
            let mut n = next.lock().unwrap();
            n.0 += 1;
            *n
        };
        let codes = [
            format!("{:05}", 10_000 + 2 * tag),
            format!("{:05}", 10_001 + 2 * tag),
        ];
        let (case, lines) = case_lines(&steps, codes.clone(), start, tag);
        let last = case.history[case.history.len() - 1].0;
        next.lock().unwrap().1 = last.succ_opt().unwrap();
        tokio::task::block_in_place(|| {
            handle.block_on(async {
                let stock_file = format!(
                    "stock_code,name_en,name_zh_hk,name_zh_cn\n\
                     {},CASE {tag} A,甲{tag},甲{tag}\n{},CASE {tag} B,乙{tag},乙{tag}\n",
                    codes[0], codes[1]
                );
                let added = env
                    .ssa
                    .import_stocks(stock_file.as_bytes(), false, &mut |_| {})
                    .await
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(added.problem_count, 0);
                let report = movements(&env, &lines).await;
                prop_assert_eq!(report.problem_count, 0, "{:?}", report.problems);
                prop_assert_eq!(report.added, steps.len() as u64);
                let mut s = session.lock().unwrap().clone();
                check_case(&env, &mut s, &case)
                    .await
                    .map_err(TestCaseError::fail)
            })
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
