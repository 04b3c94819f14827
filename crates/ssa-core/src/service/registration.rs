//! New user registration (spec 3.2-3.4): Submit checks the form and that the
//! Internet User ID is free; Confirm checks the SSA basic account and its
//! Basic password together, then creates the Internet User ID in one
//! transaction.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::Ssa;
use crate::domain::{
    BasicAccountKey, BasicPassword, Field, InternetPassword, InternetUserId, Problems, Rule,
};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::store::CreateConflict;

/// The registration form as typed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationForm {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub internet_user_id: String,
    pub internet_password: SecretString,
    pub confirm_internet_password: SecretString,
    pub captcha_id: String,
    pub captcha_answer: SecretString,
}

/// A registration that passed Submit and waits for the Basic password. Holds
/// the hash of the chosen password, never the password itself.
#[derive(Clone)]
pub struct PendingRegistration {
    key: BasicAccountKey,
    internet_user_id: InternetUserId,
    password_hash: String,
}

impl std::fmt::Debug for PendingRegistration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingRegistration")
            .field("key", &self.key)
            .field("internet_user_id", &self.internet_user_id)
            .finish_non_exhaustive()
    }
}

impl PendingRegistration {
    /// The four values the Confirm page shows read-only.
    pub fn summary(&self) -> RegisteredUser {
        RegisteredUser {
            basic_user_id: self.key.basic_user_id.as_str().to_owned(),
            participant_id: self.key.participant_id.as_str().to_owned(),
            ssa_number: self.key.ssa_number.as_str().to_owned(),
            internet_user_id: self.internet_user_id.as_str().to_owned(),
        }
    }
}

/// The details of a registration, as the Confirm and Done pages show them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisteredUser {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub internet_user_id: String,
}

impl Ssa {
    /// Submit (spec 3.2): every format, the passwords match, the code, then
    /// that the Internet User ID is free. Reports every failed field at once.
    pub async fn submit_registration(
        &self,
        form: &RegistrationForm,
    ) -> Result<PendingRegistration> {
        self.ensure_open()?;
        let mut problems = Problems::default();
        let key = problems.account_key(&form.basic_user_id, &form.participant_id, &form.ssa_number);
        let internet_user_id = problems.check(
            Field::InternetUserId,
            InternetUserId::parse(&form.internet_user_id),
        );
        let password = problems.check(
            Field::InternetPassword,
            InternetPassword::parse(form.internet_password.expose_secret()),
        );
        problems.confirmation(
            Field::ConfirmInternetPassword,
            form.internet_password.expose_secret(),
            form.confirm_internet_password.expose_secret(),
        );
        // The code is used up by every Submit, so a form with other mistakes
        // still costs one code.
        problems.note(
            self.captchas
                .check(&form.captcha_id, form.captcha_answer.expose_secret()),
        );
        let code_ok = !problems.has(Field::Captcha);
        if let (true, Some(id)) = (code_ok, &internet_user_id) {
            // Only told behind a right code, which slows harvesting of IDs.
            if self.store.internet_id_taken(&id.key()).await? {
                problems.push(Rule::Taken.at(Field::InternetUserId));
            }
        }
        problems.into_result()?;
        let (Some(key), Some(internet_user_id), Some(password)) = (key, internet_user_id, password)
        else {
            return Err(SsaError::Internal);
        };
        let password_hash = self.hasher.hash(password.expose()).await?;
        Ok(PendingRegistration {
            key,
            internet_user_id,
            password_hash,
        })
    }

    /// Confirm (spec 3.3): the triple must name a provisioned account with no
    /// live Internet User ID, and the Basic password must verify. A wrong
    /// triple, a wrong Basic password and a locked account get one answer.
    pub async fn confirm_registration(
        &self,
        pending: &PendingRegistration,
        basic_password: &SecretString,
    ) -> Result<RegisteredUser> {
        self.ensure_open()?;
        let password = BasicPassword::parse(basic_password.expose_secret())
            .map_err(|rule| SsaError::invalid(rule.at(Field::BasicPassword)))?;
        let now = self.now_ms();
        let basic_user_id = pending.key.basic_user_id.as_str();
        let refused = |outcome| {
            AuditEvent::new(AuditKind::RegistrationRefused, outcome)
                .internet_user(pending.internet_user_id.as_str())
                .basic_user(basic_user_id)
        };

        let account = self.store.basic_account(&pending.key).await?;
        let Some(account) = account.filter(|a| !a.locked) else {
            self.hasher.verify_decoy(password.expose()).await?;
            self.store
                .audit(now, &refused("unknown-or-locked-account"))
                .await?;
            return Err(SsaError::RegistrationNotConfirmed);
        };
        if !self
            .hasher
            .verify(password.expose(), &account.password_hash)
            .await?
        {
            let failed = refused("wrong-basic-password");
            let locked =
                AuditEvent::new(AuditKind::BasicAccountLocked, "five-wrong-basic-passwords")
                    .basic_user(basic_user_id);
            self.store
                .record_basic_failure(account.id, now, &failed, &locked)
                .await?;
            return Err(SsaError::RegistrationNotConfirmed);
        }

        let created = AuditEvent::new(AuditKind::RegistrationConfirmed, "ok")
            .internet_user(pending.internet_user_id.as_str())
            .basic_user(basic_user_id);
        let result = self
            .store
            .create_internet_user(
                account.id,
                pending.internet_user_id.as_str(),
                &pending.internet_user_id.key(),
                &pending.password_hash,
                now,
                &created,
            )
            .await;
        match result {
            Ok(_) => Ok(pending.summary()),
            Err(CreateConflict::IdTaken) => {
                self.store
                    .audit(now, &refused("internet-user-id-taken"))
                    .await?;
                Err(SsaError::invalid(Rule::Taken.at(Field::InternetUserId)))
            }
            Err(CreateConflict::AccountHasLiveId) => {
                self.store
                    .audit(now, &refused("account-already-registered"))
                    .await?;
                Err(SsaError::AccountAlreadyRegistered)
            }
            Err(CreateConflict::Other(e)) => Err(e),
        }
    }
}
