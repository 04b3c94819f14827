//! A big statement history made fast, for the benchmarks that measure
//! enquiries against database size (`statement_scale`, and ssa-server's
//! load generator in its `scale` mode): SSAs `C00000`… / `01`, each with
//! `PER_SSA` movements over `STOCKS` stocks (13 a day from `first_day`,
//! three ins to one out) and their closing balances, written with bulk
//! `INSERT ... SELECT` (a recursive CTE on SQLite, `generate_series` on
//! PostgreSQL), not through the import.

use chrono::NaiveDate;
use ssa_core::Ssa;

pub const PER_SSA: i64 = 10_000;
pub const STOCKS: i64 = 20;

/// The stocks, then the movements and balances of SSAs `ssas`, 100 SSAs a
/// statement (the set-up shows progress on standard error).
pub async fn fill(ssa: &Ssa, postgres: bool, ssas: std::ops::Range<i64>, first_day: NaiveDate) {
    let store = ssa.store();
    for s in 1..=STOCKS {
        store
            .execute_raw(&format!(
                "INSERT INTO stocks (stock_code, name_en, name_zh_hk, name_zh_cn, updated_at) \
                 VALUES ('{s:05}', 'Bench Holdings {s}', '基準控股{s}', '基准控股{s}', 0)"
            ))
            .await
            .expect("stock");
    }
    let base = first_day.format("%Y-%m-%d");
    let mut lo = ssas.start;
    while lo < ssas.end {
        let hi = (lo + 100).min(ssas.end);
        let (rows, date, from) = if postgres {
            (
                String::new(),
                format!(
                    "to_char(DATE '{base}' + CAST((i % {PER_SSA}) / 13 AS INTEGER), 'YYYY-MM-DD')"
                ),
                format!(
                    "generate_series(CAST({} AS BIGINT), {}) AS n(i)",
                    lo * PER_SSA,
                    hi * PER_SSA - 1
                ),
            )
        } else {
            (
                format!(
                    "WITH RECURSIVE n(i) AS (SELECT {} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {}) ",
                    lo * PER_SSA,
                    hi * PER_SSA
                ),
                format!("date('{base}', '+' || ((i % {PER_SSA}) / 13) || ' days')"),
                "n".to_owned(),
            )
        };
        store
            .execute_raw(&format!(
                "{rows}INSERT INTO movements (participant_id, ssa_number, settled_on, stock_code, kind, \
                 quantity_in, quantity_out, reference, imported_at) \
                 SELECT 'C' || substr(CAST(100000 + i / {PER_SSA} AS TEXT), 2), '01', {date}, \
                 substr(CAST(100001 + i % {STOCKS} AS TEXT), 2), \
                 CASE WHEN (i / {STOCKS}) % 4 = 3 THEN 'WDL' ELSE 'DEP' END, \
                 CASE WHEN (i / {STOCKS}) % 4 = 3 THEN 0 ELSE 1000 END, \
                 CASE WHEN (i / {STOCKS}) % 4 = 3 THEN 100 ELSE 0 END, \
                 'R' || (i % {PER_SSA}), 0 FROM {from}"
            ))
            .await
            .expect("movements");
        let first = format!("C{:05}", lo);
        let end = format!("C{:05}", hi);
        store
            .execute_raw(&format!(
                "INSERT INTO balances (participant_id, ssa_number, stock_code, settled_on, closing) \
                 SELECT participant_id, ssa_number, stock_code, settled_on, \
                 CAST(SUM(SUM(quantity_in - quantity_out)) OVER (PARTITION BY participant_id, \
                 ssa_number, stock_code ORDER BY settled_on) AS BIGINT) \
                 FROM movements WHERE participant_id >= '{first}' AND participant_id < '{end}' \
                 GROUP BY participant_id, ssa_number, stock_code, settled_on"
            ))
            .await
            .expect("balances");
        eprint!("\r{hi} of {} SSAs", ssas.end);
        lo = hi;
    }
    eprintln!();
    if postgres {
        // As autovacuum would after a load this size.
        store.execute_raw("ANALYZE").await.expect("analyze");
    }
}

/// An SSA basic account and a live Internet User ID on SSA `C{n:05}` / 01:
/// Basic User ID `1000{n:04}`, Internet User ID `bench{n:03}`, both
/// passwords `hash`'s, the Basic one changed already.
pub async fn investor(ssa: &Ssa, n: i64, hash: &str, now_ms: i64) {
    let store = ssa.store();
    let basic = format!("{:08}", 10_000_000 + n);
    store
        .execute_raw(&format!(
            "INSERT INTO basic_accounts (basic_user_id, participant_id, ssa_number, password_hash, \
             password_is_initial, created_at) VALUES ('{basic}', 'C{n:05}', '01', '{hash}', FALSE, 0)"
        ))
        .await
        .expect("account");
    store
        .execute_raw(&format!(
            "INSERT INTO internet_users (internet_user_id, id_key, basic_account_id, password_hash, \
             password_changed_at, created_at) SELECT 'bench{n:03}', 'BENCH{n:03}', id, '{hash}', \
             {now_ms}, {now_ms} FROM basic_accounts WHERE basic_user_id = '{basic}'"
        ))
        .await
        .expect("internet user");
}
