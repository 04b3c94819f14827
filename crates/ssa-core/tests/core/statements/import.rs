//! Importing statement records (spec 7.2): stocks are added, renamed and
//! recognised; a movement file goes in whole or not at all, a dry run
//! writes nothing, and importing it again adds nothing.

use ssa_core::domain::statements::ImportRule;

use super::{
    day, import_movements, import_stocks, movement_count, movements, ready, rules, stocks, HEADER,
};
use crate::common::Env;

on_both_backends!(
    stocks_are_added_renamed_and_recognised,
    a_clean_movement_file_is_added_whole,
    reimporting_the_same_file_adds_nothing,
    a_dry_run_writes_nothing,
    a_bad_last_line_of_a_long_file_changes_nothing,
    the_demo_history_imports_cleanly_and_again_adds_nothing,
);

async fn stocks_are_added_renamed_and_recognised(env: Env) {
    let first = stocks(&env).await;
    assert_eq!(
        (first.added, first.already_there, first.written),
        (2, 0, true)
    );
    let again = stocks(&env).await;
    assert_eq!((again.added, again.already_there), (0, 2));
    let renamed_file =
        "stock_code,name_en,name_zh_hk,name_zh_cn\n00700,TENCENT HOLDINGS,騰訊控股,腾讯控股\n";
    let renamed = import_stocks(&env, renamed_file.as_bytes(), false).await;
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
        .scalar(
            "SELECT closing FROM balances WHERE stock_code = '00700' AND settled_on = '2026-01-05'",
        )
        .await;
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

async fn a_dry_run_writes_nothing(env: Env) {
    ready(&env).await;
    let report = import_movements(
        &env,
        format!("{HEADER}2026-01-05,C00088,01,00700,BF,100,,R1\n").as_bytes(),
        true,
    )
    .await;
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

async fn the_demo_history_imports_cleanly_and_again_adds_nothing(env: Env) {
    use ssa_core::demo::{movements_csv, stocks_csv, DemoPart};
    env.provision_default().await;
    // The test clock's day: no movement is imported before it is settled.
    let end = day("2026-11-26");
    let s = import_stocks(&env, stocks_csv().as_bytes(), false).await;
    assert_eq!((s.added, s.problem_count), (15, 0));
    for part in [DemoPart::Earlier, DemoPart::Latest] {
        let report = import_movements(
            &env,
            movements_csv("C00088", "01", end, part).as_bytes(),
            false,
        )
        .await;
        assert_eq!(report.problem_count, 0, "{:?}", report.problems);
        assert!(report.written);
    }
    let again = import_movements(
        &env,
        movements_csv("C00088", "01", end, DemoPart::All).as_bytes(),
        false,
    )
    .await;
    assert_eq!(again.added, 0);
    assert_eq!(again.already_there, again.lines_read);
}
