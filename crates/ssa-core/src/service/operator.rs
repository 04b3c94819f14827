//! What the operator (the broker's back office) does through `ssa-admin`:
//! provision SSA basic accounts, post broadcast messages, unlock accounts.

use secrecy::{ExposeSecret, SecretString};

use super::Ssa;
use crate::domain::{BasicAccountKey, BasicPassword, Field, Problems};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};

/// `ssa-admin migrate`: every migration due, as the owner of the tables,
/// with the app's and the import's roles granted what each needs and no
/// more (PostgreSQL; see `docs/postgres-roles.md`).
pub async fn migrate_as_owner(
    database_url: &str,
    secrets: &std::sync::Arc<dyn crate::SecretStore>,
    app_role: Option<&str>,
    import_role: Option<&str>,
) -> Result<()> {
    crate::store::Store::migrate_as_owner(database_url, secrets, app_role, import_role).await
}

impl Ssa {
    /// `ssa-admin backup FILE`: a consistent copy of a SQLite database in a
    /// new file, taken while the app runs. A file already there is never
    /// overwritten; a PostgreSQL database is copied with `pg_dump`.
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<()> {
        let refused = |reason: String| SsaError::OperatorRefused { reason };
        if path.exists() {
            return Err(refused(format!(
                "{}: already exists; a backup never overwrites a file",
                path.display()
            )));
        }
        // Into an empty temporary file beside it, then renamed: a backup that
        // fails half way (a full disk) leaves nothing under the name.
        let file = crate::files::NewFile::create(path)
            .map_err(|e| refused(format!("cannot create {}: {e}", path.display())))?;
        let text = file
            .temporary_path()
            .to_str()
            .ok_or_else(|| refused(format!("{}: not a UTF-8 path", path.display())))?
            .to_owned();
        if !self.store.vacuum_into(&text).await? {
            return Err(refused(
                "a PostgreSQL database is backed up with pg_dump (README, Branch set-up)".into(),
            ));
        }
        file.keep_new()
            .map_err(|e| refused(crate::files::new_file_refused(path, &e, "backups")))
    }

    /// Provisions an SSA basic account with its initial Basic password.
    pub async fn provision_basic_account(
        &self,
        basic_user_id: &str,
        participant_id: &str,
        ssa_number: &str,
        initial_password: &SecretString,
    ) -> Result<BasicAccountKey> {
        let mut problems = Problems::default();
        let key = problems.account_key(basic_user_id, participant_id, ssa_number);
        let password = problems.check(
            Field::BasicPassword,
            BasicPassword::parse(initial_password.expose_secret()),
        );
        problems.into_result()?;
        let (Some(key), Some(password)) = (key, password) else {
            return Err(SsaError::Internal);
        };
        // One SSA, one basic account (spec 2): another Basic User ID on the
        // same SSA would read its statements.
        if let Some(holder) = self
            .store
            .account_of_ssa(key.participant_id.as_str(), key.ssa_number.as_str())
            .await?
            .filter(|holder| holder != key.basic_user_id.as_str())
        {
            return Err(SsaError::OperatorRefused {
                reason: format!(
                    "SSA {}/{} already has its basic account ({holder}); one SSA has one basic account",
                    key.participant_id.as_str(),
                    key.ssa_number.as_str()
                ),
            });
        }
        let hash = self.hasher.hash(password.expose()).await?;
        let audit = AuditEvent::new(AuditKind::BasicAccountProvisioned, "ok")
            .basic_user(key.basic_user_id.as_str());
        self.store
            .insert_basic_account(&key, &hash, self.now_ms(), &audit)
            .await?;
        Ok(key)
    }

    /// Unlocks an Internet User ID locked by wrong passwords.
    pub async fn unlock_internet_user(&self, internet_user_id: &str) -> Result<()> {
        let id = crate::domain::InternetUserId::parse(internet_user_id)
            .map_err(|rule| SsaError::invalid(rule.at(Field::InternetUserId)))?;
        let user = self.store.internet_user(&id.key()).await?.ok_or_else(|| {
            SsaError::OperatorRefused {
                reason: "no-such-internet-user".into(),
            }
        })?;
        let audit = AuditEvent::new(AuditKind::OperatorUnlocked, "internet-user")
            .internet_user(user.internet_user_id.as_str());
        self.store
            .unlock_internet_user(user.id, self.now_ms(), &audit)
            .await?;
        Ok(())
    }

    /// Unlocks an SSA basic account locked by wrong Basic passwords.
    pub async fn unlock_basic_account(&self, key: &BasicAccountKey) -> Result<()> {
        let account =
            self.store
                .basic_account(key)
                .await?
                .ok_or_else(|| SsaError::OperatorRefused {
                    reason: "no-such-basic-account".into(),
                })?;
        let audit = AuditEvent::new(AuditKind::OperatorUnlocked, "basic-account")
            .basic_user(account.basic_user_id.as_str());
        self.store
            .unlock_basic_account(account.id, self.now_ms(), &audit)
            .await?;
        Ok(())
    }
}

/// An account's state as the operator sees it: IDs, locks and why, the last
/// login and the Internet password's age. Never a password or hash.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AccountState {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    /// Why the SSA basic account is locked (`None`: not locked).
    pub basic_locked: Option<String>,
    /// The CCASS Basic password is still the initial one.
    pub basic_password_initial: bool,
    /// The live Internet User ID, if one is registered.
    pub internet_user_id: Option<String>,
    /// Why the Internet User ID is locked (`None`: not locked).
    pub internet_locked: Option<String>,
    pub last_login_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Whole days since the Internet password was set.
    pub internet_password_age_days: Option<i64>,
}

impl Ssa {
    /// Every account's state, or one Basic User ID's.
    pub async fn account_states(&self, basic_user_id: Option<&str>) -> Result<Vec<AccountState>> {
        let now = self.now();
        let why = |locked: bool, failures: i64, what: &str| {
            locked.then(|| {
                if failures >= crate::security::MAX_FAILED_ATTEMPTS {
                    format!("{failures} wrong {what} in a row")
                } else {
                    "locked".to_owned()
                }
            })
        };
        Ok(self
            .store
            .account_states(basic_user_id.map(str::trim))
            .await?
            .into_iter()
            .map(|r| AccountState {
                basic_locked: why(
                    r.basic_locked,
                    r.basic_failed_attempts,
                    "CCASS Basic passwords",
                ),
                internet_locked: why(
                    r.internet_locked.unwrap_or(false),
                    r.internet_failed_attempts.unwrap_or(0),
                    "Internet passwords",
                ),
                basic_password_initial: r.password_is_initial,
                last_login_at: r.last_login_at.map(crate::clock::from_millis),
                internet_password_age_days: r
                    .password_changed_at
                    .map(|t| (now - crate::clock::from_millis(t)).num_days()),
                basic_user_id: r.basic_user_id,
                participant_id: r.participant_id,
                ssa_number: r.ssa_number,
                internet_user_id: r.internet_user_id,
            })
            .collect())
    }
}
