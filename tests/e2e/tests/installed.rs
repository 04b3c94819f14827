//! The app as an investor gets it: the `.deb` installed with `apt-get`,
//! `/usr/bin/ssa-desktop` started under Xvfb through tauri-driver. Welcome
//! shows, the language switches, and demo mode offers its account. Run by
//! scripts/package-test.sh (which sets SSA_INSTALLED_APP), between the
//! install and the removal; skipped otherwise.

#![allow(clippy::unwrap_used)]

use ssa_e2e::{Options, Run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_app_starts_speaks_three_languages_and_offers_the_demo() {
    let Some(run) = Run::installed().await else {
        return;
    };
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
    // A shipped build: no TEST BUILD banner.
    assert!(app.absent("#test-build-banner").await);
    app.quit().await;
}
