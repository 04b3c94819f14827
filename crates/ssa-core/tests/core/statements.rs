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
    an_unknown_ssa_or_stock_is_refused,
    brought_forward_must_be_first,
    a_dry_run_writes_nothing,
    a_bad_last_line_of_a_long_file_changes_nothing,
    a_wrong_header_or_an_empty_file_is_said,
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
