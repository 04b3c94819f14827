//! `ssa-server --database URL --tls-cert FILE --tls-key FILE [--listen ADDR]`:
//! serves the API until SIGTERM (or Ctrl-C), then finishes the requests in
//! flight. See the README's "Running a server".

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use ssa_server::secrets::FileSecretStore;
use ssa_server::Limits;

#[derive(Parser)]
#[command(
    version,
    about = "The SSA Internet system over HTTPS, for investors at home."
)]
struct Cli {
    /// The database: a SQLite path, or postgres://host/db?sslmode=verify-full&sslrootcert=...
    #[arg(long)]
    database: String,
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8443")]
    listen: SocketAddr,
    /// The server's certificate chain (PEM). Without it the server speaks
    /// plain HTTP, which it allows only on loopback (behind a TLS proxy).
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// The pepper file (0600); by default $CREDENTIALS_DIRECTORY/pepper.
    #[arg(long)]
    pepper_file: Option<PathBuf>,
    /// A file (0600) holding the database's password; by default
    /// $CREDENTIALS_DIRECTORY/database-password when it exists. The URL
    /// itself must not hold one.
    #[arg(long)]
    database_password_file: Option<PathBuf>,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 64 * 1024)]
    body_limit: usize,
    /// Seconds a client may take to send a request's headers.
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
    /// Seconds one request may take.
    #[arg(long, default_value_t = 30)]
    request_timeout: u64,
    /// Requests without a session one address may make at once...
    #[arg(long, default_value_t = 30)]
    rate_burst: u32,
    /// ...and a minute after that.
    #[arg(long, default_value_t = 60)]
    rate_per_minute: u32,
    /// A proxy in front whose X-Forwarded-For is believed (repeatable).
    #[arg(long)]
    trusted_proxy: Vec<std::net::IpAddr>,
}

fn main() -> ExitCode {
    if ssa_core::FIXED_CAPTCHA_COMPILED {
        eprintln!(
            "ssa-server: this build can fix verification codes (a test build): it does not serve"
        );
        return ExitCode::FAILURE;
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ssa-server: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ssa-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let tls = match (&cli.tls_cert, &cli.tls_key) {
        (Some(cert), Some(key)) => {
            let cert = std::fs::read(cert).map_err(|e| format!("{}: {e}", cert.display()))?;
            let key = ssa_core::secrets::read_private_text(key, "the TLS key")
                .map_err(|e| e.to_string())?;
            Some(ssa_server::tls_config(&cert, key.as_bytes())?)
        }
        _ if ssa_server::plain_http_allowed(&cli.listen) => {
            eprintln!(
                "ssa-server: no --tls-cert: plain HTTP on {} (loopback only), for a TLS-terminating proxy in front",
                cli.listen
            );
            None
        }
        _ => {
            return Err(format!(
                "{} is not loopback: give --tls-cert and --tls-key (plain HTTP is allowed only on loopback)",
                cli.listen
            ))
        }
    };
    let database = database_url(&cli)?;
    let secrets = FileSecretStore::locate(cli.pepper_file.as_deref()).ok_or(
        "no pepper: give --pepper-file (0600) or run under systemd with LoadCredential=pepper:...",
    )?;
    let ssa = ssa_core::Ssa::open(
        &database,
        Arc::new(secrets),
        Arc::new(ssa_core::SystemClock),
    )
    .await
    .map_err(|e| e.to_string())?;
    let limits = Limits {
        body_bytes: cli.body_limit,
        header_timeout: Duration::from_secs(cli.header_timeout),
        request_timeout: Duration::from_secs(cli.request_timeout),
        rate: ssa_server::limit::RateLimit {
            burst: cli.rate_burst,
            per_minute: cli.rate_per_minute,
            trusted_proxies: cli.trusted_proxy.clone(),
        },
    };
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("{}: {e}", cli.listen))?;
    tracing::info!(listen = %cli.listen, tls = tls.is_some(), "serving");
    let app = ssa_server::app(Arc::new(ssa), &limits);
    ssa_server::serve(listener, tls, app, limits, shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// The database URL with its password from a file (see
/// [`ssa_server::database_url`]).
fn database_url(cli: &Cli) -> Result<zeroize::Zeroizing<String>, String> {
    let file = cli.database_password_file.clone().or_else(|| {
        let path =
            PathBuf::from(std::env::var_os("CREDENTIALS_DIRECTORY")?).join("database-password");
        path.exists().then_some(path)
    });
    ssa_server::database_url(&cli.database, file.as_deref())
}

/// SIGTERM (systemd's stop) or Ctrl-C.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
