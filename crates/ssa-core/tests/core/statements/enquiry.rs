//! The holdings and movements enquiries (spec 7.3): holdings on a date,
//! movements newest first and filtered, a filter's length, new movements
//! since the last login; only the session's own SSA, and only while the
//! session lives.

use super::{at_home_with_history, day, held, holdings_on, movements, page_of_2026};
use crate::common::{register_on, Env};

on_both_backends!(
    holdings_on_a_date_hide_zero_unless_asked,
    movements_newest_first_filtered_by_code_or_any_name,
    a_stock_filter_longer_than_any_name_is_said,
    another_ssa_is_never_reachable,
    an_ended_session_gets_no_statement_data,
    new_movements_since_the_last_login_are_counted,
);

async fn holdings_on_a_date_hide_zero_unless_asked(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let before = holdings_on(&env, &mut s, "2026-01-01", true).await;
    assert!(before.is_empty());
    let on_5th = holdings_on(&env, &mut s, "2026-01-05", false).await;
    let got = held(&on_5th);
    assert_eq!(got, vec![("00005", 800), ("00700", 600)]);
    assert_eq!(on_5th[1].names.zh_hk, "騰訊控股");
    let later = holdings_on(&env, &mut s, "2026-03-01", false).await;
    assert_eq!(later.len(), 1, "HSBC sold to zero is hidden");
    let with_zero = holdings_on(&env, &mut s, "2026-03-01", true).await;
    assert_eq!(with_zero.len(), 2);
    assert_eq!(with_zero[0].balance, 0);
}

async fn movements_newest_first_filtered_by_code_or_any_name(env: Env) {
    let mut s = at_home_with_history(&env).await;
    let all = page_of_2026(&env, &mut s, 0).await;
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

async fn another_ssa_is_never_reachable(env: Env) {
    let mut mine = at_home_with_history(&env).await;
    // A second SSA of the same participant, with its own ID and movements.
    env.provision("87654321", "C00088", "02", "33334444").await;
    let other = ["87654321", "C00088", "02"];
    register_on(&env.ssa, other, "33334444", "other001", "abcdefghij123")
        .await
        .unwrap();
    movements(&env, "2026-01-03,C00088,02,00700,BF,5,,R1\n").await;
    let mine_now = holdings_on(&env, &mut mine, "2026-12-31", true).await;
    assert!(mine_now.iter().all(|h| h.balance != 5));
    let page = page_of_2026(&env, &mut mine, 0).await;
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
    let mut idle = env.session().await;
    env.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        env.ssa
            .movements(&mut idle, day("2026-01-01"), day("2026-12-31"), None, 0)
            .await
            .unwrap_err(),
        ssa_core::SsaError::SessionEnded
    );
}

async fn new_since_last_login(env: &Env, s: &mut ssa_core::Session) -> u64 {
    env.ssa.new_movements_since_last_login(s).await.unwrap()
}

async fn new_movements_since_the_last_login_are_counted(env: Env) {
    let mut first = at_home_with_history(&env).await;
    // ready_user's login was the first; this session's previous login is it,
    // and all four movements arrived after it.
    assert_eq!(new_since_last_login(&env, &mut first).await, 4);
    env.clock.advance(chrono::Duration::minutes(1));
    let mut second = env.session().await;
    assert_eq!(new_since_last_login(&env, &mut second).await, 0);
    env.clock.advance(chrono::Duration::minutes(1));
    movements(&env, "2026-03-02,C00088,01,00700,DEP,5,,R9\n").await;
    env.clock.advance(chrono::Duration::minutes(1));
    let mut third = env.session().await;
    assert_eq!(new_since_last_login(&env, &mut third).await, 1);
}
