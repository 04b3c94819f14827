//! Signed updates, as an investor meets them (issue 20). The installed
//! `.deb` (0.1.0, trusting the run's publisher key) asks a feed on
//! loopback; scripts/package-test.sh made the files in SSA_UPDATE_FILES:
//! `update.deb` (0.1.1) signed by the publisher (`update.deb.sig`) and by a
//! stranger (`stranger.deb.sig`), and `installed.deb` (0.1.0) with its own
//! signature. A changed package, a stranger's signature, an older version
//! and the old release offered as the new one are each refused in words,
//! and the app goes on; the
//! good one is offered in the reader's language, installed on the
//! investor's click, and the app restarts into 0.1.1. Skipped outside that
//! script.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::json;
use ssa_e2e::{App, Options, Run};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A static feed on loopback: `/latest.json` (changed by the test between
/// launches), `/update.deb`, `/changed.deb` (one byte changed) and
/// `/old.deb` (the installed release).
struct Feed {
    port: u16,
    latest: Arc<Mutex<String>>,
}

impl Feed {
    async fn serve(package: Vec<u8>, old: Vec<u8>) -> Feed {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let latest = Arc::new(Mutex::new(String::new()));
        let mut changed = package.clone();
        let middle = changed.len() / 2;
        changed[middle] ^= 0x55;
        let (package, changed, old) = (Arc::new(package), Arc::new(changed), Arc::new(old));
        let shared = latest.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let (latest, package, changed, old) = (
                    shared.clone(),
                    package.clone(),
                    changed.clone(),
                    old.clone(),
                );
                tokio::spawn(async move {
                    let mut request = vec![0u8; 4096];
                    let n = stream.read(&mut request).await.unwrap_or(0);
                    let line = String::from_utf8_lossy(&request[..n]).to_string();
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let body: Vec<u8> = match path.as_str() {
                        "/latest.json" => latest.lock().unwrap().clone().into_bytes(),
                        "/update.deb" => package.to_vec(),
                        "/changed.deb" => changed.to_vec(),
                        "/old.deb" => old.to_vec(),
                        _ => Vec::new(),
                    };
                    let status = if body.is_empty() {
                        "404 Not Found"
                    } else {
                        "200 OK"
                    };
                    let head = format!(
                        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(&body).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Feed { port, latest }
    }

    /// The feed offers `version` at `package` with `signature`.
    fn offer(&self, version: &str, package: &str, signature: &str) {
        let release = json!({
            "signature": signature.trim(),
            "url": format!("http://127.0.0.1:{}/{package}", self.port),
        });
        *self.latest.lock().unwrap() = json!({
            "version": version,
            "notes": "",
            "pub_date": "2026-12-05T00:00:00Z",
            "platforms": { "linux-x86_64-deb": release, "linux-x86_64": release },
        })
        .to_string();
    }

    fn address(&self) -> &'static str {
        Box::leak(format!("http://127.0.0.1:{}/latest.json", self.port).into_boxed_str())
    }
}

fn installed_version() -> String {
    let out = std::process::Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "ssa-desktop"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The processes running /usr/bin/ssa-desktop now.
fn running_apps() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe"))
                .is_ok_and(|exe| exe.to_string_lossy().starts_with("/usr/bin/ssa-desktop"))
        })
        .collect()
}

async fn launch(run: &Run, name: &'static str, feed: &Feed) -> App {
    run.launch(
        name,
        Options {
            update_feed: Some(feed.address()),
            ..Options::default()
        },
    )
    .await
}

/// The refusal Welcome shows after Install, and the app still answers.
async fn refused_on_install(app: &App, shot: &str) -> String {
    app.wait_for("#install-update").await;
    app.click("#install-update").await;
    let words = app.text_when("#update-refused", |t| !t.is_empty()).await;
    app.screenshot_as(shot).await;
    // Still working: the login form answers, and nothing was installed.
    app.fill("#internet-user-id", "abc").await;
    app.click("#login-submit").await;
    app.text_when("#err-internet-user-id", |t| !t.is_empty())
        .await;
    assert_eq!(installed_version(), "0.1.0");
    words
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_updates_are_refused_when_bad_and_installed_when_good() {
    let Some(files) = std::env::var_os("SSA_UPDATE_FILES").map(PathBuf::from) else {
        eprintln!("SSA_UPDATE_FILES is not set: the update test runs in scripts/package-test.sh");
        return;
    };
    let Some(run) = Run::installed().await else {
        return;
    };
    assert_eq!(installed_version(), "0.1.0");
    let package = std::fs::read(files.join("update.deb")).unwrap();
    let good = std::fs::read_to_string(files.join("update.deb.sig")).unwrap();
    let strangers = std::fs::read_to_string(files.join("stranger.deb.sig")).unwrap();
    let old = std::fs::read(files.join("installed.deb")).unwrap();
    let old_signature = std::fs::read_to_string(files.join("installed.deb.sig")).unwrap();
    let feed = Feed::serve(package, old).await;

    // An older version, even signed: refused as soon as it is offered.
    feed.offer("0.0.9", "update.deb", &good);
    let app = launch(&run, "update-older", &feed).await;
    let words = app.text_when("#update-refused", |t| !t.is_empty()).await;
    assert_eq!(
        words,
        "The update offered (version 0.0.9) is not newer than this one (version 0.1.0), \
         so it was not installed. This version keeps working."
    );
    assert!(app.absent("#install-update").await);
    app.click("#lang-zh-HK").await;
    let words = app
        .text_when("html[lang=zh-HK] #update-refused", |t| t.contains("0.0.9"))
        .await;
    assert!(words.contains("並不比現時的版本"), "{words}");
    app.click("#lang-en").await;
    app.quit().await;

    // Signed by a stranger's key: offered, refused at the install.
    feed.offer("0.1.1", "update.deb", &strangers);
    let app = launch(&run, "update-stranger", &feed).await;
    let words = refused_on_install(&app, "update-stranger").await;
    assert!(
        words.starts_with("This update is not signed by the publisher"),
        "{words}"
    );
    app.quit().await;

    // The publisher's signature over a package changed on the way.
    feed.offer("0.1.1", "changed.deb", &good);
    let app = launch(&run, "update-changed", &feed).await;
    let words = refused_on_install(&app, "update-changed").await;
    assert!(
        words.starts_with("This update is not signed by the publisher"),
        "{words}"
    );
    app.quit().await;

    // The old release, rightly signed for 0.1.0, offered as 0.1.1: the
    // signature binds the version, so the relabelling is caught.
    feed.offer("0.1.1", "old.deb", &old_signature);
    let app = launch(&run, "update-relabelled", &feed).await;
    let words = refused_on_install(&app, "update-relabelled").await;
    assert!(
        words.starts_with("This update is not signed by the publisher"),
        "{words}"
    );
    app.quit().await;

    // The good one: offered in the reader's language, installed on a click,
    // and the app restarts into it.
    feed.offer("0.1.1", "update.deb", &good);
    let app = launch(&run, "update-good", &feed).await;
    assert_eq!(
        app.text_when("#update-text", |t| !t.is_empty()).await,
        "Version 0.1.1 of SSA Desktop is ready to install (this is version 0.1.0)."
    );
    assert_eq!(app.text("#app-version").await, "SSA Desktop version 0.1.0");
    app.click("#lang-zh-HK").await;
    assert_eq!(
        app.text_when("html[lang=zh-HK] #update-text", |t| t.contains("0.1.1"))
            .await,
        "SSA Desktop 版本 0.1.1 已可安裝（現時為版本 0.1.0）。"
    );
    app.screenshot_as("update-offered-zh-HK").await;
    app.click("#lang-en").await;
    app.wait_for("html[lang=en] #install-update").await;
    let before = running_apps();
    app.click("#install-update").await;
    // dpkg installs 0.1.1; the app restarts as a new process of it.
    let mut restarted = None;
    for _ in 0..600 {
        if installed_version() == "0.1.1" {
            restarted = running_apps().into_iter().find(|pid| !before.contains(pid));
            if restarted.is_some() {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(installed_version(), "0.1.1");
    let pid = restarted.expect("the app restarted into the new version");
    let _ = std::process::Command::new("kill")
        .arg(pid.to_string())
        .status();
    drop(app);

    // The next start is 0.1.1, and nothing newer is offered.
    let app = launch(&run, "update-done", &feed).await;
    assert_eq!(
        app.text_when("#app-version", |t| t.contains("0.1.1")).await,
        "SSA Desktop version 0.1.1"
    );
    assert!(app.absent("#install-update").await);
    app.quit().await;
}
