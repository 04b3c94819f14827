//! The operator's import of statement records (spec 7.2): every rule with
//! the line, column and rule it reports; all or nothing; idempotent.

use ssa_core::domain::statements::ImportRule;
use ssa_core::ImportReport;

use crate::common::Env;

on_both_backends!(
    stocks_are_added_renamed_and_recognised,
    a_clean_movement_file_is_added_whole,
    reimporting_the_same_file_adds_nothing,
    every_format_rule_names_line_and_column,
    a_negative_balance_on_a_middle_date_refuses_the_file,
    a_back_dated_line_is_refused,
    a_reused_reference_with_other_content_is_refused,
    a_movement_dated_after_today_is_refused,
    line_numbers_are_an_editors_whatever_the_line_ends,
    a_stock_filter_longer_than_any_name_is_said,
    an_unknown_ssa_or_stock_is_refused,
    brought_forward_must_be_first,
    a_dry_run_writes_nothing,
    a_bad_last_line_of_a_long_file_changes_nothing,
    a_wrong_header_or_an_empty_file_is_said,
    holdings_on_a_date_hide_zero_unless_asked,
    movements_newest_first_filtered_by_code_or_any_name,
    paging_returns_every_movement_exactly_once,
    a_movements_export_is_every_page_read_at_once,
    another_ssa_is_never_reachable,
    an_ended_session_gets_no_statement_data,
    new_movements_since_the_last_login_are_counted,
    daily_statement_lays_out_opening_movements_and_closing,
    monthly_statement_lists_every_stock_above_zero_in_the_month,
    balance_series_is_a_step_line,
    balances_always_equal_the_sum_of_movements,
    the_demo_history_imports_cleanly_and_again_adds_nothing,
    a_stock_sold_to_zero_on_the_first_is_on_that_months_statement,
    every_stock_of_a_months_daily_statements_is_on_its_monthly_statement,
    an_out_before_the_same_days_in_is_fine,
    repeats_across_the_import_chunks_are_found,
    the_report_keeps_the_earliest_bad_lines,
);

const STOCKS: &str = "stock_code,name_en,name_zh_hk,name_zh_cn\n\
00700,TENCENT,騰訊控股,腾讯控股\n\
00005,HSBC HOLDINGS,滙豐控股,汇丰控股\n";

const HEADER: &str =
    "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n";

async fn stocks(env: &Env) -> ImportReport {
    env.ssa
        .import_stocks(STOCKS.as_bytes(), false, &mut |_| {})
        .await
        .unwrap()
}

async fn movements(env: &Env, lines: &str) -> ImportReport {
    env.ssa
        .import_movements(format!("{HEADER}{lines}").as_bytes(), false, &mut |_| {})
        .await
        .unwrap()
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
    env.ssa
        .store()
        .scalar_for_tests("SELECT COUNT(*) FROM movements")
        .await
        .unwrap()
}

async fn stocks_are_added_renamed_and_recognised(env: Env) {
    let first = stocks(&env).await;
    assert_eq!(
        (first.added, first.already_there, first.written),
        (2, 0, true)
    );
    let again = stocks(&env).await;
    assert_eq!((again.added, again.already_there), (0, 2));
    let renamed = env
        .ssa
        .import_stocks(
            "stock_code,name_en,name_zh_hk,name_zh_cn\n00700,TENCENT HOLDINGS,騰訊控股,腾讯控股\n"
                .as_bytes(),
            false,
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!((renamed.added, renamed.renamed), (0, 1));
}

async fn a_clean_movement_file_is_added_whole(env: Env) {
    ready(&env).await;
    let report = movements(
        &env,
        "2026-01-02,C00088,01,00700,BF,1000,,R1\n\
         2026-01-05,c00088,01,00700,CNS,,400,R2\n\
         2026-01-05,C00088,01,00005,DEP,800,0,R3\n",
    )
    .await;
    assert_eq!(rules(&report), vec![]);
    assert_eq!(
        (report.lines_read, report.added, report.written),
        (3, 3, true)
    );
    assert_eq!(movement_count(&env).await, 3);
    let closing = env
        .ssa
        .store()
        .scalar_for_tests(
            "SELECT closing FROM balances WHERE stock_code = '00700' AND settled_on = '2026-01-05'",
        )
        .await
        .unwrap();
    assert_eq!(closing, 600);
}

async fn reimporting_the_same_file_adds_nothing(env: Env) {
    ready(&env).await;
    let mut lines = String::from("2026-01-02,C00088,01,00700,BF,100000,,B0\n");
    for i in 1..10_000 {
        let (qin, qout) = if i % 2 == 0 { ("", "7") } else { ("7", "") };
        lines.push_str(&format!(
            "2026-02-01,C00088,01,00700,ADJ,{qin},{qout},R{i}\n"
        ));
    }
    let first = movements(&env, &lines).await;
    assert_eq!((first.added, first.problem_count), (10_000, 0));
    let again = movements(&env, &lines).await;
    assert_eq!(
        (
            again.lines_read,
            again.added,
            again.already_there,
            again.written
        ),
        (10_000, 0, 10_000, true)
    );
    assert_eq!(movement_count(&env).await, 10_000);
}

async fn every_format_rule_names_line_and_column(env: Env) {
    ready(&env).await;
    let report = movements(
        &env,
        "2026-13-01,C00088,01,00700,BF,1,,R1\n\
         2026-01-02,X8,01,700,BF,1,,R2\n\
         2026-01-02,C00088,1,00700,XX,1,,R3\n\
         2026-01-02,C00088,01,00700,BF,1.5,,R 4\n\
         2026-01-02,C00088,01,00700,BF,1,1,R5\n\
         2026-01-02,C00088,01,00700,BF,1\n\
         2026-01-02,C00088,01,00700,BF,1000000000000001,,R7\n",
    )
    .await;
    let got = rules(&report);
    let has = |line: u64, column: &str, rule: &ImportRule| {
        got.iter()
            .any(|(l, c, r)| *l == line && *c == column && r == rule)
    };
    assert!(has(2, "date", &ImportRule::DateFormat), "{got:?}");
    assert!(
        has(3, "stock_code", &ImportRule::StockCodeFormat),
        "{got:?}"
    );
    assert!(got
        .iter()
        .any(|(l, c, _)| *l == 3 && *c == "participant_id"));
    assert!(has(4, "kind", &ImportRule::UnknownKind), "{got:?}");
    assert!(got.iter().any(|(l, c, _)| *l == 4 && *c == "ssa_number"));
    assert!(
        has(5, "quantity_in", &ImportRule::QuantityFormat),
        "{got:?}"
    );
    assert!(has(5, "reference", &ImportRule::ReferenceFormat), "{got:?}");
    assert!(has(6, "quantity_in", &ImportRule::InOrOut), "{got:?}");
    assert!(
        has(
            7,
            "line",
            &ImportRule::WrongColumnCount {
                expected: 8,
                found: 6
            }
        ),
        "{got:?}"
    );
    assert!(
        has(8, "quantity_in", &ImportRule::QuantityFormat),
        "{got:?}"
    );
    assert!(!report.written);
    assert_eq!(movement_count(&env).await, 0);
}

async fn a_negative_balance_on_a_middle_date_refuses_the_file(env: Env) {
    ready(&env).await;
    let report = movements(
        &env,
        "2026-01-02,C00088,01,00700,BF,100,,R1\n\
         2026-01-03,C00088,01,00700,CNS,,150,R2\n\
         2026-01-04,C00088,01,00700,DEP,500,,R3\n",
    )
    .await;
    assert_eq!(
        rules(&report),
        vec![(
            3,
            "quantity_out",
            ImportRule::NegativeBalance { balance: -50 }
        )]
    );
    assert_eq!(movement_count(&env).await, 0, "nothing of the file stays");
}

async fn a_back_dated_line_is_refused(env: Env) {
    ready(&env).await;
    movements(&env, "2026-01-05,C00088,01,00700,BF,100,,R1\n").await;
    let report = movements(&env, "2026-01-04,C00088,01,00005,DEP,10,,R2\n").await;
    assert_eq!(
        rules(&report),
        vec![(
            2,
            "date",
            ImportRule::BackDated {
                latest: "2026-01-05".into()
            }
        )]
    );
}

/// A 50 KB filter is refused beside the field with its rule, not tried in
/// the database; 200 characters (the longest name) are searched.
async fn a_stock_filter_longer_than_any_name_is_said(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let request = |stock: String| ssa_core::MovementsRequest {
        from: "2026-01-01".into(),
        to: "2026-11-26".into(),
        stock,
        ..Default::default()
    };
    let err = env
        .ssa
        .movements_enquiry(&mut s, &request("騰".repeat(50_000)))
        .await
        .unwrap_err();
    assert_eq!(
        err.field_errors(),
        [ssa_core::domain::Rule::TooLong { max: 200 }.at(ssa_core::domain::Field::StockCode)]
    );
    let page = env
        .ssa
        .movements_enquiry(&mut s, &request("x".repeat(200)))
        .await
        .unwrap();
    assert!(page.movements.is_empty());
}

/// Spec 7.1: the report's line numbers are the file's lines as an editor
/// counts them, with LF or CRLF line ends (a Windows back office writes
/// CRLF), with or without a byte-order mark, and with a quoted name that
/// spans two lines.
async fn line_numbers_are_an_editors_whatever_the_line_ends(env: Env) {
    ready(&env).await;
    for ending in ["\n", "\r\n", "\r"] {
        for bom in ["", "\u{feff}"] {
            // A blank line (line 4), which the reader skips.
            let lines = [
                HEADER.trim_end(),
                "2026-01-05,C00088,01,00700,BF,100,,R1",
                "2026-01-06,C00088,01,00700,XX,5,,R2",
                "",
                "2026-13-07,C00088,01,00700,DEP,5,,R4",
            ];
            let text = format!("{bom}{}{ending}", lines.join(ending));
            let report = env
                .ssa
                .import_movements(text.as_bytes(), true, &mut |_| {})
                .await
                .unwrap();
            assert_eq!(
                rules(&report),
                vec![
                    (3, "kind", ImportRule::UnknownKind),
                    (5, "date", ImportRule::DateFormat)
                ],
                "line ends {ending:?}, BOM {:?}",
                !bom.is_empty()
            );
            // The stock file: a name in quotes over two lines, then a bad code.
            let stocks = format!(
                "{bom}stock_code,name_en,name_zh_hk,name_zh_cn{ending}\
                 00005,\"HSBC{ending}HOLDINGS\",滙豐控股,汇丰控股{ending}\
                 0700,TENCENT,騰訊控股,腾讯控股{ending}"
            );
            let report = env
                .ssa
                .import_stocks(stocks.as_bytes(), true, &mut |_| {})
                .await
                .unwrap();
            let found: Vec<(u64, &str)> =
                report.problems.iter().map(|p| (p.line, p.column)).collect();
            assert!(
                found.contains(&(4, "stock_code")),
                "line ends {ending:?}, BOM {:?}: {found:?}",
                !bom.is_empty()
            );
        }
    }
}

/// Spec 7.1: a movement dated after today (Hong Kong) is refused; a line
/// dated 2099 would otherwise freeze the SSA's feed for good.
async fn a_movement_dated_after_today_is_refused(env: Env) {
    ready(&env).await;
    // The test clock: Thursday 26 November 2026, 10:00 in Hong Kong.
    let report = movements(
        &env,
        "2026-11-26,C00088,01,00700,BF,100,,R1\n\
         2026-11-27,C00088,01,00700,DEP,5,,R2\n\
         2099-01-01,C00088,01,00700,DEP,5,,R3\n",
    )
    .await;
    let today = ImportRule::InFuture {
        today: "2026-11-26".into(),
    };
    assert_eq!(
        rules(&report),
        vec![(3, "date", today.clone()), (4, "date", today)]
    );
    assert_eq!(movement_count(&env).await, 0, "nothing of the file stays");
    // The next day the same line is today's, and goes in.
    env.clock.advance(chrono::Duration::days(1));
    let report = movements(
        &env,
        "2026-11-26,C00088,01,00700,BF,100,,R1\n2026-11-27,C00088,01,00700,DEP,5,,R2\n",
    )
    .await;
    assert!(report.problems.is_empty(), "{report:?}");
    assert_eq!(movement_count(&env).await, 2);
}

async fn a_reused_reference_with_other_content_is_refused(env: Env) {
    ready(&env).await;
    movements(&env, "2026-01-05,C00088,01,00700,BF,100,,R1\n").await;
    let report = movements(&env, "2026-01-06,C00088,01,00700,DEP,5,,R1\n").await;
    assert_eq!(
        rules(&report),
        vec![(2, "reference", ImportRule::ReferenceReused)]
    );
}

async fn an_unknown_ssa_or_stock_is_refused(env: Env) {
    ready(&env).await;
    let report = movements(
        &env,
        "2026-01-05,C00099,01,00700,BF,100,,R1\n\
         2026-01-05,C00088,01,09999,BF,100,,R2\n",
    )
    .await;
    assert_eq!(
        rules(&report),
        vec![
            (2, "participant_id", ImportRule::UnknownSsa),
            (3, "stock_code", ImportRule::UnknownStock)
        ]
    );
}

async fn brought_forward_must_be_first(env: Env) {
    ready(&env).await;
    let report = movements(
        &env,
        "2026-01-05,C00088,01,00700,DEP,100,,R1\n\
         2026-01-06,C00088,01,00700,BF,100,,R2\n",
    )
    .await;
    assert_eq!(
        rules(&report),
        vec![(3, "kind", ImportRule::BroughtForwardNotFirst)]
    );
}

async fn a_dry_run_writes_nothing(env: Env) {
    ready(&env).await;
    let report = env
        .ssa
        .import_movements(
            format!("{HEADER}2026-01-05,C00088,01,00700,BF,100,,R1\n").as_bytes(),
            true,
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!((report.added, report.written), (1, false));
    assert_eq!(movement_count(&env).await, 0);
}

async fn a_bad_last_line_of_a_long_file_changes_nothing(env: Env) {
    ready(&env).await;
    let mut lines = String::from("2026-01-02,C00088,01,00700,BF,1000000,,B0\n");
    for i in 1..99_997 {
        lines.push_str(&format!("2026-01-03,C00088,01,00700,CNS,,1,R{i}\n"));
    }
    // Line 99,999 of the file (the header is line 1).
    lines.push_str("2026-01-03,C00088,01,00700,CNS,,1,R 99999\n");
    let report = movements(&env, &lines).await;
    assert_eq!(
        rules(&report),
        vec![(99_999, "reference", ImportRule::ReferenceFormat)]
    );
    assert_eq!(report.lines_read, 99_998);
    assert_eq!(movement_count(&env).await, 0);
}

async fn a_wrong_header_or_an_empty_file_is_said(env: Env) {
    ready(&env).await;
    let empty = env
        .ssa
        .import_movements(&b""[..], false, &mut |_| {})
        .await
        .unwrap();
    assert_eq!(rules(&empty), vec![(1, "file", ImportRule::EmptyFile)]);
    let wrong = env
        .ssa
        .import_movements(&b"date,stock\n"[..], false, &mut |_| {})
        .await
        .unwrap();
    assert!(matches!(
        rules(&wrong)[0],
        (1, "line", ImportRule::WrongHeader { .. })
    ));
    // A byte-order mark before the header is fine.
    let bom = env
        .ssa
        .import_movements(
            format!("\u{feff}{HEADER}2026-01-05,C00088,01,00700,BF,1,,R1\n").as_bytes(),
            false,
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!((bom.added, bom.problem_count), (1, 0));
}

// ---- what the investor reads (spec 7.3) ----------------------------------

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// abcd1234 logged in at home, with stocks and a short history.
async fn at_home_with_history(env: &Env) -> ssa_core::Session {
    crate::login::ready_user(env).await;
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
    env.login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session
}

async fn holdings_on_a_date_hide_zero_unless_asked(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let before = env
        .ssa
        .holdings(&mut s, day("2026-01-01"), true)
        .await
        .unwrap();
    assert!(before.is_empty());
    let on_5th = env
        .ssa
        .holdings(&mut s, day("2026-01-05"), false)
        .await
        .unwrap();
    let got: Vec<(&str, i64)> = on_5th
        .iter()
        .map(|h| (h.stock_code.as_str(), h.balance))
        .collect();
    assert_eq!(got, vec![("00005", 800), ("00700", 600)]);
    assert_eq!(on_5th[1].names.zh_hk, "騰訊控股");
    let later = env
        .ssa
        .holdings(&mut s, day("2026-03-01"), false)
        .await
        .unwrap();
    assert_eq!(later.len(), 1, "HSBC sold to zero is hidden");
    let with_zero = env
        .ssa
        .holdings(&mut s, day("2026-03-01"), true)
        .await
        .unwrap();
    assert_eq!(with_zero.len(), 2);
    assert_eq!(with_zero[0].balance, 0);
}

async fn movements_newest_first_filtered_by_code_or_any_name(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let all = env
        .ssa
        .movements(&mut s, day("2026-01-01"), day("2026-12-31"), None, 0)
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    let refs: Vec<&str> = all.movements.iter().map(|m| m.reference.as_str()).collect();
    assert_eq!(refs, vec!["R4", "R3", "R2", "R1"]);
    for filter in ["00700", "tenc", "TENCENT", "騰訊", "腾讯"] {
        let page = env
            .ssa
            .movements(
                &mut s,
                day("2026-01-01"),
                day("2026-12-31"),
                Some(filter),
                0,
            )
            .await
            .unwrap();
        assert_eq!(page.total, 2, "{filter}");
        assert!(page
            .movements
            .iter()
            .all(|m| m.stock_code.as_str() == "00700"));
    }
    let january = env
        .ssa
        .movements(&mut s, day("2026-01-05"), day("2026-01-31"), None, 0)
        .await
        .unwrap();
    assert_eq!(january.total, 2);
    let none = env
        .ssa
        .movements(&mut s, day("2026-01-01"), day("2026-12-31"), Some("%"), 0)
        .await
        .unwrap();
    assert_eq!(
        none.total, 0,
        "a % in the filter is a character, not a wildcard"
    );
}

/// abcd1234 logged in, its SSA with 250 movements in January 2026 (three
/// pages' worth).
async fn two_hundred_fifty_movements(env: &Env) -> ssa_core::Session {
    crate::login::ready_user(env).await;
    stocks(env).await;
    let mut lines = String::from("2026-01-02,C00088,01,00700,BF,100000,,B0\n");
    for i in 1..250 {
        lines.push_str(&format!(
            "2026-01-{:02},C00088,01,00700,ADJ,1,,R{i}\n",
            2 + i / 20
        ));
    }
    movements(env, &lines).await;
    env.login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session
}

/// Page `page` of the session's movements in 2026, unfiltered.
async fn page_of_2026(env: &Env, s: &mut ssa_core::Session, page: u32) -> ssa_core::MovementPage {
    env.ssa
        .movements(s, day("2026-01-01"), day("2026-12-31"), None, page)
        .await
        .unwrap()
}

async fn paging_returns_every_movement_exactly_once(env: Env) {
    let mut s = two_hundred_fifty_movements(&env).await;
    let mut seen = std::collections::HashSet::new();
    for page in 0..3 {
        let p = page_of_2026(&env, &mut s, page).await;
        assert_eq!(p.total, 250);
        assert_eq!(p.movements.len(), [100, 100, 50][page as usize]);
        for m in p.movements {
            assert!(seen.insert(m.reference), "a movement shown twice");
        }
    }
    assert_eq!(seen.len(), 250);
}

/// The export reads every page in one statement, so one snapshot: it is the
/// pages one after another, each movement once, and an import that commits
/// after it is in the next export whole.
async fn a_movements_export_is_every_page_read_at_once(env: Env) {
    use ssa_core::{Export, ExportRequest, MovementsRequest};
    let mut s = two_hundred_fifty_movements(&env).await;
    let request = ExportRequest::Movements {
        request: MovementsRequest {
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
            stock: String::new(),
            page: 0,
            new_only: false,
        },
    };
    let exported = |e: Export| match e {
        Export::Movements { movements, .. } => movements
            .into_iter()
            .map(|m| m.reference)
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let first = exported(env.ssa.statement_export(&mut s, &request).await.unwrap());
    let mut pages = Vec::new();
    for page in 0..3 {
        let p = page_of_2026(&env, &mut s, page).await;
        pages.extend(p.movements.into_iter().map(|m| m.reference));
    }
    assert_eq!(first, pages);
    let distinct: std::collections::HashSet<_> = first.iter().collect();
    assert_eq!(distinct.len(), 250);

    movements(&env, "2026-02-01,C00088,01,00700,ADJ,1,,N1\n").await;
    let second = exported(env.ssa.statement_export(&mut s, &request).await.unwrap());
    assert_eq!(second.len(), 251);
    assert_eq!(second[0], "N1");
    assert_eq!(second[1..], first[..]);
}

async fn another_ssa_is_never_reachable(env: Env) {
    let mut mine = at_home_with_history(&env).await;
    // A second SSA of the same participant, with its own ID and movements.
    env.provision("87654321", "C00088", "02", "33334444").await;
    let form = crate::common::form_for(
        &env.ssa,
        "87654321",
        "C00088",
        "02",
        "other001",
        "abcdefghij123",
    );
    let pending = env.ssa.submit_registration(&form).await.unwrap();
    env.ssa
        .confirm_registration(&pending, &crate::common::secret("33334444"))
        .await
        .unwrap();
    movements(&env, "2026-01-03,C00088,02,00700,BF,5,,R1\n").await;
    let mine_now = env
        .ssa
        .holdings(&mut mine, day("2026-12-31"), true)
        .await
        .unwrap();
    assert!(mine_now.iter().all(|h| h.balance != 5));
    let page = env
        .ssa
        .movements(&mut mine, day("2026-01-01"), day("2026-12-31"), None, 0)
        .await
        .unwrap();
    assert_eq!(page.total, 4, "only my own four movements");
}

async fn an_ended_session_gets_no_statement_data(env: Env) {
    let mut s = at_home_with_history(&env).await;
    env.ssa.logout(&mut s).await.unwrap();
    assert_eq!(
        env.ssa
            .holdings(&mut s, day("2026-03-01"), true)
            .await
            .unwrap_err(),
        ssa_core::SsaError::SessionEnded
    );
    let mut idle = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    env.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        env.ssa
            .movements(&mut idle, day("2026-01-01"), day("2026-12-31"), None, 0)
            .await
            .unwrap_err(),
        ssa_core::SsaError::SessionEnded
    );
}

async fn new_movements_since_the_last_login_are_counted(env: Env) {
    let mut first = at_home_with_history(&env).await;
    // ready_user's login was the first; this session's previous login is it,
    // and all four movements arrived after it.
    assert_eq!(
        env.ssa
            .new_movements_since_last_login(&mut first)
            .await
            .unwrap(),
        4
    );
    env.clock.advance(chrono::Duration::minutes(1));
    let mut second = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    assert_eq!(
        env.ssa
            .new_movements_since_last_login(&mut second)
            .await
            .unwrap(),
        0
    );
    env.clock.advance(chrono::Duration::minutes(1));
    movements(&env, "2026-03-02,C00088,01,00700,DEP,5,,R9\n").await;
    env.clock.advance(chrono::Duration::minutes(1));
    let mut third = env
        .login("abcd1234", "abcdefghij123")
        .await
        .unwrap()
        .session;
    assert_eq!(
        env.ssa
            .new_movements_since_last_login(&mut third)
            .await
            .unwrap(),
        1
    );
}

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
    let rows: Vec<(&str, i64)> = feb
        .stocks
        .iter()
        .map(|h| (h.stock_code.as_str(), h.balance))
        .collect();
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
    crate::login::ready_user(&env).await;
    env.clock.advance(chrono::Duration::minutes(1));
    let session = std::sync::Mutex::new(
        env.login("abcd1234", "abcdefghij123")
            .await
            .unwrap()
            .session,
    );
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

async fn the_demo_history_imports_cleanly_and_again_adds_nothing(env: Env) {
    use ssa_core::demo::{movements_csv, stocks_csv, DemoPart};
    env.provision_default().await;
    // The test clock's day: no movement is imported before it is settled.
    let end = day("2026-11-26");
    let s = env
        .ssa
        .import_stocks(stocks_csv().as_bytes(), false, &mut |_| {})
        .await
        .unwrap();
    assert_eq!((s.added, s.problem_count), (15, 0));
    for part in [DemoPart::Earlier, DemoPart::Latest] {
        let report = env
            .ssa
            .import_movements(
                movements_csv("C00088", "01", end, part).as_bytes(),
                false,
                &mut |_| {},
            )
            .await
            .unwrap();
        assert_eq!(report.problem_count, 0, "{:?}", report.problems);
        assert!(report.written);
    }
    let again = env
        .ssa
        .import_movements(
            movements_csv("C00088", "01", end, DemoPart::All).as_bytes(),
            false,
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(again.already_there, again.lines_read);
}

/// Spec 7.3 (decided 2026-12-04): a stock sold to zero on the 1st was above
/// zero when the month began, so it is on that month's statement with 0,
/// as the daily statement of the 1st shows it going from 600 to 0.
async fn a_stock_sold_to_zero_on_the_first_is_on_that_months_statement(env: Env) {
    let mut s = at_home_with_history(&env).await;
    movements(&env, "2026-03-01,C00088,01,00700,CNS,,600,R10\n").await;
    let march = env.ssa.monthly_statement(&mut s, 2026, 3).await.unwrap();
    let listed: Vec<(&str, i64)> = march
        .stocks
        .iter()
        .map(|h| (h.stock_code.as_str(), h.balance))
        .collect();
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

async fn an_out_before_the_same_days_in_is_fine(env: Env) {
    ready(&env).await;
    // The balance on a date is the sum of the day's movements: the order of
    // lines within one day does not matter.
    let report = movements(
        &env,
        "2026-01-02,C00088,01,00700,BF,100,,R1\n\
         2026-01-03,C00088,01,00700,CNS,,150,R2\n\
         2026-01-03,C00088,01,00700,DEP,100,,R3\n",
    )
    .await;
    assert_eq!(rules(&report), vec![]);
    assert!(report.written);
    // A day that closes below zero is refused at its last line.
    let report = movements(
        &env,
        "2026-01-04,C00088,01,00700,CNS,,30,R4\n\
         2026-01-04,C00088,01,00700,CNS,,30,R5\n",
    )
    .await;
    assert_eq!(
        rules(&report),
        vec![(
            3,
            "quantity_out",
            ImportRule::NegativeBalance { balance: -10 }
        )]
    );
}

/// The import reads 1,000 lines at a time: a reference repeated in a later
/// chunk is found as already there (same content) or reused (other content),
/// and a back-dated line or a second balance brought forward in a later
/// chunk is refused, as in the first.
async fn repeats_across_the_import_chunks_are_found(env: Env) {
    ready(&env).await;
    let mut lines = String::from("2026-01-02,C00088,01,00700,BF,100,,R0\n");
    for i in 1..1500 {
        lines.push_str(&format!("2026-01-05,C00088,01,00700,DEP,10,,R{i}\n"));
    }
    // Line 1,502 of the file (header first) repeats R10 exactly.
    lines.push_str("2026-01-05,C00088,01,00700,DEP,10,,R10\n");
    let report = movements(&env, &lines).await;
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    assert_eq!((report.added, report.already_there), (1500, 1));

    let mut again = String::new();
    for i in 0..1200 {
        again.push_str(&format!("2026-01-06,C00088,01,00700,DEP,1,,S{i}\n"));
    }
    again.push_str("2026-01-06,C00088,01,00700,DEP,99,,S5\n"); // line 1,202: S5, other content
    again.push_str("2026-01-02,C00088,01,00700,DEP,1,,S9999\n"); // line 1,203: back-dated
    again.push_str("2026-01-07,C00088,01,00700,BF,5,,S9998\n"); // line 1,204: BF not first
    let report = movements(&env, &again).await;
    assert_eq!(
        rules(&report),
        vec![
            (1202, "reference", ImportRule::ReferenceReused),
            (
                1203,
                "date",
                ImportRule::BackDated {
                    latest: "2026-01-06".into()
                }
            ),
            (1204, "kind", ImportRule::BroughtForwardNotFirst),
        ]
    );
    assert_eq!(report.added, 0);
    assert_eq!(
        movement_count(&env).await,
        1500,
        "the refused file wrote nothing"
    );
}

async fn the_report_keeps_the_earliest_bad_lines(env: Env) {
    ready(&env).await;
    // 150 bad kinds, then a day that closes below zero on line 2: found
    // last (when its day closes), reported first.
    let mut lines = String::from("2026-01-02,C00088,01,00700,WDL,,5,N1\n");
    for i in 0..150 {
        lines.push_str(&format!("2026-01-03,C00088,01,00700,XX,1,,K{i}\n"));
    }
    let report = movements(&env, &lines).await;
    assert_eq!(report.problem_count, 151);
    assert_eq!(report.problems.len(), 100);
    assert_eq!(report.problems[0].line, 2);
    assert!(matches!(
        report.problems[0].rule,
        ImportRule::NegativeBalance { balance: -5 }
    ));
    assert_eq!(
        report.problems[99].line, 101,
        "the 99 earliest bad kinds follow"
    );
}
