//! The real OS keyring (Secret Service on Linux). Runs where
//! `SSA_TEST_KEYRING=1` says a keyring is unlocked for this session (`.ci/run`
//! starts gnome-keyring on a private D-Bus session bus).

use std::sync::Arc;

use ssa_core::{KeyringSecretStore, ManualClock, SecretStore, SessionKind, Ssa};

use crate::common::{fresh_database, register_default_on, secret, weekday_morning, Backend, CODE};

fn keyring_available() -> bool {
    if std::env::var("SSA_TEST_KEYRING").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("no unlocked keyring (SSA_TEST_KEYRING=1): skipped");
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pepper_lives_in_the_os_keyring_and_survives_a_restart() {
    if !keyring_available() {
        return;
    }
    let (url, _dir) = fresh_database(Backend::Sqlite).await.unwrap();
    let account = format!("test-pepper-{}", std::process::id());
    let keyring = KeyringSecretStore::new("hk.ssa-desktop.tests", account.clone());
    assert!(keyring.get().unwrap().is_none(), "a fresh entry");
    let clock = Arc::new(ManualClock::new(weekday_morning()));

    let ssa = Ssa::open(&url, Arc::new(keyring.clone()), clock.clone())
        .await
        .unwrap();
    ssa.fix_captcha_answer(Some(CODE.to_owned()));
    let pepper = keyring
        .get()
        .unwrap()
        .expect("created in the keyring on first start");
    assert_eq!(pepper.len(), 32);
    register_default_on(&ssa).await;
    ssa.store().close().await;
    drop(ssa);

    // A new entry object, as a restarted process would make.
    let reopened = KeyringSecretStore::new("hk.ssa-desktop.tests", account);
    let again = Ssa::open(&url, Arc::new(reopened.clone()), clock)
        .await
        .unwrap();
    assert_eq!(reopened.get().unwrap().unwrap(), pepper);
    let login = again
        .login("abcd1234", &secret("abcdefghij123"), SessionKind::Desktop)
        .await;
    assert!(
        login.is_ok(),
        "old hashes verify with the pepper read back from the keyring"
    );
}
