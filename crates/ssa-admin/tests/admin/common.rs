//! The bench of the operator's tests: the tool run as a process, its
//! answers read as an operator reads them, and fresh databases with a
//! keyring account of their own.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub fn keyring_available() -> bool {
    if std::env::var("SSA_TEST_KEYRING").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("no unlocked keyring (SSA_TEST_KEYRING=1): skipped");
    false
}

/// Runs `command` with `stdin` typed into it, and waits for it.
fn answer(command: &mut Command, stdin: &str) -> Output {
    let mut child = command
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

/// `ssa-admin --database DB --keyring-account ACCOUNT ARGS...`.
pub fn admin(db: &str, account: &str, args: &[&str], stdin: &str) -> Output {
    answer(
        Command::new(env!("CARGO_BIN_EXE_ssa-admin"))
            .args(["--database", db, "--keyring-account", account])
            .args(args),
        stdin,
    )
}

/// `ssa-admin --keyring-account ACCOUNT ARGS...`, with no database named
/// in the environment either.
pub fn admin_without_database(account: &str, args: &[&str], stdin: &str) -> Output {
    answer(
        Command::new(env!("CARGO_BIN_EXE_ssa-admin"))
            .args(["--keyring-account", account])
            .args(args)
            .env_remove("SSA_DATABASE_URL"),
        stdin,
    )
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The standard output of a run that must succeed.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// The standard error of a run that must be refused, its last line the
/// tool's one-line reason.
pub fn refused(out: &Output) -> String {
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

/// One test's SQLite database in a temporary folder, and a keyring account
/// of its own.
pub struct Operator {
    pub dir: TempDir,
    pub db: String,
    pub account: String,
}

impl Operator {
    /// The database named by a `sqlite://` URL; `None` (the test skipped)
    /// without an unlocked keyring.
    pub fn with_url(tag: &str) -> Option<Operator> {
        Operator::new(tag, |file| format!("sqlite://{}", file.display()))
    }

    /// The database named by its file's path alone, as an operator may type it.
    pub fn with_path(tag: &str) -> Option<Operator> {
        Operator::new(tag, |file| file.display().to_string())
    }

    fn new(tag: &str, name: impl FnOnce(&Path) -> String) -> Option<Operator> {
        if !keyring_available() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let db = name(&dir.path().join("ssa.db"));
        let account = format!("test-admin-{tag}-{}", std::process::id());
        Some(Operator { dir, db, account })
    }

    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        admin(&self.db, &self.account, args, stdin)
    }

    /// The value of SQLCipher's `PRAGMA key` for the database: the key the
    /// keyring keeps for it, as someone who has the machine's keyring has.
    pub fn key_pragma(&self) -> String {
        use ssa_core::SecretStore;
        let pepper = ssa_core::KeyringSecretStore::new(
            ssa_core::KeyringSecretStore::SERVICE,
            self.account.clone(),
        );
        let key = pepper
            .database_key()
            .get()
            .unwrap()
            .expect("a database key");
        format!("\"x'{}'\"", hex::encode(key.as_slice()))
    }

    /// A file in the test's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Posts the message "Holiday" / "Closed." in English.
    pub fn post_message(&self) -> Output {
        let message = ["--subject", "Holiday", "--body", "Closed."];
        self.run(&[&["message", "post"][..], &message].concat(), "")
    }

    /// Provisions 12345678 / C00088 / 01 with the initial password
    /// 11112222, which must succeed.
    pub fn provision_default(&self) {
        let out = self.run(&["provision", "12345678", "C00088", "01"], "11112222\n");
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
}

/// A fresh SQLite database, and a fresh PostgreSQL one when the tests have a
/// server (`SSA_TEST_POSTGRES_URL`).
fn databases(dir: &Path) -> Vec<String> {
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

/// One backend's fresh database, with a keyring account of its own.
pub struct Backend<'a> {
    pub db: &'a str,
    pub account: String,
    dir: &'a Path,
    n: usize,
}

impl Backend<'_> {
    /// The tool over this database, with nothing typed in.
    pub fn run(&self, args: &[&str]) -> Output {
        admin(self.db, &self.account, args, "")
    }

    /// A file of this backend's own in the test's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{}-{name}", self.n))
    }
}

/// Runs `check` on SQLite and, when the tests have a server, on PostgreSQL:
/// each time over a fresh database. Skipped without an unlocked keyring.
pub fn on_each_backend(tag: &str, check: impl Fn(&Backend)) {
    if !keyring_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (n, db) in databases(dir.path()).iter().enumerate() {
        check(&Backend {
            db,
            account: format!("test-admin-{tag}-{}-{n}", std::process::id()),
            dir: dir.path(),
            n,
        });
    }
}
