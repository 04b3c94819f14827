//! Which update may be installed. The shell's updater checks that the
//! package is signed with the publisher's key; this is the other rule: never
//! a version older than, or the same as, the one running (a downgrade could
//! bring back a fixed flaw, even when it was once signed).

use crate::error::{Result, SsaError};
use crate::policy::{Policy, UpdateChannel};

/// Whether this station may look for updates and offer them: never a
/// kiosk (a passer-by's click must install nothing there; the branch's
/// deployment updates it), nor a station whose branch policy's update
/// channel is `none`. A desktop with no policy may.
pub fn may_offer(kiosk: bool, policy: Option<&Policy>) -> bool {
    !kiosk && policy.is_none_or(|p| !p.kiosk && p.update_channel == UpdateChannel::Stable)
}

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
    fn updates_are_offered_on_a_desktop_and_never_on_a_kiosk() {
        let policy = |text: &str| Policy::parse(text).unwrap();
        assert!(may_offer(false, None));
        assert!(!may_offer(true, None), "a kiosk by its command line");
        let stable_desktop = policy(r#"{"kiosk": false, "updateChannel": "stable"}"#);
        assert!(may_offer(false, Some(&stable_desktop)));
        let no_channel = policy(r#"{"kiosk": false}"#);
        assert!(!may_offer(false, Some(&no_channel)), "the channel is none");
        let stable_kiosk = policy(r#"{"kiosk": true, "station": "k", "updateChannel": "stable"}"#);
        assert!(!may_offer(true, Some(&stable_kiosk)));
        assert!(!may_offer(false, Some(&stable_kiosk)), "the policy's kiosk");
    }

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
