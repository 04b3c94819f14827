//! The statement commands on the demo history: what they read, how a bad
//! date is named, and that no request reaches another SSA's data. Test
//! build only (`--features e2e-captcha`): each one registers.

use std::sync::Arc;

use secrecy::SecretString;
use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;

use crate::common::{
    change_basic_password, demo_at_home, fixed_code_demo, logged_in_at_home, register, shell,
    shell_in, Investor,
};

#[tokio::test]
async fn demo_mode_makes_a_statement_history_and_delivers_its_latest_after_login() {
    let s = shell(fixed_code_demo()).await;
    let imports = |entries: &[ssa_core::AuditEntry]| {
        entries
            .iter()
            .filter(|e| e.kind == "movements-imported")
            .count()
    };
    let at_start = s.state.audit_for_tests(50).await;
    // One file per demo SSA (the account to register with, and the ready
    // login's): the history but its last movements.
    assert_eq!(imports(&at_start), 2, "the history but its last movements");
    assert!(at_start.iter().any(|e| e.kind == "stocks-imported"));
    logged_in_at_home(&s).await;
    let after_login = s.state.audit_for_tests(50).await;
    assert_eq!(imports(&after_login), 4, "the latest movements arrived");
}

#[tokio::test]
async fn statement_screens_read_the_demo_history_in_the_readers_language() {
    let s = demo_at_home().await;
    let today = "2026-11-26";
    let holdings = s.state.holdings(today, false).await.unwrap();
    assert!(!holdings.stocks.is_empty(), "the demo account holds stocks");
    assert!(holdings.stocks.iter().all(|h| h.balance != "0"));
    let with_zero = s.state.holdings(today, true).await.unwrap();
    assert!(
        with_zero.stocks.len() > holdings.stocks.len(),
        "some demo stocks were sold to zero"
    );
    let tencent = |v: &ssa_desktop::statements::HoldingsView| {
        v.stocks
            .iter()
            .find(|h| h.code == "00700")
            .map(|h| h.name.clone())
    };
    assert_eq!(tencent(&with_zero).as_deref(), Some("TENCENT"));
    s.state.set_language(Language::TraditionalChinese);
    let zh = s.state.holdings(today, true).await.unwrap();
    assert_eq!(tencent(&zh).as_deref(), Some("騰訊控股"));
    s.state.set_language(Language::English);

    // Every daily statement of the month adds up: opening + in - out = closing.
    let dates = s.state.statement_dates("2026-11").await.unwrap();
    assert!(!dates.is_empty());
    for date in &dates {
        let daily = s.state.daily_statement(date).await.unwrap();
        assert!(!daily.stocks.is_empty());
        assert_eq!(daily.header.participant_id, "C00088");
        for stock in &daily.stocks {
            let moved: i64 = stock
                .movements
                .iter()
                .map(|m| {
                    m.quantity_in.parse::<i64>().unwrap() - m.quantity_out.parse::<i64>().unwrap()
                })
                .sum();
            assert_eq!(
                stock.opening.parse::<i64>().unwrap() + moved,
                stock.closing.parse::<i64>().unwrap(),
                "{date} {}",
                stock.code
            );
            assert!(stock.movements.iter().all(|m| !m.kind_name.is_empty()
                && m.kind_name != format!("kind-{}", m.kind.to_lowercase())));
        }
    }
    let monthly = s.state.monthly_statement("2026-10").await.unwrap();
    assert_eq!(monthly.month_end, "2026-10-31");
    let page = s
        .state
        .movements(&ssa_core::MovementsRequest {
            from: "2023-01-01".into(),
            to: today.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(page.total > 100, "three years of movements");
    assert_eq!(page.movements.len(), 100);
    assert_eq!(page.page_size, 100);
    let series = s
        .state
        .balance_series(&ssa_core::SeriesRequest {
            stock: "00700".into(),
            from: "2024-01-01".into(),
            to: today.into(),
        })
        .await
        .unwrap();
    assert!(series.len() > 1);
    let home = s.state.home().await.unwrap();
    assert!(
        home.new_movements > 0,
        "the latest demo movements arrived after the first login"
    );
    assert!(home
        .new_movements_text
        .unwrap()
        .contains(&home.new_movements.to_string()));
}

#[tokio::test]
async fn a_bad_date_or_month_is_named_in_the_readers_language() {
    let s = demo_at_home().await;
    let e = s.state.holdings("2026-02-30", false).await.unwrap_err();
    assert_eq!(e.fields.len(), 1);
    assert_eq!(e.fields[0].field, "date");
    assert!(
        e.fields[0].message.contains("YYYY-MM-DD"),
        "{}",
        e.fields[0].message
    );
    let e = s
        .state
        .movements(&ssa_core::MovementsRequest {
            from: "2026-11-20".into(),
            to: "2026-11-01".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "to-date");
    s.state.set_language(Language::SimplifiedChinese);
    let e = s.state.monthly_statement("2026/11").await.unwrap_err();
    assert_eq!(e.fields[0].field, "month");
    assert!(
        e.fields[0].message.starts_with("月份"),
        "{}",
        e.fields[0].message
    );
    let e = s
        .state
        .balance_series(&ssa_core::SeriesRequest {
            stock: "700".into(),
            from: "2026-01-01".into(),
            to: "2026-11-01".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "stock-code");
}

/// A second investor on the demo database, with an SSA of its own: no
/// command ever shows it the demo SSA's data, whatever the window sends.
#[tokio::test]
async fn the_window_never_reaches_another_ssas_data() {
    use ssa_core::Ssa;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let data_dir = dir.path().to_path_buf();
    let settings = Settings {
        database_url: Some(url.clone()),
        ..fixed_code_demo()
    };
    let s = shell_in(settings, data_dir, dir).await;
    let state = &s.state;
    // The operator provisions a second SSA and feeds it one movement.
    let operator = Ssa::open(&url, Arc::new(s.secrets.clone()), s.clock.clone())
        .await
        .unwrap();
    operator
        .provision_basic_account("87654321", "C00099", "02", &SecretString::from("33334444"))
        .await
        .unwrap();
    let report = operator
        .import_movements(
            "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
             2026-11-02,C00099,02,00005,BF,500,,OWN1\n"
                .as_bytes(),
            false,
            &mut |_| {},
        )
        .await
        .unwrap();
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    let other = Investor {
        basic_user_id: "87654321",
        participant_id: "C00099",
        ssa_number: "02",
        basic_password: "33334444",
        internet_user_id: "other999",
    };
    register(state, other).await;
    state
        .login("other999", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    change_basic_password(state, "33334444", "44445555").await;

    let holdings = state.holdings("2026-11-26", true).await.unwrap();
    let codes: Vec<&str> = holdings.stocks.iter().map(|h| h.code.as_str()).collect();
    assert_eq!(codes, ["00005"]);
    assert_eq!(holdings.stocks[0].balance, "500");
    // A crafted request naming the demo SSA: the extra fields are ignored,
    // the session decides whose movements these are.
    let crafted: ssa_core::MovementsRequest = serde_json::from_str(
        r#"{"from":"2020-01-01","to":"2026-11-26","participantId":"C00088","ssaNumber":"01"}"#,
    )
    .unwrap();
    let page = state.movements(&crafted).await.unwrap();
    let references: Vec<&str> = page
        .movements
        .iter()
        .map(|m| m.reference.as_str())
        .collect();
    assert_eq!(references, ["OWN1"]);
    assert_eq!(
        state.statement_dates("2026-11").await.unwrap(),
        ["2026-11-02"]
    );
    let daily = state.daily_statement("2026-11-02").await.unwrap();
    assert_eq!(daily.header.participant_id, "C00099");
    assert_eq!(daily.stocks.len(), 1);
    let monthly = state.monthly_statement("2026-10").await.unwrap();
    assert!(monthly.stocks.is_empty(), "nothing held before November");
    let series = state
        .balance_series(&ssa_core::SeriesRequest {
            stock: "00700".into(),
            from: "2024-01-01".into(),
            to: "2026-11-26".into(),
        })
        .await
        .unwrap();
    assert!(
        series.iter().all(|p| p.balance == "0"),
        "the demo SSA's Tencent is not this SSA's"
    );
    // After logout, nothing at all.
    state.logout().await.unwrap();
    assert_eq!(
        state.holdings("2026-11-26", true).await.unwrap_err().code,
        "session-ended"
    );
}
