//! One app under tauri-driver: starting it, reading and typing into its
//! window, screenshots and axe-core.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

use crate::builds::{clock_offset, workspace};
use crate::files::SCREENSHOTS;
use crate::CODE;

/// A port nobody listens on now (the system picks it), so a WebDriver left
/// over from an earlier run cannot answer in place of this run's.
fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// How to start the app.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A branch kiosk (`SSA_KIOSK=1`).
    pub kiosk: bool,
    /// A shorter idle limit (`SSA_E2E_IDLE_SECONDS`; only the test build honours it).
    pub idle_seconds: Option<u32>,
    /// The locale the app starts under (`LANG`, with every other `LC_*` and
    /// `LANGUAGE` removed): `None` is `en_US.UTF-8`, `Some("")` unset.
    pub locale: Option<&'static str>,
    /// Start-up broken on purpose (`SSA_E2E_BREAK_STARTUP`, test build only):
    /// the launch then waits for the failure page instead of the title.
    pub break_startup: Option<&'static str>,
    /// The GTK theme the app starts under (`GTK_THEME`: `Adwaita:dark` is
    /// the system's dark mode, `HighContrast` its high contrast), which
    /// WebKitGTK turns into the page's `prefers-color-scheme` and
    /// `prefers-contrast`; `None` leaves the default light theme.
    pub gtk_theme: Option<&'static str>,
    /// The update feed the app asks (`SSA_UPDATE_FEED`).
    pub update_feed: Option<&'static str>,
}

/// The app's window, through WebDriver; `name` names its screenshots.
pub struct App {
    pub client: Client,
    driver: Child,
    name: &'static str,
}

/// Starts the app in demo mode over `data_dir` and connects to its window.
pub async fn launch(binary: &Path, data_dir: &Path, name: &'static str, options: Options) -> App {
    let (port, native_port) = (free_port(), free_port());
    let mut command = Command::new("tauri-driver");
    command
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("SSA_DATA_DIR", data_dir)
        .env("SSA_DEMO", "1")
        .env("SSA_E2E_CAPTCHA_ANSWER", CODE)
        .env_remove("SSA_KIOSK")
        .env_remove("SSA_E2E_IDLE_SECONDS")
        .env_remove("SSA_E2E_BREAK_STARTUP");
    for var in ["LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    match options.locale {
        None => {
            command.env("LANG", "en_US.UTF-8");
        }
        Some("") => {}
        Some(locale) => {
            command.env("LANG", locale);
        }
    }
    if let Some(fault) = options.break_startup {
        command.env("SSA_E2E_BREAK_STARTUP", fault);
    }
    command
        .env_remove("GTK_THEME")
        .env_remove("SSA_UPDATE_FEED");
    if let Some(feed) = options.update_feed {
        command.env("SSA_UPDATE_FEED", feed);
    }
    if let Some(theme) = options.gtk_theme {
        command.env("GTK_THEME", theme);
    }
    // The test build runs past a weekly maintenance window the run falls in
    // (the shipped build cannot: its tests say so).
    command.env(
        "SSA_E2E_CLOCK_OFFSET_SECONDS",
        clock_offset().num_seconds().to_string(),
    );
    if options.kiosk {
        command.env("SSA_KIOSK", "1");
    }
    if let Some(seconds) = options.idle_seconds {
        command.env("SSA_E2E_IDLE_SECONDS", seconds.to_string());
    }
    let driver = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver on PATH (cargo install tauri-driver)");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": binary }),
    );
    caps.insert("browserName".into(), serde_json::json!("wry"));
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = None;
    // tauri-driver takes a moment to listen: try for up to 20 s.
    for _ in 0..80 {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                let app = App {
                    client,
                    driver,
                    name,
                };
                if options.break_startup.is_some() {
                    app.wait_for("#startup-failed").await;
                } else {
                    app.wait_for("#app-title").await;
                }
                return app;
            }
            Err(e) => {
                last_error = Some(e);
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
    }
    panic!("could not connect to tauri-driver: {last_error:?}");
}

/// The text of each cell ("td, th") of each of `rows`.
pub async fn cells_of(rows: Vec<Element>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        for cell in row.find_all(Locator::Css("td, th")).await.unwrap() {
            cells.push(cell.text().await.unwrap());
        }
        out.push(cells);
    }
    out
}

impl App {
    pub async fn wait_for(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
        {
            Ok(el) => el,
            Err(e) => {
                // What the window showed instead, for whoever reads the failure.
                self.screenshot_as(&format!("{}-timeout", self.name)).await;
                panic!("{css} never showed: {e}")
            }
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap()
    }

    /// Waits until the element's text satisfies `ok`, and returns it.
    pub async fn text_when(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..80 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if ok(&last) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("{css} never showed the expected text; last: {last:?}");
    }

    /// Whether no element matches `css` now.
    pub async fn absent(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_err()
    }

    /// Runs `script` (which returns a value) in the window.
    pub async fn script(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Waits until `script` returns a string that satisfies `ok`; returns it.
    pub async fn script_when(&self, script: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..80 {
            last = self
                .script(script)
                .await
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if ok(&last) {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("{script} never gave the expected value; last: {last:?}");
    }

    /// Gives the element with this `id` the keyboard focus, by script.
    pub async fn focus(&self, id: &str) {
        self.script(&format!(
            "document.getElementById('{id}').focus(); return true;"
        ))
        .await;
    }

    /// The current value of an input.
    pub async fn value_of(&self, css: &str) -> String {
        self.wait_for(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.unwrap();
        if !value.is_empty() {
            el.send_keys(value).await.unwrap();
        }
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.unwrap();
    }

    /// Clicks `css` until `until` shows (a click can land on a screen that
    /// is being drawn again, e.g. Welcome right after Back, and be lost).
    pub async fn click_until(&self, css: &str, until: &str) {
        for _ in 0..5 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                let _ = el.click().await;
            }
            for _ in 0..12 {
                if !self.absent(until).await {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
        self.wait_for(until).await;
    }

    pub async fn type_keys(&self, keys: &str) {
        self.client
            .active_element()
            .await
            .unwrap()
            .send_keys(keys)
            .await
            .unwrap();
    }

    pub async fn active_id(&self) -> String {
        let el = self.client.active_element().await.unwrap();
        el.attr("id").await.unwrap().unwrap_or_default()
    }

    /// The cells of every row `css` matches.
    pub async fn rows(&self, css: &str) -> Vec<Vec<String>> {
        cells_of(self.client.find_all(Locator::Css(css)).await.unwrap()).await
    }

    pub async fn screenshot(&self) {
        self.screenshot_as(self.name).await;
    }

    pub async fn screenshot_as(&self, name: &str) {
        // Two animation frames, so the picture is the screen as painted.
        let _ = self
            .client
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await;
        let png = self.client.screenshot().await.unwrap();
        let dir = workspace().join(SCREENSHOTS);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Screenshots of this screen in the three languages, ending in English.
    pub async fn in_three_languages(&self, name: &str, ready: &str) {
        for lang in ["zh-HK", "zh-CN", "en"] {
            self.click(&format!("#lang-{lang}")).await;
            self.text_when(&format!("html[lang={lang}] {ready}"), |_| true)
                .await;
            self.screenshot_as(&format!("statements-{name}-{lang}"))
                .await;
        }
    }

    /// Runs axe-core in the window: no serious or critical violation.
    pub async fn axe_clean(&self, screen: &str) {
        let axe = std::fs::read_to_string(workspace().join("ui/node_modules/axe-core/axe.min.js"))
            .expect("axe-core installed with the window's npm packages");
        self.client.execute(&axe, vec![]).await.unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[0]; \
                 axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21aa','wcag22aa']}}) \
                   .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical') \
                   .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(result, serde_json::json!([]), "axe on {screen}");
    }

    /// Clicks `click` and times, in the page, until `wait` is drawn (the
    /// next animation frame after it appears), in milliseconds.
    pub async fn timed_click(&self, click: &str, wait: &str) -> f64 {
        let ms = self
            .client
            .execute_async(
                "const [click, wait, done] = arguments; \
                 const t0 = performance.now(); \
                 const seen = () => document.querySelector(wait) !== null; \
                 const finish = () => requestAnimationFrame(() => done(performance.now() - t0)); \
                 const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); finish(); } }); \
                 obs.observe(document.body, {childList: true, subtree: true}); \
                 document.querySelector(click).click();",
                vec![serde_json::json!(click), serde_json::json!(wait)],
            )
            .await
            .unwrap();
        ms.as_f64().unwrap()
    }

    /// Calls a command as the window's own script would, e.g.
    /// `statement_dates` with `{month}`; the answer, or the error as JSON.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> serde_json::Value {
        self.client
            .execute_async(
                "const [command, args, done] = arguments; \
                 window.__TAURI_INTERNALS__.invoke(command, args) \
                 .then((v) => done({ok: v}), (e) => done({err: e}));",
                vec![serde_json::json!(command), args],
            )
            .await
            .unwrap()
    }

    /// Exports `what` as Save as CSV / PDF does once the save dialog gave
    /// `path` (the test build takes the path; the shipped build opens the
    /// dialog).
    pub async fn export(&self, what: serde_json::Value, format: &str, path: &std::path::Path) {
        let answer = self
            .invoke(
                "export_statement",
                serde_json::json!({ "what": what, "format": format, "path": path }),
            )
            .await;
        assert!(answer.get("ok").is_some(), "{format}: {answer}");
    }

    /// On a daily statement: for every stock, the opening balance plus the
    /// movements in and out equals the closing balance, as shown.
    pub async fn daily_statement_adds_up(&self) {
        use crate::demo::shown_number;
        let stocks = self
            .client
            .find_all(Locator::Css(".statement-stock"))
            .await
            .unwrap();
        for stock in stocks {
            let cells = cells_of(stock.find_all(Locator::Css("tbody tr")).await.unwrap()).await;
            let opening = shown_number(cells[0].last().unwrap());
            let closing = shown_number(cells[cells.len() - 1].last().unwrap());
            let moved: i64 = cells[1..cells.len() - 1]
                .iter()
                .map(|r| shown_number(&r[2]) - shown_number(&r[3]))
                .sum();
            assert_eq!(opening + moved, closing, "{cells:?}");
        }
    }

    /// tauri-driver closed, for a window that is gone already (the app
    /// restarted itself after an update).
    pub async fn abandon(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    /// A last screenshot, then the window and tauri-driver closed.
    pub async fn quit(mut self) {
        self.screenshot().await;
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
