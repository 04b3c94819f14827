//! The server as an investor at home and an attacker reach it: over TLS on
//! loopback with a certificate made for the run, two instances on one
//! database, sessions isolated, and bad requests refused without harm.

#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::{connector, exchange, Client, Deployment};
use serde_json::json;
use ssa_api::paths;
use ssa_server::Limits;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investor_logs_in_and_reads_statements_over_tls() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    d.history("01").await;
    let a = d.start(Limits::default()).await;
    let mut client = Client::new(&d, &a);

    let health = client.get(paths::HEALTH).await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json(), json!({ "live": true, "ready": true }));

    let login = client.login("INV12345").await;
    assert_eq!(login["next"], "home");
    assert_eq!(login["basicUserId"], "12345678");
    assert_eq!(login["token"].as_str().unwrap().len(), 64);

    let home = client.get(paths::HOME).await;
    assert_eq!(home.status, 200, "{home:?}");
    assert_eq!(home.json()["internetUserId"], "inv12345");

    let today = d.today().format("%Y-%m-%d").to_string();
    let holdings = client
        .get(&format!("{}?date={today}", paths::HOLDINGS))
        .await;
    assert_eq!(holdings.status, 200, "{holdings:?}");
    let holdings: Vec<ssa_api::Holding> = serde_json::from_str(&holdings.body).unwrap();
    assert!(!holdings.is_empty());
    // The same figures the core gives in process.
    let ssa = d.open().await;
    let mut session = ssa
        .login(
            "inv12345",
            &secrecy::SecretString::from("abcdefghij123"),
            ssa_core::SessionKind::Desktop,
        )
        .await
        .unwrap()
        .session;
    let in_process = ssa.holdings_on(&mut session, &today, false).await.unwrap();
    // Every field, read back through the same types.
    assert_eq!(holdings, in_process);

    let movements = client
        .post(
            paths::MOVEMENTS,
            json!({ "from": "2026-01-01", "to": today, "stock": "00700" }),
        )
        .await;
    assert_eq!(movements.status, 200, "{movements:?}");
    let movements: ssa_api::MovementPage = serde_json::from_str(&movements.body).unwrap();
    assert!(movements.total > 0);
    assert!(movements
        .movements
        .iter()
        .all(|m| m.stock_code.as_str() == "00700"));

    let day = movements.movements[0].settled_on;
    let daily = client
        .get(&format!("{}?date={day}", paths::DAILY_STATEMENT))
        .await;
    assert_eq!(daily.status, 200, "{daily:?}");
    let daily: ssa_api::DailyStatement = serde_json::from_str(&daily.body).unwrap();
    assert_eq!(daily.date, day);
    assert_eq!(daily.header.participant_id.as_str(), "C00088");
    for stock in &daily.stocks {
        let moved: i64 = stock
            .movements
            .iter()
            .map(|m| m.quantity_in - m.quantity_out)
            .sum();
        assert_eq!(stock.opening + moved, stock.closing, "{stock:?}");
    }
    let monthly = client
        .get(&format!("{}?month=2026-10", paths::MONTHLY_STATEMENT))
        .await;
    assert_eq!(monthly.status, 200, "{monthly:?}");
    assert_eq!(monthly.json()["monthEnd"], "2026-10-31");
    let series = client
        .get(&format!(
            "{}?stock=00700&from=2026-01-01&to={today}",
            paths::SERIES
        ))
        .await;
    assert_eq!(series.status, 200, "{series:?}");
    assert!(!series.json().as_array().unwrap().is_empty());

    // A rule broken is the core's code and data, for the client's words.
    let bad = client
        .get(&format!("{}?date=2026-02-30", paths::HOLDINGS))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.code(), "invalid");
    assert_eq!(bad.json()["args"][0]["rule"], "date-format");

    // The operator's metrics, on loopback: requests by route pattern, never
    // a path, an ID or a token.
    let metrics = client.get(paths::METRICS).await;
    assert_eq!(metrics.status, 200);
    assert!(metrics
        .body
        .contains("ssa_request_seconds_count{route=\"/v1/holdings\",status=\"200\"}"));
    assert!(metrics.body.contains("ssa_logins_total{outcome=\"ok\"}"));
    assert!(metrics
        .body
        .contains("route=\"/v1/holdings\",status=\"422\""));
    // The core's refusals by code, what is locked now, the pool's use.
    assert!(metrics
        .body
        .contains("ssa_refusals_total{code=\"invalid\"}"));
    assert!(metrics
        .body
        .contains("ssa_locked{what=\"internet-user-id\"} 0"));
    assert!(metrics.body.contains("ssa_db_connections{state=\"idle\"}"));
    for secret in [login["token"].as_str().unwrap(), "inv12345", "2026-02-30"] {
        assert!(!metrics.body.contains(secret), "{secret} in the metrics");
    }

    // Every answer carries the security headers and no CORS grant.
    let raw = exchange(
        &connector(&d.certs.ca_pem),
        a.addr,
        b"GET /health HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n",
    )
    .await
    .unwrap();
    assert_eq!(raw.status, 200);
    assert!(raw
        .header("strict-transport-security")
        .is_some_and(|v| v.starts_with("max-age=")));
    assert_eq!(raw.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(raw.header("cache-control"), Some("no-store"));
    assert_eq!(raw.header("access-control-allow-origin"), None);
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_refuses_a_server_whose_certificate_another_ca_signed() {
    let d = Deployment::new().await;
    let a = d.start(Limits::default()).await;
    let stranger = common::certificates();
    let refused = exchange(
        &connector(&stranger.ca_pem),
        a.addr,
        b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .await;
    let error = refused.expect_err("the handshake fails");
    assert!(
        error.to_string().contains("certificate"),
        "refused for its certificate: {error}"
    );
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_lives_in_the_database_across_instances_and_restarts() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    let a = d.start(Limits::default()).await;
    let b = d.start(Limits::default()).await;
    let mut on_a = Client::new(&d, &a);
    on_a.login("inv12345").await;
    let on_b = on_a.on(&b);
    assert_eq!(on_b.get(paths::HOME).await.status, 200);
    // A killed mid-flight: B goes on, and so does the session.
    a.kill();
    assert_eq!(on_b.get(paths::SESSION).await.json()["next"], "home");
    // B restarted: nobody is logged out.
    b.stop().await;
    let b2 = d.start(Limits::default()).await;
    let on_b2 = on_b.on(&b2);
    assert_eq!(on_b2.get(paths::HOME).await.status, 200);
    b2.stop().await;
}

/// An instance killed (as kill -9 leaves it) while it changes a password:
/// the change is all there or not there at all, on the other instance.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_mid_request_leaves_nothing_half_written() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    let a = d.start(Limits::default()).await;
    let b = d.start(Limits::default()).await;
    let mut on_a = Client::new(&d, &a);
    on_a.login("inv12345").await;
    let in_flight = on_a.on(&a);
    let change = tokio::spawn(async move {
        in_flight
            .post(
                paths::INTERNET_PASSWORD,
                json!({ "currentPassword": "abcdefghij123", "newPassword": "abcdefghij124",
                        "confirmNewPassword": "abcdefghij124" }),
            )
            .await
    });
    // The request on its way or being served (its Argon2id hash takes a
    // while): A dies.
    for _ in 0..50 {
        tokio::task::yield_now().await;
    }
    a.kill();
    let _ = change.await;
    // On B: exactly one of the two passwords logs in, and the audit log
    // says the change happened exactly when it did.
    let ssa = d.open().await;
    let logs_in = async |password: &str| {
        ssa.login(
            "inv12345",
            &secrecy::SecretString::from(password.to_owned()),
            ssa_core::SessionKind::Desktop,
        )
        .await
        .is_ok()
    };
    let (old, new) = (
        logs_in("abcdefghij123").await,
        logs_in("abcdefghij124").await,
    );
    assert!(old != new, "old {old}, new {new}");
    let changed = ssa
        .audit_entries(100)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.kind == "internet-password-changed")
        .count();
    assert_eq!(changed, usize::from(new));
    // B serves on.
    let on_b = on_a.on(&b);
    assert_eq!(on_b.get(paths::SESSION).await.status, 200);
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_opens_only_its_own_session_and_only_while_it_lives() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    d.investor("87654321", "02", "inv22222").await;
    d.history("01").await;
    let a = d.start(Limits::default()).await;
    let today = d.today().format("%Y-%m-%d").to_string();
    let holdings = format!("{}?date={today}", paths::HOLDINGS);

    let mut first = Client::new(&d, &a);
    first.login("inv12345").await;
    let mut second = Client::new(&d, &a);
    second.login("inv22222").await;
    // Each token reads its own SSA: the second SSA has no history.
    assert!(!first
        .get(&holdings)
        .await
        .json()
        .as_array()
        .unwrap()
        .is_empty());
    assert!(second
        .get(&holdings)
        .await
        .json()
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        second.get(paths::HOME).await.json()["internetUserId"],
        "inv22222"
    );

    // No token, a forged one, one with a character changed.
    let mut stranger = Client::new(&d, &a);
    let none = stranger.get(paths::HOME).await;
    assert_eq!((none.status, none.code()), (401, "session-ended".into()));
    let token = first.token.clone().unwrap();
    let other_last = if token.ends_with('0') { '1' } else { '0' };
    let one_changed = format!("{}{other_last}", &token[..63]);
    for forged in ["0".repeat(64), one_changed, "x".into()] {
        stranger.token = Some(forged);
        let refused = stranger.get(&holdings).await;
        assert_eq!(
            (refused.status, refused.code()),
            (401, "session-ended".into())
        );
    }

    // After logout, the token opens nothing.
    assert_eq!(second.post(paths::LOGOUT, json!({})).await.status, 204);
    assert_eq!(second.get(&holdings).await.status, 401);

    // Idle past the limit: refused, and it stays refused.
    d.clock.advance(Duration::seconds(
        ssa_core::SessionKind::Desktop.idle_limit_secs() + 1,
    ));
    assert_eq!(first.get(&holdings).await.code(), "session-ended");
    d.clock.advance(Duration::seconds(-120));
    assert_eq!(first.get(&holdings).await.code(), "session-ended");
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_a_clear_refusal_and_the_server_stays_up() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    let a = d
        .start(Limits {
            header_timeout: std::time::Duration::from_millis(500),
            ..Limits::default()
        })
        .await;
    let client = Client::new(&d, &a);

    // 10 MB: refused before it is read whole.
    let big = vec![b'a'; 10 * 1024 * 1024];
    let tcp = connector(&d.certs.ca_pem);
    let mut request = format!(
        "POST {} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        paths::LOGIN,
        big.len()
    )
    .into_bytes();
    request.extend_from_slice(&big);
    match exchange(&tcp, a.addr, &request).await {
        Ok(answer) => assert_eq!(answer.status, 413, "{answer:?}"),
        // The server may close before the client has written it all.
        Err(e) => assert!(
            e.kind() == std::io::ErrorKind::BrokenPipe
                || e.kind() == std::io::ErrorKind::ConnectionReset,
            "{e}"
        ),
    }

    for body in [
        &b"{not json"[..],
        b"\xff\xfe\x00",
        b"{\"internetUserId\": 5}",
    ] {
        let answer = client.send("POST", paths::LOGIN, Some(body)).await;
        assert_eq!((answer.status, answer.code()), (400, "bad-request".into()));
    }
    let unknown = client.get("/v1/nothing-here").await;
    assert_eq!((unknown.status, unknown.code()), (404, "not-found".into()));

    // Headers sent too slowly: the connection is closed, no answer.
    let slow = {
        let tcp = tokio::net::TcpStream::connect(a.addr).await.unwrap();
        let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
        let mut tls = connector(&d.certs.ca_pem).connect(name, tcp).await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        tls.write_all(b"GET /health HTTP/1.1\r\nHost: loc")
            .await
            .unwrap();
        let mut rest = Vec::new();
        let read = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            tls.read_to_end(&mut rest),
        )
        .await;
        (read.is_ok(), String::from_utf8_lossy(&rest).into_owned())
    };
    assert!(slow.0, "the server closed the slow connection itself");
    assert!(!slow.1.contains("200 OK"), "{}", slow.1);

    // 2,000 idle connections hold no one else up (scripts/test.sh raises
    // the open-file limit for the 4,000 descriptors: both ends are here).
    let mut idle = Vec::new();
    for _ in 0..2000 {
        idle.push(tokio::net::TcpStream::connect(a.addr).await.unwrap());
    }
    let health = client.get(paths::HEALTH).await;
    assert_eq!(health.status, 200);
    drop(idle);
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_is_slowed_on_the_routes_without_a_session() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    let a = d
        .start(Limits {
            rate: ssa_server::limit::RateLimit {
                burst: 5,
                per_minute: 1,
                trusted_proxies: Vec::new(),
            },
            ..Limits::default()
        })
        .await;
    let mut client = Client::new(&d, &a);
    client.login("inv12345").await;
    let wrong = json!({ "internetUserId": "inv12345", "password": "abcdefghij999" });
    for _ in 0..4 {
        assert_eq!(
            client.post(paths::LOGIN, wrong.clone()).await.code(),
            "login-failed"
        );
    }
    let slowed = client.post(paths::LOGIN, wrong.clone()).await;
    assert_eq!(
        (slowed.status, slowed.code()),
        (429, "too-many-requests".into())
    );
    // A header naming another address is not believed from a stranger.
    let body = wrong.to_string();
    let request = format!(
        "POST {} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.9\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        paths::LOGIN,
        body.len()
    );
    let spoofed = exchange(&connector(&d.certs.ca_pem), a.addr, request.as_bytes())
        .await
        .unwrap();
    assert_eq!(spoofed.status, 429);
    // A session already open goes on.
    assert_eq!(client.get(paths::HOME).await.status, 200);
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_ids_token_stays_dead_after_the_unlock() {
    let d = Deployment::new().await;
    d.investor("12345678", "01", "inv12345").await;
    let a = d.start(Limits::default()).await;
    let mut client = Client::new(&d, &a);
    client.login("inv12345").await;
    let mut attacker = Client::new(&d, &a);
    attacker.token = None;
    let wrong = json!({ "internetUserId": "inv12345", "password": "abcdefghij999" });
    for _ in 0..5 {
        assert_eq!(
            attacker.post(paths::LOGIN, wrong.clone()).await.code(),
            "login-failed"
        );
    }
    assert_eq!(client.get(paths::HOME).await.code(), "session-ended");
    d.open()
        .await
        .unlock_internet_user("inv12345")
        .await
        .unwrap();
    assert_eq!(
        client.get(paths::HOME).await.code(),
        "session-ended",
        "an unlock does not revive an ended session"
    );
    client.login("inv12345").await;
    assert_eq!(client.get(paths::HOME).await.status, 200);
    a.stop().await;
}
