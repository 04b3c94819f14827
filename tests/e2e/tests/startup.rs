//! The first minute and the two builds: Welcome under any locale, a broken
//! start's page and log, the shipped app started as a person runs it (a
//! window that is not blank), the shipped binary without the test variables
//! or the fixed code, and the test build's banner on every screen.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::Duration;

use ssa_e2e::{
    app_binary, launch, log_says, save_rgb_png, screenshot_x_window, share_not_background,
    shipped_binary, shipped_build_in_maintenance, submit_registration, Options, Run, CODE,
    ONE_AT_A_TIME,
};

/// The title on every screen, by the language tag the window puts on `<html>`.
fn title_in(lang: &str) -> &'static str {
    match lang {
        "zh-HK" => "附寄結單服務的股份獨立戶口",
        "zh-CN" => "附寄结单服务的股份独立户口",
        _ => "Stock Segregated Account with Statement Service",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welcome_shows_under_every_locale() {
    let Some(binary) = app_binary() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    // C.UTF-8 first: Debian's default on minimal installs, under which the
    // webview's navigator.language was "C" and the window stayed blank.
    let cases = [
        ("C.UTF-8", "en"),
        ("C", "en"),
        ("POSIX", "en"),
        ("", "en"),
        ("xx_YY.UTF-8", "en"),
        ("en_GB.UTF-8", "en"),
        ("zh_HK.UTF-8", "zh-HK"),
        ("zh_TW.UTF-8", "zh-HK"),
        ("zh_CN.UTF-8", "zh-CN"),
        ("yue_HK.UTF-8", "zh-HK"),
    ];
    for (locale, lang) in cases {
        let data = tempfile::tempdir().unwrap();
        let shown = if locale.is_empty() { "unset" } else { locale };
        let name: &'static str = Box::leak(format!("locale-{shown}").into_boxed_str());
        let options = Options {
            locale: Some(locale),
            ..Options::default()
        };
        let app = launch(&binary, data.path(), name, options).await;
        assert_eq!(app.text("#app-title").await, title_in(lang), "LANG={shown}");
        assert_eq!(
            app.script("return document.documentElement.lang").await,
            serde_json::json!(lang),
            "LANG={shown}"
        );
        app.wait_for("#internet-user-id").await;
        if locale == "C.UTF-8" {
            // The cause, for whoever reads the test's output: WebKitGTK
            // makes navigator.language from the C library's locale without
            // its codeset, "C" here, which every Intl constructor refuses.
            let platform = app
                .script("return Object.getOwnPropertyDescriptor(Navigator.prototype, 'language').get.call(navigator)")
                .await;
            eprintln!("LANG=C.UTF-8: WebKit's own navigator.language is {platform}");
            app.screenshot_as("locale-C.UTF-8-welcome").await;
        }
        // What every Intl user in the window is handed is a real language tag.
        assert_eq!(
            app.script("try { new Intl.NumberFormat(navigator.language); return navigator.language !== ''; } catch (e) { return String(e); }")
                .await,
            serde_json::json!(true),
            "LANG={shown}"
        );
        app.quit().await;
    }

    // The remembered language wins over the locale.
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("settings.json"),
        r#"{"language": "zh-CN"}"#,
    )
    .unwrap();
    let options = Options {
        locale: Some("C.UTF-8"),
        ..Options::default()
    };
    let app = launch(&binary, data.path(), "locale-C.UTF-8-remembered", options).await;
    assert_eq!(app.text("#app-title").await, title_in("zh-CN"));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_start_shows_what_happened_and_where_the_log_is() {
    let Some(binary) = app_binary() else { return };
    let _one = ONE_AT_A_TIME.lock().await;
    for fault in ["first-call", "script"] {
        let data = tempfile::tempdir().unwrap();
        let name: &'static str = Box::leak(format!("startup-failed-{fault}").into_boxed_str());
        let options = Options {
            break_startup: Some(fault),
            ..Options::default()
        };
        let app = launch(&binary, data.path(), name, options).await;
        let page = app.text("#startup-failed").await;
        for words in [
            "SSA Desktop could not start",
            "SSA Desktop 未能啟動",
            "SSA Desktop 未能启动",
        ] {
            assert!(page.contains(words), "{fault}: {page}");
        }
        // The shell says where the log is; the page shows it in each language.
        let logs = data.path().join("logs");
        app.text_when(".startup-log", |t| t == logs.to_string_lossy())
            .await;
        assert!(
            app.absent("#app-title").await,
            "{fault}: a screen was drawn"
        );
        app.axe_clean(name).await;
        app.quit().await;
        // And the failure is in that log.
        let logged = log_says(&logs, "the window could not start", 40).await;
        assert!(logged, "{fault}: no start-up failure in {}", logs.display());
    }
}

/// The README's run command as a person runs it, without WebDriver: the
/// shipped binary with only what a fresh machine's desktop session has (no
/// `LANG`, no test variable, a new home folder), until its window's first
/// call into Rust is in the log; then a screenshot of the window, which
/// must show more than one colour.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_app_starts_as_a_person_runs_it() {
    let Some(run) = Run::shipped().await else {
        return;
    };
    // The run's data folder is the new home folder.
    let home = &run.data;
    let mut command = Command::new(&run.binary);
    command.arg("--demo").env_clear().env("HOME", home.path());
    for var in [
        "PATH",
        "DISPLAY",
        "XAUTHORITY",
        "DBUS_SESSION_BUS_ADDRESS",
        "XDG_RUNTIME_DIR",
    ] {
        if let Some(value) = std::env::var_os(var) {
            command.env(var, value);
        }
    }
    let mut app = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the shipped app starts");
    let logs = home.path().join(".local/share/hk.ssa-desktop/logs");
    let ready = log_says(&logs, "the window made its first call", 120).await;
    // The first call comes before Welcome is painted: look until it is.
    let mut shot = None;
    for _ in 0..40 {
        shot = screenshot_x_window("SSA Desktop");
        if shot
            .as_ref()
            .is_some_and(|(_, _, px)| share_not_background(px) > 0.01)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let _ = app.kill();
    let _ = app.wait();
    assert!(
        ready,
        "the window never called into Rust (log: {})",
        logs.display()
    );
    let (width, height, pixels) = shot.expect("an X window named SSA Desktop");
    save_rgb_png("shipped-fresh-environment", width, height, &pixels);
    let share = share_not_background(&pixels);
    assert!(
        share > 0.01,
        "the window is one colour but for {:.3} % of it",
        share * 100.0
    );
}

// ---- The two builds: the test build says so; the shipped one ignores its variables

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_build_says_so_on_every_screen() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("test-build-banner", Options::default()).await;

    let expect_banner = |screen: &'static str| {
        let app = &app;
        async move {
            let banner = app.wait_for("#test-build-banner").await;
            assert_eq!(
                banner.attr("role").await.unwrap().as_deref(),
                Some("note"),
                "{screen}"
            );
            let text = banner.text().await.unwrap();
            assert!(text.starts_with("TEST BUILD"), "{screen}: {text}");
        }
    };
    app.wait_for("#login-title").await;
    expect_banner("welcome").await;
    app.click("#link-register").await;
    app.wait_for("#register-title").await;
    expect_banner("registration").await;
    app.click("#back").await;
    app.wait_for("#login-title").await;
    app.click_until("#link-faq", "#faq-q1").await;
    expect_banner("faq").await;
    app.quit().await;
}

/// The shipped binary does not know the test build's variables: they are
/// read only under the `e2e-captcha` feature, so no later change can wire
/// one into an investor's build.
#[test]
fn the_shipped_binary_holds_no_test_variable_name() {
    let Some(binary) = shipped_binary() else {
        return;
    };
    let bytes = std::fs::read(&binary).unwrap();
    for name in [
        "SSA_E2E_CAPTCHA_ANSWER",
        "SSA_E2E_IDLE_SECONDS",
        "SSA_E2E_BREAK_STARTUP",
    ] {
        assert!(
            !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{} holds {name}",
            binary.display()
        );
    }
    if let Some(test_build) = app_binary() {
        let bytes = std::fs::read(test_build).unwrap();
        let name = b"SSA_E2E_CAPTCHA_ANSWER";
        assert!(
            bytes.windows(name.len()).any(|w| w == name),
            "the search finds the name where it is"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipped_build_draws_random_codes_whatever_the_test_variable() {
    let Some(run) = Run::shipped().await else {
        return;
    };
    // `launch` sets SSA_E2E_CAPTCHA_ANSWER to CODE, as for the test build.
    let app = run.launch("shipped-build", Options::default()).await;

    app.wait_for("#login-title").await;
    assert!(
        app.absent("#test-build-banner").await,
        "the shipped build shows the test-build banner"
    );
    if shipped_build_in_maintenance() {
        app.quit().await;
        return;
    }
    submit_registration(&app, "ship1234", "abcdefghij123", CODE).await;
    let wrong = app.text_when("#err-captcha", |t| !t.is_empty()).await;
    assert!(wrong.contains("not correct"), "{wrong}");
    assert!(
        app.absent("#confirm-title").await,
        "the fixed code was taken"
    );
    assert!(app.absent("#test-build-banner").await);
    app.quit().await;
}
