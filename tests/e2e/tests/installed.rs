//! The app as an investor gets it: the `.deb` installed with `apt-get`,
//! `/usr/bin/ssa-desktop` started under Xvfb through tauri-driver. Welcome
//! shows, the language switches, and the demo logs in: the shipped build
//! draws random codes, so it logs in with the demo's ready login (which
//! needs none), reaches home and reads its holdings. Run by
//! scripts/package-test.sh (which sets SSA_INSTALLED_APP), between the
//! install and the removal; skipped otherwise.

#![allow(clippy::unwrap_used)]

use fantoccini::key::Key;
use ssa_e2e::{Options, Run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_app_starts_speaks_three_languages_and_the_demo_logs_in() {
    let Some(run) = Run::installed().await else {
        return;
    };
    // The installed build runs on the real clock (no test build's offset).
    let launched = chrono::Utc::now();
    let app = run.launch("installed-welcome", Options::default()).await;
    assert_eq!(
        app.text("#app-title").await,
        "Stock Segregated Account with Statement Service"
    );
    // The demo account is offered on Welcome (demo mode), with its IDs.
    let demo = app.text("#demo-title").await;
    assert!(!demo.is_empty());
    app.click("#lang-zh-HK").await;
    let title = app
        .text_when("html[lang=zh-HK] #app-title", |t| !t.is_empty())
        .await;
    assert_eq!(title, "附寄結單服務的股份獨立戶口");
    app.screenshot_as("installed-welcome-zh-HK").await;
    app.click("#lang-zh-CN").await;
    let title = app
        .text_when("html[lang=zh-CN] #app-title", |t| !t.is_empty())
        .await;
    assert_eq!(title, "附寄结单服务的股份独立户口");
    app.click("#lang-en").await;
    app.text_when("html[lang=en] #app-title", |t| !t.is_empty())
        .await;
    // A shipped build: no TEST BUILD banner.
    assert!(app.absent("#test-build-banner").await);

    // In Hong Kong's maintenance hours (spec 3.9: Monday to Saturday
    // 05:00-06:00, Sunday 00:00-07:00) the service refuses registration and
    // login, so the demo set-up could not make its ready login, and a login
    // is told when the service resumes: what an investor would see then.
    let in_window = |t| ssa_core::service::maintenance::window_end(t).is_some();
    let (at_launch, now) = (in_window(launched), in_window(chrono::Utc::now()));
    if at_launch || now {
        if at_launch && now {
            assert!(app.absent("#demo-ready-title").await);
            app.login("DEMOUSER", "demo2026ready").await;
            let said = app.text_when(".form-error", |t| !t.is_empty()).await;
            assert!(
                said.starts_with("The service is under maintenance until "),
                "{said}"
            );
        } else {
            eprintln!("a maintenance window began or ended during the test: login not checked");
        }
        app.quit().await;
        return;
    }

    // Welcome shows the demo's ready login in each language.
    for (lang, title) in [
        ("zh-HK", "或立即登入"),
        ("zh-CN", "或立即登入"),
        ("en", "Or log in at once"),
    ] {
        app.click(&format!("#lang-{lang}")).await;
        let shown = app
            .text_when(&format!("html[lang={lang}] #demo-ready-title"), |t| {
                !t.is_empty()
            })
            .await;
        assert_eq!(shown, title);
        app.script("document.getElementById('demo-ready-title').scrollIntoView()")
            .await;
        app.screenshot_as(&format!("installed-demo-ready-{lang}"))
            .await;
    }
    app.script("window.scrollTo(0, 0)").await;

    // The demo logs in, with the IDs Welcome shows for it.
    let id = app.text("#demo-ready-internet-user-id").await;
    let password = app.text("#demo-ready-internet-password").await;
    assert_eq!(id, "DEMOUSER");
    app.login(&id, &password).await;
    let last = app.text_when("#last-login", |t| !t.is_empty()).await;
    assert!(last.starts_with("You last logged in at "), "{last}");
    // Only the demo's latest movements arrived since the set-up's login.
    let arrived = app.text("#new-movements").await;
    let latest = ssa_core::demo::LATEST_MOVEMENTS;
    assert!(
        arrived.starts_with(&format!("{latest} new movements since your last login.")),
        "{arrived}"
    );
    app.screenshot_as("installed-home").await;
    app.focus("menu-holdings").await;
    app.type_keys(&Key::Enter.to_string()).await;
    app.text_when("#holdings-count", |t| !t.is_empty()).await;
    let rows = app.rows("#holdings tbody tr").await;
    assert!(!rows.is_empty(), "the demo holds stocks");
    assert!(
        rows.iter()
            .all(|r| ssa_core::demo::DEMO_STOCKS.iter().any(|s| s.0 == r[0])),
        "{rows:?}"
    );
    app.screenshot_as("installed-holdings").await;
    app.quit().await;
}
