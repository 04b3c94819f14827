//! A branch kiosk (`SSA_KIOSK=1`): back to a fresh Welcome when idle, and
//! no statement export.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use fantoccini::Locator;
use ssa_e2e::{submit_registration, Options, Run, CODE, DEMO};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kiosk_idle_on_confirm_returns_to_a_fresh_welcome() {
    let Some(run) = Run::app().await else { return };
    let options = Options {
        kiosk: true,
        idle_seconds: Some(3),
        ..Options::default()
    };
    let app = run.launch("kiosk-idle", options).await;

    // Up to the Confirm page, which shows the IDs.
    submit_registration(&app, "kiosk123", "abcdefghij123", CODE).await;
    assert_eq!(app.text("#show-basic-user-id").await, "12345678");
    app.wait_for("#confirm-title").await;
    let shown = std::time::Instant::now();

    // No input: within a few seconds of the 3-second limit, a fresh Welcome.
    let mut back = false;
    for _ in 0..60 {
        if !app.absent("#login-title").await && app.absent("#show-basic-user-id").await {
            back = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(back, "Welcome never came back after the idle limit");
    assert!(
        shown.elapsed() < Duration::from_secs(12),
        "took {:?} to go back to Welcome",
        shown.elapsed()
    );
    assert!(app.absent("#show-basic-user-id").await);
    assert!(app.absent("#confirm-form").await);
    let all_empty = app
        .script("return [...document.querySelectorAll('input')].every(i => i.value === '')")
        .await;
    assert_eq!(all_empty, serde_json::json!(true), "every field is empty");
    let history = app.script("return history.length").await;
    assert_eq!(history, serde_json::json!(1), "the history holds one entry");
    app.screenshot_as("kiosk-idle-welcome").await;

    // Text left in Welcome's login box is cleared the same way.
    app.fill("#internet-user-id", "someone1").await;
    let mut cleared = false;
    for _ in 0..60 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if let Ok(el) = app.client.find(Locator::Css("#internet-user-id")).await {
            if el.prop("value").await.ok().flatten().as_deref() == Some("") {
                cleared = true;
                break;
            }
        }
    }
    assert!(cleared, "the typed Internet User ID stayed on the kiosk");
    let history = app.script("return history.length").await;
    assert_eq!(history, serde_json::json!(1));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_offers_no_export() {
    let Some(run) = Run::app().await else { return };
    let app = run
        .launch(
            "statements-kiosk-monthly",
            Options {
                kiosk: true,
                ..Options::default()
            },
        )
        .await;
    app.at_home_on(DEMO, "kiosk123").await;
    app.click("#menu-monthly").await;
    app.wait_for("#monthly-statement").await;
    assert!(app.absent("#export-csv").await && app.absent("#export-pdf").await);
    app.click("#statements-back").await;
    app.click("#menu-movements").await;
    app.fill("#from-date", "2020-01-01").await;
    app.click("#enquiry-show").await;
    app.wait_for("#movements").await;
    assert!(app.absent("#export-csv").await);
    app.quit().await;
}

/// Nothing at a kiosk leads out of the app: the window fills the screen,
/// navigations elsewhere are refused, there is no context menu, and the
/// page cannot be zoomed out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_at_a_kiosk_leads_out_of_the_app() {
    use fantoccini::key::Key;
    let Some(run) = Run::app().await else { return };
    let options = Options {
        kiosk: true,
        ..Options::default()
    };
    let app = run.launch("kiosk-locked", options).await;
    let origin = app.script("return location.origin").await;

    // Full screen (Xvfb's 1280 × 900).
    let size = app
        .script("return [window.innerWidth, window.innerHeight, screen.width, screen.height]")
        .await;
    let size: Vec<i64> = serde_json::from_value(size).unwrap();
    assert_eq!((size[0], size[1]), (size[2], size[3]), "{size:?}");

    // (Closing: the shell refuses the window manager's close request, which
    // a bare X server without a window manager cannot send; see lib.rs.)

    // Navigations away are refused: a link, location, a new window.
    // (Each after the script has answered, as a click would come.)
    app.script("setTimeout(() => { location.href = 'https://www.hkex.com.hk/'; }, 0); return true")
        .await;
    app.wait_for("#app-title").await;
    app.script(
        "const a = document.createElement('a'); a.href = 'https://example.com/'; \
         document.body.append(a); setTimeout(() => a.click(), 0); return true",
    )
    .await;
    let opened = app
        .script("return window.open('https://example.com/') === null")
        .await;
    assert_eq!(opened, serde_json::json!(true), "no new window opens");
    app.wait_for("#app-title").await;
    assert_eq!(app.script("return location.origin").await, origin);

    // No context menu.
    let prevented = app
        .script(
            "const e = new MouseEvent('contextmenu', {bubbles: true, cancelable: true}); \
             document.getElementById('app-title').dispatchEvent(e); return e.defaultPrevented",
        )
        .await;
    assert_eq!(prevented, serde_json::json!(true));

    // Ctrl+- does not zoom the page out (its CSS width stays the screen's).
    app.focus("internet-user-id").await;
    app.type_keys(&format!("{}-{}", Key::Control, Key::Null))
        .await;
    app.type_keys(&format!("{}-{}", Key::Control, Key::Null))
        .await;
    let width = app.script("return window.innerWidth").await;
    assert_eq!(width, serde_json::json!(size[2]));
    app.screenshot_as("kiosk-locked").await;
    app.quit().await;
}
