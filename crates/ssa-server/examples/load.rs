//! A bounded load generator for ssa-server on loopback (issue 19's
//! benchmarks; figures in docs/performance.md):
//!
//!   cargo run --release -p ssa-server --example load
//!
//! It starts one instance in process over TLS on a SQLite database with the
//! demo history for 100 investors, then measures, each client keeping its
//! TLS connection as a real one does:
//! - logins a second (4 clients at once) against the floor of cores / one
//!   Argon2id verify;
//! - statement enquiries (a holdings and a movements page in turn) from 100
//!   logged-in sessions at once: requests a second, p50 and p99;
//! - the server's added cost: one holdings enquiry through the server
//!   against the same call into the core in process (p50, one at a time);
//! - memory per open idle connection and per session.
//!
//! `-- scale` (or `-- scale 100` for a quick look) measures the statement
//! enquiries again over the 10-million-movement database of the
//! `statement_scale` benchmark (1,000 SSAs of 10,000 movements each), with
//! 100 logged-in sessions at once; on PostgreSQL when SSA_TEST_POSTGRES_URL
//! names a server, else on SQLite.

#![allow(clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../../ssa-core/benches/support/history.rs"]
mod history;

use std::time::{Duration, Instant};

use common::{connector, Deployment};
use http_body_util::Full;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use ssa_api::paths;
use ssa_server::Limits;

type Body = Full<hyper::body::Bytes>;

async fn connect(addr: std::net::SocketAddr, ca: &str) -> SendRequest<Body> {
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let tls = connector(ca).connect(name, tcp).await.unwrap();
    let (send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
        .await
        .unwrap();
    tokio::spawn(conn);
    send
}

async fn call(
    send: &mut SendRequest<Body>,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
) -> (u16, Vec<u8>) {
    use http_body_util::BodyExt;
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", "localhost")
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = request
        .body(Full::new(body.unwrap_or_default().into()))
        .unwrap();
    send.ready().await.unwrap();
    let response = send.send_request(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, bytes.to_vec())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

const INVESTORS: usize = 100;

type Sessions = Vec<(SendRequest<Body>, String)>;

/// Each session sends `count` enquiries (holdings and a movements page in
/// turn), at once with the others, either flat out or one every `pace`.
async fn enquire(
    sessions: Sessions,
    today: &str,
    count: usize,
    pace: Option<Duration>,
) -> (Vec<Duration>, Sessions, Duration) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, (mut send, token)) in sessions.into_iter().enumerate() {
        let today = today.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut ticks = pace.map(|p| {
                // Spread the sessions' first requests over one period.
                let start = tokio::time::Instant::now() + p.mul_f64(i as f64 / INVESTORS as f64);
                tokio::time::interval_at(start, p)
            });
            let mut times = Vec::new();
            for n in 0..count {
                if let Some(ticks) = ticks.as_mut() {
                    ticks.tick().await;
                }
                let t = Instant::now();
                let (status, _) = if n % 2 == 0 {
                    let path = format!("{}?date={today}", paths::HOLDINGS);
                    call(&mut send, "GET", &path, Some(&token), None).await
                } else {
                    let body = format!(r#"{{"from":"2026-01-01","to":"{today}","page":0}}"#);
                    call(
                        &mut send,
                        "POST",
                        paths::MOVEMENTS,
                        Some(&token),
                        Some(body),
                    )
                    .await
                };
                assert_eq!(status, 200);
                times.push(t.elapsed());
            }
            (times, (send, token))
        }));
    }
    let mut times = Vec::new();
    let mut back = Vec::new();
    for t in tasks {
        let (mine, session) = t.await.unwrap();
        times.extend(mine);
        back.push(session);
    }
    (times, back, started.elapsed())
}

/// One request a session: a holdings and a movements page in turn.
fn report(label: &str, times: &mut [Duration], elapsed: Option<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let rate = elapsed.map_or(String::new(), |e| {
        format!("{:.0}/s, ", times.len() as f64 / e.as_secs_f64())
    });
    println!(
        "{label}: {rate}p50 {:.2} ms, p99 {:.2} ms ({} requests)",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.99)),
        times.len()
    );
}

/// The enquiries over the big database (`-- scale [ssas]`).
async fn scale(ssas: i64) {
    use ssa_core::SecretStore;
    let dir = tempfile::tempdir().unwrap();
    let url = ssa_server::testing::fresh_database(dir.path()).await;
    let postgres = url.starts_with("postgres");
    let secrets = ssa_core::MemorySecretStore::new();
    let now = ssa_core::clock::hong_kong_time(2026, 11, 26, 10, 0, 0).unwrap();
    let clock = std::sync::Arc::new(ssa_core::ManualClock::new(now));
    let ssa = ssa_core::Ssa::open(&url, std::sync::Arc::new(secrets.clone()), clock)
        .await
        .unwrap();
    let today = ssa_core::clock::hong_kong_date(now);
    let first_day = today - chrono::Duration::days((history::PER_SSA - 1) / 13);
    let started = Instant::now();
    history::fill(&ssa, postgres, 0..ssas, first_day).await;
    let pepper = secrets.get().unwrap().unwrap().to_vec();
    let hash = ssa_core::security::hashing::bare_hash(&pepper, "abcdefghij123").unwrap();
    for n in 0..INVESTORS as i64 {
        history::investor(&ssa, n, &hash, now.timestamp_millis()).await;
    }
    let movements = ssa
        .store()
        .scalar_for_tests("SELECT COUNT(*) FROM movements")
        .await
        .unwrap();
    eprintln!(
        "{movements} movements in {} SSAs, made in {:.0} s",
        ssas,
        started.elapsed().as_secs_f64()
    );
    let certs = ssa_server::testing::certificates();
    let a = ssa_server::testing::Instance::start(
        std::sync::Arc::new(ssa),
        &certs,
        Limits {
            rate: ssa_server::limit::RateLimit {
                burst: 1_000_000,
                per_minute: 1_000_000,
                trusted_proxies: Vec::new(),
            },
            ..Limits::default()
        },
    )
    .await;
    let mut sessions = Vec::new();
    for n in 0..INVESTORS {
        let mut send = connect(a.addr, &certs.ca_pem).await;
        let body = format!(r#"{{"internetUserId":"bench{n:03}","password":"abcdefghij123"}}"#);
        let (status, answer) = call(&mut send, "POST", paths::LOGIN, None, Some(body)).await;
        assert_eq!(status, 200);
        let json: serde_json::Value = serde_json::from_slice(&answer).unwrap();
        sessions.push((send, json["token"].as_str().unwrap().to_owned()));
    }
    let today = today.format("%Y-%m-%d").to_string();
    let (mut times, sessions, elapsed) = enquire(sessions, &today, 20, None).await;
    let (mut paced, _, _) = enquire(sessions, &today, 20, Some(Duration::from_millis(200))).await;
    let backend = if postgres { "PostgreSQL" } else { "SQLite" };
    println!("database: {backend}, {movements} movements in {ssas} SSAs");
    report(
        &format!("enquiries, {INVESTORS} sessions at once, flat out"),
        &mut times,
        Some(elapsed),
    );
    report(
        &format!("enquiries, {INVESTORS} sessions each one every 200 ms (500/s)"),
        &mut paced,
        None,
    );
    a.stop().await;
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("scale") {
        let ssas = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
        scale(ssas).await;
        return;
    }
    let d = Deployment::new().await;
    eprintln!("preparing {INVESTORS} investors with the demo history...");
    for i in 0..INVESTORS {
        let basic = format!("{:08}", 30_000_000 + i);
        let participant = format!("C{:05}", 100 + i);
        d.investor_on(&participant, &basic, "01", &format!("inv{:05}", i))
            .await;
        d.history_on(&participant, "01").await;
    }
    // One client address makes every request here: no rate limit.
    let a = d
        .start(Limits {
            rate: ssa_server::limit::RateLimit {
                burst: 1_000_000,
                per_minute: 1_000_000,
                trusted_proxies: Vec::new(),
            },
            ..Limits::default()
        })
        .await;
    let ca = d.certs.ca_pem.clone();
    let login_body =
        |i: usize| format!(r#"{{"internetUserId":"inv{i:05}","password":"abcdefghij123"}}"#);

    // One Argon2id verify, in process: the floor of logins a second.
    let ssa = d.open().await;
    let mut verify = Vec::new();
    for i in 0..10 {
        let t = Instant::now();
        ssa.login(
            &format!("inv{i:05}"),
            &secrecy::SecretString::from("abcdefghij123"),
            ssa_core::SessionKind::Desktop,
        )
        .await
        .unwrap();
        verify.push(t.elapsed());
    }
    verify.sort();
    let one_login = percentile(&verify, 0.5);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let floor = cores as f64 / one_login.as_secs_f64();

    // Logins through the server, 4 clients at once.
    let logins = 200;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..4 {
        let ca = ca.clone();
        let addr = a.addr;
        tasks.push(tokio::spawn(async move {
            let mut send = connect(addr, &ca).await;
            for n in 0..logins / 4 {
                let i = (c * 50 + n) % INVESTORS;
                let (status, _) =
                    call(&mut send, "POST", paths::LOGIN, None, Some(login_body(i))).await;
                assert_eq!(status, 200);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let login_rate = logins as f64 / started.elapsed().as_secs_f64();

    // 100 sessions at once, each a holdings and a movements page in turn.
    let today = d.today().format("%Y-%m-%d").to_string();
    let per_session = 20;
    let rss_before = rss_kib();
    // First every session logs in (Argon2id, once each), then all enquire
    // at once.
    let mut sessions = Vec::new();
    for i in 0..INVESTORS {
        let mut send = connect(a.addr, &ca).await;
        let (_, answer) = call(&mut send, "POST", paths::LOGIN, None, Some(login_body(i))).await;
        let json: serde_json::Value = serde_json::from_slice(&answer).unwrap();
        sessions.push((send, json["token"].as_str().unwrap().to_owned()));
    }
    // Flat out (each client sends its next request when the last is
    // answered), then paced (each sends one every 200 ms: 500 a second).
    let (times, sessions, elapsed) = enquire(sessions, &today, per_session, None).await;
    let (mut paced, sessions, _) = enquire(
        sessions,
        &today,
        per_session,
        Some(Duration::from_millis(200)),
    )
    .await;
    paced.sort();
    let open: Vec<_> = sessions.into_iter().map(|(send, _)| send).collect();
    let mut times = times;
    times.sort();
    let enquiry_rate = times.len() as f64 / elapsed.as_secs_f64();

    // Memory: 100 connections held open, idle, and 1,000 more.
    let rss_100 = rss_kib();
    let mut idle = Vec::new();
    for _ in 0..1000 {
        idle.push(connect(a.addr, &ca).await);
    }
    let rss_1100 = rss_kib();
    let per_connection = (rss_1100.saturating_sub(rss_100)) as f64 / 1000.0;
    drop(idle);
    drop(open);

    // The server's added cost: one holdings enquiry, one at a time.
    let mut send = connect(a.addr, &ca).await;
    let (_, answer) = call(&mut send, "POST", paths::LOGIN, None, Some(login_body(0))).await;
    let token: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    let path = format!("{}?date={today}", paths::HOLDINGS);
    let mut through = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        call(&mut send, "GET", &path, Some(&token), None).await;
        through.push(t.elapsed());
    }
    let mut session = ssa.resume_session(&token).await.unwrap();
    let mut direct = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        ssa.holdings_on(&mut session, &today, false).await.unwrap();
        direct.push(t.elapsed());
    }
    through.sort();
    direct.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("cores: {cores}");
    println!(
        "logins: {login_rate:.1}/s through the server; one Argon2id login in process {:.1} ms, floor {floor:.1}/s; ratio {:.2}",
        ms(one_login),
        login_rate / floor
    );
    println!(
        "enquiries, {INVESTORS} sessions at once: {enquiry_rate:.0}/s, p50 {:.2} ms, p99 {:.2} ms ({} requests)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        times.len()
    );
    println!(
        "enquiries, {INVESTORS} sessions each one every 200 ms (500/s): p50 {:.2} ms, p99 {:.2} ms",
        ms(percentile(&paced, 0.5)),
        ms(percentile(&paced, 0.99)),
    );
    println!(
        "holdings one at a time: through the server p50 {:.3} ms, in process p50 {:.3} ms, added {:.3} ms",
        ms(percentile(&through, 0.5)),
        ms(percentile(&direct, 0.5)),
        ms(percentile(&through, 0.5)) - ms(percentile(&direct, 0.5))
    );
    println!(
        "memory: {per_connection:.1} KiB a held-open TLS connection (RSS {rss_before} -> {rss_100} -> {rss_1100} KiB); a session is a database row, no server memory"
    );
    a.stop().await;
}
