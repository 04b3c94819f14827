//! `migrate` and `backup`: the database itself. A SQLite file is migrated
//! without a keyring and refuses an app role (PostgreSQL's only); a running
//! database is backed up into a new file only.

use crate::common::{admin, text, Operator};

/// `migrate` needs no keyring; roles are PostgreSQL's only.
#[test]
fn migrates_a_sqlite_file_and_refuses_an_app_role_there() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ssa.db").display().to_string();
    let out = admin(&db, "unused", &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "database migrated\n");
    let out = admin(&db, "unused", &["migrate", "--app-role", "ssa_app"], "");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--app-role is for PostgreSQL"), "{err}");
}

#[test]
fn backs_up_a_running_database_into_a_new_file_only() {
    let Some(op) = Operator::with_url("backup") else {
        return;
    };
    op.provision_default();

    let copy = op.path("copy.db");
    let copy_arg = copy.to_str().unwrap();
    let out = op.run(&["backup", copy_arg], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("backed up to {copy_arg}\n"));

    // The copy is a database the tool opens with the same pepper, holding
    // the account: provisioning it again there is refused as a duplicate.
    let copy_db = format!("sqlite://{copy_arg}");
    let out = admin(
        &copy_db,
        &op.account,
        &["provision", "12345678", "C00088", "01"],
        "11112222\n",
    );
    assert!(!out.status.success());

    // A second backup to the same file: one line, a failure, the copy intact.
    let size = std::fs::metadata(&copy).unwrap().len();
    let out = op.run(&["backup", copy_arg], "");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);
}
