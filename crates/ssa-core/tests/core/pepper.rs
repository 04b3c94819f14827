//! The pepper's life: made once per database and kept in the keyring, found
//! again after a restart, never replaced or claimed by a second keyring (one
//! with none, another pepper, a kiosk starting at the same moment, an import
//! over a removed check value), and a keyring that fails on first start
//! leaves the database usable.

use std::sync::Arc;

use ssa_core::{MemorySecretStore, SecretStore, Ssa, SsaError};

use crate::common::{ready_user, secret, Env};

on_both_backends!(
    a_restart_finds_the_same_pepper_and_old_hashes_still_verify,
    refuses_to_start_when_the_keyring_lost_the_pepper,
    refuses_to_start_with_a_different_pepper,
    a_database_keeps_its_first_pepper_even_without_accounts,
    two_kiosks_starting_together_make_one_pepper,
    a_keyring_failure_on_first_start_leaves_the_database_usable,
    pepper_import_never_claims_a_database_whose_check_value_was_removed,
);

/// The service opened over `url` with `keyring`, on `env`'s clock.
async fn open_with(
    env: &Env,
    url: &str,
    keyring: impl SecretStore + 'static,
) -> Result<Ssa, SsaError> {
    Ssa::open(url, Arc::new(keyring), env.clock.clone()).await
}

/// Another keyring with no pepper, given `env`'s database key (a SQLite
/// file's; over PostgreSQL there is none): what is tested is the pepper.
fn empty_beside(env: &Env) -> MemorySecretStore {
    env.secrets.sharing_database_key()
}

/// Another keyring holding a pepper of 32 `byte`s (and `env`'s database key).
fn holding(env: &Env, byte: u8) -> MemorySecretStore {
    let keyring = empty_beside(env);
    keyring.set(&[byte; 32]).unwrap();
    keyring
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
    let empty = empty_beside(&env);
    let err = open_with(&env, &env.url, empty.clone()).await.unwrap_err();
    assert_eq!(err, SsaError::PepperMissing);
    assert!(
        empty.get().unwrap().is_none(),
        "no new pepper made over existing hashes"
    );
}

async fn refuses_to_start_with_a_different_pepper(env: Env) {
    ready_user(&env).await;
    let other = holding(&env, 7);
    let err = open_with(&env, &env.url, other).await.unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch);
}

async fn a_database_keeps_its_first_pepper_even_without_accounts(env: Env) {
    // No account yet, but the database's check value is the first pepper's:
    // kiosks that share the database depend on it, so it is never replaced.
    let other = holding(&env, 9);
    let err = open_with(&env, &env.url, other.clone()).await.unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch);
    assert_eq!(other.get().unwrap().unwrap().as_slice(), &[9u8; 32]);
    // A keyring with none is told to import the database's pepper.
    let empty = empty_beside(&env);
    let err = open_with(&env, &env.url, empty.clone()).await.unwrap_err();
    assert_eq!(err, SsaError::PepperMissing);
    assert!(empty.get().unwrap().is_none(), "no pepper made");
    assert!(open_with(&env, &env.url, env.secrets.clone()).await.is_ok());
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
    fn database_key(&self) -> Arc<dyn SecretStore> {
        self.inner.database_key()
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
    // Two kiosks over one file share its key (over PostgreSQL there is none).
    let first = MemorySecretStore::new();
    let opener: Arc<dyn SecretStore> = Arc::new(first.clone());
    ssa_core::store::Store::open(&url, &opener)
        .await
        .unwrap()
        .close()
        .await;
    let arrived = Arc::new((std::sync::Mutex::new(0), std::sync::Condvar::new()));
    let kiosks: Vec<MemorySecretStore> = vec![first.clone(), first.sharing_database_key()];
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
    assert!(open_with(&env, &url, winner).await.is_ok());
    assert_eq!(
        open_with(&env, &url, kiosks[loser].clone())
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
    fn database_key(&self) -> Arc<dyn SecretStore> {
        Arc::new(BrokenKeyring)
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
    let err = open_with(&env, &url, BrokenKeyring).await.unwrap_err();
    assert_eq!(err.code(), "keyring");
    let fresh = MemorySecretStore::new();
    open_with(&env, &url, fresh.clone())
        .await
        .expect("the next start with a working keyring succeeds");
    assert!(
        fresh.get().unwrap().is_some(),
        "a pepper was made and stored"
    );
}

/// `ssa-admin pepper import` keeps the guard a start has: over records
/// whose pepper check value was removed, no pepper is claimed and the
/// keyring is left as it was.
async fn pepper_import_never_claims_a_database_whose_check_value_was_removed(env: Env) {
    ready_user(&env).await;
    env.execute("DELETE FROM meta WHERE key = 'pepper_check'")
        .await;
    let passphrase = secret("correct horse battery");
    let file = ssa_core::branch::encrypt_pepper(&[7u8; 32], &passphrase).unwrap();
    let keyring = empty_beside(&env);
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
    let holder = holding(&env, 7);
    let err = open_with(&env, &env.url, holder).await.unwrap_err();
    assert_eq!(err, SsaError::PepperMismatch, "the database is not claimed");
}

/// A server's pepper file: made once, 0600, never replaced; a file others
/// can read is refused; its text must be hexadecimal.
#[cfg(unix)]
#[test]
fn a_servers_pepper_file_is_private_and_made_once() {
    use ssa_core::{FileSecretStore, SecretStore};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pepper");
    let store = FileSecretStore::at(&path);
    assert!(store.get().unwrap().is_none(), "no file: no pepper yet");
    store.set(&[0xab; 32]).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(store.get().unwrap().unwrap().as_slice(), &[0xab; 32]);
    assert!(store.set(&[0xcd; 32]).is_err(), "never replaced");
    assert_eq!(store.get().unwrap().unwrap().as_slice(), &[0xab; 32]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let refused = store.get().unwrap_err().to_string();
    assert!(refused.contains("chmod 600"), "{refused}");
    std::fs::write(dir.path().join("bad"), "not hex").unwrap();
    std::fs::set_permissions(
        dir.path().join("bad"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    assert!(FileSecretStore::at(&dir.path().join("bad")).get().is_err());
}
