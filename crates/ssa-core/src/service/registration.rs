//! New user registration (spec 3.2-3.4): Submit checks the form and that the
//! Internet User ID is free; Confirm checks the SSA basic account and its
//! Basic password together, then creates the Internet User ID in one
//! transaction.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::proofs::Proof;
use super::unfinished::Draft;
use super::Ssa;
use crate::domain::{
    BasicAccountKey, BasicPassword, Field, InternetPassword, InternetUserId, Problems, Rule,
};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::security::captcha::CaptchaScreen;
use crate::store::CreateConflict;

/// The registration form as typed.
#[derive(Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationForm {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub internet_user_id: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub internet_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub confirm_internet_password: SecretString,
    pub captcha_id: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub captcha_answer: SecretString,
}

/// What a registration that passed Submit keeps in the core until Confirm:
/// the hash of the chosen password, never the password itself.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct RegistrationDraft {
    key: BasicAccountKey,
    internet_user_id: InternetUserId,
    password_hash: String,
}

impl RegistrationDraft {
    fn summary(&self) -> RegisteredUser {
        RegisteredUser {
            basic_user_id: self.key.basic_user_id.as_str().to_owned(),
            participant_id: self.key.participant_id.as_str().to_owned(),
            ssa_number: self.key.ssa_number.as_str().to_owned(),
            internet_user_id: self.internet_user_id.as_str().to_owned(),
        }
    }
}

/// A registration that passed Submit and waits (5 minutes at most) for the
/// Basic password: the token that names it in the core, and what the Confirm
/// page shows.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingRegistration {
    token: String,
    #[serde(flatten)]
    summary: RegisteredUser,
}

impl PendingRegistration {
    /// The four values the Confirm page shows read-only.
    pub fn summary(&self) -> RegisteredUser {
        self.summary.clone()
    }

    /// The token to abandon it by.
    pub fn token(&self) -> &str {
        &self.token
    }
}

/// The details of a registration, as the Confirm and Done pages show them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
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
        self.ensure_open().await?;
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
            self.check_captcha(
                CaptchaScreen::Registration,
                &form.captcha_id,
                form.captcha_answer.expose_secret(),
            )
            .await?,
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
        let draft = RegistrationDraft {
            key,
            internet_user_id,
            password_hash,
        };
        let summary = draft.summary();
        let token = self.keep_draft(&Draft::Registration(draft)).await?;
        Ok(PendingRegistration { token, summary })
    }

    /// The unfinished registration `token` names (a server's client holds
    /// only the token between Submit and Confirm).
    pub async fn unfinished_registration(&self, token: &str) -> Result<PendingRegistration> {
        let Draft::Registration(draft) = self.draft(token).await? else {
            return Err(SsaError::PendingExpired);
        };
        Ok(PendingRegistration {
            token: token.to_owned(),
            summary: draft.summary(),
        })
    }

    /// Confirm (spec 3.3): the triple must name a provisioned account with no
    /// live Internet User ID, and the Basic password must verify. A wrong
    /// triple, a wrong Basic password and a locked account get one answer.
    /// A right Basic password resets the account's counter even when the
    /// account turns out to be registered already (spec 4: "a success resets
    /// its counter"). The pending step ends with any answer but a wrong Basic
    /// password, which may be typed again within its 5 minutes.
    pub async fn confirm_registration(
        &self,
        pending: &PendingRegistration,
        basic_password: &SecretString,
    ) -> Result<RegisteredUser> {
        self.ensure_open().await?;
        let Draft::Registration(draft) = self.draft(&pending.token).await? else {
            return Err(SsaError::PendingExpired);
        };
        let password = BasicPassword::parse(basic_password.expose_secret())
            .map_err(|rule| SsaError::invalid(rule.at(Field::BasicPassword)))?;
        let now = self.now_ms();
        let basic_user_id = draft.key.basic_user_id.as_str();
        let refused = |outcome, basic_user: &str| {
            AuditEvent::new(AuditKind::RegistrationRefused, outcome)
                .internet_user(draft.internet_user_id.as_str())
                .basic_user(basic_user)
        };

        let account = self.store.basic_account(&draft.key).await?;
        let account = match account {
            Some(a) if !a.locked => a,
            found => {
                self.hasher.verify_decoy(password.expose()).await?;
                // A triple that names no account may hold a password typed
                // into the wrong field: the log keeps only a keyed digest.
                let (outcome, shown) = match found {
                    Some(_) => ("locked-account", basic_user_id.to_owned()),
                    None => (
                        "unknown-account",
                        self.hasher.typed_id_digest(basic_user_id),
                    ),
                };
                self.store.audit(now, &refused(outcome, &shown)).await?;
                return Err(SsaError::RegistrationNotConfirmed);
            }
        };
        let proof = self
            .prove_basic_password(
                &account,
                &password,
                refused("wrong-basic-password", basic_user_id),
            )
            .await?;
        if let Proof::Wrong(_) = proof {
            return Err(SsaError::RegistrationNotConfirmed);
        }

        let created = AuditEvent::new(AuditKind::RegistrationConfirmed, "ok")
            .internet_user(draft.internet_user_id.as_str())
            .basic_user(basic_user_id);
        let result = self
            .store
            .create_internet_user(
                account.id,
                draft.internet_user_id.as_str(),
                &draft.internet_user_id.key(),
                &draft.password_hash,
                now,
                &created,
            )
            .await;
        if !matches!(result, Err(CreateConflict::Other(_))) {
            self.forget_draft(&pending.token).await?;
        }
        match result {
            Ok(_) => Ok(draft.summary()),
            Err(CreateConflict::IdTaken) => {
                self.store
                    .audit(now, &refused("internet-user-id-taken", basic_user_id))
                    .await?;
                Err(SsaError::invalid(Rule::Taken.at(Field::InternetUserId)))
            }
            Err(CreateConflict::AccountHasLiveId) => {
                self.store
                    .audit(now, &refused("account-already-registered", basic_user_id))
                    .await?;
                Err(SsaError::AccountAlreadyRegistered)
            }
            Err(CreateConflict::Other(e)) => Err(e),
        }
    }
}
