//! Start-up beside the window: the service layer opens (keyring, database
//! and migrations, the pepper, the demo) on the async runtime while the
//! webview loads the page, so the window is ready after the slower of the
//! two, not after both. The window's first call waits for the state; every
//! other command comes after that call. Each step is a `tracing` span, and
//! the log gives its time (`close time.busy=…`).

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use tokio::sync::watch;

static LAUNCHED: OnceLock<Instant> = OnceLock::new();

/// Marks the process's start; call first thing.
pub fn mark_launch() {
    LAUNCHED.get_or_init(Instant::now);
}

/// Milliseconds since `mark_launch`.
pub fn ms_since_launch() -> u128 {
    LAUNCHED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0)
}

/// Managed from the first moment: whether the shell's state is ready, and
/// where the log is (for the failure page, which may come before it).
pub struct Startup {
    ready: watch::Receiver<bool>,
    log_dir: PathBuf,
}

/// The other end: says the state is managed.
pub struct Ready(watch::Sender<bool>);

impl Ready {
    pub fn done(self) {
        let _ = self.0.send(true);
    }
}

impl Startup {
    pub fn new(log_dir: PathBuf) -> (Self, Ready) {
        let (tx, rx) = watch::channel(false);
        (Self { ready: rx, log_dir }, Ready(tx))
    }

    /// Waits until the state is managed. Returns at once after that.
    pub async fn wait(&self) {
        let mut ready = self.ready.clone();
        // An error means the sender is gone without saying ready: the
        // caller then finds no state and says so.
        let _ = ready.wait_for(|r| *r).await;
    }

    /// Logs what went wrong while the window started (its own message, which
    /// holds nothing typed: no field exists yet) and answers where the log
    /// files are, for the failure page.
    /// Only the first report is logged (the page is shown once), and the
    /// message is logged quoted, so it cannot forge log lines.
    pub fn report_failure(&self, message: &str) -> String {
        use std::sync::atomic::{AtomicBool, Ordering};
        static REPORTED: AtomicBool = AtomicBool::new(false);
        if !REPORTED.swap(true, Ordering::SeqCst) {
            let message: String = message.chars().take(2000).collect();
            tracing::error!(?message, "the window could not start");
        }
        self.log_dir.to_string_lossy().into_owned()
    }
}

/// The window's first call into Rust: the app is ready. The log says so
/// once, with the time since launch (the test that starts the shipped app
/// as a person would waits for this line), and when `SSA_BENCH_T0` holds the
/// launch time (ms since the epoch, set by scripts/bench-window.sh) standard
/// error says how long it took.
pub fn first_call_from_window() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        tracing::info!(
            ms_since_launch = ms_since_launch() as u64,
            "the window made its first call"
        );
        let Ok(t0) = std::env::var("SSA_BENCH_T0") else {
            return;
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        let start: u128 = t0.parse().unwrap_or(now);
        eprintln!("bench-ready-ms {}", now.saturating_sub(start));
    });
}
