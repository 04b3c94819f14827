//! How the store reaches a PostgreSQL server: TLS with the certificate
//! checked whenever the link leaves this machine.

use sqlx::postgres::{PgConnectOptions, PgSslMode};

use crate::error::{Result, SsaError};

/// A PostgreSQL URL's connection options, refused before any byte is sent
/// when they would cross a network in clear or to an unchecked peer: a
/// Unix socket and loopback may be plain; any other host needs TLS with its
/// certificate and name checked (`sslmode=verify-full`), against the
/// platform's roots or the branch's CA in `sslrootcert=`. The URL's own
/// parameters win over the `PGSSLMODE`/`PGSSLROOTCERT` environment.
pub(crate) fn postgres_options(url: &str) -> Result<PgConnectOptions> {
    let options: PgConnectOptions = url.parse()?;
    if options.get_socket().is_some() {
        return Ok(options);
    }
    let host = options.get_host();
    let unix_socket = host.starts_with('/');
    let loopback = crate::links::is_loopback_host(host);
    // verify-full only: verify-ca checks the chain but not the name, and
    // sqlx adds `sslrootcert` to the platform's roots, so any publicly
    // trusted certificate would pass it.
    let checked = matches!(options.get_ssl_mode(), PgSslMode::VerifyFull);
    if unix_socket || loopback || checked {
        Ok(options)
    } else {
        Err(SsaError::InsecureDatabaseLink {
            host: host.to_owned(),
        })
    }
}

#[cfg(test)]
mod transport_tests {
    use super::*;

    #[test]
    fn only_loopback_and_sockets_may_be_reached_in_clear() {
        for url in [
            "postgres://ssa_app@db.branch/ssa?sslmode=disable",
            "postgres://ssa_app@db.branch/ssa?sslmode=prefer",
            "postgres://ssa_app@10.0.0.7:5432/ssa?sslmode=require",
            "postgres://ssa_app@db.branch/ssa?sslmode=verify-ca&sslrootcert=/etc/ssa/ca.pem",
        ] {
            match postgres_options(url) {
                Err(SsaError::InsecureDatabaseLink { host }) => {
                    assert!(host == "db.branch" || host == "10.0.0.7", "{host}")
                }
                other => panic!("{url}: {other:?}"),
            }
        }
        let refused = postgres_options("postgres://u@db.branch/ssa?sslmode=require").unwrap_err();
        assert!(
            refused.to_string().contains("sslmode=verify-full"),
            "the message says how to fix it: {refused}"
        );
        for url in [
            "postgres://ssa_app@db.branch/ssa?sslmode=verify-full&sslrootcert=/etc/ssa/ca.pem",
            "postgres://ssa_app@localhost/ssa?sslmode=disable",
            "postgres://ssa_app@127.0.0.1:5432/ssa?sslmode=disable",
            "postgres://ssa_app@[::1]:5432/ssa?sslmode=disable",
            "postgres:///ssa?host=/var/run/postgresql&sslmode=disable",
        ] {
            assert!(postgres_options(url).is_ok(), "{url}");
        }
    }
}
