//! `ssa-server`: the same `ssa-core` the window embeds, behind a versioned
//! JSON API over HTTPS, for investors at home (issue 19). Every route is one
//! call into the core (`routes.rs`); sessions live in the database, so any
//! instance answers any request. This file holds the transport: TLS, the
//! limits a public server needs, and the accept loop.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tower_http::set_header::SetResponseHeaderLayer;

pub mod limit;
pub mod metrics;
pub mod routes;
pub mod secrets;
#[cfg(feature = "test-support")]
pub mod testing;

/// What a public server allows; each is a flag of the binary.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// How long a client may take to send a request's headers (and, over
    /// TLS, to finish its handshake): no slowloris.
    pub header_timeout: Duration,
    /// How long one request may take from its headers to its answer.
    pub request_timeout: Duration,
    /// The per-address rate limit on the routes without a session.
    pub rate: limit::RateLimit,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 64 * 1024,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            rate: limit::RateLimit::default(),
        }
    }
}

/// The API with its limits and security headers around it.
pub fn app(ssa: Arc<ssa_core::Ssa>, limits: &Limits) -> Router {
    let headers = [
        (
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
    ];
    let mut router = routes::router(ssa, limit::Limiter::new(limits.rate.clone()))
        .layer(axum::extract::DefaultBodyLimit::max(limits.body_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.body_bytes,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ));
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// The TLS settings from a PEM certificate chain and its private key.
pub fn tls_config(cert_pem: &[u8], key_pem: &[u8]) -> Result<Arc<rustls::ServerConfig>, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("the certificate file: {e}"))?;
    if certs.is_empty() {
        return Err("the certificate file holds no certificate".into());
    }
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| format!("the key file: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("the certificate and key: {e}"))?;
    Ok(Arc::new(config))
}

/// The database to open: a SQLite path as it is; a PostgreSQL URL with its
/// password from `password_file` (0600). A password on the command line
/// (in the URL or its query) is refused: `ps` shows it to every user.
pub fn database_url(
    url: &str,
    password_file: Option<&std::path::Path>,
) -> Result<zeroize::Zeroizing<String>, String> {
    use ssa_core::branch;
    if !branch::is_postgres(url) {
        return Ok(zeroize::Zeroizing::new(url.to_owned()));
    }
    let (_, typed) = branch::split_database_password(url).map_err(|e| e.to_string())?;
    if typed.is_some() || branch::password_in_query(url) {
        return Err("--database holds a password: put it in --database-password-file (0600) or systemd's credential database-password".into());
    }
    let Some(file) = password_file else {
        return Ok(zeroize::Zeroizing::new(url.to_owned()));
    };
    let password = ssa_core::secrets::read_private_text(file, "the database password")
        .map_err(|e| e.to_string())?;
    let kept = ssa_core::MemorySecretStore::new();
    ssa_core::SecretStore::set(&kept, password.trim_end_matches(['\r', '\n']).as_bytes())
        .map_err(|e| e.to_string())?;
    branch::with_kept_password(url, move |_| Arc::new(kept)).map_err(|e| e.to_string())
}

/// Whether plain HTTP may be served on `addr`: only on loopback, for a
/// TLS-terminating proxy on the same machine.
pub fn plain_http_allowed(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Answers connections on `listener` until `shutdown` completes, then lets
/// the requests in flight finish (for at most `limits.request_timeout`).
/// With `tls`, each connection is TLS first; a handshake or a request's
/// headers that take longer than `limits.header_timeout` close it.
pub async fn serve(
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (tcp, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(_) => {
                        // Out of file descriptors, say: back off instead
                        // of spinning on the error.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let peer = limit::Peer(peer.ip());
                let service = TowerToHyperService::new(tower::ServiceExt::map_request(
                    app.clone(),
                    move |mut request: axum::http::Request<hyper::body::Incoming>| {
                        request.extensions_mut().insert(peer);
                        request
                    },
                ));
                let acceptor = acceptor.clone();
                let header_timeout = limits.header_timeout;
                connections.spawn(async move {
                    let mut http = hyper::server::conn::http1::Builder::new();
                    http.timer(TokioTimer::new()).header_read_timeout(header_timeout);
                    match acceptor {
                        Some(acceptor) => {
                            let Ok(Ok(stream)) =
                                tokio::time::timeout(header_timeout, acceptor.accept(tcp)).await
                            else {
                                return;
                            };
                            let _ = http.serve_connection(TokioIo::new(stream), service).await;
                        }
                        None => {
                            let _ = http.serve_connection(TokioIo::new(tcp), service).await;
                        }
                    }
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(limits.request_timeout, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    connections.abort_all();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_password_comes_from_a_file_never_the_command_line() {
        assert_eq!(database_url("ssa.db", None).unwrap().as_str(), "ssa.db");
        assert_eq!(
            database_url("sqlite:///srv/ssa.db", None).unwrap().as_str(),
            "sqlite:///srv/ssa.db"
        );
        for typed in [
            "postgres://app:s3cret@db.example/ssa",
            "postgres://app@db.example/ssa?password=s3cret",
        ] {
            let refused = database_url(typed, None).unwrap_err();
            assert!(refused.contains("holds a password"), "{refused}");
            assert!(!refused.contains("s3cret"));
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("database-password");
        std::fs::write(&file, "p@ss word\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(database_url("postgres://app@db.example/ssa", Some(&file))
                .unwrap_err()
                .contains("chmod 600"));
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let url = database_url("postgres://app@db.example/ssa", Some(&file)).unwrap();
        assert_eq!(url.as_str(), "postgres://app:p%40ss%20word@db.example/ssa");
    }
}
