//! Every command the window calls, called as the window calls it: through
//! Tauri's IPC (the mock runtime), with the app's real capability and the
//! arguments as `ui/src/ipc.ts` names them. What comes back is what the
//! window would get: a value, or an error with its code and words.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{json, Value};
use ssa_core::clock::hong_kong_time;
use ssa_core::{ManualClock, MemorySecretStore};
use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;
use ssa_desktop::startup::Startup;
use ssa_desktop::state::AppState;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

struct Window {
    webview: WebviewWindow<MockRuntime>,
    called: BTreeSet<String>,
    _app: tauri::App<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl Window {
    /// The app as `lib.rs` builds it, with its real `tauri.conf.json` and
    /// capability, over the demo database in a fresh folder.
    fn open(settings: Settings) -> Window {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(
            hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap(),
        ));
        let state = tauri::async_runtime::block_on(AppState::start_with(
            &settings,
            dir.path().to_path_buf(),
            Arc::new(MemorySecretStore::new()),
            clock,
        ));
        state.set_language(Language::English);
        let (startup, ready) = Startup::new(dir.path().join("logs"));
        ready.done();
        let app = ssa_desktop::with_commands(mock_builder())
            .plugin(tauri_plugin_dialog::init())
            .plugin(tauri_plugin_opener::init())
            .manage(startup)
            .manage(state)
            .manage(ssa_desktop::zoom::Zoom::new(
                100,
                Some(dir.path().to_path_buf()),
            ))
            .manage(ssa_desktop::updates::Updates::new(None, false))
            .build(tauri::generate_context!())
            .unwrap();
        let webview = app.get_webview_window("main").unwrap_or_else(|| {
            tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
                .build()
                .unwrap()
        });
        Window {
            webview,
            called: BTreeSet::new(),
            _app: app,
            _dir: dir,
        }
    }

    /// One `invoke(cmd, args)` from the window's own origin.
    fn call(&mut self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.called.insert(cmd.to_owned());
        tauri::test::get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_owned(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    fn ok(&mut self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} answered an error: {e}"))
    }

    /// The error's code, checked to carry words for the reader.
    fn refused(&mut self, cmd: &str, args: Value) -> String {
        let error = self.call(cmd, args).expect_err(cmd);
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{cmd}: {error}"
        );
        error["code"].as_str().unwrap_or_default().to_owned()
    }
}

fn demo() -> Settings {
    Settings {
        demo: true,
        ..Settings::default()
    }
}

/// The commands that need no code typed: start, language, codes, the
/// Welcome notices, and a refusal from each enquiry before any login.
#[test]
fn the_window_reaches_every_command_before_a_login() {
    let mut w = Window::open(demo());
    let info = w.ok("app_info", json!({}));
    assert_eq!(info["language"], "en");
    assert_eq!(info["labels"]["action-login"], "Login");
    let info = w.ok("set_language", json!({ "language": "zh-HK" }));
    assert_eq!(info["labels"]["action-login"], "輸入");
    w.ok("set_language", json!({ "language": "en" }));
    assert_eq!(w.ok("zoom", json!({ "step": "in" })), json!(110));
    assert_eq!(w.ok("zoom", json!({ "step": "reset" })), json!(100));
    // No feed here: nothing is offered, and nothing can be installed.
    assert_eq!(w.ok("check_update", json!({})), Value::Null);
    assert_eq!(w.refused("install_update", json!({})), "not-allowed");
    let logs = w.ok("report_startup_error", json!({ "message": "a test" }));
    assert!(logs.as_str().unwrap().ends_with("logs"), "{logs}");

    let image = w.ok("new_captcha", json!({ "screen": "registration" }));
    let id = image["id"].as_str().unwrap().to_owned();
    assert!(image["png_base64"].as_str().unwrap().len() > 1000);
    let again = w.ok(
        "refresh_captcha",
        json!({ "screen": "registration", "oldId": id }),
    );
    let id = again["id"].as_str().unwrap().to_owned();
    let audio = w.ok(
        "captcha_audio",
        json!({ "screen": "registration", "id": id }),
    );
    assert!(
        audio["wav_base64"].as_str().unwrap().len() > 1000,
        "{audio}"
    );

    let notices = w.ok("welcome_notices", json!({}));
    assert_eq!(
        notices["nextHoliday"],
        "Next public holiday: 25 Dec 2026, Christmas Day"
    );
    let holidays = w.ok("month_holidays", json!({ "month": "2026-12" }));
    assert!(
        holidays
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["date"] == "2026-12-25"),
        "{holidays}"
    );
    w.ok("abandon_unfinished", json!({}));
    w.ok("end_visit", json!({}));

    // Every enquiry needs a session; the words name what to do.
    let movements = json!({ "from": "2026-11-01", "to": "2026-11-26", "stock": "", "page": 0, "newOnly": false });
    for (cmd, args) in [
        ("session_alive", json!({})),
        ("home", json!({})),
        ("open_message", json!({ "id": 1 })),
        (
            "holdings",
            json!({ "date": "2026-11-26", "withZero": false }),
        ),
        ("movements", json!({ "request": movements })),
        ("statement_dates", json!({ "month": "2026-11" })),
        ("daily_statement", json!({ "date": "2026-11-02" })),
        ("monthly_statement", json!({ "month": "2026-10" })),
        (
            "balance_series",
            json!({ "request": { "stock": "00700", "from": "2026-01-01", "to": "2026-11-26" } }),
        ),
        (
            "export_statement",
            json!({ "what": { "kind": "monthly", "month": "2026-10" }, "format": "csv" }),
        ),
        (
            "change_internet_password",
            json!({ "form": { "currentPassword": "abcdefghij123", "newPassword": "abcdefghij124", "confirmNewPassword": "abcdefghij124" } }),
        ),
        ("confirm_cancellation", json!({})),
        (
            "confirm_registration",
            json!({ "basicPassword": "11112222" }),
        ),
    ] {
        let code = w.refused(cmd, args);
        assert!(
            ["session-ended", "not-allowed"].contains(&code.as_str()),
            "{cmd}: {code}"
        );
    }
    // A wrong code is refused by name, whichever form it is on.
    let wrong = json!({ "captchaId": id, "captchaAnswer": "?????" });
    let code = w.refused(
        "login",
        json!({ "internetUserId": "inv12345", "password": "abcdefghij123" }),
    );
    assert_eq!(code, "login-failed");
    for (cmd, form) in [
        (
            "submit_registration",
            json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01", "internetUserId": "inv12345", "internetPassword": "abcdefghij123", "confirmInternetPassword": "abcdefghij123" }),
        ),
        (
            "change_basic_password",
            json!({ "currentPassword": "11112222", "newPassword": "22223333", "confirmNewPassword": "22223333" }),
        ),
        (
            "recover_internet_password",
            json!({ "internetUserId": "inv12345", "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01", "basicPassword": "11112222", "newPassword": "abcdefghij124", "confirmNewPassword": "abcdefghij124" }),
        ),
        (
            "check_cancellation",
            json!({ "internetUserId": "inv12345", "password": "abcdefghij123" }),
        ),
    ] {
        let mut form = form;
        form.as_object_mut()
            .unwrap()
            .extend(wrong.as_object().unwrap().clone());
        let error = w.call(cmd, json!({ "form": form })).expect_err(cmd);
        if cmd == "change_basic_password" {
            // No session yet: refused before the code is looked at.
            assert_eq!(error["code"], "session-ended", "{cmd}: {error}");
        } else {
            assert_eq!(error["code"], "invalid", "{cmd}: {error}");
            let fields: Vec<&str> = error["fields"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|f| f["field"].as_str())
                .collect();
            assert!(fields.contains(&"captcha"), "{cmd}: {error}");
        }
        assert!(
            !error["code"].as_str().unwrap().is_empty(),
            "{cmd}: {error}"
        );
    }
    w.ok("logout", json!({}));
    // All but the one that opens the system's browser.
    let declared: BTreeSet<&str> = declared_commands()
        .into_iter()
        .filter(|c| *c != "open_hkex_website")
        .collect();
    let called: BTreeSet<&str> = w.called.iter().map(String::as_str).collect();
    assert_eq!(called, declared);
}

/// The names `build.rs` declares (the list `commands_listed.rs` checks).
fn declared_commands() -> Vec<&'static str> {
    let build = include_str!("../build.rs");
    let from = build.find("const COMMANDS: &[&str] = &[").unwrap();
    let to = from + build[from..].find("];").unwrap();
    build[from..to].split('"').skip(1).step_by(2).collect()
}

/// An unknown command, and a command with arguments the window would never
/// send, are refused without reaching the core.
#[test]
fn a_command_the_window_does_not_have_is_refused() {
    let mut w = Window::open(demo());
    assert!(w.call("read_database", json!({})).is_err());
    let error = w
        .call("holdings", json!({ "date": 20261126, "withZero": "yes" }))
        .expect_err("wrong types");
    assert!(error.is_string() || error.is_object(), "{error}");
}

/// With a code the test build fixes, the demo investor registers, makes the
/// forced Basic change, reads every enquiry and exports, all through IPC.
#[cfg(feature = "e2e-captcha")]
#[test]
fn the_window_registers_logs_in_and_reads_statements_through_every_command() {
    use ssa_desktop::settings::TestSwitches;
    let mut w = Window::open(Settings {
        test: TestSwitches {
            captcha_answer: Some("Kx7Pq".into()),
            ..TestSwitches::default()
        },
        ..demo()
    });
    let code = |w: &mut Window, screen: &str| {
        let image = w.ok("new_captcha", json!({ "screen": screen }));
        json!({ "captchaId": image["id"], "captchaAnswer": "Kx7Pq" })
    };
    let with_code = |form: Value, code: Value| {
        let mut form = form;
        form.as_object_mut()
            .unwrap()
            .extend(code.as_object().unwrap().clone());
        json!({ "form": form })
    };
    let c = code(&mut w, "registration");
    let registered = w.ok(
        "submit_registration",
        with_code(json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01", "internetUserId": "inv12345", "internetPassword": "abcdefghij123", "confirmInternetPassword": "abcdefghij123" }), c),
    );
    assert_eq!(registered["internetUserId"], "inv12345");
    w.ok(
        "confirm_registration",
        json!({ "basicPassword": "11112222" }),
    );
    let signed_in = w.ok(
        "login",
        json!({ "internetUserId": "inv12345", "password": "abcdefghij123" }),
    );
    assert_eq!(signed_in["next"], "change-basic-password");
    let c = code(&mut w, "change-basic-password");
    let next = w.ok(
        "change_basic_password",
        with_code(json!({ "currentPassword": "11112222", "newPassword": "22223333", "confirmNewPassword": "22223333" }), c),
    );
    assert_eq!(next, json!("home"));
    assert_eq!(w.ok("session_alive", json!({})), json!("home"));
    let home = w.ok("home", json!({}));
    assert_eq!(home["internetUserId"], "inv12345");

    let holdings = w.ok(
        "holdings",
        json!({ "date": "2026-11-26", "withZero": false }),
    );
    let first = &holdings["stocks"][0];
    assert_eq!(first["code"].as_str().unwrap().len(), 5, "{holdings}");
    let stock = first["code"].as_str().unwrap().to_owned();
    let movements = w.ok(
        "movements",
        json!({ "request": { "from": "2026-01-01", "to": "2026-11-26", "stock": stock, "page": 0, "newOnly": false } }),
    );
    assert!(movements["total"].as_u64().unwrap() > 0, "{movements}");
    let dates = w.ok("statement_dates", json!({ "month": "2026-11" }));
    let date = dates[0].as_str().unwrap().to_owned();
    let daily = w.ok("daily_statement", json!({ "date": date }));
    assert_eq!(daily["date"], date.as_str());
    let monthly = w.ok("monthly_statement", json!({ "month": "2026-10" }));
    assert_eq!(monthly["monthEnd"], "2026-10-31");
    let series = w.ok(
        "balance_series",
        json!({ "request": { "stock": stock, "from": "2026-01-01", "to": "2026-11-26" } }),
    );
    assert!(!series.as_array().unwrap().is_empty());
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("monthly.csv");
    let saved = w.ok(
        "export_statement",
        json!({ "what": { "kind": "monthly", "month": "2026-10" }, "format": "csv", "path": path }),
    );
    assert_eq!(saved, json!(path.display().to_string()));
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"));
    if let Some(message) = home["messages"].as_array().and_then(|m| m.first()) {
        let body = w.ok("open_message", json!({ "id": message["id"] }));
        assert!(
            !body["body"].as_str().unwrap_or_default().is_empty(),
            "{body}"
        );
    }
    let next = w.ok(
        "change_internet_password",
        json!({ "form": { "currentPassword": "abcdefghij123", "newPassword": "abcdefghij124", "confirmNewPassword": "abcdefghij124" } }),
    );
    assert_eq!(next, json!("home"));
    w.ok("logout", json!({}));
    assert_eq!(w.refused("home", json!({})), "session-ended");

    // Forgot password, then cancellation of the Internet User ID.
    let c = code(&mut w, "recovery");
    w.ok(
        "recover_internet_password",
        with_code(json!({ "internetUserId": "inv12345", "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01", "basicPassword": "22223333", "newPassword": "abcdefghij125", "confirmNewPassword": "abcdefghij125" }), c),
    );
    let c = code(&mut w, "cancellation");
    let id = w.ok(
        "check_cancellation",
        with_code(
            json!({ "internetUserId": "inv12345", "password": "abcdefghij125" }),
            c,
        ),
    );
    assert_eq!(id, json!("inv12345"));
    w.ok("confirm_cancellation", json!({}));
    assert_eq!(
        w.refused(
            "login",
            json!({ "internetUserId": "inv12345", "password": "abcdefghij125" })
        ),
        "login-failed"
    );
}
