//! What a movement file may say (spec 7.1, 7.2): no balance below zero at
//! any day's close, no line back-dated or dated after today, a reference
//! used for one content only, a known SSA and stock, a balance brought
//! forward first; found across the import's chunks as in the first.

use ssa_core::domain::statements::ImportRule;

use super::{movement_count, movements, ready, rules};
use crate::common::Env;

on_both_backends!(
    a_negative_balance_on_a_middle_date_refuses_the_file,
    an_out_before_the_same_days_in_is_fine,
    a_back_dated_line_is_refused,
    a_movement_dated_after_today_is_refused,
    a_reused_reference_with_other_content_is_refused,
    an_unknown_ssa_or_stock_is_refused,
    brought_forward_must_be_first,
    repeats_across_the_import_chunks_are_found,
);

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
