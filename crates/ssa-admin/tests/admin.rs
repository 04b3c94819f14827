//! The operator's tool as an operator runs it: a real process over a real
//! database and the real keyring (`SSA_TEST_KEYRING=1`, set by
//! scripts/with-keyring.sh; skipped without one).

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn keyring_available() -> bool {
    if std::env::var("SSA_TEST_KEYRING").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("no unlocked keyring (SSA_TEST_KEYRING=1): skipped");
    false
}

fn admin(db: &str, account: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ssa-admin"))
        .args(["--database", db, "--keyring-account", account])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn provisions_posts_and_audits_without_writing_the_password_anywhere() {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("ssa.db").display());
    let account = format!("test-admin-{}", std::process::id());

    let out = admin(
        &db,
        &account,
        &["provision", "12345678", "c00088", "01"],
        "11112222\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "provisioned 12345678 C00088 01\n");

    let again = admin(
        &db,
        &account,
        &["provision", "12345678", "C00088", "01"],
        "11112222\n",
    );
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("basic-account-exists"));

    let bad = admin(
        &db,
        &account,
        &["provision", "1234567", "C00088", "01"],
        "1111\n",
    );
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("basic-user-id"));

    let out = admin(
        &db,
        &account,
        &["post-message", "--subject", "Holiday", "--body", "Closed."],
        "",
    );
    assert_eq!(text(&out.stdout), "posted 00001\n");

    let out = admin(&db, &account, &["audit", "list", "--json"], "");
    let log = text(&out.stdout);
    assert!(log.contains("basic-account-provisioned"));
    assert!(log.contains("message-posted"));
    assert!(!log.contains("11112222"));
    for file in std::fs::read_dir(dir.path()).unwrap() {
        let stored = std::fs::read(file.unwrap().path()).unwrap();
        assert!(
            !stored.windows(8).any(|w| w == b"11112222"),
            "only the hash is stored"
        );
    }
}

#[test]
fn imports_statement_files_and_names_every_bad_line() {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ssa.db").display().to_string();
    let account = format!("test-admin-import-{}", std::process::id());
    let out = admin(
        &db,
        &account,
        &["provision", "12345678", "C00088", "01"],
        "11112222\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let stocks = dir.path().join("stocks.csv");
    std::fs::write(
        &stocks,
        "stock_code,name_en,name_zh_hk,name_zh_cn\n00700,TENCENT,騰訊控股,腾讯控股\n",
    )
    .unwrap();
    let out = admin(
        &db,
        &account,
        &["import-stocks", stocks.to_str().unwrap()],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "1 lines read, 1 added, 0 renamed, 0 already there, 0 bad: written"
    );

    let movements = dir.path().join("movements.csv");
    std::fs::write(
        &movements,
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
         2026-01-02,C00088,01,00700,BF,100,,R1\n\
         2026-01-03,C00088,01,00700,CNS,,150,R2\n",
    )
    .unwrap();
    let out = admin(
        &db,
        &account,
        &["import-movements", movements.to_str().unwrap()],
        "",
    );
    assert!(!out.status.success(), "a bad file is a failure");
    let errors = text(&out.stderr);
    assert!(
        errors.contains("line 3: quantity_out: the balance would be -50 on this date"),
        "{errors}"
    );
    assert!(text(&out.stdout)
        .contains("2 lines read, 0 added, 0 renamed, 0 already there, 1 bad: nothing written"));

    std::fs::write(
        &movements,
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
         2026-01-02,C00088,01,00700,BF,100,,R1\n",
    )
    .unwrap();
    let out = admin(
        &db,
        &account,
        &["import-movements", movements.to_str().unwrap()],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = admin(
        &db,
        &account,
        &["import-movements", movements.to_str().unwrap()],
        "",
    );
    assert_eq!(
        text(&out.stdout).trim(),
        "1 lines read, 0 added, 0 renamed, 1 already there, 0 bad: written"
    );
}

#[test]
fn backs_up_a_running_database_into_a_new_file_only() {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("ssa.db").display());
    let account = format!("test-admin-backup-{}", std::process::id());
    let out = admin(
        &db,
        &account,
        &["provision", "12345678", "C00088", "01"],
        "11112222\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let copy = dir.path().join("copy.db");
    let copy_arg = copy.to_str().unwrap();
    let out = admin(&db, &account, &["backup", copy_arg], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("backed up to {copy_arg}\n"));

    // The copy is a database the tool opens with the same pepper, holding
    // the account: provisioning it again there is refused as a duplicate.
    let copy_db = format!("sqlite://{copy_arg}");
    let out = admin(
        &copy_db,
        &account,
        &["provision", "12345678", "C00088", "01"],
        "11112222\n",
    );
    assert!(!out.status.success());

    // A second backup to the same file: one line, a failure, the copy intact.
    let size = std::fs::metadata(&copy).unwrap().len();
    let out = admin(&db, &account, &["backup", copy_arg], "");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);
}

#[test]
fn verifies_and_exports_the_audit_log_and_names_an_edited_entry() {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ssa.db");
    let db = path.display().to_string();
    let account = format!("test-admin-audit-{}", std::process::id());
    let out = admin(
        &db,
        &account,
        &["provision", "12345678", "C00088", "01"],
        "11112222\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = admin(
        &db,
        &account,
        &["post-message", "--subject", "Holiday", "--body", "Closed."],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = admin(&db, &account, &["audit", "verify"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert_eq!(report.lines().next(), Some("audit log intact: 2 entries"));
    assert!(report.contains("chain head: entry 2, mac "), "{report}");

    let out = admin(&db, &account, &["audit", "list"], "");
    let table = text(&out.stdout);
    assert!(table.starts_with("      id  time (Hong Kong)"), "{table}");
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.contains("basic-account-provisioned"), "{table}");

    // The export: only the entries naming the ID, as JSON lines.
    let file = dir.path().join("audit.jsonl");
    let file_arg = file.to_str().unwrap();
    let out = admin(
        &db,
        &account,
        &[
            "audit",
            "export",
            "--id",
            "12345678",
            "--from",
            "2020-01-01",
            "--out",
            file_arg,
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("exported 1 entries to {file_arg}\n")
    );
    let exported = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<serde_json::Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{exported}");
    assert_eq!(lines[0]["kind"], "basic-account-provisioned");
    assert_eq!(lines[0]["basic_user_id"], "12345678");
    assert_eq!(lines[0]["seq"], 1);
    assert!(!exported.contains("11112222"));
    let out = admin(&db, &account, &["audit", "export"], "");
    assert_eq!(text(&out.stdout).lines().count(), 2);

    // Never over an existing file; a bad time is one clear line.
    for args in [
        vec!["audit", "export", "--out", file_arg],
        vec!["audit", "export", "--from", "26/11/2026"],
    ] {
        let out = admin(&db, &account, &args, "");
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), exported);

    // Someone with the file drops the trigger and edits entry 2.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sqlx::{Connection, Executor};
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
            .await
            .unwrap();
        conn.execute("DROP TRIGGER audit_log_no_update")
            .await
            .unwrap();
        conn.execute("UPDATE audit_log SET outcome = 'refused' WHERE seq = 2")
            .await
            .unwrap();
        conn.close().await.unwrap();
    });
    let out = admin(&db, &account, &["audit", "verify"], "");
    assert!(!out.status.success());
    assert!(text(&out.stdout).is_empty());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("audit log broken after 1 good entries: entry 2 (row 2) was edited"),
        "{err}"
    );
}

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
