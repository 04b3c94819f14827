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
        &[
            "message",
            "post",
            "--subject",
            "Holiday",
            "--body",
            "Closed.",
        ],
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

/// A fresh SQLite database, and a fresh PostgreSQL one when the tests have a
/// server (`SSA_TEST_POSTGRES_URL`).
fn databases(dir: &std::path::Path) -> Vec<String> {
    let mut urls = vec![format!("sqlite://{}", dir.join("ssa.db").display())];
    match std::env::var("SSA_TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            let name = format!(
                "ssa_admin_{}_{}",
                std::process::id(),
                dir.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .to_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "")
            );
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
            });
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap();
            urls.push(format!("{base}/{name}"));
        }
        Err(_) => assert!(
            std::env::var_os("SSA_REQUIRE_POSTGRES").is_none(),
            "SSA_REQUIRE_POSTGRES is set but SSA_TEST_POSTGRES_URL is not"
        ),
    }
    urls
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn refused(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "expected a refusal: {}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert!(
        err.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("ssa-admin: "),
        "{err}"
    );
    err
}

#[test]
fn back_office_subcommands_on_both_backends() {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (n, db) in databases(dir.path()).iter().enumerate() {
        let account = format!("test-admin-bo-{}-{n}", std::process::id());
        let run = |args: &[&str]| admin(db, &account, args, "");
        let path = |name: &str| dir.path().join(format!("{n}-{name}"));

        // Bulk: generated passwords go to a new file readable by its owner only.
        std::fs::write(
            path("ids.csv"),
            "basic_user_id,participant_id,ssa_number\n60000001,C00088,01\n60000002,C00088,02\n",
        )
        .unwrap();
        let letters = path("letters.csv");
        let out = ok(&run(&[
            "provision-bulk",
            path("ids.csv").to_str().unwrap(),
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
            path("bad.csv"),
            "basic_user_id,participant_id,ssa_number\n60000003,C00088,03\n60000001,C00088,01\nX,C00088,04\n",
        )
        .unwrap();
        let err = refused(&run(&[
            "provision-bulk",
            path("bad.csv").to_str().unwrap(),
            "--generate",
            path("more.csv").to_str().unwrap(),
        ]));
        assert!(
            err.contains("line 3: basic_user_id: 60000001 is in the database already"),
            "{err}"
        );
        assert!(err.contains("line 4: basic_user_id:"), "{err}");
        assert!(!path("more.csv").exists());
        let accounts = ok(&run(&["accounts", "--json"]));
        assert_eq!(accounts.lines().count(), 2, "{accounts}");
        for password in generated
            .lines()
            .skip(1)
            .map(|l| l.rsplit(',').next().unwrap())
        {
            assert!(!accounts.contains(password));
        }
        let table = ok(&run(&["accounts"]));
        assert!(table.starts_with("BASIC USER ID"), "{table}");
        assert!(table.contains("initial password"), "{table}");
        refused(&run(&["accounts", "--basic-user-id", "99999999"]));

        // Messages in three languages, listed and withdrawn.
        let out = ok(&run(&[
            "message",
            "post",
            "--subject-en",
            "Holiday",
            "--body-en",
            "Closed.",
            "--subject-zh-hk",
            "假期",
            "--body-zh-hk",
            "休息。",
            "--until",
            "2099-12-31",
        ]));
        assert_eq!(out, "posted 00001\n");
        let err = refused(&run(&[
            "message",
            "post",
            "--subject-en",
            "S",
            "--body-en",
            "B",
            "--subject-zh-cn",
            "标题",
        ]));
        assert!(err.contains("Simplified Chinese body is empty"), "{err}");
        let listed = ok(&run(&["message", "list", "--json"]));
        let first: serde_json::Value =
            serde_json::from_str(listed.lines().next().unwrap()).unwrap();
        assert_eq!(first["subject"]["zh_hk"], "假期");
        assert_eq!(first["shown"], true);
        ok(&run(&["message", "withdraw", "00001"]));
        let table = ok(&run(&["message", "list"]));
        assert!(table.contains("withdrawn"), "{table}");
        refused(&run(&["message", "withdraw", "00001"]));

        // Special maintenance, Hong Kong time.
        let out = ok(&run(&[
            "maintenance",
            "schedule",
            "--start",
            "2099-01-02 22:00",
            "--end",
            "2099-01-03 02:00",
        ]));
        assert!(
            out.contains("2099-01-02 22:00 to 2099-01-03 02:00"),
            "{out}"
        );
        let id = out.split([' ', ':']).nth(1).unwrap().to_owned();
        let err = refused(&run(&[
            "maintenance",
            "schedule",
            "--start",
            "tomorrow",
            "--end",
            "2099-01-03 02:00",
        ]));
        assert!(err.contains("--start"), "{err}");
        let listed = ok(&run(&["maintenance", "list", "--json"]));
        let window: serde_json::Value = serde_json::from_str(listed.trim()).unwrap();
        assert_eq!(window["id"].to_string(), id);
        ok(&run(&["maintenance", "cancel", &id]));
        assert!(ok(&run(&["maintenance", "list"])).contains("cancelled"));
        refused(&run(&["maintenance", "cancel", &id]));

        // Holidays.
        ok(&run(&[
            "holiday",
            "add",
            "2099-12-25",
            "--name-en",
            "Christmas Day",
            "--name-zh-hk",
            "聖誕節",
        ]));
        std::fs::write(
            path("h.csv"),
            "date,name_en,name_zh_hk,name_zh_cn\n2100-01-01,New Year,,\n",
        )
        .unwrap();
        assert!(ok(&run(&[
            "holiday",
            "import",
            path("h.csv").to_str().unwrap()
        ]))
        .contains("imported 1 holidays for 2100"));
        std::fs::write(
            path("hbad.csv"),
            "date,name_en,name_zh_hk,name_zh_cn\n2100-13-01,Bad,,\n",
        )
        .unwrap();
        assert!(refused(&run(&[
            "holiday",
            "import",
            path("hbad.csv").to_str().unwrap()
        ]))
        .contains("line 2"));
        let listed = ok(&run(&["holiday", "list"]));
        assert!(
            listed.contains("2099-12-25")
                && listed.contains("聖誕節")
                && listed.contains("2100-01-01"),
            "{listed}"
        );
        ok(&run(&["holiday", "remove", "2099-12-25"]));
        assert_eq!(
            ok(&run(&["holiday", "list", "--year", "2099", "--json"])),
            ""
        );
        refused(&run(&["holiday", "remove", "2099-12-25"]));
    }
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
        &[
            "message",
            "post",
            "--subject",
            "Holiday",
            "--body",
            "Closed.",
        ],
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

#[test]
fn carries_the_pepper_between_kiosks_encrypted_and_checked() {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (n, db) in databases(dir.path()).iter().enumerate() {
        let pid = std::process::id();
        let (first, second, stranger) = (
            format!("test-pepper-a-{pid}-{n}"),
            format!("test-pepper-b-{pid}-{n}"),
            format!("test-pepper-c-{pid}-{n}"),
        );
        let sealed = dir.path().join(format!("{n}-branch-pepper.age"));
        let sealed_arg = sealed.to_str().unwrap();
        ok(&admin(
            db,
            &first,
            &["provision", "12345678", "C00088", "01"],
            "11112222\n",
        ));

        // Export: a new file, under a passphrase of 12 or more characters.
        let err = refused(&admin(
            db,
            &first,
            &["pepper", "export", sealed_arg],
            "short\n",
        ));
        assert!(err.contains("at least 12 characters"), "{err}");
        ok(&admin(
            db,
            &first,
            &["pepper", "export", sealed_arg],
            "correct horse battery\n",
        ));
        let file = std::fs::read_to_string(&sealed).unwrap();
        assert!(
            file.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"),
            "{file}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&sealed).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "only its owner can read the sealed pepper");
        }
        let err = refused(&admin(
            db,
            &first,
            &["pepper", "export", sealed_arg],
            "correct horse battery\n",
        ));
        assert!(err.contains("already exists"), "{err}");

        // A kiosk with no pepper cannot start until it imports the branch's.
        let err = refused(&admin(db, &second, &["accounts"], ""));
        assert!(err.contains("pepper-missing"), "{err}");
        let err = refused(&admin(
            db,
            &second,
            &["pepper", "import", sealed_arg],
            "wrong horse battery\n",
        ));
        assert!(err.contains("passphrase is wrong"), "{err}");
        ok(&admin(
            db,
            &second,
            &["pepper", "import", sealed_arg],
            "correct horse battery\n",
        ));
        let listed = ok(&admin(db, &second, &["accounts", "--json"], ""));
        assert!(
            listed.contains("\"basic_user_id\":\"12345678\""),
            "{listed}"
        );

        // Another database's pepper is refused, and the keyring kept as it was.
        let other_db = format!(
            "sqlite://{}",
            dir.path().join(format!("{n}-other.db")).display()
        );
        ok(&admin(
            &other_db,
            &stranger,
            &["provision", "87654321", "C00088", "01"],
            "11112222\n",
        ));
        let foreign = dir.path().join(format!("{n}-other-pepper.age"));
        ok(&admin(
            &other_db,
            &stranger,
            &["pepper", "export", foreign.to_str().unwrap()],
            "another passphrase\n",
        ));
        let foreign_arg = foreign.to_str().unwrap();
        let err = refused(&admin(
            db,
            &second,
            &["pepper", "import", foreign_arg],
            "another passphrase\n",
        ));
        assert!(err.contains("holds another pepper"), "{err}");
        let err = refused(&admin(
            db,
            &second,
            &["pepper", "import", foreign_arg, "--replace"],
            "another passphrase\n",
        ));
        assert!(err.contains("pepper-mismatch"), "{err}");
        ok(&admin(db, &second, &["accounts"], ""));
    }
}

#[test]
fn branch_connect_keeps_the_password_in_the_keyring_not_in_config() {
    if !keyring_available() {
        return;
    }
    let Ok(admin_url) = std::env::var("SSA_TEST_POSTGRES_URL") else {
        return; // a branch database is PostgreSQL
    };
    // A database of ssa_kiosk, the throwaway server's one role that must give
    // its password (scripts/throwaway-postgres.sh).
    let name = format!("ssa_branch_{}", std::process::id());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name} OWNER ssa_kiosk"))
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let server = admin_url
        .strip_prefix("postgres://postgres@")
        .and_then(|rest| rest.rsplit_once('/'))
        .map(|(host, _)| host.to_owned())
        .unwrap();
    let url = format!("postgres://ssa_kiosk@{server}/{name}");
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("kiosk-data");
    let account = format!("test-branch-{}", std::process::id());
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ssa-admin"))
            .args(["--keyring-account", &account])
            .args(args)
            .env_remove("SSA_DATABASE_URL")
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
    };
    let data_arg = data_dir.to_str().unwrap();

    // Without its password the database refuses the kiosk.
    refused(&run(&["--database", &url, "accounts"], ""));
    // A wrong password: refused, nothing kept, no config written.
    refused(&run(
        &["branch", "connect", &url, "--data-dir", data_arg],
        "wrong-password\n",
    ));
    assert!(!data_dir.join("config.json").exists());

    let out = ok(&run(
        &["branch", "connect", &url, "--data-dir", data_arg],
        "kiosk-password\n",
    ));
    assert!(out.contains("password kept in the keyring"), "{out}");
    let config = std::fs::read_to_string(data_dir.join("config.json")).unwrap();
    let written: serde_json::Value = serde_json::from_str(&config).unwrap();
    assert_eq!(written["databaseUrl"], url.as_str());
    assert!(!config.contains("kiosk-password"), "{config}");
    // The same URL, with no password, now works: the keyring gives it.
    ok(&run(
        &["--database", &url, "provision", "12345678", "C00088", "01"],
        "11112222\n",
    ));
    let listed = ok(&run(&["--database", &url, "accounts", "--json"], ""));
    assert!(listed.contains("12345678"), "{listed}");

    // A password given in the URL is refused (it would stay in the shell's
    // history and the process list), and nothing is written.
    let with_password = url.replacen("ssa_kiosk@", "ssa_kiosk:kiosk-password@", 1);
    let err = refused(&run(
        &["branch", "connect", &with_password, "--data-dir", data_arg],
        "",
    ));
    assert!(err.contains("standard input"), "{err}");
    assert!(!err.contains("kiosk-password"), "{err}");
    // As a query parameter too.
    let in_query = format!("{url}?password=kiosk-password");
    let err = refused(&run(
        &["branch", "connect", &in_query, "--data-dir", data_arg],
        "kiosk-password\n",
    ));
    assert!(err.contains("standard input"), "{err}");
    let config = std::fs::read_to_string(data_dir.join("config.json")).unwrap();
    assert!(!config.contains("kiosk-password"), "{config}");

    // Not a PostgreSQL URL: one line, nothing kept.
    let err = refused(&run(
        &["branch", "connect", "sqlite://x.db", "--data-dir", data_arg],
        "",
    ));
    assert!(err.contains("postgres://"), "{err}");
}
