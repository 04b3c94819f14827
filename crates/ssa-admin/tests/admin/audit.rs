//! `audit verify`, `audit list` and `audit export`: an intact log verifies,
//! the export selects by ID and time into a new file only, and an entry
//! edited around the triggers is named.

use crate::common::{text, Operator};

#[test]
fn verifies_and_exports_the_audit_log_and_names_an_edited_entry() {
    let Some(op) = Operator::with_path("audit") else {
        return;
    };
    let db = &op.db;
    op.provision_default();
    let out = op.post_message();
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = op.run(&["audit", "verify"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert_eq!(report.lines().next(), Some("audit log intact: 2 entries"));
    assert!(report.contains("chain head: entry 2, mac "), "{report}");

    let out = op.run(&["audit", "list"], "");
    let table = text(&out.stdout);
    assert!(table.starts_with("      id  time (Hong Kong)"), "{table}");
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.contains("basic-account-provisioned"), "{table}");

    // The export: only the entries naming the ID, as JSON lines.
    let file = op.path("audit.jsonl");
    let file_arg = file.to_str().unwrap();
    let out = op.run(
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
    let out = op.run(&["audit", "export"], "");
    assert_eq!(text(&out.stdout).lines().count(), 2);

    // Never over an existing file; a bad time is one clear line.
    for args in [
        vec!["audit", "export", "--out", file_arg],
        vec!["audit", "export", "--from", "26/11/2026"],
    ] {
        let out = op.run(&args, "");
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), exported);

    // Someone with the file and the keyring's key to it drops the trigger
    // and edits entry 2.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sqlx::{ConnectOptions, Connection, Executor};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(db)
            .pragma("key", op.key_pragma())
            .connect()
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
    let out = op.run(&["audit", "verify"], "");
    assert!(!out.status.success());
    assert!(text(&out.stdout).is_empty());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("audit log broken after 1 good entries: entry 2 (row 2) was edited"),
        "{err}"
    );
}
