//! The SQLite database encrypted at rest (SQLCipher, issue 20). Its key is
//! 256 random bits kept in the OS keyring beside the pepper
//! ([`SecretStore::database_key`]), made with the database, and given to
//! SQLCipher as a raw key: no key derivation at each connection. A plain
//! database (one made before encryption) is encrypted in place on its first
//! start, all or nothing: the encrypted copy is written beside it, flushed,
//! then renamed over it, so a kill at any moment leaves the old file or the
//! new one. An encrypted database whose key is missing stops the start
//! ([`SsaError::DatabaseKeyMissing`]); nothing is ever made over it.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use rand::RngCore;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use zeroize::Zeroizing;

use crate::error::{Result, SsaError};
use crate::secrets::SecretStore;

/// The key's length: 256 bits.
pub const KEY_LEN: usize = 32;

/// The first 16 bytes of every plain SQLite file. An encrypted file begins
/// with its salt, random bytes.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What a SQLite file holds before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file, or an empty one: a new database.
    Nothing,
    /// A database in clear.
    Plain,
    /// Anything else: an encrypted database.
    Encrypted,
}

pub(crate) fn found(path: &Path) -> Result<Found> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io_error(path, &e)),
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| io_error(path, &e))?;
    Ok(if head.is_empty() {
        Found::Nothing
    } else if head.as_slice() == PLAIN_HEADER {
        Found::Plain
    } else {
        Found::Encrypted
    })
}

fn io_error(path: &Path, e: &std::io::Error) -> SsaError {
    tracing::error!(path = %path.display(), error = %e, "database file");
    SsaError::Storage {
        detail: format!("{}: {e}", path.display()),
    }
}

/// A database's key. Its `Debug` shows nothing of it.
pub(crate) struct DatabaseKey(Zeroizing<Vec<u8>>);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(..)")
    }
}

impl DatabaseKey {
    /// SQLCipher's raw-key form, `x'…'` (64 hexadecimal digits).
    fn raw(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0.as_slice())))
    }

    /// `options` with `PRAGMA key` first (sqlx runs the key pragma before
    /// any other) and no statement logged, not even a slow one (sqlx logs
    /// those at WARN with their text): the pragmas' text holds the key.
    pub(crate) fn applied_to(&self, options: SqliteConnectOptions) -> SqliteConnectOptions {
        options
            .pragma("key", format!("\"{}\"", self.raw().as_str()))
            .disable_statement_logging()
    }
}

/// The key of the SQLite file at `path`, taken from `secrets`' database-key
/// store: made and stored (keyring first, so a failure there leaves the
/// file as it was) for a new or plain database; a plain database is then
/// encrypted in place under it. An encrypted database with no stored key is
/// refused. `None` only in the benchmarks' build (`test-support`), where
/// an empty stored key keeps a database plain to measure what the
/// encryption costs; any build an investor runs refuses an empty key.
pub(crate) async fn prepare(
    path: &Path,
    secrets: &Arc<dyn SecretStore>,
) -> Result<Option<DatabaseKey>> {
    let what = found(path)?;
    let store = secrets.database_key();
    let reader = Arc::clone(&store);
    let held = tokio::task::spawn_blocking(move || reader.get())
        .await
        .map_err(|_| SsaError::Internal)??;
    let key = match held {
        #[cfg(feature = "test-support")]
        Some(key) if key.is_empty() && what != Found::Encrypted => return Ok(None),
        Some(key) if key.len() == KEY_LEN => DatabaseKey(key),
        Some(_) => return Err(SsaError::DatabaseKeyMismatch),
        None if what == Found::Encrypted => return Err(SsaError::DatabaseKeyMissing),
        None => {
            let mut key = Zeroizing::new(vec![0u8; KEY_LEN]);
            rand::rngs::OsRng.fill_bytes(&mut key);
            let value = key.clone();
            tokio::task::spawn_blocking(move || store.set(&value))
                .await
                .map_err(|_| SsaError::Internal)??;
            DatabaseKey(key)
        }
    };
    if what == Found::Encrypted {
        // A copy a kill left before its rename: the file it was to replace
        // was encrypted since (or it is inert, encrypted, and in the way).
        for stale in [
            sibling(path, ".encrypting"),
            sibling(path, ".encrypting-journal"),
        ] {
            remove_if_there(&stale)?;
        }
    }
    if what == Found::Plain {
        encrypt_in_place(path, &key)
            .await
            .inspect_err(|e| tracing::error!(error = %e, "encrypting the database"))?;
        tracing::info!("the database was encrypted in place");
    }
    Ok(Some(key))
}

/// Encrypts the plain database at `path`: `sqlcipher_export` into a new
/// file beside it (`….encrypting`), flushed, then renamed over it. The
/// connection first makes sure it is alone with the file: leaving WAL mode
/// needs every other connection gone, and the exclusive lock it then takes
/// is held until the copy has replaced the file, so no other program can
/// write to the old file meanwhile. If another start encrypted the file
/// first, nothing is done here.
async fn encrypt_in_place(path: &Path, key: &DatabaseKey) -> Result<()> {
    let copy = sibling(path, ".encrypting");
    let before = file_id(path)?;
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .busy_timeout(std::time::Duration::from_secs(5))
        .disable_statement_logging()
        .connect()
        .await?;
    if !alone_with(&mut conn).await {
        conn.close().await?;
        return Err(SsaError::Storage {
            detail: format!(
                "{}: another program has the database open; close it and start again",
                path.display()
            ),
        });
    }
    if file_id(path)? != before || found(path)? != Found::Plain {
        conn.close().await?;
        return Ok(());
    }
    for stale in [copy.clone(), sibling(&copy, "-journal")] {
        remove_if_there(&stale)?;
    }
    crate::files::write_new(&copy, b"").map_err(|e| io_error(&copy, &e))?;
    let target = copy.to_str().ok_or(SsaError::Internal)?.to_owned();
    sqlx::query("ATTACH DATABASE ?1 AS encrypted KEY ?2")
        .bind(&target)
        .bind(key.raw().as_str())
        .execute(&mut conn)
        .await?;
    sqlx::query("SELECT sqlcipher_export('encrypted')")
        .execute(&mut conn)
        .await?;
    sqlx::query("DETACH DATABASE encrypted")
        .execute(&mut conn)
        .await?;
    std::fs::File::open(&copy)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(&copy, &e))?;
    crash_point("before-rename");
    std::fs::rename(&copy, path).map_err(|e| io_error(path, &e))?;
    sync_folder(path);
    crash_point("after-rename");
    // The old file's shared-memory index, if one is left, is not the new
    // file's (leaving WAL mode removed its log).
    for suffix in ["-wal", "-shm"] {
        remove_if_there(&sibling(path, suffix))?;
    }
    conn.close().await?;
    Ok(())
}

/// Whether this connection is now the only one with the file, holding it
/// exclusively until it closes.
async fn alone_with(conn: &mut sqlx::SqliteConnection) -> bool {
    let steps = async {
        sqlx::query("PRAGMA locking_mode = EXCLUSIVE")
            .execute(&mut *conn)
            .await?;
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode = DELETE")
            .fetch_one(&mut *conn)
            .await?;
        sqlx::query("BEGIN EXCLUSIVE").execute(&mut *conn).await?;
        sqlx::query("COMMIT").execute(&mut *conn).await?;
        Ok::<_, sqlx::Error>(mode.eq_ignore_ascii_case("delete"))
    };
    steps.await.unwrap_or(false)
}

/// The file's identity (device and inode on Unix), to tell whether another
/// start replaced it meanwhile.
fn file_id(path: &Path) -> Result<(u64, u64)> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    Ok((meta.len(), 0))
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(path, &e)),
        _ => Ok(()),
    }
}

/// The rename reaches the disk (on Unix, where a folder can be flushed).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The kill -9 test's fixed moments (`SSA_TEST_CRASH_AT`): the process
/// ends there at once, as a kill would. Only the tests' build of the core
/// (`test-support`) has them; any other build does nothing here.
fn crash_point(_at: &str) {
    #[cfg(feature = "test-support")]
    if std::env::var("SSA_TEST_CRASH_AT").as_deref() == Ok(_at) {
        std::process::abort();
    }
}

fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Whether an error is SQLCipher's answer to a wrong key ("file is not a
/// database", SQLITE_NOTADB).
pub(crate) fn is_wrong_key(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.code().as_deref() == Some("26"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_told_apart_by_its_first_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        assert_eq!(found(&path).unwrap(), Found::Nothing);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(found(&path).unwrap(), Found::Nothing);
        std::fs::write(&path, b"SQLite format 3\0rest of the page").unwrap();
        assert_eq!(found(&path).unwrap(), Found::Plain);
        std::fs::write(&path, [0x5a; 64]).unwrap();
        assert_eq!(found(&path).unwrap(), Found::Encrypted);
    }

    #[test]
    fn the_key_never_shows_in_debug() {
        let key = DatabaseKey(Zeroizing::new(vec![0xab; KEY_LEN]));
        assert_eq!(format!("{key:?}"), "DatabaseKey(..)");
        assert_eq!(key.raw().len(), 2 + 64 + 1);
    }
}
