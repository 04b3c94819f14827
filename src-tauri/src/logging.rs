//! The app's log: one file a day in `<data folder>/logs/`, the last 14 kept,
//! filtered by `RUST_LOG` (default `info`). It holds what an operator needs to
//! find a fault (storage and keyring errors, start-up failures) and never a
//! secret: passwords, codes and hashes are never passed to `tracing` at all.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::EnvFilter;

/// The filter without `RUST_LOG`.
pub const DEFAULT_FILTER: &str = "info,zbus=warn";

/// How many daily files are kept.
pub const KEPT_DAYS: usize = 14;

/// Where the log files go.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Sends this process's `tracing` events to the daily files. Only the first
/// call in a process takes effect.
pub fn init(data_dir: &Path) -> Result<(), String> {
    let dir = log_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let files = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("ssa-desktop")
        .filename_suffix("log")
        .max_log_files(KEPT_DAYS)
        .build(&dir)
        .map_err(|e| e.to_string())?;
    // The keyring's D-Bus client (zbus) opens spans of its own, with socket
    // details: only its warnings are the operator's business.
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(files)
        .with_ansi(false)
        // Each span's time when it closes: the start-up steps (startup.rs).
        .with_span_events(FmtSpan::CLOSE)
        .try_init()
        .map_err(|e| e.to_string())
}
