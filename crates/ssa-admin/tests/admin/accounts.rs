//! `provision`, `provision-bulk` and `accounts`: the initial password is
//! typed, generated or read from a private file, and stored only as a hash;
//! a bad file names every bad line and writes nothing.

use crate::common::{ok, on_each_backend, refused, text, Operator};

#[test]
fn provisions_posts_and_audits_without_writing_the_password_anywhere() {
    let Some(op) = Operator::with_url("provision") else {
        return;
    };

    let out = op.run(&["provision", "12345678", "c00088", "01"], "11112222\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "provisioned 12345678 C00088 01\n");

    let again = op.run(&["provision", "12345678", "C00088", "01"], "11112222\n");
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("basic-account-exists"));

    let bad = op.run(&["provision", "1234567", "C00088", "01"], "1111\n");
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("basic-user-id"));

    let out = op.post_message();
    assert_eq!(text(&out.stdout), "posted 00001\n");

    let out = op.run(&["audit", "list", "--json"], "");
    let log = text(&out.stdout);
    assert!(log.contains("basic-account-provisioned"));
    assert!(log.contains("message-posted"));
    assert!(!log.contains("11112222"));
    for file in std::fs::read_dir(op.dir.path()).unwrap() {
        let stored = std::fs::read(file.unwrap().path()).unwrap();
        assert!(
            !stored.windows(8).any(|w| w == b"11112222"),
            "only the hash is stored"
        );
    }
}

#[test]
fn bulk_provisioning_and_the_accounts_list_on_both_backends() {
    on_each_backend("bulk", |b| {
        // Bulk: generated passwords go to a new file readable by its owner only.
        std::fs::write(
            b.path("ids.csv"),
            "basic_user_id,participant_id,ssa_number\n60000001,C00088,01\n60000002,C00088,02\n",
        )
        .unwrap();
        let letters = b.path("letters.csv");
        let out = ok(&b.run(&[
            "provision-bulk",
            b.path("ids.csv").to_str().unwrap(),
            "--generate",
            letters.to_str().unwrap(),
        ]));
        assert!(out.starts_with("provisioned 2 accounts"), "{out}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&letters).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let generated = std::fs::read_to_string(&letters).unwrap();
        // A bad file: every bad line named, nothing written, one error line.
        std::fs::write(
            b.path("bad.csv"),
            "basic_user_id,participant_id,ssa_number\n60000003,C00088,03\n60000001,C00088,01\nX,C00088,04\n",
        )
        .unwrap();
        let err = refused(&b.run(&[
            "provision-bulk",
            b.path("bad.csv").to_str().unwrap(),
            "--generate",
            b.path("more.csv").to_str().unwrap(),
        ]));
        assert!(
            err.contains("line 3: basic_user_id: 60000001 is in the database already"),
            "{err}"
        );
        assert!(err.contains("line 4: basic_user_id:"), "{err}");
        assert!(!b.path("more.csv").exists());
        let accounts = ok(&b.run(&["accounts", "--json"]));
        assert_eq!(accounts.lines().count(), 2, "{accounts}");
        for password in generated
            .lines()
            .skip(1)
            .map(|l| l.rsplit(',').next().unwrap())
        {
            assert!(!accounts.contains(password));
        }
        let table = ok(&b.run(&["accounts"]));
        assert!(table.starts_with("BASIC USER ID"), "{table}");
        assert!(table.contains("initial password"), "{table}");
        refused(&b.run(&["accounts", "--basic-user-id", "99999999"]));
    });
}
