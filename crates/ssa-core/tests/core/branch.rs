//! A branch: two kiosks, each its own process with its own service layer,
//! on one database (PostgreSQL as at a branch; SQLite too). The test is the
//! back office (the same core calls `ssa-admin` makes); each kiosk is this
//! test binary running the ignored `kiosk` entry, driven line by line over
//! its standard input, with a clock the test sets.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Arc;

use chrono::Duration;
use ssa_core::{Clock, MemorySecretStore, SecretStore, SessionKind, Ssa};

use crate::common::{change_basic_form, english, register_on, secret, Env, CODE};

on_both_backends!(two_kiosks_in_two_processes_share_one_database);

/// One kiosk process.
struct Kiosk {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Kiosk {
    fn start(env: &Env) -> Kiosk {
        let pepper = env.secrets.get().unwrap().expect("pepper made");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "branch::kiosk", "--nocapture"])
            .env("SSA_KIOSK_URL", &env.url)
            .env("SSA_KIOSK_PEPPER", hex::encode(pepper.as_slice()))
            .env(
                "SSA_KIOSK_DATABASE_KEY",
                crate::crash::database_key_hex(&env.secrets),
            )
            .env(
                "SSA_KIOSK_NOW",
                env.clock.now().timestamp_millis().to_string(),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        let mut kiosk = Kiosk {
            child,
            input,
            output,
        };
        assert_eq!(kiosk.reply(), "ready");
        kiosk
    }

    /// The next line the kiosk says (test-harness lines skipped).
    fn reply(&mut self) -> String {
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).unwrap() > 0,
                "the kiosk ended"
            );
            if let Some(said) = line.trim_end().strip_prefix("KIOSK ") {
                return said.to_owned();
            }
        }
    }

    /// Sends one command; its answer: `ok ...` or `err <code>`.
    fn ask(&mut self, command: &str) -> String {
        writeln!(self.input, "{command}").unwrap();
        self.input.flush().unwrap();
        self.reply()
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        let _ = writeln!(self.input, "quit");
        let _ = self.child.wait();
    }
}

async fn two_kiosks_in_two_processes_share_one_database(env: Env) {
    env.provision_default().await;
    let (mut a, mut b) = (Kiosk::start(&env), Kiosk::start(&env));

    // A registration on one is seen by a login on the other.
    assert_eq!(a.ask("register abcd1234 abcdefghij123"), "ok");
    assert_eq!(
        b.ask("login abcd1234 abcdefghij123"),
        "ok change-basic-password"
    );
    assert_eq!(b.ask("change-basic 11112222 22223333"), "ok home");

    // Five wrong passwords spread over both lock the ID at exactly five.
    for i in 0..4 {
        let kiosk = if i % 2 == 0 { &mut a } else { &mut b };
        assert_eq!(
            kiosk.ask("login abcd1234 wrongpassword1"),
            "err login-failed",
            "try {i}"
        );
    }
    let state = &env.ssa.account_states(Some("12345678")).await.unwrap()[0];
    assert_eq!(state.internet_locked, None, "four wrong: not locked");
    assert_eq!(a.ask("login abcd1234 wrongpassword1"), "err login-failed");
    let state = &env.ssa.account_states(Some("12345678")).await.unwrap()[0];
    assert_eq!(
        state.internet_locked.as_deref(),
        Some("5 wrong Internet passwords in a row")
    );
    assert_eq!(b.ask("login abcd1234 abcdefghij123"), "err login-failed");
    env.ssa.unlock_internet_user("abcd1234").await.unwrap();

    // A message read on one shows read on the other.
    let reference = env
        .ssa
        .post_message(&english("Branch notice", "Read me."))
        .await
        .unwrap();
    assert_eq!(a.ask("login abcd1234 abcdefghij123"), "ok home");
    assert_eq!(a.ask("home"), "ok unread=1");
    assert_eq!(a.ask(&format!("open {reference}")), "ok Read me.");
    assert_eq!(b.ask("login abcd1234 abcdefghij123"), "ok home");
    assert_eq!(b.ask("home"), "ok unread=0");

    // A special window scheduled by the back office ends the sessions on
    // both at its start.
    // Within the kiosk's 2-minute idle limit: only the window can end them.
    let start = env.clock.now() + Duration::seconds(60);
    env.ssa
        .schedule_maintenance(start, start + Duration::hours(1))
        .await
        .unwrap();
    let during = (start + Duration::seconds(30)).timestamp_millis();
    for kiosk in [&mut a, &mut b] {
        assert_eq!(kiosk.ask("home"), "ok unread=0", "live before the window");
        assert_eq!(kiosk.ask(&format!("time {during}")), "ok");
        assert_eq!(kiosk.ask("home"), "err session-ended");
        assert_eq!(kiosk.ask("login abcd1234 abcdefghij123"), "err maintenance");
    }
}

/// A kiosk: reads commands from standard input, answers `KIOSK ...` lines.
/// Only runs when a branch test starts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by the branch test in a child process"]
async fn kiosk() {
    let (Ok(url), Ok(pepper), Ok(now)) = (
        std::env::var("SSA_KIOSK_URL"),
        std::env::var("SSA_KIOSK_PEPPER"),
        std::env::var("SSA_KIOSK_NOW"),
    ) else {
        return;
    };
    let secrets = MemorySecretStore::new();
    secrets.set(&hex::decode(pepper).unwrap()).unwrap();
    if let Ok(key) = std::env::var("SSA_KIOSK_DATABASE_KEY") {
        if !key.is_empty() {
            secrets
                .database_key()
                .set(&hex::decode(key).unwrap())
                .unwrap();
        }
    }
    let start = chrono::DateTime::from_timestamp_millis(now.parse().unwrap()).unwrap();
    let clock = Arc::new(ssa_core::ManualClock::new(start));
    let ssa = Ssa::open(&url, Arc::new(secrets), clock.clone())
        .await
        .unwrap();
    ssa.fix_captcha_answer(Some(CODE.to_owned()));
    let say = |text: &str| {
        println!("KIOSK {text}");
        std::io::stdout().flush().unwrap();
    };
    let answer = |result: Result<String, ssa_core::SsaError>| match result {
        Ok(text) if text.is_empty() => "ok".to_owned(),
        Ok(text) => format!("ok {text}"),
        Err(e) => format!("err {}", e.code()),
    };
    let step = |next: ssa_core::NextStep| {
        serde_json::to_value(next)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    say("ready");
    let mut session = None;
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        let reply = match words.as_slice() {
            ["quit"] => break,
            ["time", ms] => {
                clock.set(chrono::DateTime::from_timestamp_millis(ms.parse().unwrap()).unwrap());
                "ok".to_owned()
            }
            ["register", id, password] => {
                let account = ["12345678", "C00088", "01"];
                let done = register_on(&ssa, account, "11112222", id, password).await;
                answer(done.map(|_| String::new()))
            }
            ["login", id, password] => answer(
                ssa.login(id, &secret(password), SessionKind::Kiosk)
                    .await
                    .map(|l| {
                        session = Some(l.session);
                        step(l.next)
                    }),
            ),
            ["change-basic", current, new] => {
                let form = change_basic_form(&ssa, current, new).await;
                match session.as_mut() {
                    Some(s) => answer(ssa.change_basic_password(s, &form).await.map(step)),
                    None => "err no-session".into(),
                }
            }
            ["home"] => match session.as_mut() {
                Some(s) => answer(ssa.home(s).await.map(|h| format!("unread={}", h.unread))),
                None => "err no-session".into(),
            },
            ["open", reference] => match session.as_mut() {
                Some(s) => {
                    let opened = async {
                        let home = ssa.home(s).await?;
                        let id = home
                            .messages
                            .iter()
                            .find(|m| m.reference == *reference)
                            .map(|m| m.id)
                            .ok_or(ssa_core::SsaError::NotAllowed)?;
                        ssa.open_message(s, id).await.map(|m| m.body.en)
                    };
                    answer(opened.await)
                }
                None => "err no-session".into(),
            },
            other => format!("err unknown-command {other:?}"),
        };
        say(&reply);
    }
}
