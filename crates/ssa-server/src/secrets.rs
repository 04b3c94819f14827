//! The server's secrets come from files, never from the environment or the
//! command line (where `ps` and crash reports show them): systemd's
//! credentials (`$CREDENTIALS_DIRECTORY/pepper`, from `LoadCredential=`), or
//! a file only its owner can read. The pepper is 64 hexadecimal digits; the
//! core checks it against the database's check value exactly as it checks
//! the keyring's.

use std::path::{Path, PathBuf};

use ssa_core::{SecretStore, SsaError};
use zeroize::Zeroizing;

/// A pepper kept in a file.
#[derive(Debug, Clone)]
pub struct FileSecretStore {
    path: PathBuf,
}

fn refused(reason: String) -> SsaError {
    SsaError::OperatorRefused { reason }
}

impl FileSecretStore {
    /// `explicit`, else `$CREDENTIALS_DIRECTORY/pepper`; `None` when neither.
    pub fn locate(explicit: Option<&Path>) -> Option<Self> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => PathBuf::from(std::env::var_os("CREDENTIALS_DIRECTORY")?).join("pepper"),
        };
        Some(Self { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Refuses a secret file that users other than its owner can read or write.
fn check_private(path: &Path) -> ssa_core::Result<()> {
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
                "{} holds the pepper and other users can reach it (mode {mode:04o}); \
                 run chmod 600 on it",
                path.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

impl SecretStore for FileSecretStore {
    fn get(&self) -> ssa_core::Result<Option<Zeroizing<Vec<u8>>>> {
        if !self.path.exists() {
            return Ok(None);
        }
        check_private(&self.path)?;
        let text = Zeroizing::new(
            std::fs::read_to_string(&self.path)
                .map_err(|e| refused(format!("{}: {e}", self.path.display())))?,
        );
        let hex = text.trim();
        if hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(refused(format!(
                "{}: the pepper is written as hexadecimal digits",
                self.path.display()
            )));
        }
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or_default())
            .collect();
        Ok(Some(Zeroizing::new(bytes)))
    }

    /// A new database's pepper, written once to a new 0600 file; an
    /// existing file is never replaced.
    fn set(&self, secret: &[u8]) -> ssa_core::Result<()> {
        let text = Zeroizing::new(
            secret
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
        );
        ssa_core::files::write_new(&self.path, text.as_bytes()).map_err(|e| {
            refused(ssa_core::files::new_file_refused(
                &self.path,
                &e,
                "the pepper",
            ))
        })
    }
}
