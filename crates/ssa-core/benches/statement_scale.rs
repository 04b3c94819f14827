//! Statement enquiries must cost the same however many other SSAs and years
//! the database holds. One SSA's 10,000 movements (twenty stocks, about two
//! years, ending today) are queried in a database that holds only them and
//! in one that also holds 999 other SSAs with 10,000 movements each (10
//! million), both made with bulk INSERT ... SELECT in the set-up, not through
//! the import. The queries run through the service layer with a live
//! session, interleaved between the two databases; medians are compared.
//! Goal: every ratio (big / small) at most 1.5.
//!
//! ```sh
//! cargo bench -p ssa-core --bench statement_scale             # SQLite
//! SSA_BENCH_POSTGRES_URL=postgres://... \
//!   cargo bench -p ssa-core --bench statement_scale -- postgres
//! ```
//! `-- sqlite 100` (or `postgres 100`) makes the big database with 100 SSAs, for a quick look.
//!
//! `-- sqlite-at-rest [SSAS]` compares instead two databases of SSAS SSAs
//! (100 by default: a million movements), one plain and one encrypted as
//! the app keeps them (SQLCipher), with a login among the queries. Goal:
//! every ratio (encrypted / plain) at most 1.10.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use secrecy::SecretString;
use ssa_core::clock::{hong_kong_date, hong_kong_time};
use ssa_core::security::hashing::bare_hash;
use ssa_core::{ManualClock, MemorySecretStore, SecretStore, Session, SessionKind, Ssa};

#[path = "support/history.rs"]
mod history;

use history::PER_SSA;
/// The benchmark's SSA, `C00088` / `01`, is SSA number 88 of the big database.
const OURS: i64 = 88;
const ROUNDS: usize = 201;
const PASSWORD: &str = "abcdefghij123";

#[derive(Clone, Copy, PartialEq)]
enum Backend {
    Sqlite,
    Postgres,
    /// SQLite, plain against encrypted.
    SqliteAtRest,
}

struct Db {
    ssa: Ssa,
    session: Session,
    url: String,
    secrets: MemorySecretStore,
    _dir: Option<tempfile::TempDir>,
    /// PostgreSQL: the admin URL and the database to drop at the end.
    drop: Option<(String, String)>,
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let backend = match args.first().map(String::as_str) {
        None | Some("sqlite") => Backend::Sqlite,
        Some("postgres") => Backend::Postgres,
        Some("sqlite-at-rest") => Backend::SqliteAtRest,
        Some(other) => panic!("usage: [sqlite|postgres|sqlite-at-rest] [SSAS]; got {other}"),
    };
    let default_ssas = if backend == Backend::SqliteAtRest {
        100
    } else {
        1000
    };
    // The big database always holds the benchmark's SSA.
    let ssas: i64 = args
        .get(1)
        .map(|n| n.parse().expect("SSAS"))
        .unwrap_or(default_ssas)
        .max(OURS + 1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run(backend, ssas));
}

async fn run(backend: Backend, ssas: i64) {
    let now = hong_kong_time(2026, 11, 26, 10, 0, 0).expect("time");
    let today = hong_kong_date(now);
    let first_day = today - Duration::days((PER_SSA - 1) / 13);
    let at_rest = backend == Backend::SqliteAtRest;
    let t = Instant::now();
    // At rest: "small" is the plain database, "big" the encrypted one, the
    // same size.
    let small_ssas = if at_rest { 0..ssas } else { OURS..OURS + 1 };
    let small_movements = (small_ssas.end - small_ssas.start) * PER_SSA;
    let mut small = make(backend, small_ssas, first_day, now, at_rest).await;
    eprintln!(
        "small database: {small_movements} movements in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut big = make(backend, 0..ssas, first_day, now, false).await;
    eprintln!(
        "big database: {} movements in {:.1} s",
        ssas * PER_SSA,
        t.elapsed().as_secs_f64()
    );

    let middle = first_day + Duration::days(385);
    let month_ago = today - Duration::days(29);
    type Query = for<'a> fn(
        &'a Ssa,
        &'a mut Session,
        NaiveDate,
        NaiveDate,
    )
        -> std::pin::Pin<Box<dyn std::future::Future<Output = usize> + 'a>>;
    let queries: [(&str, Query); 6] = [
        ("holdings today", |s, session, _, today| {
            Box::pin(async move {
                s.holdings(session, today, false)
                    .await
                    .expect("holdings")
                    .len()
            })
        }),
        ("holdings a year ago", |s, session, middle, _| {
            Box::pin(async move {
                s.holdings(session, middle, false)
                    .await
                    .expect("holdings")
                    .len()
            })
        }),
        (
            "movements, first page, last 30 days",
            |s, session, from, today| {
                Box::pin(async move {
                    s.movements(session, from, today, None, 0)
                        .await
                        .expect("movements")
                        .total as usize
                })
            },
        ),
        (
            "movements, first page, whole history",
            |s, session, from, today| {
                Box::pin(async move {
                    s.movements(session, from, today, None, 0)
                        .await
                        .expect("movements")
                        .total as usize
                })
            },
        ),
        (
            "movements, first page, name filter",
            |s, session, from, today| {
                Box::pin(async move {
                    s.movements(session, from, today, Some("控股7"), 0)
                        .await
                        .expect("movements")
                        .total as usize
                })
            },
        ),
        ("login (Argon2id and the session's rows)", |s, _, _, _| {
            Box::pin(async move {
                s.login(
                    &format!("bench{OURS:03}"),
                    &SecretString::from(PASSWORD),
                    SessionKind::Desktop,
                )
                .await
                .expect("login");
                1
            })
        }),
    ];
    if at_rest {
        println!(
            "| query | plain, {} movements | encrypted, {} movements | ratio |",
            ssas * PER_SSA,
            ssas * PER_SSA
        );
    } else {
        println!(
            "| query | {} {} movements | {} {} movements | ratio |",
            label(backend),
            PER_SSA,
            label(backend),
            ssas * PER_SSA
        );
    }
    println!("|---|---|---|---|");
    for (i, (name, query)) in queries.iter().enumerate() {
        // The login is what the at-rest comparison adds; the scale one
        // has its own benchmark (`login`).
        if i == 5 && !at_rest {
            continue;
        }
        let from = match i {
            0 => today,
            1 => middle,
            2 => month_ago,
            _ => first_day,
        };
        let mut times = [Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS)];
        for round in 0..ROUNDS + 20 {
            // Alternate which database goes first, so a burst on the
            // shared machine hits both alike.
            let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            let mut answers = [0usize; 2];
            for which in order {
                let db = if which == 0 { &mut small } else { &mut big };
                let t = Instant::now();
                answers[which] = query(&db.ssa, &mut db.session, from, today).await;
                if round >= 20 {
                    times[which].push(t.elapsed().as_secs_f64() * 1e3);
                }
            }
            assert_eq!(
                answers[0], answers[1],
                "{name}: both databases hold the same SSA"
            );
            assert!(answers[0] > 0, "{name}: something to show");
        }
        let [s, b] = times.map(median);
        println!("| {name} | {s:.3} ms | {b:.3} ms | {:.2} |", b / s);
    }
    if at_rest {
        // The core's opening of an existing database, as each start does
        // (keyring reads, the key pragma, migrations found done).
        let mut times = [Vec::new(), Vec::new()];
        for round in 0..41 {
            for (which, db) in [&small, &big].into_iter().enumerate() {
                let t = Instant::now();
                let ssa = Ssa::open(
                    &db.url,
                    Arc::new(db.secrets.clone()),
                    Arc::new(ManualClock::new(now)),
                )
                .await
                .expect("reopen");
                if round >= 10 {
                    times[which].push(t.elapsed().as_secs_f64() * 1e3);
                }
                drop(ssa);
            }
        }
        let [s, b] = times.map(median);
        println!(
            "| opening the service layer | {s:.3} ms | {b:.3} ms | {:.2} |",
            b / s
        );
    }
    for db in [small, big] {
        if let Some((admin, name)) = db.drop {
            drop(db.ssa);
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect");
            sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&mut conn)
                .await
                .expect("drop");
        }
    }
}

fn label(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite | Backend::SqliteAtRest => "SQLite",
        Backend::Postgres => "PostgreSQL",
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// A database holding SSAs `ssas` (numbered; 88 is `C00088`), each with
/// 10,000 movements from `first_day` on (13 a day over twenty stocks, three
/// ins of 1,000 to one out of 100), their closing balances, and one logged-in
/// investor of SSA 88. `plain`: a SQLite database left unencrypted, for
/// the at-rest comparison (an empty database key, which only the
/// benchmarks' build of the core takes).
async fn make(
    backend: Backend,
    ssas: std::ops::Range<i64>,
    first_day: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    plain: bool,
) -> Db {
    let (url, dir, drop) = match backend {
        Backend::Sqlite | Backend::SqliteAtRest => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres => {
            let admin = std::env::var("SSA_BENCH_POSTGRES_URL")
                .expect("SSA_BENCH_POSTGRES_URL names a PostgreSQL server");
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect");
            let name = format!(
                "bench_statements_{}_{}",
                ssas.end - ssas.start,
                std::process::id()
            );
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            (format!("{base}/{name}"), None, Some((admin.clone(), name)))
        }
    };
    let secrets = MemorySecretStore::new();
    if plain {
        secrets.database_key().set(&[]).expect("no key");
    }
    let ssa = Ssa::open(
        &url,
        Arc::new(secrets.clone()),
        Arc::new(ManualClock::new(now)),
    )
    .await
    .expect("open");
    let pepper = secrets.get().expect("pepper").expect("made").to_vec();
    let hash = bare_hash(&pepper, PASSWORD).expect("hash");
    history::investor(&ssa, OURS, &hash, now.timestamp_millis()).await;
    history::fill(&ssa, backend == Backend::Postgres, ssas, first_day).await;
    let session = ssa
        .login(
            &format!("bench{OURS:03}"),
            &SecretString::from(PASSWORD),
            SessionKind::Desktop,
        )
        .await
        .expect("login")
        .session;
    Db {
        ssa,
        session,
        url,
        secrets,
        _dir: dir,
        drop,
    }
}
