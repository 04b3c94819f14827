//! kill -9 at any moment leaves no half-made state. A child process (this
//! test binary, running the ignored `worker` entry) confirms registrations,
//! changes a password or resets it in a loop over the test's database; the
//! test kills it with SIGKILL at a random moment, opens the database again,
//! and checks that every step happened wholly or not at all: each Internet
//! user's password is the newest entry of its history, each history entry
//! has its audit entry, and the service still logs in.

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use ssa_core::{MemorySecretStore, SecretStore, Ssa};

use crate::common::{internet_form, ready_user, recovery, register_on, secret, Env, CODE};

on_both_backends!(
    killed_during_confirm_leaves_whole_registrations,
    killed_during_password_changes_leaves_whole_changes,
    killed_during_resets_leaves_whole_resets,
);

const ROUNDS: u32 = 3;

/// The database key `secrets` keeps, in hexadecimal (none over PostgreSQL).
pub(crate) fn database_key_hex(secrets: &MemorySecretStore) -> String {
    secrets
        .database_key()
        .get()
        .unwrap()
        .map(|k| hex::encode(k.as_slice()))
        .unwrap_or_default()
}

/// Runs the worker for `job` over `env`'s database and kills it mid-way.
async fn run_and_kill(env: &Env, job: &str, round: u32) {
    run_and_kill_after(env, job, round, None).await;
}

/// As [`run_and_kill`]; with `progress` (an audit kind), the kill waits until
/// the worker has finished at least one of those, so that a loaded machine
/// cannot make every round end before any work was done.
async fn run_and_kill_after(env: &Env, job: &str, round: u32, progress: Option<&str>) {
    let pepper = env.secrets.get().unwrap().expect("pepper made");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "crash::worker", "--nocapture"])
        .env("SSA_CRASH_JOB", job)
        .env("SSA_CRASH_URL", &env.url)
        .env("SSA_CRASH_PEPPER", hex::encode(pepper.as_slice()))
        .env("SSA_CRASH_DATABASE_KEY", database_key_hex(&env.secrets))
        .env("SSA_CRASH_ROUND", round.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Counted from the start of its loop, not of the process: on a loaded
    // machine opening the database can take longer than the whole wait.
    let ready = ready_path_for(&env.url, round);
    for _ in 0..600 {
        if ready.exists() || child.try_wait().unwrap().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = std::fs::remove_file(&ready);
    // Somewhere between its start and a second of work: a different moment
    // in its loop each round.
    let wait = 300 + (crate::common::rand_u64() % 900);
    tokio::time::sleep(Duration::from_millis(wait)).await;
    if let Some(kind) = progress {
        let count = format!("SELECT COUNT(*) FROM audit_log WHERE kind = '{kind}'");
        for _ in 0..600 {
            if env.ssa.store().scalar_for_tests(&count).await.unwrap_or(0) > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback by us
    child.wait().unwrap();
}

/// The worker: never returns on its own; only runs when asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by the crash tests in a child process"]
async fn worker() {
    let (Ok(job), Ok(url), Ok(pepper)) = (
        std::env::var("SSA_CRASH_JOB"),
        std::env::var("SSA_CRASH_URL"),
        std::env::var("SSA_CRASH_PEPPER"),
    ) else {
        return;
    };
    let round: u32 = std::env::var("SSA_CRASH_ROUND").unwrap().parse().unwrap();
    let secrets = MemorySecretStore::new();
    secrets.set(&hex::decode(pepper).unwrap()).unwrap();
    let key = std::env::var("SSA_CRASH_DATABASE_KEY").unwrap_or_default();
    if !key.is_empty() {
        secrets
            .database_key()
            .set(&hex::decode(key).unwrap())
            .unwrap();
    }
    // Real time: the parent's clock is a weekday morning; any moment is fine
    // here except a maintenance window, which the core would refuse.
    let clock = Arc::new(ssa_core::ManualClock::new(crate::common::weekday_morning()));
    let ssa = Ssa::open(&url, Arc::new(secrets), clock).await.unwrap();
    ssa.fix_captcha_answer(Some(CODE.to_owned()));
    std::fs::write(ready_path_for(&url, round), b"").unwrap();
    for i in 0u32.. {
        match job.as_str() {
            "confirm" => {
                let basic = format!("{:08}", 30_000_000 + round * 100_000 + i);
                ssa.provision_basic_account(&basic, "C00088", "01", &secret("11112222"))
                    .await
                    .unwrap();
                let id = format!("k{round}{i:06}");
                register_on(
                    &ssa,
                    [&basic, "C00088", "01"],
                    "11112222",
                    &id,
                    "abcdefghij123",
                )
                .await
                .unwrap();
            }
            "change" => {
                let (current, mut login) = log_in(&ssa).await;
                let next = format!("r{round}n{i:07}pass");
                // Noted before the change: a kill may land between the two.
                note_password(&next);
                ssa.change_internet_password(&mut login.session, &internet_form(&current, &next))
                    .await
                    .unwrap();
            }
            "reset" => {
                let next = format!("r{round}x{i:07}pass");
                let form = recovery(&ssa, "abcd1234", "12345678", "22223333", &next).await;
                ssa.recover_internet_password(&form).await.unwrap();
            }
            other => panic!("unknown job {other}"),
        }
    }
}

/// The change job's current password across kills: the last one noted (set
/// or about to be) or the one before it, or the first.
async fn log_in(ssa: &Ssa) -> (String, ssa_core::LoginSuccess) {
    let noted = std::fs::read_to_string(note_path()).unwrap_or_default();
    let mut candidates: Vec<String> = noted.lines().rev().take(2).map(str::to_owned).collect();
    candidates.push("abcdefghij123".to_owned());
    for c in candidates {
        if let Ok(login) = ssa
            .login("abcd1234", &secret(&c), ssa_core::SessionKind::Desktop)
            .await
        {
            return (c, login);
        }
    }
    panic!("no known password works");
}

fn note_password(password: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(note_path())
        .unwrap();
    writeln!(f, "{password}").unwrap();
}

fn note_path() -> std::path::PathBuf {
    note_path_for(&std::env::var("SSA_CRASH_URL").unwrap_or_default())
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// What must hold after any kill: every Internet user's password is the
/// newest entry of its history; the history has one entry per registration
/// and change/reset audited; every account has its initial history entry.
async fn assert_whole(env: &Env) {
    let ssa = env.restart().await.expect("opens again after the kill");
    let store = ssa.store();
    let count = |sql: &'static str| {
        let store = store.clone();
        async move { store.scalar_for_tests(sql).await.unwrap() }
    };
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM internet_users u WHERE u.password_hash <> \
             (SELECT h.password_hash FROM internet_password_history h \
              WHERE h.internet_user_id = u.id ORDER BY h.id DESC LIMIT 1)"
        )
        .await,
        0,
        "a password without its history entry"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM internet_password_history").await,
        count(
            "SELECT COUNT(*) FROM audit_log WHERE kind IN \
             ('registration-confirmed', 'internet-password-changed', 'internet-password-reset')"
        )
        .await,
        "every Internet password set was audited, and only those"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM basic_accounts").await,
        count("SELECT COUNT(*) FROM audit_log WHERE kind = 'basic-account-provisioned'").await,
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM basic_accounts a WHERE NOT EXISTS \
             (SELECT 1 FROM basic_password_history h WHERE h.basic_account_id = a.id)"
        )
        .await,
        0
    );
}

async fn killed_during_confirm_leaves_whole_registrations(env: Env) {
    for round in 0..ROUNDS {
        run_and_kill(&env, "confirm", round).await;
        assert_whole(&env).await;
    }
    let users = env.scalar("SELECT COUNT(*) FROM internet_users").await;
    assert!(users > 0, "the worker got somewhere before each kill");
}

async fn ready(env: &Env) {
    ready_user(env).await; // abcd1234 / abcdefghij123, Basic 22223333
}

async fn killed_during_password_changes_leaves_whole_changes(env: Env) {
    ready(&env).await;
    let _ = std::fs::remove_file(note_path_for(&env.url));
    let changes = killed_in_every_round(&env, "change", "internet-password-changed").await;
    assert!(changes > 0, "the worker got somewhere before the kills");
    let _ = std::fs::remove_file(note_path_for(&env.url));
}

async fn killed_during_resets_leaves_whole_resets(env: Env) {
    ready(&env).await;
    let resets = killed_in_every_round(&env, "reset", "internet-password-reset").await;
    assert!(resets > 0, "the worker got somewhere before the kills");
}

/// Runs `job` and kills it, `ROUNDS` times (in the last round only after
/// one step audited as `kind` finished), checking that every step is whole;
/// how many `kind` entries the log then holds.
async fn killed_in_every_round(env: &Env, job: &str, kind: &str) -> i64 {
    for round in 0..ROUNDS {
        let last = (round + 1 == ROUNDS).then_some(kind);
        run_and_kill_after(env, job, round, last).await;
        assert_whole(env).await;
    }
    env.scalar(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE kind = '{kind}'"
    ))
    .await
}

fn note_path_for(url: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("ssa-crash-{:x}.txt", fxhash(url)))
}

/// The worker's "my loop starts now", for the parent to time its kill from.
fn ready_path_for(url: &str, round: u32) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("ssa-crash-{:x}-{round}.ready", fxhash(url)))
}
