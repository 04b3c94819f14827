//! Which update may be installed. The shell's updater checks that the
//! package is signed with the publisher's key; this is the other rule: never
//! a version older than, or the same as, the one running (a downgrade could
//! bring back a fixed flaw, even when it was once signed).

use crate::error::{Result, SsaError};

/// Refuses `offered` unless it is a newer version than `current` (semantic
/// versions; one that does not parse is never newer).
pub fn may_install(current: &str, offered: &str) -> Result<()> {
    let not_newer = || SsaError::UpdateNotNewer {
        offered: offered.chars().take(40).collect(),
        current: current.to_owned(),
    };
    let current_version = semver::Version::parse(current).map_err(|_| not_newer())?;
    let offered_version = semver::Version::parse(offered).map_err(|_| not_newer())?;
    if offered_version > current_version {
        Ok(())
    } else {
        Err(not_newer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_newer_version_may_be_installed() {
        assert!(may_install("0.1.0", "0.1.1").is_ok());
        assert!(may_install("0.1.0", "1.0.0").is_ok());
        for offered in ["0.1.0", "0.0.9", "0.1.0-rc.1", "not a version", ""] {
            assert_eq!(
                may_install("0.1.0", offered).unwrap_err().code(),
                "update-not-newer",
                "{offered}"
            );
        }
    }
}
