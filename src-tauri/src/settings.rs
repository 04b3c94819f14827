//! How this copy of the app is set up: where its database is, whether it runs
//! on a branch kiosk or in demo mode, and the language the investor chose
//! last time. Read once at start from the command line, the environment and
//! `config.json` in the data folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// The environment variables the app reads (the README lists them).
pub mod env {
    /// A `postgres://` URL (or SQLite URL) instead of the SQLite file in the data folder.
    pub const DATABASE_URL: &str = "SSA_DATABASE_URL";
    /// A folder to use instead of the user's data folder.
    pub const DATA_DIR: &str = "SSA_DATA_DIR";
    /// `1`: demo mode (as `--demo`).
    pub const DEMO: &str = "SSA_DEMO";
    /// `1`: kiosk mode (as `--kiosk`): full screen, 2-minute idle limit.
    pub const KIOSK: &str = "SSA_KIOSK";
    /// End-to-end test builds only (feature `e2e-captcha`): the answer of
    /// every verification code. No other build knows the name.
    #[cfg(feature = "e2e-captcha")]
    pub const E2E_CAPTCHA_ANSWER: &str = "SSA_E2E_CAPTCHA_ANSWER";
    /// End-to-end test builds only: the window's idle limit in seconds, so a
    /// test need not wait 2 minutes.
    #[cfg(feature = "e2e-captcha")]
    pub const E2E_IDLE_SECONDS: &str = "SSA_E2E_IDLE_SECONDS";
    /// End-to-end test builds only: `first-call` makes the window's first
    /// call fail, `script` makes the window throw while it starts, so a test
    /// can see the start-up failure page.
    #[cfg(feature = "e2e-captcha")]
    pub const E2E_BREAK_STARTUP: &str = "SSA_E2E_BREAK_STARTUP";
    /// End-to-end test builds only: the kiosk policy file to read instead of
    /// the system's (`/etc/ssa-desktop/policy.json`). No other build knows
    /// the name, so nobody at a kiosk can point the app at a policy of
    /// their own.
    #[cfg(feature = "e2e-captcha")]
    pub const E2E_POLICY_FILE: &str = "SSA_E2E_POLICY_FILE";
    /// End-to-end test builds only: seconds added to the real time, so a
    /// run inside a weekly maintenance window can move the app past it.
    #[cfg(feature = "e2e-captcha")]
    pub const E2E_CLOCK_OFFSET_SECONDS: &str = "SSA_E2E_CLOCK_OFFSET_SECONDS";
    /// The SSA server to talk to (`https://…`, as `--server`), instead of a
    /// database: an investor at home.
    pub const SERVER: &str = "SSA_SERVER";
    /// A PEM file of the one CA the server's certificate must chain to (as
    /// `--server-ca`); by default the system's roots.
    pub const SERVER_CA: &str = "SSA_SERVER_CA";
    /// Where signed updates are offered (`https://…/latest.json`, as
    /// `--update-feed`); none by default, and never on a kiosk.
    pub const UPDATE_FEED: &str = "SSA_UPDATE_FEED";
    /// This installation's name for the verification code's per-screen
    /// counters (kiosks sharing one database each have their own). By
    /// default a random name made once and kept in the data folder.
    pub const STATION: &str = "SSA_STATION";
}

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub demo: bool,
    pub kiosk: bool,
    /// Overrides the data folder.
    pub data_dir: Option<PathBuf>,
    /// Overrides the database (otherwise config.json, then the SQLite file).
    pub database_url: Option<String>,
    pub station: Option<String>,
    /// The SSA server (otherwise config.json's `server`, else none: the
    /// database).
    pub server: Option<String>,
    /// The server's CA file (otherwise config.json's `serverCa`).
    pub server_ca: Option<PathBuf>,
    /// The update feed (otherwise config.json's `updateFeed`).
    pub update_feed: Option<String>,
    /// A branch policy allows no updates but its own deployment.
    pub updates_forbidden: bool,
    /// The idle limit the branch's policy sets, if any.
    pub idle_limit_seconds: Option<u32>,
    /// The branch's policy forbids saving statements as CSV or PDF (a
    /// kiosk never offers it, whatever this says).
    pub exports_forbidden: bool,
    /// The branch's policy was refused: the app shows why and nothing else.
    pub policy_refused: Option<ssa_core::SsaError>,
    /// A branch policy set these settings: `config.json` may not change
    /// them.
    pub policy_applies: bool,
    /// What only the end-to-end test build reads; no other build has the
    /// field, so nothing can wire a test switch into an investor's build.
    #[cfg(feature = "e2e-captcha")]
    pub test: TestSwitches,
}

/// The end-to-end test build's switches (feature `e2e-captcha`).
#[cfg(feature = "e2e-captcha")]
#[derive(Debug, Clone, Default)]
pub struct TestSwitches {
    /// The answer of every verification code.
    pub captcha_answer: Option<String>,
    /// The window's idle limit in seconds.
    pub idle_seconds: Option<u32>,
    /// Start-up broken on purpose: `first-call` or `script`.
    pub break_startup: Option<String>,
    /// Seconds added to the real time.
    pub clock_offset_seconds: Option<i64>,
}

#[cfg(feature = "e2e-captcha")]
impl TestSwitches {
    fn from_env() -> Self {
        Self {
            captcha_answer: std::env::var(env::E2E_CAPTCHA_ANSWER).ok(),
            idle_seconds: std::env::var(env::E2E_IDLE_SECONDS)
                .ok()
                .and_then(|v| v.parse().ok()),
            break_startup: std::env::var(env::E2E_BREAK_STARTUP)
                .ok()
                .filter(|v| !v.is_empty()),
            clock_offset_seconds: std::env::var(env::E2E_CLOCK_OFFSET_SECONDS)
                .ok()
                .and_then(|v| v.parse().ok()),
        }
    }
}

/// `config.json` in the data folder, written by the operator for a branch.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    database_url: Option<String>,
    /// The SSA server, `https://host[:port]`.
    server: Option<String>,
    /// A PEM file: the one CA the server's certificate must chain to.
    server_ca: Option<PathBuf>,
    /// The station's name, for the verification code's pause: on a kiosk
    /// this file is the only place it is taken from.
    station: Option<String>,
    /// Where signed updates are offered.
    update_feed: Option<String>,
}

fn config_file(data_dir: &Path) -> Option<ConfigFile> {
    std::fs::read_to_string(data_dir.join("config.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<ConfigFile>(&text).ok())
}

/// What the app remembers between starts.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    language: Option<Language>,
    #[serde(default)]
    zoom: Option<u16>,
}

impl Settings {
    /// Reads the command line and the environment. Arguments that are not
    /// UTF-8 (possible on Unix) are compared as they are and never panic.
    pub fn from_args_and_env() -> Self {
        #[cfg(feature = "e2e-captcha")]
        let policy = std::env::var_os(env::E2E_POLICY_FILE)
            .map(PathBuf::from)
            .unwrap_or_else(ssa_core::policy::system_policy_path);
        #[cfg(not(feature = "e2e-captcha"))]
        let policy = ssa_core::policy::system_policy_path();
        Self::from_args(std::env::args_os().skip(1)).under_policy(&policy)
    }

    /// The branch's policy at `path`, where there is one, overrides what the
    /// command line, the environment and `config.json` said; a refused
    /// policy leaves the app to show why, as a kiosk (never as a desktop
    /// with defaults it guessed).
    pub fn under_policy(mut self, path: &std::path::Path) -> Self {
        match ssa_core::policy::Policy::load(path) {
            Ok(None) => self,
            Ok(Some(policy)) => {
                self.updates_forbidden = !ssa_core::updates::may_offer(policy.kiosk, Some(&policy));
                self.kiosk = policy.kiosk;
                self.demo = false;
                self.exports_forbidden = !policy.exports;
                self.idle_limit_seconds = policy.idle_limit_seconds;
                self.station = policy.station;
                self.database_url = policy.database_url;
                self.server = policy.server;
                self.server_ca = policy.server_ca;
                // The data folder is the system's, not one the environment
                // names.
                self.data_dir = None;
                self.policy_applies = true;
                self
            }
            Err(refused) => {
                self.kiosk = true;
                self.demo = false;
                self.exports_forbidden = true;
                self.updates_forbidden = true;
                self.policy_refused = Some(refused);
                self
            }
        }
    }

    pub fn from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Self {
        let args: Vec<std::ffi::OsString> = args.into_iter().collect();
        let flag = |name: &str, var: &str| {
            args.iter().any(|a| a == name) || std::env::var(var).is_ok_and(|v| v == "1")
        };
        // `--name value` or `--name=value`, else the variable.
        let value = |name: &str, var: &str| {
            let prefix = format!("{name}=");
            args.iter()
                .enumerate()
                .find_map(|(i, a)| {
                    let a = a.to_str()?;
                    if a == name {
                        args.get(i + 1)?.to_str().map(str::to_owned)
                    } else {
                        a.strip_prefix(&prefix).map(str::to_owned)
                    }
                })
                .or_else(|| std::env::var(var).ok())
                .filter(|v| !v.trim().is_empty())
        };
        Self {
            demo: flag("--demo", env::DEMO),
            kiosk: flag("--kiosk", env::KIOSK),
            data_dir: std::env::var_os(env::DATA_DIR).map(PathBuf::from),
            database_url: std::env::var(env::DATABASE_URL)
                .ok()
                .filter(|u| !u.is_empty()),
            station: std::env::var(env::STATION).ok().filter(|s| !s.is_empty()),
            server: value("--server", env::SERVER),
            server_ca: value("--server-ca", env::SERVER_CA).map(PathBuf::from),
            update_feed: value("--update-feed", env::UPDATE_FEED),
            updates_forbidden: false,
            idle_limit_seconds: None,
            exports_forbidden: false,
            policy_refused: None,
            policy_applies: false,
            #[cfg(feature = "e2e-captcha")]
            test: TestSwitches::from_env(),
        }
    }

    /// This installation's station name: on a desktop the setting, else
    /// `config.json`'s; on a kiosk only `config.json`'s (the branch's
    /// configuration, not whatever started the app: the pause binds the
    /// person at the screen, spec 4); else the one kept in the data folder,
    /// else a new random one (kept for next time).
    pub fn station(&self, data_dir: &Path) -> String {
        if let (true, Some(station)) = (self.policy_applies, &self.station) {
            return station.clone();
        }
        let configured = config_file(data_dir)
            .and_then(|c| c.station)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        let chosen = if self.kiosk {
            configured
        } else {
            self.station.clone().or(configured)
        };
        if let Some(station) = chosen {
            return station;
        }
        let path = data_dir.join("station.txt");
        if let Ok(kept) = std::fs::read_to_string(&path) {
            let kept = kept.trim();
            if !kept.is_empty() {
                return kept.to_owned();
            }
        }
        let made = format!("station-{:016x}", rand_u64());
        if let Err(e) = std::fs::write(&path, &made) {
            tracing::warn!(error = %e, "could not keep the station name");
        }
        made
    }

    /// The database: the override, then `config.json`, then the SQLite file
    /// in the data folder (a separate one in demo mode).
    pub fn database_url(&self, data_dir: &Path) -> String {
        if let Some(url) = &self.database_url {
            return url.clone();
        }
        let from_file = config_file(data_dir)
            .filter(|_| !self.policy_applies)
            .and_then(|c| c.database_url);
        if let Some(url) = from_file {
            return url;
        }
        // A plain path, not a URL: a folder named with `%`, `?` or `#` is
        // opened as it is named (the core takes paths as paths).
        let file = if self.demo { "ssa-demo.db" } else { "ssa.db" };
        data_dir.join(file).to_string_lossy().into_owned()
    }

    /// The SSA server, when the window is its client: the setting, else
    /// `config.json`'s. A database named on the command line or in the
    /// environment wins over a server from `config.json`.
    pub fn server(&self, data_dir: &Path) -> Option<String> {
        if self.server.is_some() || self.policy_applies {
            return self.server.clone();
        }
        if self.database_url.is_some() {
            return None;
        }
        config_file(data_dir).and_then(|c| c.server)
    }

    /// The server's CA file: the setting, else `config.json`'s (a relative
    /// path is read from the data folder).
    pub fn server_ca(&self, data_dir: &Path) -> Option<PathBuf> {
        let from_file = || {
            (!self.policy_applies)
                .then(|| config_file(data_dir).and_then(|c| c.server_ca))
                .flatten()
        };
        self.server_ca
            .clone()
            .or_else(from_file)
            .map(|p| data_dir.join(p))
    }

    /// The update feed, where updates may come here: never on a kiosk nor
    /// under a policy that forbids them; the setting, else `config.json`'s.
    pub fn update_feed(&self, data_dir: &Path) -> Option<String> {
        if self.updates_forbidden || !ssa_core::updates::may_offer(self.kiosk, None) {
            return None;
        }
        self.update_feed
            .clone()
            .or_else(|| config_file(data_dir).and_then(|c| c.update_feed))
    }

    /// The keyring entry of the pepper: the demo database has its own.
    pub fn keyring_account(&self) -> &'static str {
        if self.demo {
            "argon2-pepper-demo"
        } else {
            ssa_core::KeyringSecretStore::ACCOUNT
        }
    }
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

fn remembered_path(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.json")
}

fn remembered(data_dir: &Path) -> Remembered {
    std::fs::read_to_string(remembered_path(data_dir))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The language chosen last time, if any.
pub fn remembered_language(data_dir: &Path) -> Option<Language> {
    remembered(data_dir).language
}

/// The window's zoom last time (per cent), if any.
pub fn remembered_zoom(data_dir: &Path) -> Option<u16> {
    remembered(data_dir).zoom
}

/// Remembers the language for the next start.
pub fn remember_language(data_dir: &Path, language: Language) -> std::io::Result<()> {
    remember(data_dir, |r| r.language = Some(language))
}

/// Remembers the window's zoom for the next start.
pub fn remember_zoom(data_dir: &Path, zoom: u16) -> std::io::Result<()> {
    remember(data_dir, |r| r.zoom = Some(zoom))
}

fn remember(data_dir: &Path, change: impl FnOnce(&mut Remembered)) -> std::io::Result<()> {
    let mut kept = remembered(data_dir);
    change(&mut kept);
    let text = serde_json::to_string_pretty(&kept)?;
    ssa_core::files::write_whole(&remembered_path(data_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kiosk's station name is the branch's configuration (its data
    /// folder's config.json): `SSA_STATION` cannot pick another station and
    /// so step out of the pause of the person before.
    #[test]
    fn a_kiosk_takes_its_station_from_its_configuration_only() {
        let dir = tempfile::tempdir().unwrap();
        let from_outside = Some("chosen-by-a-passer-by".to_owned());
        let kiosk = Settings {
            kiosk: true,
            station: from_outside.clone(),
            ..Settings::default()
        };
        let desktop = Settings {
            station: from_outside,
            ..Settings::default()
        };
        // No configuration: a name made once and kept, whatever is asked.
        let made = kiosk.station(dir.path());
        assert!(made.starts_with("station-"), "{made}");
        assert_eq!(kiosk.station(dir.path()), made);
        std::fs::write(
            dir.path().join("config.json"),
            r#"{"databaseUrl":"sqlite://x.db","station":"kiosk-3"}"#,
        )
        .unwrap();
        assert_eq!(kiosk.station(dir.path()), "kiosk-3");
        // A desktop's own user may name its station (the pause protects
        // nothing against that user there; the per-ID locks do).
        assert_eq!(desktop.station(dir.path()), "chosen-by-a-passer-by");
    }

    /// `--server URL`, `--server=URL` and `--server-ca PATH` name the SSA
    /// server the window talks to; a database named on the command line or
    /// in the environment wins over config.json's server, and a relative CA
    /// path is read from the data folder.
    #[test]
    fn the_server_comes_from_the_command_line_or_config_json() {
        let dir = tempfile::tempdir().unwrap();
        let args = |list: &[&str]| Settings::from_args(list.iter().map(std::ffi::OsString::from));
        let spaced = args(&[
            "--server",
            "https://ssa.example.com",
            "--server-ca",
            "/etc/ca.pem",
        ]);
        assert_eq!(
            spaced.server(dir.path()).as_deref(),
            Some("https://ssa.example.com")
        );
        assert_eq!(
            spaced.server_ca(dir.path()),
            Some(PathBuf::from("/etc/ca.pem"))
        );
        let joined = args(&["--demo", "--server=https://ssa.example.com:8443"]);
        assert_eq!(
            joined.server(dir.path()).as_deref(),
            Some("https://ssa.example.com:8443")
        );
        // Neither flag: config.json's, else none (the database).
        assert_eq!(args(&[]).server(dir.path()), None);
        std::fs::write(
            dir.path().join("config.json"),
            r#"{"server": "https://broker.example", "serverCa": "broker-ca.pem"}"#,
        )
        .unwrap();
        let plain = args(&[]);
        assert_eq!(
            plain.server(dir.path()).as_deref(),
            Some("https://broker.example")
        );
        assert_eq!(
            plain.server_ca(dir.path()),
            Some(dir.path().join("broker-ca.pem"))
        );
        let database = Settings {
            database_url: Some("postgres://branch.example/ssa".into()),
            ..Settings::default()
        };
        assert_eq!(database.server(dir.path()), None);
    }

    /// The branch's policy wins over the command line and config.json; a
    /// refused policy starts nothing but its refusal, as a kiosk.
    #[cfg(unix)]
    #[test]
    fn the_branch_policy_wins_over_everything_at_the_kiosk() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let etc = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        std::fs::set_permissions(etc.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let policy = etc.path().join("policy.json");
        std::fs::write(
            &policy,
            r#"{"kiosk": true, "idleLimitSeconds": 60, "station": "kiosk-7",
                "server": "https://ssa.broker.example"}"#,
        )
        .unwrap();
        std::fs::set_permissions(&policy, std::fs::Permissions::from_mode(0o644)).unwrap();
        if std::fs::metadata(&policy).unwrap().uid() != 0 {
            // Only root's files pass; ssa-core's tests cover the refusal.
            return;
        }
        std::fs::write(
            data.path().join("config.json"),
            r#"{"server": "https://elsewhere.example", "station": "mine"}"#,
        )
        .unwrap();
        let passer_by = Settings::from_args(
            ["--server", "https://attacker.example", "--demo"].map(std::ffi::OsString::from),
        )
        .under_policy(&policy);
        assert!(passer_by.kiosk && !passer_by.demo);
        assert_eq!(passer_by.idle_limit_seconds, Some(60));
        assert!(passer_by.exports_forbidden);
        assert_eq!(
            passer_by.server(data.path()).as_deref(),
            Some("https://ssa.broker.example")
        );
        assert_eq!(passer_by.station(data.path()), "kiosk-7");
        assert_eq!(passer_by.server_ca(data.path()), None);

        std::fs::set_permissions(&policy, std::fs::Permissions::from_mode(0o666)).unwrap();
        let refused =
            Settings::from_args(["--demo"].map(std::ffi::OsString::from)).under_policy(&policy);
        assert!(refused.kiosk && !refused.demo);
        assert_eq!(
            refused.policy_refused.map(|e| e.code()),
            Some("policy-refused")
        );
        // No policy at all: the settings as they were.
        let none = Settings::from_args(["--demo"].map(std::ffi::OsString::from))
            .under_policy(&etc.path().join("absent.json"));
        assert!(none.demo && !none.kiosk && none.policy_refused.is_none());
    }
}
