//! The branch database link (issue 17, point 2): the throwaway server asks
//! for TLS on every TCP connection (scripts/throwaway-postgres.sh), and every
//! PostgreSQL test here reaches it with `sslmode=verify-full` against the
//! run's CA (`PGSSLMODE`, `PGSSLROOTCERT`, exported by scripts/test.sh).
//! These tests show each half: a clear connection is refused by the server,
//! a server whose certificate another CA made is refused by us, and a URL to
//! another machine without a checked certificate is refused before anything
//! is sent.

use std::sync::Arc;

use ssa_core::{ManualClock, MemorySecretStore, Ssa, SsaError};

use crate::common::{fresh_database, weekday_morning, Backend};

async fn open(url: &str) -> Result<Ssa, SsaError> {
    Ssa::open(
        url,
        Arc::new(MemorySecretStore::new()),
        Arc::new(ManualClock::new(weekday_morning())),
    )
    .await
}

/// The run's CA and the other CA, beside each other in the server's folder.
fn authorities() -> Option<(String, String)> {
    let ca = std::env::var("PGSSLROOTCERT").ok()?;
    let other = std::path::Path::new(&ca).with_file_name("other-ca.pem");
    Some((ca, other.to_string_lossy().into_owned()))
}

#[tokio::test]
async fn the_branch_database_is_reached_over_tls_with_its_certificate_checked() {
    let Some((url, _)) = fresh_database(Backend::Postgres).await else {
        crate::common::postgres_absent();
        return;
    };
    let Some((ca, other)) = authorities() else {
        assert!(
            std::env::var_os("SSA_REQUIRE_POSTGRES").is_none(),
            "SSA_REQUIRE_POSTGRES is set but PGSSLROOTCERT is not: the tests would run in clear"
        );
        return;
    };
    assert_eq!(
        std::env::var("PGSSLMODE").as_deref(),
        Ok("verify-full"),
        "every PostgreSQL test checks the server's certificate"
    );

    // The run's CA: opens.
    let ssa = open(&format!("{url}?sslmode=verify-full&sslrootcert={ca}"))
        .await
        .unwrap();
    drop(ssa);

    // In clear: the server refuses (pg_hba asks for TLS), so each test that
    // passed above went over TLS.
    let clear = open(&format!("{url}?sslmode=disable")).await.unwrap_err();
    assert_eq!(clear.code(), "storage", "{clear}");
    assert!(clear.to_string().contains("no encryption"), "{clear}");

    // A certificate from another CA: we refuse the server.
    let forged = open(&format!("{url}?sslmode=verify-full&sslrootcert={other}"))
        .await
        .unwrap_err();
    assert_eq!(forged.code(), "storage", "{forged}");
    let text = forged.to_string().to_lowercase();
    assert!(
        text.contains("certificate") || text.contains("unknownissuer") || text.contains("tls"),
        "{forged}"
    );
}

#[tokio::test]
async fn a_database_on_another_machine_without_a_checked_certificate_is_refused_before_connecting()
{
    // 192.0.2.1 is TEST-NET-1: nothing answers there, so only a refusal made
    // before connecting can come back at once with this error.
    for mode in ["disable", "prefer", "require"] {
        let err = open(&format!(
            "postgres://ssa_app@192.0.2.1:5432/ssa?sslmode={mode}"
        ))
        .await
        .unwrap_err();
        match &err {
            SsaError::InsecureDatabaseLink { host } => assert_eq!(host, "192.0.2.1"),
            other => panic!("{mode}: {other:?}"),
        }
        assert!(err.to_string().contains("sslmode=verify-full"), "{err}");
    }
}
