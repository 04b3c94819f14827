//! `pepper` and `branch`: the kiosks of a branch share one database. Its
//! pepper goes from kiosk to kiosk sealed under a passphrase and is checked
//! against the database; a kiosk's database password is kept in the
//! keyring, never in its config, the URL or the shell's history.

use crate::common::{admin, admin_without_database, ok, on_each_backend, refused};

#[test]
fn carries_the_pepper_between_kiosks_encrypted_and_checked() {
    on_each_backend("pepper", |b| {
        let db = b.db;
        let (first, second, stranger) = (
            b.account.clone(),
            format!("{}-second", b.account),
            format!("{}-stranger", b.account),
        );
        let sealed = b.path("branch-pepper.age");
        let sealed_arg = sealed.to_str().unwrap();
        // The first kiosk's pepper, sealed under `passphrase`.
        let export =
            |passphrase: &str| admin(db, &first, &["pepper", "export", sealed_arg], passphrase);
        // The second kiosk imports a sealed pepper.
        let import = |args: &[&str], passphrase: &str| {
            admin(
                db,
                &second,
                &[&["pepper", "import"][..], args].concat(),
                passphrase,
            )
        };
        ok(&admin(
            db,
            &first,
            &["provision", "12345678", "C00088", "01"],
            "11112222\n",
        ));

        // Export: a new file, under a passphrase of 12 or more characters.
        let err = refused(&export("short\n"));
        assert!(err.contains("at least 12 characters"), "{err}");
        ok(&export("correct horse battery\n"));
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
        let err = refused(&export("correct horse battery\n"));
        assert!(err.contains("already exists"), "{err}");

        // A kiosk with no pepper cannot start until it imports the branch's
        // (over a shared SQLite file, it lacks the file's key first; the
        // export carries it).
        let err = refused(&admin(db, &second, &["accounts"], ""));
        let missing = if db.starts_with("postgres") {
            "pepper-missing"
        } else {
            "database-key-missing"
        };
        assert!(err.contains(missing), "{err}");
        let err = refused(&import(&[sealed_arg], "wrong horse battery\n"));
        assert!(err.contains("passphrase is wrong"), "{err}");
        ok(&import(&[sealed_arg], "correct horse battery\n"));
        let listed = ok(&admin(db, &second, &["accounts", "--json"], ""));
        assert!(
            listed.contains("\"basic_user_id\":\"12345678\""),
            "{listed}"
        );

        // Another database's pepper is refused, and the keyring kept as it was.
        let other_db = format!("sqlite://{}", b.path("other.db").display());
        ok(&admin(
            &other_db,
            &stranger,
            &["provision", "87654321", "C00088", "01"],
            "11112222\n",
        ));
        let foreign = b.path("other-pepper.age");
        ok(&admin(
            &other_db,
            &stranger,
            &["pepper", "export", foreign.to_str().unwrap()],
            "another passphrase\n",
        ));
        let foreign_arg = foreign.to_str().unwrap();
        let err = refused(&import(&[foreign_arg], "another passphrase\n"));
        assert!(err.contains("holds another pepper"), "{err}");
        // Over SQLite the other file's database key does not open this
        // database: refused before its pepper is even compared. Nothing is
        // kept either way.
        let err = refused(&import(&[foreign_arg, "--replace"], "another passphrase\n"));
        let mismatch = if db.starts_with("postgres") {
            "pepper-mismatch"
        } else {
            "database-key-mismatch"
        };
        assert!(err.contains(mismatch), "{err}");
        ok(&admin(db, &second, &["accounts"], ""));
    });
}

#[test]
fn branch_connect_keeps_the_password_in_the_keyring_not_in_config() {
    if !crate::common::keyring_available() {
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
    let run = |args: &[&str], stdin: &str| admin_without_database(&account, args, stdin);
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
