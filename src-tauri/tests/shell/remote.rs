//! The window's shell as the SSA server's client (`--server`): the same
//! commands, over HTTPS to an `ssa-server` on loopback with a certificate
//! made for the run, read what they read in process from the same
//! database, word for word; a server the window cannot trust or reach is
//! named in the reader's language; a session the server ended is gone.
//! Test build only (`--features e2e-captcha`): the server's codes are fixed.

use std::sync::Arc;

use secrecy::SecretString;
use ssa_core::{ExportRequest, MovementsRequest, NextStep, SeriesRequest};
use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;
use ssa_desktop::state::AppState;
use ssa_server::testing::{certificates, Certificates, Instance};

use crate::common::{change_basic_password, fixed_code_demo, register, shell, Shell, DEMO};

/// An `ssa-server` over the demo shell's database, its codes fixed.
async fn serve(s: &Shell) -> (Instance, Certificates) {
    let url = s.data_dir.join("ssa-demo.db");
    let ssa = ssa_core::Ssa::open(
        url.to_str().unwrap(),
        Arc::new(s.secrets.clone()),
        s.clock.clone(),
    )
    .await
    .unwrap();
    ssa.fix_captcha_answer(Some("Kx7Pq".into()));
    let certs = certificates();
    let instance = Instance::start(Arc::new(ssa), &certs, ssa_server::Limits::default()).await;
    (instance, certs)
}

/// The shell of a window pointed at `server`, trusting the CA `ca_pem`
/// (kept in its data folder, as `config.json`'s `serverCa` names it).
fn client_of(server: &str, ca_pem: Option<&str>, dir: &tempfile::TempDir) -> AppState {
    let data_dir = dir.path().to_path_buf();
    if let Some(pem) = ca_pem {
        std::fs::write(data_dir.join("server-ca.pem"), pem).unwrap();
        std::fs::write(
            data_dir.join("config.json"),
            format!(r#"{{"server": "{server}", "serverCa": "server-ca.pem"}}"#),
        )
        .unwrap();
    }
    let settings = Settings {
        server: Some(server.to_owned()),
        ..Settings::default()
    };
    let state = AppState::start_remote(server, &settings, data_dir);
    state.set_language(Language::English);
    state
}

fn json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

#[tokio::test]
async fn the_window_over_the_server_reads_what_it_reads_in_process() {
    let s = shell(fixed_code_demo()).await;
    let (server, certs) = serve(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let remote = client_of(&server.url(), Some(&certs.ca_pem), &dir);
    // The settings read config.json as the app reads it.
    let settings = Settings::default();
    assert_eq!(settings.server(dir.path()), Some(server.url()));
    assert_eq!(
        settings.server_ca(dir.path()),
        Some(dir.path().join("server-ca.pem"))
    );

    // Registration, its Confirm and the first login's Basic change, all
    // through the server.
    register(&remote, DEMO).await;
    let signed_in = remote
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    assert_eq!(signed_in.next, NextStep::ChangeBasicPassword);
    assert_eq!(signed_in.basic_user_id, "12345678");
    let next = change_basic_password(&remote, "11112222", "22223333").await;
    assert_eq!(next, NextStep::Home);
    assert_eq!(remote.session_alive().await.unwrap(), NextStep::Home);

    // The same investor, in process, on the same database.
    s.state
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    let (here, there) = (&s.state, &remote);
    let home = there.home().await.unwrap();
    assert_eq!(home.internet_user_id, "inv12345");
    assert_eq!(
        json(&home.messages),
        json(&here.home().await.unwrap().messages)
    );
    if let Some(first) = home.messages.first() {
        assert_eq!(
            json(there.open_message(first.id).await.unwrap()),
            json(here.open_message(first.id).await.unwrap())
        );
    }

    let today = "2026-11-26";
    let holdings = there.holdings(today, false).await.unwrap();
    assert!(!holdings.stocks.is_empty());
    assert_eq!(
        json(&holdings),
        json(here.holdings(today, false).await.unwrap())
    );
    let request = MovementsRequest {
        from: "2026-01-01".into(),
        to: today.into(),
        ..MovementsRequest::default()
    };
    let movements = there.movements(&request).await.unwrap();
    assert!(movements.total > 0);
    assert_eq!(
        json(&movements),
        json(here.movements(&request).await.unwrap())
    );
    let dates = there.statement_dates("2026-11").await.unwrap();
    assert!(!dates.is_empty());
    assert_eq!(dates, here.statement_dates("2026-11").await.unwrap());
    let daily = there.daily_statement(&dates[0]).await.unwrap();
    assert_eq!(
        json(&daily),
        json(here.daily_statement(&dates[0]).await.unwrap())
    );
    assert_eq!(
        json(there.monthly_statement("2026-10").await.unwrap()),
        json(here.monthly_statement("2026-10").await.unwrap())
    );
    let series = SeriesRequest {
        stock: holdings.stocks[0].code.clone(),
        from: "2026-01-01".into(),
        to: today.into(),
    };
    assert_eq!(
        json(there.balance_series(&series).await.unwrap()),
        json(here.balance_series(&series).await.unwrap())
    );
    assert_eq!(
        json(there.month_holidays("2026-12").await.unwrap()),
        json(here.month_holidays("2026-12").await.unwrap())
    );
    assert_eq!(
        json(there.welcome_notices().await.unwrap()),
        json(here.welcome_notices().await.unwrap())
    );
    for what in [
        ExportRequest::Daily {
            date: dates[0].clone(),
        },
        ExportRequest::Monthly {
            month: "2026-10".into(),
        },
        ExportRequest::Movements {
            request: request.clone(),
        },
    ] {
        assert_eq!(
            there.statement_for_export(&what).await.unwrap(),
            here.statement_for_export(&what).await.unwrap()
        );
    }

    // A refusal is said word for word as in process, in each language.
    for language in [
        Language::English,
        Language::TraditionalChinese,
        Language::SimplifiedChinese,
    ] {
        here.set_language(language);
        there.set_language(language);
        let bad = there.holdings("2026-02-30", false).await.unwrap_err();
        assert_eq!(
            json(&bad),
            json(here.holdings("2026-02-30", false).await.unwrap_err())
        );
        assert_eq!(bad.code, "invalid");
    }

    // Logout ends the session on the server: the token opens nothing more.
    there.logout().await.unwrap();
    assert_eq!(
        there.home().await.unwrap_err().code,
        "session-ended",
        "the window holds no session"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_session_the_server_ended_takes_the_window_back_to_welcome() {
    let s = shell(fixed_code_demo()).await;
    let (server, certs) = serve(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let remote = client_of(&server.url(), Some(&certs.ca_pem), &dir);
    register(&remote, DEMO).await;
    remote
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    change_basic_password(&remote, "11112222", "22223333").await;
    assert!(remote.holdings("2026-11-26", false).await.is_ok());
    // 15 idle minutes on the server's clock.
    s.clock.advance(chrono::Duration::minutes(16));
    let ended = remote.holdings("2026-11-26", false).await.unwrap_err();
    assert_eq!(ended.code, "session-ended");
    // The shell forgot it: the window's periodic check says so too.
    assert_eq!(
        remote.session_alive().await.unwrap_err().code,
        "session-ended"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_server_the_window_cannot_trust_or_reach_is_named_in_the_readers_language() {
    let s = shell(fixed_code_demo()).await;
    let (server, _) = serve(&s).await;

    // Another CA signed the server's certificate: nothing is sent.
    let dir = tempfile::tempdir().unwrap();
    let stranger = client_of(&server.url(), Some(&certificates().ca_pem), &dir);
    let refused = stranger
        .new_captcha(ssa_core::CaptchaScreen::Registration)
        .await
        .unwrap_err();
    assert_eq!(refused.code, "server-untrusted");
    assert!(refused.message.contains("127.0.0.1"), "{}", refused.message);
    assert!(
        refused.message.contains("certificate"),
        "{}",
        refused.message
    );
    // Nor do the system's roots trust a CA made for this run.
    let dir = tempfile::tempdir().unwrap();
    let system = client_of(&server.url(), None, &dir);
    let refused = system
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, "server-untrusted");
    server.stop().await;

    // Nobody listens: the reader is told in its language, and the next
    // action tries again.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let gone = client_of(&format!("https://127.0.0.1:{port}"), None, &dir);
    gone.set_language(Language::TraditionalChinese);
    let refused = gone.welcome_notices().await.unwrap_err();
    assert_eq!(refused.code, "server-unreachable");
    assert!(refused.message.contains("無法連接"), "{}", refused.message);

    // Plain HTTP off this computer is refused before anything is sent.
    let dir = tempfile::tempdir().unwrap();
    let clear = client_of("http://ssa.example.com", None, &dir);
    let info = clear.app_info();
    let startup = info.startup_error.expect("refused at start");
    assert_eq!(startup.code, "insecure-server-link");
    assert!(startup.message.contains("https://"), "{}", startup.message);
}

/// The routes the statements test does not take, through the shell's typed
/// client: Refresh and Listen, the Internet password change, logout,
/// Forgot password, and cancellation (abandoned, then confirmed).
#[tokio::test]
async fn every_account_step_goes_through_the_server() {
    use ssa_core::{CancellationForm, CaptchaScreen, ChangeInternetPasswordForm, RecoveryForm};
    let s = shell(fixed_code_demo()).await;
    let (server, certs) = serve(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let remote = client_of(&server.url(), Some(&certs.ca_pem), &dir);
    register(&remote, DEMO).await;
    remote
        .login("inv12345", SecretString::from("abcdefghij123"))
        .await
        .unwrap();
    change_basic_password(&remote, "11112222", "22223333").await;

    // Refresh and Listen.
    let first = remote.new_captcha(CaptchaScreen::Recovery).await.unwrap();
    let next = remote
        .refresh_captcha(CaptchaScreen::Recovery, &first.id)
        .await
        .unwrap();
    assert_ne!(next.id, first.id);
    let spoken = remote
        .captcha_audio(CaptchaScreen::Recovery, &next.id)
        .await
        .unwrap();
    assert!(spoken.wav_base64.starts_with("UklGR"));
    let gone = remote
        .captcha_audio(CaptchaScreen::Recovery, &first.id)
        .await
        .unwrap_err();
    assert_eq!(gone.fields[0].field, "captcha");

    let secret = |s: &str| SecretString::from(s.to_owned());
    let next_step = remote
        .change_internet_password(ChangeInternetPasswordForm {
            current_password: secret("abcdefghij123"),
            new_password: secret("abcdefghij124"),
            confirm_new_password: secret("abcdefghij124"),
        })
        .await
        .unwrap();
    assert_eq!(next_step, NextStep::Home);
    remote.logout().await.unwrap();

    // Forgot password, with the code drawn above.
    remote
        .recover_internet_password(RecoveryForm {
            internet_user_id: "inv12345".into(),
            basic_user_id: "12345678".into(),
            participant_id: "C00088".into(),
            ssa_number: "01".into(),
            basic_password: secret("22223333"),
            new_password: secret("abcdefghij125"),
            confirm_new_password: secret("abcdefghij125"),
            captcha_id: next.id,
            captcha_answer: secret("Kx7Pq"),
        })
        .await
        .unwrap();

    // Cancellation: begun, abandoned (nothing to confirm), begun again and
    // confirmed; the ID then logs in no more.
    let cancel = async || {
        let c = remote
            .new_captcha(CaptchaScreen::Cancellation)
            .await
            .unwrap();
        remote
            .check_cancellation(CancellationForm {
                internet_user_id: "inv12345".into(),
                password: secret("abcdefghij125"),
                captcha_id: c.id,
                captcha_answer: secret("Kx7Pq"),
            })
            .await
            .unwrap()
    };
    assert_eq!(cancel().await, "inv12345");
    remote.abandon_unfinished().await;
    assert_eq!(
        remote.confirm_cancellation().await.unwrap_err().code,
        "not-allowed"
    );
    cancel().await;
    remote.confirm_cancellation().await.unwrap();
    let refused = remote
        .login("inv12345", secret("abcdefghij125"))
        .await
        .unwrap_err();
    assert_eq!(refused.code, "login-failed");
    server.stop().await;
}
