//! What the operator (the broker's back office) does through `ssa-admin`:
//! provision SSA basic accounts, post broadcast messages, unlock accounts.

use secrecy::{ExposeSecret, SecretString};

use super::Ssa;
use crate::domain::{BasicAccountKey, BasicPassword, Field, Problems};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};

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
        let text = path
            .to_str()
            .ok_or_else(|| refused(format!("{}: not a UTF-8 path", path.display())))?;
        if !self.store.vacuum_into(text).await? {
            return Err(refused(
                "a PostgreSQL database is backed up with pg_dump (README, Branch set-up)".into(),
            ));
        }
        Ok(())
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
        let hash = self.hasher.hash(password.expose()).await?;
        let audit = AuditEvent::new(AuditKind::BasicAccountProvisioned, "ok")
            .basic_user(key.basic_user_id.as_str());
        self.store
            .insert_basic_account(&key, &hash, self.now_ms(), &audit)
            .await?;
        Ok(key)
    }

    /// Posts a broadcast message under the next free 5-digit reference.
    pub async fn post_message(&self, subject: &str, body: &str) -> Result<String> {
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(SsaError::OperatorRefused {
                reason: "subject-required".into(),
            });
        }
        let reference = self.store.next_message_reference().await?;
        let audit = AuditEvent::new(AuditKind::MessagePosted, "ok");
        self.store
            .post_message(&reference, subject, body, self.now_ms(), &audit)
            .await?;
        Ok(reference)
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
