//! The SQLite database at rest (issue 20): encrypted with SQLCipher under
//! the key the keyring keeps beside the pepper. Nothing an investor owns
//! can be read from the database, its write-ahead log or a backup; a plain
//! database from before is encrypted in place on its first start, all or
//! nothing, even when the process is killed mid-way; a missing or wrong key
//! stops the start and leaves the database as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use ssa_core::{MemorySecretStore, SecretStore, Ssa, SsaError};

use crate::common::{ready_user, secret, Backend, Env, CODE};

/// What an investor owns, as it would stand in a plain file: a stock's name
/// (English and Chinese), the Basic User ID, and an Argon2id hash.
const NEEDLES: &[&str] = &["TENCENT", "騰訊控股", "12345678", "$argon2"];

async fn sqlite_env() -> Env {
    Env::new(Backend::Sqlite).await.expect("sqlite")
}

fn path_of(url: &str) -> PathBuf {
    PathBuf::from(url.trim_start_matches("sqlite://"))
}

/// `env`'s investor with holdings of TENCENT and HSBC.
async fn investor_with_holdings(env: &Env) {
    ready_user(env).await;
    let stocks = "stock_code,name_en,name_zh_hk,name_zh_cn\n\
                  00700,TENCENT,騰訊控股,腾讯控股\n\
                  00005,HSBC HOLDINGS,滙豐控股,汇丰控股\n";
    env.ssa
        .import_stocks(stocks.as_bytes(), false, &mut |_| {})
        .await
        .unwrap();
    let movements =
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
                     2026-01-02,C00088,01,00700,BF,1000,,R1\n\
                     2026-01-05,C00088,01,00005,DEP,800,,R2\n";
    let report = env
        .ssa
        .import_movements(movements.as_bytes(), false, &mut |_| {})
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// The needles found in `file` (none when it is absent).
fn readable_in(file: &Path) -> Vec<&'static str> {
    let bytes = std::fs::read(file).unwrap_or_default();
    NEEDLES
        .iter()
        .copied()
        .filter(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()))
        .collect()
}

fn is_plain(file: &Path) -> bool {
    std::fs::read(file)
        .unwrap()
        .starts_with(b"SQLite format 3\0")
}

fn database_key(keyring: &MemorySecretStore) -> Vec<u8> {
    keyring
        .database_key()
        .get()
        .unwrap()
        .expect("a database key")
        .to_vec()
}

/// A connection to the database at `path` opened with `key`, as SQLCipher
/// takes a raw key.
async fn keyed(path: &Path, key: &[u8]) -> sqlx::SqliteConnection {
    SqliteConnectOptions::new()
        .filename(path)
        .pragma("key", format!("\"x'{}'\"", hex::encode(key)))
        .disable_statement_logging()
        .connect()
        .await
        .unwrap()
}

/// A plain (unencrypted) copy of `env`'s database at `to`: a database as
/// the app made them before issue 20.
async fn plain_copy(env: &Env, to: &Path) {
    let mut conn = keyed(&path_of(&env.url), &database_key(&env.secrets)).await;
    // ATTACH opens with the connection's flags, which create nothing.
    std::fs::write(to, b"").unwrap();
    sqlx::query("ATTACH DATABASE ?1 AS plain KEY ''")
        .bind(to.to_str().unwrap())
        .execute(&mut conn)
        .await
        .unwrap();
    for sql in ["SELECT sqlcipher_export('plain')", "DETACH DATABASE plain"] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();
}

/// A keyring holding `env`'s pepper and no database key.
fn pepper_only(env: &Env) -> MemorySecretStore {
    let keyring = MemorySecretStore::new();
    keyring
        .set(&env.secrets.get().unwrap().expect("pepper"))
        .unwrap();
    keyring
}

async fn open(url: &str, keyring: &MemorySecretStore, env: &Env) -> Result<Ssa, SsaError> {
    let ssa = Ssa::open(url, Arc::new(keyring.clone()), env.clock.clone()).await?;
    ssa.fix_captcha_answer(Some(CODE.to_owned()));
    Ok(ssa)
}

/// What the investor reads: the stock codes and quantities of its holdings.
async fn holdings(ssa: &Ssa) -> Vec<(String, i64)> {
    let mut login = ssa
        .login(
            "abcd1234",
            &secret("abcdefghij123"),
            ssa_core::SessionKind::Desktop,
        )
        .await
        .expect("the investor logs in");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
    ssa.holdings(&mut login.session, day, false)
        .await
        .expect("holdings")
        .iter()
        .map(|h| (h.stock_code.to_string(), h.balance))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_database_its_log_and_its_backup_hold_nothing_readable() {
    let env = sqlite_env().await;
    investor_with_holdings(&env).await;
    let db = path_of(&env.url);
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 0,
        "the service is open and its recent writes are in the log"
    );
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.db");
    env.ssa.backup_to(&backup).await.unwrap();

    for file in [&db, &wal, &backup] {
        assert_eq!(readable_in(file), Vec::<&str>::new(), "{}", file.display());
        assert!(!is_plain(file) || file == &wal, "{}", file.display());
    }
    // The search can find them: they are all in the database.
    let plain = dir.path().join("plain.db");
    plain_copy(&env, &plain).await;
    assert_eq!(readable_in(&plain), NEEDLES.to_vec());

    // The backup is the database: it opens with the keyring's key.
    let restored = open(
        &format!("sqlite://{}", backup.display()),
        &env.secrets,
        &env,
    )
    .await
    .expect("the backup opens with the same keyring");
    assert_eq!(
        holdings(&restored).await,
        vec![("00005".into(), 800), ("00700".into(), 1000)]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_plain_database_is_encrypted_in_place_on_its_first_start() {
    let env = sqlite_env().await;
    investor_with_holdings(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ssa.db");
    plain_copy(&env, &db).await;
    assert!(is_plain(&db));
    assert_eq!(readable_in(&db), NEEDLES.to_vec());

    let keyring = pepper_only(&env);
    let url = format!("sqlite://{}", db.display());
    let ssa = open(&url, &keyring, &env).await.expect("starts");
    assert!(!is_plain(&db), "encrypted");
    assert_eq!(readable_in(&db), Vec::<&str>::new());
    assert_eq!(
        database_key(&keyring).len(),
        32,
        "its key is in the keyring"
    );
    assert_eq!(
        holdings(&ssa).await,
        vec![("00005".into(), 800), ("00700".into(), 1000)],
        "nothing was lost"
    );
    drop(ssa);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "no copy left beside it: {left:?}");
    // And the next start opens it as it is.
    let again = open(&url, &keyring, &env).await.expect("starts again");
    assert_eq!(holdings(&again).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_missing_or_wrong_key_stops_the_start_and_leaves_the_database_as_it_was() {
    let env = sqlite_env().await;
    investor_with_holdings(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ssa.db");
    // A copy taken from one snapshot, so that its bytes stay still.
    env.ssa.backup_to(&db).await.unwrap();
    let url = format!("sqlite://{}", db.display());
    let before = std::fs::read(&db).unwrap();

    let keyring = pepper_only(&env);
    let err = open(&url, &keyring, &env).await.unwrap_err();
    assert_eq!(err, SsaError::DatabaseKeyMissing);
    assert_eq!(err.code(), "database-key-missing");
    assert!(
        keyring.database_key().get().unwrap().is_none(),
        "no new key is made for an encrypted database"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");

    keyring.database_key().set(&[7u8; 32]).unwrap();
    let err = open(&url, &keyring, &env).await.unwrap_err();
    assert_eq!(err, SsaError::DatabaseKeyMismatch);
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");

    // The right key opens it.
    let ssa = open(&url, &env.secrets, &env).await.expect("opens");
    assert_eq!(holdings(&ssa).await.len(), 2);
}

/// The ballast that makes the encryption take long enough to be killed
/// inside it: 8,000 rows of 4 KiB.
const BALLAST_ROWS: i64 = 8_000;

/// kill -9 at any moment of the encryption in place leaves the old plain
/// file or the new encrypted one, whole, never neither: the next start
/// opens it with everything in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_while_encrypting_leaves_the_old_file_or_the_new_one() {
    let env = sqlite_env().await;
    ready_user(&env).await;
    env.execute("CREATE TABLE ballast (x BLOB)").await;
    env.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BALLAST_ROWS}) \
         INSERT INTO ballast SELECT randomblob(4096) FROM n"
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let pristine = dir.path().join("pristine.db");
    plain_copy(&env, &pristine).await;
    let key = database_key(&env.secrets);
    let pepper = env.secrets.get().unwrap().unwrap();

    // How long one encryption takes here, whole.
    let timed = dir.path().join("timed.db");
    std::fs::copy(&pristine, &timed).unwrap();
    let start = Instant::now();
    drop(
        open(&format!("sqlite://{}", timed.display()), &env.secrets, &env)
            .await
            .unwrap(),
    );
    let whole = start.elapsed();

    let (mut plain, mut encrypted) = (0, 0);
    for round in 0..8u64 {
        let db = dir.path().join(format!("round{round}.db"));
        std::fs::copy(&pristine, &db).unwrap();
        let url = format!("sqlite://{}", db.display());
        let ready = dir.path().join(format!("round{round}.ready"));
        let mut child = worker(&url, &ready, &pepper, &key, None).spawn().unwrap();
        for _ in 0..600 {
            if ready.exists() || child.try_wait().unwrap().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // From the start of the encryption to a little after its end: a
        // different moment each round.
        let at = whole
            .mul_f64((round as f64 + crate::common::rand_u64() as f64 / u64::MAX as f64) / 6.0);
        tokio::time::sleep(at).await;
        child.kill().unwrap();
        child.wait().unwrap();

        assert!(db.exists(), "round {round}: the database is there");
        if is_plain(&db) {
            plain += 1;
        } else {
            encrypted += 1;
        }
        let keyring = pepper_only(&env);
        keyring.database_key().set(&key).unwrap();
        let ssa = open(&url, &keyring, &env)
            .await
            .unwrap_or_else(|e| panic!("round {round}: the next start opens it: {e:?}"));
        drop(ssa);
        assert!(!is_plain(&db), "round {round}: encrypted by the next start");
        let mut conn = keyed(&db, &key).await;
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ballast")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(rows, BALLAST_ROWS, "round {round}: nothing lost");
        conn.close().await.unwrap();
    }
    println!(
        "encryption of {} MB took {whole:?}; killed with the old file left {plain} times, \
         the new one {encrypted} times",
        std::fs::metadata(&pristine).unwrap().len() / 1_000_000
    );
}

/// This test binary as the worker below, over `url` with `pepper` and
/// `key`; `crash_at`: the fixed moment the core ends the process.
fn worker(url: &str, ready: &Path, pepper: &[u8], key: &[u8], crash_at: Option<&str>) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--ignored", "--exact", "at_rest::encrypting_worker"])
        .env("SSA_AT_REST_URL", url)
        .env("SSA_AT_REST_READY", ready)
        .env("SSA_AT_REST_PEPPER", hex::encode(pepper))
        .env("SSA_AT_REST_KEY", hex::encode(key))
        .env_remove("SSA_TEST_CRASH_AT")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(at) = crash_at {
        command.env("SSA_TEST_CRASH_AT", at);
    }
    command
}

/// Starts the service over `SSA_AT_REST_URL` (a plain database, encrypted
/// by the start) until the test kills it. Only runs in the test's child.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by the kill -9 test in a child process"]
async fn encrypting_worker() {
    let (Ok(url), Ok(ready), Ok(pepper), Ok(key)) = (
        std::env::var("SSA_AT_REST_URL"),
        std::env::var("SSA_AT_REST_READY"),
        std::env::var("SSA_AT_REST_PEPPER"),
        std::env::var("SSA_AT_REST_KEY"),
    ) else {
        return;
    };
    let keyring = MemorySecretStore::new();
    keyring.set(&hex::decode(pepper).unwrap()).unwrap();
    keyring
        .database_key()
        .set(&hex::decode(key).unwrap())
        .unwrap();
    let clock = Arc::new(ssa_core::ManualClock::new(crate::common::weekday_morning()));
    std::fs::write(ready, b"").unwrap();
    let _ssa = Ssa::open(&url, Arc::new(keyring), clock).await.unwrap();
    std::future::pending::<()>().await;
}

/// The README's restore on another machine: `ssa-admin backup` there,
/// `ssa-admin pepper export` (which carries the database key), then on the
/// new machine `pepper import` over the copied backup, and it opens.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_restores_on_another_machine_with_the_exported_keys() {
    let env = sqlite_env().await;
    investor_with_holdings(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("ssa.db");
    env.ssa.backup_to(&backup).await.unwrap();
    let keys = dir.path().join("keys.age");
    let passphrase = secret("correct horse battery");
    ssa_core::branch::export_pepper(&env.url, Arc::new(env.secrets.clone()), &passphrase, &keys)
        .await
        .unwrap();
    let url = format!("sqlite://{}", backup.display());

    let other = MemorySecretStore::new();
    assert_eq!(
        open(&url, &other, &env).await.unwrap_err(),
        SsaError::DatabaseKeyMissing,
        "without the keys the copy is unreadable"
    );
    let file = std::fs::read(&keys).unwrap();
    let wrong = secret("not the passphrase");
    assert!(
        ssa_core::branch::import_pepper(&url, Arc::new(other.clone()), &file, &wrong, false)
            .await
            .is_err()
    );
    assert!(other.database_key().get().unwrap().is_none());
    ssa_core::branch::import_pepper(&url, Arc::new(other.clone()), &file, &passphrase, false)
        .await
        .expect("imported");
    let restored = open(&url, &other, &env).await.expect("opens");
    assert_eq!(holdings(&restored).await.len(), 2);
}

/// The two moments where a kill matters most, hit exactly (the tests'
/// build of the core ends the process there, as kill -9 would): just before
/// the encrypted copy replaces the file, the old file is whole and plain;
/// just after, the new one is whole. The next start opens either, and
/// removes a copy left behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_just_before_or_after_the_rename_the_next_start_opens_it_whole() {
    let env = sqlite_env().await;
    investor_with_holdings(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let pristine = dir.path().join("pristine.db");
    plain_copy(&env, &pristine).await;
    let key = database_key(&env.secrets);
    let pepper = env.secrets.get().unwrap().unwrap();
    for (at, plain_after) in [("before-rename", true), ("after-rename", false)] {
        let db = dir.path().join(format!("{at}.db"));
        std::fs::copy(&pristine, &db).unwrap();
        let url = format!("sqlite://{}", db.display());
        let ready = dir.path().join(format!("{at}.ready"));
        let status = worker(&url, &ready, &pepper, &key, Some(at))
            .status()
            .unwrap();
        assert!(!status.success(), "{at}: the worker was ended there");
        assert_eq!(is_plain(&db), plain_after, "{at}");
        let copy = PathBuf::from(format!("{}.encrypting", db.display()));
        assert_eq!(
            copy.exists(),
            plain_after,
            "{at}: the copy is left only before the rename"
        );
        let keyring = pepper_only(&env);
        keyring.database_key().set(&key).unwrap();
        let ssa = open(&url, &keyring, &env)
            .await
            .expect("the next start opens it");
        assert_eq!(
            holdings(&ssa).await,
            vec![("00005".into(), 800), ("00700".into(), 1000)],
            "{at}: nothing lost"
        );
        assert!(
            !is_plain(&db) && !copy.exists(),
            "{at}: encrypted, no copy left"
        );
    }
}

/// What a subscriber received, as text.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Another connection holds the file at `db` exclusively for 1.5 s.
async fn held_for_a_moment(db: &Path, key: &[u8]) -> tokio::task::JoinHandle<()> {
    let mut holder = keyed(db, key).await;
    for sql in [
        "PRAGMA locking_mode = EXCLUSIVE",
        "BEGIN EXCLUSIVE",
        "COMMIT",
    ] {
        sqlx::query(sql).execute(&mut holder).await.unwrap();
    }
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        holder.close().await.unwrap();
    })
}

/// sqlx logs a statement that took a second or more at WARN, with its
/// text, even where ordinary statements are not logged; the key pragma is
/// such a statement when the file is busy. A control connection that keeps
/// that slow-statement log shows the key reaching it; the service's own
/// opening, over the same busy file, logs nothing of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_key_never_reaches_the_log_even_when_opening_is_slow() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    // Global: sqlx's connections log from threads of their own.
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let env = sqlite_env().await;
    ready_user(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    env.ssa.backup_to(&db).await.unwrap();
    let key = database_key(&env.secrets);
    let hex_key = hex::encode(&key);
    let leaks = |captured: &Captured| -> usize {
        let text = String::from_utf8_lossy(&captured.0.lock().unwrap()).to_lowercase();
        text.lines().filter(|l| l.contains(&hex_key)).count()
    };

    // The control: ordinary statements not logged, slow ones logged.
    let release = held_for_a_moment(&db, &key).await;
    let control = SqliteConnectOptions::new()
        .filename(&db)
        .pragma("key", format!("\"x'{hex_key}'\""))
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .log_statements(log::LevelFilter::Off)
        .connect()
        .await
        .unwrap();
    release.await.unwrap();
    control.close().await.unwrap();
    assert!(
        leaks(&captured) > 0,
        "a slow key pragma is logged with its text"
    );
    captured.0.lock().unwrap().clear();

    let release = held_for_a_moment(&db, &key).await;
    let started = Instant::now();
    let ssa = open(&format!("sqlite://{}", db.display()), &env.secrets, &env)
        .await
        .expect("opens once the file is free");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the opening waited"
    );
    release.await.unwrap();
    drop(ssa);
    assert_eq!(
        leaks(&captured),
        0,
        "the service's key pragma is never logged"
    );
}

/// A plain copy (an old backup) restored on another machine: the import
/// keeps the exported key before the file is encrypted under it, so the
/// key is never made and thrown away.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_old_plain_backup_restores_with_the_exported_keys() {
    let env = sqlite_env().await;
    investor_with_holdings(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("ssa.db");
    plain_copy(&env, &old).await;
    let keys = dir.path().join("keys.age");
    let passphrase = secret("correct horse battery");
    ssa_core::branch::export_pepper(&env.url, Arc::new(env.secrets.clone()), &passphrase, &keys)
        .await
        .unwrap();
    let url = format!("sqlite://{}", old.display());
    let other = MemorySecretStore::new();
    let file = std::fs::read(&keys).unwrap();
    ssa_core::branch::import_pepper(&url, Arc::new(other.clone()), &file, &passphrase, false)
        .await
        .expect("imported");
    assert!(!is_plain(&old), "encrypted as it was opened");
    assert_eq!(
        database_key(&other),
        database_key(&env.secrets),
        "under the kept key"
    );
    let restored = open(&url, &other, &env).await.expect("opens");
    assert_eq!(holdings(&restored).await.len(), 2);
}
