//! `kiosk policy --check FILE`: a branch checks its kiosk policy before it
//! deploys it, with the app's own checks (its owner, who may write it, each
//! value).

use crate::common::{admin_without_database, ok, refused};

#[test]
fn checks_a_kiosk_policy_as_the_app_reads_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("policy.json");
    let check = |text: &str| {
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        admin_without_database(
            "unused",
            &["kiosk", "policy", "--check", path.to_str().unwrap()],
            "",
        )
    };
    let running_as_root = nix_uid_is_root(dir.path());
    if !running_as_root {
        // Not the administrator's file: refused for that before anything.
        let err = refused(&check(r#"{"kiosk": true}"#));
        assert!(err.contains("not-owned-by-administrator"), "{err}");
        return;
    }
    let said = ok(&check(
        r#"{"kiosk": true, "idleLimitSeconds": 90, "station": "kiosk-3",
            "server": "https://ssa.broker.example", "updateChannel": "stable"}"#,
    ));
    for line in [
        "a good kiosk policy",
        "mode: branch kiosk",
        "idle limit: 90 s",
        "station: kiosk-3",
        "server: https://ssa.broker.example",
        "updates: signed stable releases",
    ] {
        assert!(said.contains(line), "{line} in {said}");
    }
    let err = refused(&check(
        r#"{"kiosk": true, "station": "k", "exports": true}"#,
    ));
    assert!(err.contains("exports-on-kiosk"), "{err}");
    let err = refused(&check("{\n  \"kiosk\": yes\n}"));
    assert!(
        err.contains("unparsable") && err.contains("line 2"),
        "{err}"
    );
    // Writable by others: refused, as the app refuses it.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let err = refused(&admin_without_database(
        "unused",
        &["kiosk", "policy", "--check", path.to_str().unwrap()],
        "",
    ));
    assert!(err.contains("writable-by-others"), "{err}");
    let missing = dir.path().join("none.json");
    let err = refused(&admin_without_database(
        "unused",
        &["kiosk", "policy", "--check", missing.to_str().unwrap()],
        "",
    ));
    assert!(err.contains("no policy file"), "{err}");
}

fn nix_uid_is_root(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}
