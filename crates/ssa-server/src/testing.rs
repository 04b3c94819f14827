//! For tests only (feature `test-support`): a certificate authority and a
//! server certificate made for the run, and an instance on a free loopback
//! port over TLS, as the server's own tests, the desktop's remote-mode tests
//! and the end-to-end window test start one. A binary built with it still
//! refuses to serve (`main.rs`): it is for test processes.

use std::net::SocketAddr;
use std::sync::Arc;

use ssa_core::Ssa;

use crate::Limits;

/// A CA and a server certificate for `localhost` and 127.0.0.1 it signed.
pub struct Certificates {
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: String,
}

/// Made fresh: no two runs, and no two calls, trust each other.
pub fn certificates() -> Certificates {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let made = (|| -> Result<Certificates, rcgen::Error> {
        let ca_key = KeyPair::generate()?;
        let mut ca = CertificateParams::new(Vec::<String>::new())?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca_cert = ca.self_signed(&ca_key)?;
        let key = KeyPair::generate()?;
        let params = CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])?;
        let cert = params.signed_by(&key, &ca_cert, &ca_key)?;
        Ok(Certificates {
            ca_pem: ca_cert.pem(),
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    })();
    made.unwrap_or_else(|e| panic!("test certificates: {e}"))
}

/// One running instance.
pub struct Instance {
    pub addr: SocketAddr,
    pub ssa: Arc<Ssa>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Instance {
    /// `ssa` served on a free loopback port over TLS with `certs`.
    pub async fn start(ssa: Arc<Ssa>, certs: &Certificates, limits: Limits) -> Instance {
        let tls = crate::tls_config(certs.cert_pem.as_bytes(), certs.key_pem.as_bytes())
            .unwrap_or_else(|e| panic!("test TLS: {e}"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("a loopback port: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("its address: {e}"));
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let app = crate::app(ssa.clone(), &limits);
        let task = tokio::spawn(crate::serve(listener, Some(tls), app, limits, async move {
            let _ = stopped.await;
        }));
        Instance {
            addr,
            ssa,
            stop: Some(stop),
            task,
        }
    }

    /// `https://127.0.0.1:port`
    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.addr.port())
    }

    /// Stops accepting and lets requests in flight finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.task.await;
    }

    /// Gone at once, as kill -9 leaves it: nothing finishes.
    pub fn kill(self) {
        self.task.abort();
    }
}

/// A database of its own for a test: a new one on the PostgreSQL server
/// `SSA_TEST_POSTGRES_URL` names (as CI's does; several instances of a
/// deployment share it), else a SQLite file in `dir`.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let Ok(admin) = std::env::var("SSA_TEST_POSTGRES_URL") else {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        return dir.join(format!("ssa-{n}.db")).display().to_string();
    };
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .unwrap_or_else(|e| panic!("the test PostgreSQL server: {e}"));
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = format!("ssa_test_{}_{n}", std::process::id());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("a test database: {e}"));
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    // The server's options (sslmode and the rest) stay as they were.
    let options = admin.split_once('?').map(|(_, q)| q);
    match options {
        Some(q) if !base.contains('?') => format!("{base}/{name}?{q}"),
        _ => format!("{base}/{name}"),
    }
}
