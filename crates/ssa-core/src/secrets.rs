//! Where the pepper and the database key live. In production that is the OS
//! keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows), never a file beside the database; tests use an in-memory store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

use crate::error::{Result, SsaError};

/// A place that keeps one secret value (the pepper).
///
/// Calls may block (the keyring talks to a daemon): the service layer only
/// calls them on a blocking thread.
pub trait SecretStore: Send + Sync + 'static {
    /// The stored secret, or `None` when nothing is stored yet.
    fn get(&self) -> Result<Option<Zeroizing<Vec<u8>>>>;
    /// Stores the secret, replacing any earlier one.
    fn set(&self, secret: &[u8]) -> Result<()>;
    /// The place beside this one that keeps the SQLite database's key
    /// (SQLCipher: 256 random bits, made with the database).
    fn database_key(&self) -> Arc<dyn SecretStore>;
}

/// The OS keyring, through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringSecretStore {
    service: String,
    account: String,
}

impl KeyringSecretStore {
    /// The keyring entry the desktop app uses.
    pub const SERVICE: &'static str = "hk.ssa-desktop";
    pub const ACCOUNT: &'static str = "argon2-pepper";
    /// The entry of the SQLite database's key is the pepper's name with
    /// this after it (`argon2-pepper.database-key`).
    pub const DATABASE_KEY_SUFFIX: &'static str = ".database-key";

    pub fn new(service: impl Into<String>, account: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            account: account.into(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, &self.account).map_err(keyring_error)
    }

    /// Runs a keyring call on a thread of its own: the Secret Service client
    /// drives its own small runtime, which may not start inside another one.
    fn on_own_thread<T: Send>(
        &self,
        call: impl FnOnce(keyring::Entry) -> Result<T> + Send,
    ) -> Result<T> {
        let entry = self.entry()?;
        std::thread::scope(|s| s.spawn(|| call(entry)).join()).map_err(|_| SsaError::Internal)?
    }
}

impl Default for KeyringSecretStore {
    fn default() -> Self {
        Self::new(Self::SERVICE, Self::ACCOUNT)
    }
}

fn keyring_error(e: keyring::Error) -> SsaError {
    // keyring's messages describe the platform failure, never the secret.
    tracing::error!(error = %e, "OS keyring error");
    SsaError::Keyring {
        detail: e.to_string(),
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        self.on_own_thread(|entry| match entry.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        })
    }

    fn set(&self, secret: &[u8]) -> Result<()> {
        self.on_own_thread(|entry| entry.set_secret(secret).map_err(keyring_error))
    }

    fn database_key(&self) -> Arc<dyn SecretStore> {
        Arc::new(Self::new(
            self.service.clone(),
            format!("{}{}", self.account, Self::DATABASE_KEY_SUFFIX),
        ))
    }
}

type Slot = Arc<Mutex<Option<Zeroizing<Vec<u8>>>>>;

/// A secret kept in memory. Clones share the value (and the database key's
/// store shares its), so a test can "restart" the service layer over the
/// same store.
#[derive(Debug, Clone, Default)]
pub struct MemorySecretStore {
    value: Slot,
    database_key: Slot,
}

impl MemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A new store with no pepper that keeps this one's database key:
    /// another keyring given the same database's key, as a kiosk over a
    /// shared file would be.
    pub fn sharing_database_key(&self) -> Self {
        Self {
            value: Slot::default(),
            database_key: Arc::clone(&self.database_key),
        }
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        Ok(self.value.lock().map_err(|_| SsaError::Internal)?.clone())
    }

    fn set(&self, secret: &[u8]) -> Result<()> {
        *self.value.lock().map_err(|_| SsaError::Internal)? = Some(Zeroizing::new(secret.to_vec()));
        Ok(())
    }

    fn database_key(&self) -> Arc<dyn SecretStore> {
        Arc::new(Self {
            value: Arc::clone(&self.database_key),
            database_key: Arc::clone(&self.database_key),
        })
    }
}

// A server's pepper (issue 19): from systemd's credentials
// (`$CREDENTIALS_DIRECTORY/pepper`, `LoadCredential=`) or a file only its
// owner can read, never the environment or the command line; 64
// hexadecimal digits, checked against the database's check value as the
// keyring's pepper is.

/// A pepper kept in a file; the SQLite database's key, when the database
/// is SQLite, in the file `database-key` beside it.
#[derive(Debug, Clone)]
pub struct FileSecretStore {
    path: PathBuf,
    what: &'static str,
}

fn refused(reason: String) -> SsaError {
    SsaError::OperatorRefused { reason }
}

impl FileSecretStore {
    /// The pepper file at `path`.
    pub fn at(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            what: "the pepper",
        }
    }

    /// `explicit`, else `$CREDENTIALS_DIRECTORY/pepper`; `None` when neither.
    pub fn locate(explicit: Option<&Path>) -> Option<Self> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => PathBuf::from(std::env::var_os("CREDENTIALS_DIRECTORY")?).join("pepper"),
        };
        Some(Self::at(&path))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Refuses a secret file that users other than its owner can read or write.
fn check_private(path: &Path, what: &str) -> crate::error::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| refused(format!("{}: {e}", path.display())))?
            .permissions()
            .mode()
            & 0o777;
        if mode & 0o077 != 0 {
            return Err(refused(format!(
                "{} holds {what} and other users can reach it (mode {mode:04o}); \
                 run chmod 600 on it",
                path.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The text of a secret file only its owner can reach (a server's
/// database password, say).
pub fn read_private_text(path: &Path, what: &str) -> crate::error::Result<Zeroizing<String>> {
    check_private(path, what)?;
    Ok(Zeroizing::new(std::fs::read_to_string(path).map_err(
        |e| refused(format!("{}: {e}", path.display())),
    )?))
}

impl SecretStore for FileSecretStore {
    fn get(&self) -> crate::error::Result<Option<Zeroizing<Vec<u8>>>> {
        if !self.path.exists() {
            return Ok(None);
        }
        let text = read_private_text(&self.path, self.what)?;
        let digits = text.trim();
        let bytes = hex::decode(digits)
            .ok()
            .filter(|b| b.len() == crate::security::hashing::PEPPER_LEN)
            .ok_or_else(|| {
                refused(format!(
                    "{}: {} is 64 hexadecimal digits",
                    self.path.display(),
                    self.what
                ))
            })?;
        Ok(Some(Zeroizing::new(bytes)))
    }

    /// A new database's pepper (or key), written once to a new 0600 file;
    /// an existing file is never replaced.
    fn set(&self, secret: &[u8]) -> crate::error::Result<()> {
        let text = Zeroizing::new(hex::encode(secret));
        crate::files::write_new(&self.path, text.as_bytes())
            .map_err(|e| refused(crate::files::new_file_refused(&self.path, &e, self.what)))
    }

    fn database_key(&self) -> Arc<dyn SecretStore> {
        Arc::new(Self {
            path: self.path.with_file_name("database-key"),
            what: "the database key",
        })
    }
}

/// A secret a person typed into a form, written out for the SSA server
/// alone: the desktop's remote client sends the form over TLS with a
/// checked certificate, as the window hands it to the core in process.
/// Nothing else serializes a form (the forms' `Debug` shows no secret).
pub(crate) fn sent_to_the_server<S: serde::Serializer>(
    secret: &secrecy::SecretString,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    use secrecy::ExposeSecret;
    serializer.serialize_str(secret.expose_secret())
}
