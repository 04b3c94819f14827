//! Statements (spec 7): the operator's import of statement records (spec
//! 7.2), and what the investor reads (spec 7.3): holdings and movements,
//! daily and monthly statements, paging and export. Each file holds one
//! area's rules; the setups they share are here.

use ssa_core::domain::statements::ImportRule;
use ssa_core::ImportReport;

use crate::common::{ready_user, Env};

mod balances;
mod daily_and_monthly;
mod enquiry;
mod import;
mod import_format;
mod import_rules;
mod paging;

const STOCKS: &str = "stock_code,name_en,name_zh_hk,name_zh_cn\n\
00700,TENCENT,騰訊控股,腾讯控股\n\
00005,HSBC HOLDINGS,滙豐控股,汇丰控股\n";

const HEADER: &str =
    "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n";

/// Imports a stock file; a dry run writes nothing.
async fn import_stocks(env: &Env, file: &[u8], dry_run: bool) -> ImportReport {
    env.ssa
        .import_stocks(file, dry_run, &mut |_| {})
        .await
        .unwrap()
}

/// Imports a movement file as it is, header and all; a dry run writes nothing.
async fn import_movements(env: &Env, file: &[u8], dry_run: bool) -> ImportReport {
    env.ssa
        .import_movements(file, dry_run, &mut |_| {})
        .await
        .unwrap()
}

async fn stocks(env: &Env) -> ImportReport {
    import_stocks(env, STOCKS.as_bytes(), false).await
}

async fn movements(env: &Env, lines: &str) -> ImportReport {
    import_movements(env, format!("{HEADER}{lines}").as_bytes(), false).await
}

async fn ready(env: &Env) {
    env.provision_default().await; // SSA C00088 / 01
    stocks(env).await;
}

fn rules(report: &ImportReport) -> Vec<(u64, &'static str, ImportRule)> {
    report
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.rule.clone()))
        .collect()
}

async fn movement_count(env: &Env) -> i64 {
    env.scalar("SELECT COUNT(*) FROM movements").await
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// abcd1234 logged in at home, with stocks and a short history.
async fn at_home_with_history(env: &Env) -> ssa_core::Session {
    ready_user(env).await;
    env.clock.advance(chrono::Duration::minutes(1));
    stocks(env).await;
    let report = movements(
        env,
        "2026-01-02,C00088,01,00700,BF,1000,,R1\n\
         2026-01-05,C00088,01,00700,CNS,,400,R2\n\
         2026-01-05,C00088,01,00005,DEP,800,,R3\n\
         2026-02-10,C00088,01,00005,WDL,,800,R4\n",
    )
    .await;
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    env.clock.advance(chrono::Duration::minutes(1));
    env.session().await
}

/// The session's holdings on `date`, those at zero too when asked.
async fn holdings_on(
    env: &Env,
    s: &mut ssa_core::Session,
    date: &str,
    with_zero: bool,
) -> Vec<ssa_core::Holding> {
    env.ssa.holdings(s, day(date), with_zero).await.unwrap()
}

/// Each holding as (stock code, balance).
fn held(holdings: &[ssa_core::Holding]) -> Vec<(&str, i64)> {
    holdings
        .iter()
        .map(|h| (h.stock_code.as_str(), h.balance))
        .collect()
}

/// Page `page` of the session's movements in 2026, unfiltered.
async fn page_of_2026(env: &Env, s: &mut ssa_core::Session, page: u32) -> ssa_core::MovementPage {
    env.ssa
        .movements(s, day("2026-01-01"), day("2026-12-31"), None, page)
        .await
        .unwrap()
}
