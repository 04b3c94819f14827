//! The real window as the SSA server's client (issue 19): an investor at
//! home registers, logs in, makes the forced Basic password change and reads
//! holdings, a daily statement and the chart, all through an `ssa-server` on
//! loopback over TLS with a certificate made for the run, on the throwaway
//! PostgreSQL in CI. A window pointed at the same server but trusting
//! another CA refuses to talk to it, and says so in the reader's language.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::Datelike;

use ssa_core::{Clock, MemorySecretStore, Ssa};
use ssa_e2e::{clock_offset, shown_number, App, Options, Run, CODE, DEMO};
use ssa_server::testing::{certificates, fresh_database, Certificates, Instance};

/// The real time moved as the window's test build moves it (past a weekly
/// maintenance window the run falls in), so both see the same hour.
struct Ahead(chrono::Duration);

impl Clock for Ahead {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.0
    }
}

/// A server over a database of its own holding the demo account and its
/// statement history, its codes fixed at the test build's answer.
async fn server(dir: &std::path::Path) -> (Instance, Certificates) {
    let url = fresh_database(dir).await;
    let ssa = Ssa::open(
        &url,
        Arc::new(MemorySecretStore::new()),
        Arc::new(Ahead(clock_offset())),
    )
    .await
    .unwrap();
    ssa_core::demo::provision(&ssa, dir)
        .await
        .expect("the demo account on the server");
    ssa.fix_captcha_answer(Some(CODE.into()));
    let certs = certificates();
    let instance = Instance::start(Arc::new(ssa), &certs, ssa_server::Limits::default()).await;
    (instance, certs)
}

/// Points the window of `run` at `url`, trusting `ca_pem` alone, as a
/// broker's config.json does.
fn point_at(run: &Run, url: &str, ca_pem: &str) {
    let dir = run.data.path();
    std::fs::write(dir.join("server-ca.pem"), ca_pem).unwrap();
    std::fs::write(
        dir.join("config.json"),
        format!(r#"{{"server": "{url}", "serverCa": "server-ca.pem"}}"#),
    )
    .unwrap();
}

async fn screens_in_three_languages(app: &App, name: &str, ready: &str) {
    app.axe_clean(name).await;
    app.in_three_languages(name, ready).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investor_at_home_uses_the_window_over_an_ssa_server() {
    let Some(run) = Run::app().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let (instance, certs) = server(dir.path()).await;
    point_at(&run, &instance.url(), &certs.ca_pem);
    let app = run.launch("server-last", Options::default()).await;

    // Welcome's notices come from the server's calendar.
    let next = app.text_when("#next-holiday", |t| !t.is_empty()).await;
    assert!(next.starts_with("Next public holiday: "), "{next}");
    // No demo account is offered: the account lives with the broker.
    assert!(app.absent("#demo-title").await);
    screens_in_three_languages(&app, "server-welcome", "#next-holiday").await;

    // Registration, its Confirm, the first login and the forced Basic
    // password change, each answered by the server.
    app.at_home_on(DEMO, "inv55555").await;
    screens_in_three_languages(&app, "server-home", "#menu-holdings").await;

    // Holdings today: what the server holds for this SSA.
    app.click("#menu-holdings").await;
    app.click("#enquiry-show").await;
    app.text_when("#holdings-count", |t| !t.is_empty()).await;
    let rows = app.rows("#holdings tbody tr").await;
    assert!(!rows.is_empty(), "the demo account holds stocks");
    let mut session = instance
        .ssa
        .login(
            "inv55555",
            &secrecy::SecretString::from("abcdefghij123"),
            ssa_core::SessionKind::Desktop,
        )
        .await
        .unwrap()
        .session;
    let today = ssa_core::clock::hong_kong_date(chrono::Utc::now() + clock_offset());
    let held = instance
        .ssa
        .holdings_on(&mut session, &today.format("%Y-%m-%d").to_string(), false)
        .await
        .unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| (r[0].clone(), shown_number(&r[2])))
            .collect::<Vec<_>>(),
        held.iter()
            .map(|h| (h.stock_code.to_string(), h.balance))
            .collect::<Vec<_>>()
    );
    screens_in_three_languages(&app, "server-holdings", "#holdings").await;

    // The chart of the first stock.
    app.click("#holdings tbody tr button").await;
    app.wait_for("#balance-chart canvas").await;
    screens_in_three_languages(&app, "server-chart", "#balance-chart").await;

    // A daily statement: opening + in - out = closing for every stock.
    app.click("#statements-back").await;
    app.click("#menu-daily").await;
    let last_month = today.with_day(1).unwrap() - chrono::Duration::days(1);
    app.show_month(&last_month.format("%Y-%m").to_string())
        .await;
    app.click("#statement-dates button").await;
    app.wait_for("#daily-statement").await;
    assert_eq!(app.text("#statement-participant").await, "C00088");
    app.daily_statement_adds_up().await;
    screens_in_three_languages(&app, "server-daily", "#daily-statement").await;
    app.quit().await;
    instance.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_trusting_another_ca_refuses_the_server() {
    let Some(run) = Run::app().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let (instance, _) = server(dir.path()).await;
    point_at(&run, &instance.url(), &certificates().ca_pem);
    let app = run.launch("server-untrusted", Options::default()).await;
    app.login("inv55555", "abcdefghij123").await;
    let said = app.text_when(".form-error", |t| !t.is_empty()).await;
    assert!(said.contains("certificate this computer trusts"), "{said}");
    app.click("#lang-zh-HK").await;
    let said = app
        .text_when("html[lang=zh-HK] .form-error", |t| t.contains("證書"))
        .await;
    assert!(said.contains("127.0.0.1"), "{said}");
    app.screenshot_as("server-untrusted-zh-HK").await;
    app.click("#lang-en").await;
    app.quit().await;
    instance.stop().await;
}
