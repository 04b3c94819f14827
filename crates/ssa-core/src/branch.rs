//! A branch: several kiosks on one PostgreSQL database. Two things must
//! reach every kiosk without sitting anywhere in clear: the database's
//! password (kept in each kiosk's OS keyring; `config.json` holds the URL
//! without it) and the branch's one pepper (carried from kiosk to kiosk in a
//! file encrypted under a passphrase, age's passphrase mode, and checked
//! against the database's check value before it is stored).

use std::io::{Read, Write};
use std::sync::Arc;

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::error::{Result, SsaError};
use crate::secrets::SecretStore;
use crate::security::hashing::{PasswordHasher, PEPPER_LEN};
use crate::store::Store;

const PEPPER_CHECK_KEY: &str = super::service::PEPPER_CHECK_KEY;

fn refused(reason: impl Into<String>) -> SsaError {
    SsaError::OperatorRefused {
        reason: reason.into(),
    }
}

pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// A PostgreSQL URL split into the URL without its password and the
/// password (if it had one). Other URLs are refused.
pub fn split_database_password(url: &str) -> Result<(String, Option<SecretString>)> {
    if !is_postgres(url) {
        return Err(refused("a branch database is a postgres:// URL"));
    }
    let mut parsed =
        url::Url::parse(url).map_err(|e| refused(format!("not a database URL: {e}")))?;
    let password = parsed.password().map(|p| {
        let decoded = percent_decode(p);
        SecretString::from(decoded)
    });
    parsed
        .set_password(None)
        .map_err(|_| refused("this URL cannot hold a password"))?;
    Ok((parsed.to_string(), password))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The keyring entry (account name) that holds the password of the
/// database at `url` (a URL without password): one per user, host, port and
/// database.
pub fn password_entry(url_without_password: &str) -> String {
    format!("database-password:{url_without_password}")
}

/// The OS keyring's entry for the database password of `entry` (a bare URL's
/// entry name): what `branch connect` writes and the app and `ssa-admin` read.
pub fn keyring_entry(entry: &str) -> Arc<dyn SecretStore> {
    Arc::new(crate::KeyringSecretStore::new(
        crate::KeyringSecretStore::SERVICE,
        entry,
    ))
}

/// `url` with the password `branch connect` kept in this machine's OS
/// keyring, in memory only (one opener for the app and `ssa-admin`); the URL
/// as given when it is no PostgreSQL URL, holds its own password, or none
/// is kept.
pub fn with_keyring_password(url: &str) -> Result<Zeroizing<String>> {
    with_kept_password(url, keyring_entry)
}

/// The URL to connect with: a PostgreSQL URL without a password gets the one
/// kept in the keyring for it (`lookup` opens that entry), if any. Other
/// URLs are returned as they are.
pub fn with_kept_password(
    url: &str,
    lookup: impl FnOnce(&str) -> Arc<dyn SecretStore>,
) -> Result<Zeroizing<String>> {
    if !is_postgres(url) {
        return Ok(Zeroizing::new(url.to_owned()));
    }
    let (bare, typed) = split_database_password(url)?;
    if typed.is_some() || password_in_query(url) {
        return Ok(Zeroizing::new(url.to_owned()));
    }
    let Some(kept) = lookup(&password_entry(&bare)).get()? else {
        return Ok(Zeroizing::new(url.to_owned()));
    };
    let password = Zeroizing::new(
        String::from_utf8(kept.to_vec()).map_err(|_| refused("the kept password is not text"))?,
    );
    let mut parsed = url::Url::parse(&bare).map_err(|_| SsaError::Internal)?;
    parsed
        .set_password(Some(&password))
        .map_err(|_| SsaError::Internal)?;
    Ok(Zeroizing::new(parsed.to_string()))
}

/// Encrypts the pepper under `passphrase` (age, passphrase mode, armored).
pub fn encrypt_pepper(pepper: &[u8], passphrase: &SecretString) -> Result<Vec<u8>> {
    encrypt_keys(pepper, None, passphrase)
}

/// Encrypts the pepper, and a SQLite database's key after it when there is
/// one, under `passphrase` (age, passphrase mode, armored).
pub fn encrypt_keys(
    pepper: &[u8],
    database_key: Option<&[u8]>,
    passphrase: &SecretString,
) -> Result<Vec<u8>> {
    if passphrase_too_short(passphrase) {
        return Err(refused("the passphrase must be at least 12 characters"));
    }
    let encryptor = age::Encryptor::with_user_passphrase(passphrase.clone());
    let mut out = Vec::new();
    let armored = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
        .map_err(|_| SsaError::Internal)?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(|_| SsaError::Internal)?;
    writer.write_all(pepper).map_err(|_| SsaError::Internal)?;
    if let Some(key) = database_key {
        writer.write_all(key).map_err(|_| SsaError::Internal)?;
    }
    writer
        .finish()
        .and_then(|armored| armored.finish())
        .map_err(|_| SsaError::Internal)?;
    Ok(out)
}

fn passphrase_too_short(passphrase: &SecretString) -> bool {
    use age::secrecy::ExposeSecret;
    passphrase.expose_secret().chars().count() < 12
}

/// Decrypts a pepper file made by [`encrypt_pepper`].
pub fn decrypt_pepper(file: &[u8], passphrase: &SecretString) -> Result<Zeroizing<Vec<u8>>> {
    Ok(decrypt_keys(file, passphrase)?.pepper)
}

/// What a pepper file carries: the pepper, and a SQLite database's key
/// when it was exported from one.
pub struct ExportedKeys {
    pub pepper: Zeroizing<Vec<u8>>,
    pub database_key: Option<Zeroizing<Vec<u8>>>,
}

/// Decrypts a pepper file made by [`encrypt_keys`] (or [`encrypt_pepper`]).
pub fn decrypt_keys(file: &[u8], passphrase: &SecretString) -> Result<ExportedKeys> {
    let not_a_pepper = || refused("not a pepper file, or the passphrase is wrong");
    let reader = age::armor::ArmoredReader::new(file);
    let decryptor = age::Decryptor::new(reader).map_err(|_| not_a_pepper())?;
    let identity = age::scrypt::Identity::new(passphrase.clone());
    let mut stream = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| not_a_pepper())?;
    let mut both = Zeroizing::new(Vec::new());
    stream.read_to_end(&mut both).map_err(|_| not_a_pepper())?;
    let key_len = crate::store::at_rest::KEY_LEN;
    match both.len() {
        n if n == PEPPER_LEN => Ok(ExportedKeys {
            pepper: both,
            database_key: None,
        }),
        n if n == PEPPER_LEN + key_len => Ok(ExportedKeys {
            pepper: Zeroizing::new(both[..PEPPER_LEN].to_vec()),
            database_key: Some(Zeroizing::new(both[PEPPER_LEN..].to_vec())),
        }),
        _ => Err(not_a_pepper()),
    }
}

/// `ssa-admin pepper export`: this machine's pepper, checked against the
/// database's check value, encrypted under `passphrase`, written to the new
/// file `to` (readable by its owner only; never over a file or a link). A
/// SQLite database's key goes with it: a backup restored on another
/// machine needs both.
pub async fn export_pepper(
    database_url: &str,
    secrets: Arc<dyn SecretStore>,
    passphrase: &SecretString,
    to: &std::path::Path,
) -> Result<()> {
    let store = Store::open(database_url, &secrets).await?;
    let check = store.meta(PEPPER_CHECK_KEY).await?;
    store.close().await;
    let reader = Arc::clone(&secrets);
    let pepper = tokio::task::spawn_blocking(move || reader.get())
        .await
        .map_err(|_| SsaError::Internal)??
        .ok_or(SsaError::PepperMissing)?;
    match check {
        Some(check) if check == PasswordHasher::pepper_check(&pepper) => {}
        Some(_) => return Err(SsaError::PepperMismatch),
        None => {
            return Err(refused(
                "this database has no pepper yet: start the app (or one kiosk) on it first",
            ))
        }
    }
    let database_key = if is_postgres(database_url) {
        None
    } else {
        let keys = secrets.database_key();
        tokio::task::spawn_blocking(move || keys.get())
            .await
            .map_err(|_| SsaError::Internal)??
    };
    let sealed = encrypt_keys(
        &pepper,
        database_key.as_deref().map(|k| k.as_slice()),
        passphrase,
    )?;
    crate::files::write_new(to, &sealed)
        .map_err(|e| refused(crate::files::new_file_refused(to, &e, "pepper exports")))
}

/// `ssa-admin pepper import`: stores the pepper of a file in this machine's
/// keyring after checking it against the database's check value (on a
/// database with none yet, it becomes the database's pepper). The keyring is
/// left as it was when the pepper does not belong to the database, and when
/// it holds another pepper already unless `replace` (that pepper may be the
/// one of this machine's own database).
pub async fn import_pepper(
    database_url: &str,
    secrets: Arc<dyn SecretStore>,
    file: &[u8],
    passphrase: &SecretString,
    replace: bool,
) -> Result<()> {
    let ExportedKeys {
        pepper,
        database_key,
    } = decrypt_keys(file, passphrase)?;
    let held_pepper = blocking_get(Arc::clone(&secrets)).await?;
    let held_key = blocking_get(secrets.database_key()).await?;
    let same_pepper = held_pepper.as_deref() == Some(&pepper);
    let same_key = database_key.is_none() || held_key.as_deref() == database_key.as_deref();
    if same_pepper && same_key {
        return Ok(());
    }
    if !replace && (held_pepper.is_some() && !same_pepper || held_key.is_some() && !same_key) {
        return Err(refused(
            "this machine's keyring holds another pepper or database key (perhaps its own \
             database's); give --replace to replace it",
        ));
    }
    // An encrypted file: the file's database key opens it for the checks,
    // and is kept only once they pass, so a key that does not open it
    // changes nothing. A file not encrypted yet is encrypted under the key
    // as it opens, so the key is kept first (never thrown away after).
    let encrypted = crate::store::sqlite_file(database_url)
        .map(|path| crate::store::at_rest::found(&path))
        .transpose()?
        == Some(crate::store::at_rest::Found::Encrypted);
    let opener: Arc<dyn SecretStore> = match &database_key {
        Some(key) if encrypted => {
            let trial = crate::secrets::MemorySecretStore::new();
            trial.database_key().set(key)?;
            Arc::new(trial)
        }
        Some(key) => {
            let (keys, key) = (secrets.database_key(), key.clone());
            tokio::task::spawn_blocking(move || keys.set(&key))
                .await
                .map_err(|_| SsaError::Internal)??;
            Arc::clone(&secrets)
        }
        None => Arc::clone(&secrets),
    };
    let store = Store::open(database_url, &opener).await?;
    let mine = PasswordHasher::pepper_check(&pepper);
    // As a start does: a database whose check value is gone while it holds
    // records (hashes, audit entries) is never claimed for a pepper, this
    // one or any.
    if store.meta(PEPPER_CHECK_KEY).await?.is_none() && store.holds_records().await? {
        store.close().await;
        return Err(SsaError::PepperMismatch);
    }
    store.meta_insert_if_absent(PEPPER_CHECK_KEY, &mine).await?;
    let held = store.meta(PEPPER_CHECK_KEY).await?;
    store.close().await;
    if held.as_deref() != Some(mine.as_str()) {
        return Err(SsaError::PepperMismatch);
    }
    tokio::task::spawn_blocking(move || {
        if let Some(key) = database_key {
            secrets.database_key().set(&key)?;
        }
        secrets.set(&pepper)
    })
    .await
    .map_err(|_| SsaError::Internal)?
}

async fn blocking_get(store: Arc<dyn SecretStore>) -> Result<Option<Zeroizing<Vec<u8>>>> {
    tokio::task::spawn_blocking(move || store.get())
        .await
        .map_err(|_| SsaError::Internal)?
}

/// Whether the URL gives a password as a query parameter (`?password=`),
/// which sqlx takes over the one before the host.
pub fn password_in_query(url: &str) -> bool {
    url::Url::parse(url)
        .map(|u| {
            u.query_pairs()
                .any(|(k, _)| k.eq_ignore_ascii_case("password"))
        })
        .unwrap_or(false)
}

/// `ssa-admin branch connect`: checks that the database at `url` answers
/// with `password` (migrated and usable), then keeps the password in the
/// keyring entry for the URL (`keep` opens it). Returns the URL without its
/// password, for `config.json`.
pub async fn connect(
    url: &str,
    password: Option<SecretString>,
    keep: impl FnOnce(&str) -> Arc<dyn SecretStore>,
) -> Result<String> {
    use age::secrecy::ExposeSecret;
    let (bare, typed) = split_database_password(url)?;
    if typed.is_some() || password_in_query(url) {
        return Err(refused(
            "the URL holds a password, which would stay in the shell's history and the \
             process list: give the URL without it and the password on standard input",
        ));
    }
    let password = password.ok_or_else(|| refused("no password: give it on standard input"))?;
    let mut full = url::Url::parse(&bare).map_err(|_| SsaError::Internal)?;
    full.set_password(Some(password.expose_secret()))
        .map_err(|_| SsaError::Internal)?;
    let full = Zeroizing::new(full.to_string());
    let entry = keep(&password_entry(&bare));
    // A postgres:// URL (split_database_password refused any other): no
    // database key is asked of the store.
    let store = Store::open(&full, &entry).await?;
    store.close().await;
    let secret = Zeroizing::new(password.expose_secret().as_bytes().to_vec());
    tokio::task::spawn_blocking(move || entry.set(&secret))
        .await
        .map_err(|_| SsaError::Internal)??;
    Ok(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_splits_into_its_bare_form_and_its_password() {
        use age::secrecy::ExposeSecret;
        let (bare, password) =
            split_database_password("postgres://ssa_app:s3cr%40t@db.branch:5432/ssa").unwrap();
        assert_eq!(bare, "postgres://ssa_app@db.branch:5432/ssa");
        assert_eq!(password.unwrap().expose_secret(), "s3cr@t");
        let (bare, password) = split_database_password("postgres://ssa_app@db/ssa").unwrap();
        assert_eq!(bare, "postgres://ssa_app@db/ssa");
        assert!(password.is_none());
        assert!(split_database_password("sqlite://x.db").is_err());
    }

    #[test]
    fn a_kept_password_fills_a_url_without_one() {
        let store = crate::MemorySecretStore::new();
        store.set(b"kept pass").unwrap();
        let seen = std::sync::Mutex::new(String::new());
        let url = with_kept_password("postgres://ssa_app@db:5432/ssa", |entry| {
            *seen.lock().unwrap() = entry.to_owned();
            Arc::new(store.clone())
        })
        .unwrap();
        assert_eq!(url.as_str(), "postgres://ssa_app:kept%20pass@db:5432/ssa");
        assert_eq!(
            *seen.lock().unwrap(),
            "database-password:postgres://ssa_app@db:5432/ssa"
        );
        let typed = with_kept_password("postgres://u:typed@db/ssa", |_| unreachable!()).unwrap();
        assert_eq!(typed.as_str(), "postgres://u:typed@db/ssa");
        let file = with_kept_password("/tmp/ssa.db", |_| unreachable!()).unwrap();
        assert_eq!(file.as_str(), "/tmp/ssa.db");
    }

    #[test]
    fn a_pepper_file_opens_with_its_passphrase_only() {
        let pepper = [42u8; PEPPER_LEN];
        let passphrase = SecretString::from("correct horse battery");
        let file = encrypt_pepper(&pepper, &passphrase).unwrap();
        assert!(String::from_utf8_lossy(&file).starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
        assert!(!file.windows(4).any(|w| w == [42u8; 4]));
        assert_eq!(
            decrypt_pepper(&file, &passphrase).unwrap().as_slice(),
            &pepper
        );
        assert!(decrypt_pepper(&file, &SecretString::from("wrong horse battery")).is_err());
        assert!(decrypt_pepper(b"not age", &passphrase).is_err());
        assert!(encrypt_pepper(&pepper, &SecretString::from("short")).is_err());
    }
}
