//! `ssa-admin backup`: a copy of a running SQLite database holds the
//! passwords of its moment and never overwrites a file; PostgreSQL is sent
//! to pg_dump.

use std::sync::Arc;

use ssa_core::{Ssa, SsaError};

use crate::common::{ready_user, secret, Env};

on_both_backends!(a_backup_taken_while_running_holds_the_passwords_of_its_moment);

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
    let mut session = env.session().await;
    env.change_internet(&mut session, "abcdefghij123", "zyxwvutsrq987")
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
