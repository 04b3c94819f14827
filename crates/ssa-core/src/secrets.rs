//! Where the pepper lives. In production that is the OS keyring (Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows), never
//! a file beside the database; tests use an in-memory store.

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
}

/// A secret kept in memory. Clones share the value, so a test can "restart"
/// the service layer over the same store.
#[derive(Debug, Clone, Default)]
pub struct MemorySecretStore(Arc<Mutex<Option<Zeroizing<Vec<u8>>>>>);

impl MemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        Ok(self.0.lock().map_err(|_| SsaError::Internal)?.clone())
    }

    fn set(&self, secret: &[u8]) -> Result<()> {
        *self.0.lock().map_err(|_| SsaError::Internal)? = Some(Zeroizing::new(secret.to_vec()));
        Ok(())
    }
}
