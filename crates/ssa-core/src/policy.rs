//! The branch's kiosk policy: a system-wide file only the administrator can
//! write (`/etc/ssa-desktop/policy.json` on Linux, `/Library/Application
//! Support/SSA Desktop/policy.json` on macOS, `%ProgramData%\SSA
//! Desktop\policy.json` on Windows) that sets kiosk mode, the idle limit,
//! the station's name, the database or server, the update channel and
//! whether exports are allowed. Where it exists it wins over the command
//! line, the environment and `config.json`, which whoever stands at the
//! kiosk might change. A policy that anyone but the administrator could
//! write, or that does not parse, or that names a value out of its range, is
//! refused with a reason, and the app does not start (never as a kiosk with
//! defaults it guessed). `ssa-admin kiosk policy --check FILE` runs the same
//! checks before a branch deploys a file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::SsaError;

/// The shortest and longest idle limits a policy may set, in seconds.
pub const IDLE_LIMIT_RANGE: std::ops::RangeInclusive<u32> = 30..=3600;

/// Where the system-wide policy lives on this operating system.
pub fn system_policy_path() -> PathBuf {
    #[cfg(target_os = "macos")]
    {
        PathBuf::from("/Library/Application Support/SSA Desktop/policy.json")
    }
    #[cfg(windows)]
    {
        let base = std::env::var_os("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into());
        PathBuf::from(base).join("SSA Desktop").join("policy.json")
    }
    #[cfg(not(any(target_os = "macos", windows)))]
    {
        PathBuf::from("/etc/ssa-desktop/policy.json")
    }
}

/// How updates reach a machine under the policy: never a passer-by's click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UpdateChannel {
    /// No updates but the branch's own deployment.
    None,
    /// The signed stable releases, offered on a desktop under the policy
    /// (installed on its user's word). A kiosk is never offered one,
    /// whatever its channel ([`crate::updates::may_offer`]): its branch
    /// installs releases with its own package deployment, since nobody at
    /// a kiosk may install anything.
    Stable,
}

/// The policy as the branch writes it. Every field is optional but
/// `kiosk`; an unknown field is refused (a misspelt setting must not pass
/// unnoticed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    pub kiosk: bool,
    /// Seconds without input before the visit ends (default: the mode's).
    #[serde(default)]
    pub idle_limit_seconds: Option<u32>,
    /// The station's name for the verification code's pause.
    #[serde(default)]
    pub station: Option<String>,
    /// The branch's database (`postgres://…?sslmode=verify-full…`); its
    /// password stays in the keyring (`ssa-admin branch connect`).
    #[serde(default)]
    pub database_url: Option<String>,
    /// Or the SSA server, `https://…`, and its CA file.
    #[serde(default)]
    pub server: Option<String>,
    #[serde(default)]
    pub server_ca: Option<PathBuf>,
    #[serde(default = "no_updates")]
    pub update_channel: UpdateChannel,
    /// Whether statements may be saved as CSV or PDF (never on a kiosk).
    #[serde(default)]
    pub exports: bool,
}

fn no_updates() -> UpdateChannel {
    UpdateChannel::None
}

/// Why a policy file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", content = "detail", rename_all = "kebab-case")]
pub enum PolicyProblem {
    /// It could not be read (other than not existing).
    Unreadable,
    /// Not owned by the administrator (root).
    NotOwnedByAdministrator,
    /// Its group or others may write it, or its folder.
    WritableByOthers,
    /// Not JSON of the policy's shape: the parser's words, with line and
    /// column (they name no secret: the file holds none).
    Unparsable(String),
    /// An idle limit outside [`IDLE_LIMIT_RANGE`].
    IdleLimitOutOfRange,
    /// Both a database and a server.
    DatabaseAndServer,
    /// A station name that is empty.
    EmptyStation,
    /// Exports allowed on a kiosk (spec 7.3: never).
    ExportsOnKiosk,
    /// A server address that is not `https://` (or loopback `http://`).
    InsecureServer,
    /// A server CA file named by a relative path (it would be read from the
    /// user's data folder), or one anyone but the administrator could write.
    UntrustedServerCa,
    /// A kiosk without its station's name (it would be taken from the
    /// user's data folder).
    NoStation,
}

impl PolicyProblem {
    /// The code the window's words are chosen by.
    pub fn code(&self) -> &'static str {
        match self {
            PolicyProblem::Unreadable => "unreadable",
            PolicyProblem::NotOwnedByAdministrator => "not-owned-by-administrator",
            PolicyProblem::WritableByOthers => "writable-by-others",
            PolicyProblem::Unparsable(_) => "unparsable",
            PolicyProblem::IdleLimitOutOfRange => "idle-limit-out-of-range",
            PolicyProblem::DatabaseAndServer => "database-and-server",
            PolicyProblem::EmptyStation => "empty-station",
            PolicyProblem::ExportsOnKiosk => "exports-on-kiosk",
            PolicyProblem::InsecureServer => "insecure-server",
            PolicyProblem::UntrustedServerCa => "untrusted-server-ca",
            PolicyProblem::NoStation => "no-station",
        }
    }
}

fn refused(path: &Path, problem: PolicyProblem) -> SsaError {
    SsaError::PolicyRefused {
        path: path.display().to_string(),
        problem: problem.code().to_owned(),
        detail: match problem {
            PolicyProblem::Unparsable(words) => words,
            _ => String::new(),
        },
    }
}

impl Policy {
    /// The policy's values checked: each range and combination.
    pub fn parse(text: &str) -> Result<Policy, PolicyProblem> {
        let policy: Policy =
            serde_json::from_str(text).map_err(|e| PolicyProblem::Unparsable(e.to_string()))?;
        if let Some(seconds) = policy.idle_limit_seconds {
            // A policy may shorten the mode's idle limit, never lengthen
            // it: the core ends the session at the mode's limit in any case.
            let kind = if policy.kiosk {
                crate::SessionKind::Kiosk
            } else {
                crate::SessionKind::Desktop
            };
            let ceiling = (kind.idle_limit_secs() as u32).min(*IDLE_LIMIT_RANGE.end());
            if seconds < *IDLE_LIMIT_RANGE.start() || seconds > ceiling {
                return Err(PolicyProblem::IdleLimitOutOfRange);
            }
        }
        if policy.kiosk && policy.station.is_none() {
            return Err(PolicyProblem::NoStation);
        }
        if policy
            .server_ca
            .as_deref()
            .is_some_and(|p| !p.is_absolute())
        {
            return Err(PolicyProblem::UntrustedServerCa);
        }
        if policy.database_url.is_some() && policy.server.is_some() {
            return Err(PolicyProblem::DatabaseAndServer);
        }
        if policy
            .station
            .as_deref()
            .is_some_and(|s| s.trim().is_empty())
        {
            return Err(PolicyProblem::EmptyStation);
        }
        if policy.kiosk && policy.exports {
            return Err(PolicyProblem::ExportsOnKiosk);
        }
        if let Some(server) = &policy.server {
            crate::links::server_address(server).map_err(|_| PolicyProblem::InsecureServer)?;
        }
        Ok(policy)
    }

    /// The policy at `path`: `Ok(None)` when there is none, the checked
    /// policy, or why it is refused. On Unix the file must belong to root
    /// and neither it nor its folder may be writable by group or others.
    /// (On Windows the folder under `%ProgramData%` is the installer's,
    /// writable by administrators only.)
    pub fn load(path: &Path) -> Result<Option<Policy>, SsaError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Err(refused(path, PolicyProblem::Unreadable)),
        };
        check_owner(path).map_err(|p| refused(path, p))?;
        Policy::parse(&text).map(Some).map_err(|p| refused(path, p))
    }
}

#[cfg(unix)]
fn check_owner(path: &Path) -> Result<(), PolicyProblem> {
    use std::os::unix::fs::MetadataExt;
    let file = std::fs::metadata(path).map_err(|_| PolicyProblem::Unreadable)?;
    if file.uid() != 0 {
        return Err(PolicyProblem::NotOwnedByAdministrator);
    }
    if file.mode() & 0o022 != 0 {
        return Err(PolicyProblem::WritableByOthers);
    }
    // Whoever may write the folder may put another file in its place.
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let folder = std::fs::metadata(folder).map_err(|_| PolicyProblem::Unreadable)?;
        if folder.uid() != 0 {
            return Err(PolicyProblem::NotOwnedByAdministrator);
        }
        if folder.mode() & 0o022 != 0 {
            return Err(PolicyProblem::WritableByOthers);
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner(_path: &Path) -> Result<(), PolicyProblem> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_names_its_values_within_their_ranges() {
        let good = Policy::parse(
            r#"{"kiosk": true, "idleLimitSeconds": 90, "station": "kiosk-3",
                "databaseUrl": "postgres://db.branch/ssa?sslmode=verify-full",
                "updateChannel": "stable"}"#,
        )
        .unwrap();
        assert!(good.kiosk);
        assert_eq!(good.idle_limit_seconds, Some(90));
        assert_eq!(good.update_channel, UpdateChannel::Stable);
        assert!(!good.exports);
        let minimal = Policy::parse(r#"{"kiosk": false}"#).unwrap();
        assert!(Policy::parse(
            r#"{"kiosk": true, "station": "k", "server": "http://127.0.0.1:8443"}"#
        )
        .is_ok());
        assert_eq!(minimal.update_channel, UpdateChannel::None);
        for (text, problem) in [
            (
                r#"{"kiosk": true, "station": "k", "idleLimitSeconds": 5}"#,
                "idle-limit-out-of-range",
            ),
            // Longer than the core's kiosk session: refused, not ignored.
            (
                r#"{"kiosk": true, "station": "k", "idleLimitSeconds": 600}"#,
                "idle-limit-out-of-range",
            ),
            (
                r#"{"kiosk": false, "idleLimitSeconds": 7200}"#,
                "idle-limit-out-of-range",
            ),
            (
                r#"{"kiosk": true, "station": "k", "databaseUrl": "postgres://x", "server": "https://y"}"#,
                "database-and-server",
            ),
            (r#"{"kiosk": true, "station": "  "}"#, "empty-station"),
            (r#"{"kiosk": true}"#, "no-station"),
            (
                r#"{"kiosk": true, "station": "k", "exports": true}"#,
                "exports-on-kiosk",
            ),
            (
                r#"{"kiosk": true, "station": "k", "server": "http://ssa.example.com"}"#,
                "insecure-server",
            ),
            (
                r#"{"kiosk": true, "station": "k", "server": "http://localhost.evil.example"}"#,
                "insecure-server",
            ),
            (
                r#"{"kiosk": true, "station": "k", "server": "http://localhost@evil.example"}"#,
                "insecure-server",
            ),
            (
                r#"{"kiosk": true, "station": "k", "server": "https://u:p@ssa.example.com"}"#,
                "insecure-server",
            ),
            (
                r#"{"kiosk": true, "station": "k", "server": "https://ssa.example.com", "serverCa": "ca.pem"}"#,
                "untrusted-server-ca",
            ),
            (r#"{"kiosk": true, "kisok": false}"#, "unparsable"),
            (r#"{"idleLimitSeconds": 60}"#, "unparsable"),
            (r#"{"kiosk": "yes"}"#, "unparsable"),
            ("{\"kiosk\": true,", "unparsable"),
            ("", "unparsable"),
        ] {
            assert_eq!(Policy::parse(text).unwrap_err().code(), problem, "{text}");
        }
        // The parser says where: line and column.
        let PolicyProblem::Unparsable(words) = Policy::parse("{\n  \"kiosk\": yes\n}").unwrap_err()
        else {
            panic!("unparsable");
        };
        assert!(words.contains("line 2"), "{words}");
    }

    #[cfg(unix)]
    #[test]
    fn a_policy_anyone_but_root_could_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.json");
        assert_eq!(Policy::load(&path).unwrap(), None, "no policy, no refusal");
        std::fs::write(&path, r#"{"kiosk": true, "station": "kiosk-1"}"#).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let problem = |e: SsaError| match e {
            SsaError::PolicyRefused { problem, .. } => problem,
            other => panic!("{other:?}"),
        };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        let running_as_root = std::fs::metadata(&path)
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false);
        if !running_as_root {
            // Made by another user: refused for its owner first.
            assert_eq!(
                problem(Policy::load(&path).unwrap_err()),
                "not-owned-by-administrator"
            );
            return;
        }
        assert_eq!(
            problem(Policy::load(&path).unwrap_err()),
            "writable-by-others"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(Policy::load(&path).unwrap().unwrap().kiosk);
        // A folder others may write: the file could be swapped.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        assert_eq!(
            problem(Policy::load(&path).unwrap_err()),
            "writable-by-others"
        );
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        // Owned by someone else (nobody).
        std::os::unix::fs::chown(&path, Some(65534), None).unwrap();
        assert_eq!(
            problem(Policy::load(&path).unwrap_err()),
            "not-owned-by-administrator"
        );
    }
}
