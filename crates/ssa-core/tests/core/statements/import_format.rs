//! The import's format rules (spec 7.1, 7.2): every broken field is named
//! with its line and column, the line numbers are an editor's whatever the
//! line ends, a wrong header or an empty file is said, and the report keeps
//! the earliest bad lines.

use ssa_core::domain::statements::ImportRule;

use super::{import_movements, import_stocks, movement_count, movements, ready, rules, HEADER};
use crate::common::Env;

on_both_backends!(
    every_format_rule_names_line_and_column,
    line_numbers_are_an_editors_whatever_the_line_ends,
    a_wrong_header_or_an_empty_file_is_said,
    the_report_keeps_the_earliest_bad_lines,
);

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
            let report = import_movements(&env, text.as_bytes(), true).await;
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
            let report = import_stocks(&env, stocks.as_bytes(), true).await;
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

async fn a_wrong_header_or_an_empty_file_is_said(env: Env) {
    ready(&env).await;
    let empty = import_movements(&env, &b""[..], false).await;
    assert_eq!(rules(&empty), vec![(1, "file", ImportRule::EmptyFile)]);
    let wrong = import_movements(&env, &b"date,stock\n"[..], false).await;
    assert!(matches!(
        rules(&wrong)[0],
        (1, "line", ImportRule::WrongHeader { .. })
    ));
    // A byte-order mark before the header is fine.
    let bom = import_movements(
        &env,
        format!("\u{feff}{HEADER}2026-01-05,C00088,01,00700,BF,1,,R1\n").as_bytes(),
        false,
    )
    .await;
    assert_eq!((bom.added, bom.problem_count), (1, 0));
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
