//! The audit log: it holds every event that matters and no secret, and it
//! is append-only. Its chain is in audit_chain.rs.

use ssa_core::SecretStore;

use crate::common::{ready_user, Env};

on_both_backends!(audit_log_holds_no_secret, audit_log_is_append_only);

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
