//! The pepper's life across restarts, and an audit log with no secret in it.

use std::sync::Arc;

use ssa_core::{MemorySecretStore, SecretStore, Ssa, SsaError};

use crate::common::{secret, Env};
use crate::login::ready_user;

on_both_backends!(
    a_restart_finds_the_same_pepper_and_old_hashes_still_verify,
    refuses_to_start_when_the_keyring_lost_the_pepper,
    refuses_to_start_with_a_different_pepper,
    a_database_keeps_its_first_pepper_even_without_accounts,
    two_kiosks_starting_together_make_one_pepper,
    a_keyring_failure_on_first_start_leaves_the_database_usable,
    audit_log_holds_no_secret,
    audit_log_is_append_only,
    a_backup_taken_while_running_holds_the_passwords_of_its_moment,
    pepper_import_never_claims_a_database_whose_check_value_was_removed,
);

/// `ssa-admin pepper import` keeps the guard a start has: over records
/// whose pepper check value was removed, no pepper is claimed and the
/// keyring is left as it was.
async fn pepper_import_never_claims_a_database_whose_check_value_was_removed(env: Env) {
    ready_user(&env).await;
    env.ssa
        .store()
        .execute_raw("DELETE FROM meta WHERE key = 'pepper_check'")
        .await
        .unwrap();
    let passphrase = secret("correct horse battery");
    let file = ssa_core::branch::encrypt_pepper(&[7u8; 32], &passphrase).unwrap();
    let keyring = MemorySecretStore::new();
    let err = ssa_core::branch::import_pepper(
        &env.url,
        Arc::new(keyring.clone()),
        &file,
        &passphrase,
        false,
    )
    .await
    .unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch);
    assert!(keyring.get().unwrap().is_none(), "nothing kept");
    // Not claimed: a keyring holding that pepper still cannot open it.
    let holder = MemorySecretStore::new();
    holder.set(&[7u8; 32]).unwrap();
    let err = Ssa::open(&env.url, Arc::new(holder), env.clock.clone())
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch, "the database is not claimed");
}

/// `ssa-admin backup`: a SQLite copy taken while the service is open logs in
/// with the password set before it, not with one set after; the copy never
/// overwrites a file. PostgreSQL is refused with a pointer to pg_dump.
async fn a_backup_taken_while_running_holds_the_passwords_of_its_moment(env: Env) {
    ready_user(&env).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let result = env.ssa.backup_to(&file).await;
    if env.url.starts_with("postgres") {
        assert!(
            matches!(&result, Err(SsaError::OperatorRefused { reason }) if reason.contains("pg_dump")),
            "{result:?}"
        );
        return;
    }
    result.expect("backed up");
    // A change after the backup is not in it.
    let mut login = env.login("abcd1234", "abcdefghij123").await.unwrap();
    env.ssa
        .change_internet_password(
            &mut login.session,
            &ssa_core::ChangeInternetPasswordForm {
                current_password: secret("abcdefghij123"),
                new_password: secret("zyxwvutsrq987"),
                confirm_new_password: secret("zyxwvutsrq987"),
            },
        )
        .await
        .expect("changed after the backup");
    let again = env.ssa.backup_to(&file).await.unwrap_err();
    assert!(
        matches!(again, SsaError::OperatorRefused { .. }),
        "{again:?}"
    );

    let restored = Ssa::open(
        &format!("sqlite://{}", file.display()),
        Arc::new(env.secrets.clone()),
        env.clock.clone(),
    )
    .await
    .expect("the copy opens with the same pepper");
    let desktop = ssa_core::SessionKind::Desktop;
    restored
        .login("abcd1234", &secret("abcdefghij123"), desktop)
        .await
        .expect("the password of the backup's moment");
    assert_eq!(
        restored
            .login("abcd1234", &secret("zyxwvutsrq987"), desktop)
            .await
            .unwrap_err(),
        SsaError::LoginFailed
    );
}

async fn a_restart_finds_the_same_pepper_and_old_hashes_still_verify(env: Env) {
    ready_user(&env).await;
    let pepper = env.secrets.get().unwrap().expect("made on first start");
    let again = env.restart().await.expect("restarts");
    assert_eq!(
        env.secrets.get().unwrap().unwrap(),
        pepper,
        "never replaced"
    );
    let login = again
        .login(
            "abcd1234",
            &secret("abcdefghij123"),
            ssa_core::SessionKind::Desktop,
        )
        .await;
    assert!(login.is_ok());
}

async fn refuses_to_start_when_the_keyring_lost_the_pepper(env: Env) {
    ready_user(&env).await;
    let empty = MemorySecretStore::new();
    let err = Ssa::open(&env.url, Arc::new(empty.clone()), env.clock.clone())
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PepperMissing);
    assert!(
        empty.get().unwrap().is_none(),
        "no new pepper made over existing hashes"
    );
}

async fn refuses_to_start_with_a_different_pepper(env: Env) {
    ready_user(&env).await;
    let other = MemorySecretStore::new();
    other.set(&[7u8; 32]).unwrap();
    let err = Ssa::open(&env.url, Arc::new(other), env.clock.clone())
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch);
}

async fn audit_log_holds_no_secret(env: Env) {
    ready_user(&env).await;
    env.login("abcd1234", "wrongpassword1").await.unwrap_err();
    env.login("abcd1234", "abcdefghij123").await.unwrap();
    let entries = env.ssa.store().audit_entries(100).await.unwrap();
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    for kind in [
        "basic-account-provisioned",
        "registration-confirmed",
        "login-succeeded",
        "basic-password-changed",
        "login-failed",
    ] {
        assert!(kinds.contains(&kind), "{kind} is audited");
    }
    let all = serde_json::to_string(&entries).unwrap();
    for secret in [
        "abcdefghij123",
        "wrongpassword1",
        "11112222",
        "22223333",
        "$argon2id",
        crate::common::CODE,
    ] {
        assert!(
            !all.contains(secret),
            "the audit log must not hold {secret}"
        );
    }
    let pepper = hex_of(&env.secrets.get().unwrap().unwrap());
    assert!(!all.contains(&pepper));
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn audit_log_is_append_only(env: Env) {
    ready_user(&env).await;
    let before = env.ssa.store().audit_entries(100).await.unwrap();
    assert!(env
        .ssa
        .store()
        .execute_raw("UPDATE audit_log SET outcome = 'x'")
        .await
        .is_err());
    assert!(env
        .ssa
        .store()
        .execute_raw("DELETE FROM audit_log")
        .await
        .is_err());
    assert_eq!(env.ssa.store().audit_entries(100).await.unwrap(), before);
}

async fn a_database_keeps_its_first_pepper_even_without_accounts(env: Env) {
    // No account yet, but the database's check value is the first pepper's:
    // kiosks that share the database depend on it, so it is never replaced.
    let other = MemorySecretStore::new();
    other.set(&[9u8; 32]).unwrap();
    let err = Ssa::open(&env.url, Arc::new(other.clone()), env.clock.clone())
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch);
    assert_eq!(other.get().unwrap().unwrap().as_slice(), &[9u8; 32]);
    // A keyring with none is told to import the database's pepper.
    let empty = MemorySecretStore::new();
    let err = Ssa::open(&env.url, Arc::new(empty.clone()), env.clock.clone())
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::PepperMissing);
    assert!(empty.get().unwrap().is_none(), "no pepper made");
    assert!(
        Ssa::open(&env.url, Arc::new(env.secrets.clone()), env.clock.clone())
            .await
            .is_ok()
    );
}

/// A keyring whose `set` waits (up to 30 s) until both starts have reached
/// it: each has read the database's (absent) check value before either
/// writes one.
struct Gate {
    inner: MemorySecretStore,
    arrived: Arc<(std::sync::Mutex<u32>, std::sync::Condvar)>,
}

impl ssa_core::SecretStore for Gate {
    fn get(&self) -> ssa_core::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
        self.inner.get()
    }
    fn set(&self, secret: &[u8]) -> ssa_core::Result<()> {
        let (count, both) = &*self.arrived;
        let mut n = count.lock().unwrap();
        *n += 1;
        both.notify_all();
        let (n, _) = both
            .wait_timeout_while(n, std::time::Duration::from_secs(30), |n| *n < 2)
            .unwrap();
        assert_eq!(*n, 2, "both starts reached the keyring");
        drop(n);
        self.inner.set(secret)
    }
}

async fn two_kiosks_starting_together_make_one_pepper(env: Env) {
    let (url, _dir) = fresh_like(&env).await;
    // Migrated first: the race is over the pepper, not the schema.
    ssa_core::store::Store::open(&url)
        .await
        .unwrap()
        .close()
        .await;
    let arrived = Arc::new((std::sync::Mutex::new(0), std::sync::Condvar::new()));
    let kiosks: Vec<MemorySecretStore> = (0..2).map(|_| MemorySecretStore::new()).collect();
    let starts = kiosks.iter().map(|k| {
        let gate = Gate {
            inner: k.clone(),
            arrived: arrived.clone(),
        };
        let (url, clock) = (url.clone(), env.clock.clone());
        tokio::spawn(async move { Ssa::open(&url, Arc::new(gate), clock).await })
    });
    let mut outcomes = Vec::new();
    for start in starts.collect::<Vec<_>>() {
        outcomes.push(start.await.unwrap());
    }
    let winners: Vec<usize> = (0..2).filter(|&i| outcomes[i].is_ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one pepper is the database's");
    let loser = 1 - winners[0];
    assert_eq!(
        outcomes[loser].as_ref().unwrap_err(),
        &SsaError::PepperMismatch,
        "the loser stops as with a mismatched pepper"
    );
    // The winner's pepper is the one the database accepts from now on.
    let winner = kiosks[winners[0]].clone();
    assert!(Ssa::open(&url, Arc::new(winner), env.clock.clone())
        .await
        .is_ok());
    assert_eq!(
        Ssa::open(&url, Arc::new(kiosks[loser].clone()), env.clock.clone())
            .await
            .unwrap_err(),
        SsaError::PepperMismatch
    );
}

/// A keyring that cannot store anything.
struct BrokenKeyring;

impl SecretStore for BrokenKeyring {
    fn get(&self) -> ssa_core::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
        Ok(None)
    }
    fn set(&self, _: &[u8]) -> ssa_core::Result<()> {
        Err(SsaError::Keyring {
            detail: "locked".into(),
        })
    }
}

/// A fresh database of the same backend as `env`'s, with no pepper yet.
async fn fresh_like(env: &Env) -> (String, Option<tempfile::TempDir>) {
    let backend = if env.url.starts_with("postgres") {
        crate::common::Backend::Postgres
    } else {
        crate::common::Backend::Sqlite
    };
    crate::common::fresh_database(backend).await.unwrap()
}

async fn a_keyring_failure_on_first_start_leaves_the_database_usable(env: Env) {
    let (url, _dir) = fresh_like(&env).await;
    let err = Ssa::open(&url, Arc::new(BrokenKeyring), env.clock.clone())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "keyring");
    let fresh = MemorySecretStore::new();
    Ssa::open(&url, Arc::new(fresh.clone()), env.clock.clone())
        .await
        .expect("the next start with a working keyring succeeds");
    assert!(
        fresh.get().unwrap().is_some(),
        "a pepper was made and stored"
    );
}
