//! Provisioning basic accounts (spec 2, issue 10): one SSA has one basic
//! account; bulk files are private, all or nothing, every bad line named;
//! generated passwords go once to a new private file; the account states
//! say why an ID is locked and hold no secret.

use ssa_core::domain::statements::ImportRule;
use ssa_core::{BulkReport, InitialPasswords, SsaError};

use crate::common::{ready_user, refused_reason, register_on, secret, Env};

on_both_backends!(
    one_ssa_has_one_basic_account,
    bulk_provisioning_from_a_private_file_opens_every_account,
    bulk_provisioning_names_every_bad_line_and_writes_nothing,
    generated_passwords_go_once_to_a_new_private_file_and_each_works,
    account_states_say_why_an_id_is_locked_and_hold_no_secret,
);

/// A file only its owner can read, holding `text`.
fn private_file(dir: &std::path::Path, name: &str, text: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

fn no_progress() -> ssa_core::BulkProgress {
    std::sync::Arc::new(|_, _| {})
}

/// Bulk provisioning from a private file `name` in `dir` holding `text`.
async fn bulk_from(env: &Env, dir: &std::path::Path, name: &str, text: &str) -> BulkReport {
    let file = private_file(dir, name, text.as_bytes());
    in_file(env, &file).await.unwrap()
}

/// Bulk provisioning from a file that holds the initial passwords.
async fn in_file(env: &Env, file: &std::path::Path) -> Result<BulkReport, SsaError> {
    env.ssa
        .provision_bulk(file, InitialPasswords::InFile, no_progress())
        .await
}

/// Spec 2: (Participant ID, SSA Number) names one SSA, with exactly one
/// basic account; a second Basic User ID on it would read its statements.
async fn one_ssa_has_one_basic_account(env: Env) {
    env.provision_default().await; // 12345678 on C00088/01
    let err = env
        .ssa
        .provision_basic_account("87654321", "C00088", "01", &secret("11112222"))
        .await
        .unwrap_err();
    let reason = refused_reason(err);
    assert!(
        reason.contains("C00088/01") && reason.contains("12345678"),
        "{reason}"
    );

    let dir = tempfile::tempdir().unwrap();
    let text = "basic_user_id,participant_id,ssa_number,initial_password\n\
                40000001,C00088,07,11112222\n\
                40000002,C00088,07,11112222\n\
                40000003,C00088,01,11112222\n";
    let report = bulk_from(&env, dir.path(), "shared.csv", text).await;
    assert_eq!(report.added, 0);
    let found: Vec<(u64, &str, &ImportRule)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column, &p.rule))
        .collect();
    assert_eq!(
        found,
        [
            (
                3,
                "participant_id",
                &ImportRule::AlreadyInFile {
                    value: "C00088/07".into(),
                    first_line: 2
                }
            ),
            (
                4,
                "participant_id",
                &ImportRule::AlreadyInDatabase {
                    value: "C00088/01".into()
                }
            ),
        ]
    );
    // Nothing written: only the first account is there.
    let states = env.ssa.account_states(None).await.unwrap();
    assert_eq!(states.len(), 1);

    // A database from before the rule, holding two accounts on one SSA, is
    // refused an upgrade, naming the SSA; nothing is changed.
    env.execute("DROP INDEX basic_accounts_one_per_ssa").await;
    env.execute("DELETE FROM _sqlx_migrations WHERE version = 7")
        .await;
    env.execute(
        "INSERT INTO basic_accounts (basic_user_id, participant_id, ssa_number, password_hash, \
             password_is_initial, created_at) VALUES ('87654321', 'C00088', '01', 'x', TRUE, 0)",
    )
    .await;
    let err = env.restart().await.unwrap_err();
    let reason = refused_reason(err);
    assert!(
        reason.contains("C00088/01 (2 basic accounts)") && reason.contains("nothing was changed"),
        "{reason}"
    );
}

async fn bulk_provisioning_from_a_private_file_opens_every_account(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("basic_user_id,participant_id,ssa_number,initial_password\n");
    for i in 0..20 {
        text.push_str(&format!(
            "{:08},C00088,{:02},{:08}\n",
            20_000_000 + i,
            i + 1, // one SSA, one basic account
            30_000_000 + i
        ));
    }
    let file = private_file(dir.path(), "accounts.csv", text.as_bytes());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = seen.clone();
    let report = env
        .ssa
        .provision_bulk(
            &file,
            InitialPasswords::InFile,
            std::sync::Arc::new(move |done, total| {
                assert_eq!(total, 20);
                counter.fetch_max(done, std::sync::atomic::Ordering::Relaxed);
            }),
        )
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.accounts, report.added), (20, 20));
    assert_eq!(
        seen.load(std::sync::atomic::Ordering::Relaxed),
        20,
        "progress reached the end"
    );
    // The 13th account registers with its own initial password.
    let thirteenth = ["20000012", "C00088", "13"];
    register_on(
        &env.ssa,
        thirteenth,
        "30000012",
        "bulk0012",
        "abcdefghij123",
    )
    .await
    .unwrap();
    assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 20);

    // A password file that other users can read is refused before reading.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open = dir.path().join("open.csv");
        std::fs::write(&open, text.replace("2000", "2100")).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        let reason = refused_reason(in_file(&env, &open).await.unwrap_err());
        assert!(reason.contains("other users can read it"), "{reason}");
        assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 20);
    }
}

async fn bulk_provisioning_names_every_bad_line_and_writes_nothing(env: Env) {
    env.provision_default().await;
    let dir = tempfile::tempdir().unwrap();
    let text = "basic_user_id,participant_id,ssa_number,initial_password\n\
                40000001,C00088,01,11112222\n\
                40000002,C00088,01\n\
                40000001,C00088,02,11112222\n\
                12345678,C00088,01,11112222\n\
                4000000X,X0088,1,1111\n\
                40000006,C00088,03,11112222\n";
    let report = bulk_from(&env, dir.path(), "bad.csv", text).await;
    assert_eq!(report.added, 0);
    let found: Vec<(u64, &str)> = report.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(
        found,
        [
            // C00088/01 has its basic account (12345678) already.
            (2, "participant_id"),
            (3, "line"),
            (4, "basic_user_id"),
            (5, "basic_user_id"),
            (6, "basic_user_id"),
            (6, "participant_id"),
            (6, "ssa_number"),
            (6, "initial_password"),
        ]
    );
    let rules: Vec<&ImportRule> = report.problems.iter().map(|p| &p.rule).collect();
    assert_eq!(
        rules[..4],
        [
            &ImportRule::AlreadyInDatabase {
                value: "C00088/01".into()
            },
            &ImportRule::WrongColumnCount {
                expected: 4,
                found: 3
            },
            &ImportRule::AlreadyInFile {
                value: "40000001".into(),
                first_line: 2
            },
            &ImportRule::AlreadyInDatabase {
                value: "12345678".into()
            },
        ]
    );
    assert_eq!(
        env.ssa.account_states(None).await.unwrap().len(),
        1,
        "nothing written: only the account provisioned before"
    );

    for (name, bytes, expected) in [
        ("empty.csv", &b""[..], ImportRule::EmptyFile),
        ("header.csv", &b"basic_user_id,participant_id,ssa_number,initial_password\n"[..], ImportRule::OnlyTheHeader),
        ("latin1.csv", &b"basic_user_id,participant_id,ssa_number,initial_password\n4000000\xe9,C00088,01,11112222\n"[..], ImportRule::NotUtf8),
        ("noheader.csv", &b"40000001,C00088,01,11112222\n"[..], ImportRule::WrongHeader { expected: "basic_user_id,participant_id,ssa_number,initial_password".into() }),
    ] {
        let file = private_file(dir.path(), name, bytes);
        let report = in_file(&env, &file)
            .await
            .unwrap();
        assert!(
            report.problems.iter().any(|p| p.rule == expected),
            "{name}: {:?}",
            report.problems
        );
        assert_eq!(report.added, 0);
    }
    assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 1);
}

async fn generated_passwords_go_once_to_a_new_private_file_and_each_works(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ids.csv");
    std::fs::write(
        &file,
        "basic_user_id,participant_id,ssa_number\n50000001,C00088,01\n50000002,C00088,02\n",
    )
    .unwrap();
    let letters = dir.path().join("letters.csv");
    let report = env
        .ssa
        .provision_bulk(
            &file,
            InitialPasswords::Generate { to: &letters },
            no_progress(),
        )
        .await
        .unwrap();
    assert_eq!(report.added, 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&letters).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only its owner can read the passwords");
    }
    let written = std::fs::read_to_string(&letters).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(
        lines[0],
        "basic_user_id,participant_id,ssa_number,initial_password"
    );
    assert_eq!(lines.len(), 3);
    let second: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(&second[..3], ["50000002", "C00088", "02"]);
    assert!(second[3].len() == 8 && second[3].bytes().all(|b| b.is_ascii_digit()));
    let account = ["50000002", "C00088", "02"];
    register_on(&env.ssa, account, second[3], "gen00002", "abcdefghij123")
        .await
        .unwrap();

    // Never over an existing file: refused before anything is written.
    let again = dir.path().join("more.csv");
    std::fs::write(
        &again,
        "basic_user_id,participant_id,ssa_number\n50000003,C00088,03\n",
    )
    .unwrap();
    let reason = refused_reason(
        env.ssa
            .provision_bulk(
                &again,
                InitialPasswords::Generate { to: &letters },
                no_progress(),
            )
            .await
            .unwrap_err(),
    );
    assert!(reason.contains("already exists"), "{reason}");
    assert_eq!(std::fs::read_to_string(&letters).unwrap(), written);
    assert_eq!(env.ssa.account_states(None).await.unwrap().len(), 2);
}

async fn account_states_say_why_an_id_is_locked_and_hold_no_secret(env: Env) {
    ready_user(&env).await;
    env.provision("87654321", "C00088", "02", "11112222").await;
    for _ in 0..5 {
        let _ = env.login("abcd1234", "wrongpassword1").await;
    }
    let states = env.ssa.account_states(None).await.unwrap();
    assert_eq!(states.len(), 2);
    let registered = states
        .iter()
        .find(|s| s.basic_user_id == "12345678")
        .unwrap();
    assert_eq!(registered.internet_user_id.as_deref(), Some("abcd1234"));
    assert_eq!(
        registered.internet_locked.as_deref(),
        Some("5 wrong Internet passwords in a row")
    );
    assert_eq!(registered.basic_locked, None);
    assert!(!registered.basic_password_initial);
    assert_eq!(registered.internet_password_age_days, Some(0));
    assert!(registered.last_login_at.is_some());
    let fresh = env.ssa.account_states(Some("87654321")).await.unwrap();
    assert_eq!(fresh.len(), 1);
    assert!(fresh[0].basic_password_initial);
    assert_eq!(fresh[0].internet_user_id, None);
    let json = serde_json::to_string(&states).unwrap();
    for secret in ["abcdefghij123", "22223333", "11112222", "$argon2"] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
}
