//! Which binaries the tests drive, when they are skipped, one app at a time,
//! and the test build's clock.

use std::path::{Path, PathBuf};

use crate::app::{launch, App, Options};

/// One app at a time: they share the keyring that holds the pepper.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The workspace's root folder.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The test build, named by `SSA_E2E_APP` or in the target folder.
pub fn app_binary() -> Option<PathBuf> {
    let path = match std::env::var_os("SSA_E2E_APP") {
        Some(p) => PathBuf::from(p),
        None => {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| workspace().join("target"));
            target.join("release/ssa-desktop-test-build")
        }
    };
    present(path, "test-build app binary")
}

/// The shipped build (no test feature), named by `SSA_SHIPPED_APP`.
pub fn shipped_binary() -> Option<PathBuf> {
    match std::env::var_os("SSA_SHIPPED_APP") {
        Some(p) => present(PathBuf::from(p), "shipped app binary"),
        None => {
            assert!(
                std::env::var_os("SSA_REQUIRE_E2E").is_none(),
                "SSA_REQUIRE_E2E is set but SSA_SHIPPED_APP names no shipped app binary"
            );
            eprintln!("SSA_SHIPPED_APP is not set: shipped-build test skipped");
            None
        }
    }
}

/// The app as the `.deb` installed it (`/usr/bin/ssa-desktop`), named by
/// `SSA_INSTALLED_APP` (scripts/package-test.sh sets it); else skipped.
pub fn installed_binary() -> Option<PathBuf> {
    let Some(path) = std::env::var_os("SSA_INSTALLED_APP") else {
        eprintln!("SSA_INSTALLED_APP is not set: installed-package test skipped");
        return None;
    };
    let path = PathBuf::from(path);
    assert!(path.exists(), "no installed app at {}", path.display());
    Some(path)
}

fn present(path: PathBuf, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("SSA_REQUIRE_E2E").is_none(),
        "SSA_REQUIRE_E2E is set but the {what} {} is missing",
        path.display()
    );
    eprintln!("no {what} at {}: end-to-end test skipped", path.display());
    None
}

/// A test's hold on one app: its binary, a data folder of its own, and the
/// lock that keeps it the only app running (held until the test ends, after
/// the data folder is gone).
pub struct Run {
    pub binary: PathBuf,
    pub data: tempfile::TempDir,
    _one: tokio::sync::MutexGuard<'static, ()>,
}

impl Run {
    /// The test build; `None` when there is none and the test is skipped.
    pub async fn app() -> Option<Run> {
        let binary = app_binary()?;
        Some(Self::of(binary).await)
    }

    /// The installed package's binary; `None` outside the package test.
    pub async fn installed() -> Option<Run> {
        let binary = installed_binary()?;
        Some(Self::of(binary).await)
    }

    /// The shipped build; `None` when there is none and the test is skipped.
    pub async fn shipped() -> Option<Run> {
        let binary = shipped_binary()?;
        Some(Self::of(binary).await)
    }

    async fn of(binary: PathBuf) -> Run {
        let one = ONE_AT_A_TIME.lock().await;
        let data = tempfile::tempdir().unwrap();
        Run {
            binary,
            data,
            _one: one,
        }
    }

    /// Starts the app over this run's data folder; see [`launch`].
    pub async fn launch(&self, name: &'static str, options: Options) -> App {
        launch(&self.binary, self.data.path(), name, options).await
    }
}

/// How far the test build's clock runs ahead of the real one: zero, or,
/// when this run falls inside a weekly maintenance window (spec 3.9, when
/// every form is refused), to two minutes past its end, which is the same
/// day in Hong Kong, so every date the tests compute still holds.
pub fn clock_offset() -> chrono::Duration {
    static OFFSET: std::sync::OnceLock<chrono::Duration> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| {
        let now = chrono::Utc::now();
        match ssa_core::service::maintenance::window_end(now) {
            Some(end) => {
                eprintln!("inside a maintenance window until {end}: the test build runs past it");
                end - now + chrono::Duration::minutes(2)
            }
            None => chrono::Duration::zero(),
        }
    })
}

/// Whether the run falls inside a maintenance window, which the shipped
/// build (no clock offset) cannot leave.
pub fn shipped_build_in_maintenance() -> bool {
    let inside = clock_offset() != chrono::Duration::zero();
    if inside {
        eprintln!("inside a weekly maintenance window: the shipped build refuses every form now");
    }
    inside
}

/// Now in Hong Kong (UTC+8), `YYYY-MM-DD HH:MM:SS`, on the test build's clock.
pub fn hong_kong_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + clock_offset().num_seconds()
        + 8 * 3600;
    let days = secs.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}
