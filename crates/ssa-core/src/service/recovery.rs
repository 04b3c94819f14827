//! Forgot Internet user password (spec 3.10) and Cancel Internet User ID
//! (3.11). Recovery proves ownership with the SSA basic account and its Basic
//! password, sets a new Internet password under the history rule and unlocks
//! the ID. Cancellation proves it with the Internet password; the ID is ended
//! for good (kept for audit, never reusable) and the account may register anew.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::proofs::Proof;
use super::unfinished::Draft;
use super::Ssa;
use crate::domain::{BasicPassword, Field, InternetPassword, InternetUserId, Problems};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};
use crate::security::captcha::CaptchaScreen;
use crate::security::INTERNET_PASSWORD_HISTORY;

/// The Forgot Internet user password form.
#[derive(Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryForm {
    pub internet_user_id: String,
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub basic_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub new_password: SecretString,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub confirm_new_password: SecretString,
    pub captcha_id: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub captcha_answer: SecretString,
}

/// The Cancel Internet User ID form.
#[derive(Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CancellationForm {
    pub internet_user_id: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub password: SecretString,
    pub captcha_id: String,
    #[serde(serialize_with = "crate::secrets::sent_to_the_server")]
    pub captcha_answer: SecretString,
}

/// What a cancellation whose owner proved the password keeps in the core
/// until Confirm.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CancellationDraft {
    user_row: i64,
    internet_user_id: String,
}

/// A cancellation whose owner proved the password and must now confirm it
/// (within 5 minutes): its token and the ID the confirmation page names.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingCancellation {
    token: String,
    pub internet_user_id: String,
}

impl PendingCancellation {
    /// The token to abandon it by.
    pub fn token(&self) -> &str {
        &self.token
    }
}

impl Ssa {
    /// Sets a new Internet password for an owner who forgot it, and unlocks
    /// the ID. A wrong ID, account, Basic password, or a locked account all
    /// give [`SsaError::RecoveryNotConfirmed`].
    pub async fn recover_internet_password(&self, form: &RecoveryForm) -> Result<()> {
        self.ensure_open().await?;
        let mut problems = Problems::default();
        let id = problems.check(
            Field::InternetUserId,
            InternetUserId::parse(&form.internet_user_id),
        );
        let key = problems.account_key(&form.basic_user_id, &form.participant_id, &form.ssa_number);
        let basic_password = problems.check(
            Field::BasicPassword,
            BasicPassword::parse(form.basic_password.expose_secret()),
        );
        let new = problems.check(
            Field::NewInternetPassword,
            InternetPassword::parse(form.new_password.expose_secret()),
        );
        problems.confirmation(
            Field::ConfirmNewInternetPassword,
            form.new_password.expose_secret(),
            form.confirm_new_password.expose_secret(),
        );
        problems.note(
            self.check_captcha(
                CaptchaScreen::Recovery,
                &form.captcha_id,
                form.captcha_answer.expose_secret(),
            )
            .await?,
        );
        problems.into_result()?;
        let (Some(id), Some(key), Some(basic_password), Some(new)) = (id, key, basic_password, new)
        else {
            return Err(SsaError::Internal);
        };
        let now = self.now_ms();
        let user = self.store.internet_user(&id.key()).await?;
        let account = self.store.basic_account(&key).await?;
        // Typed IDs that name nothing may be passwords typed into the wrong
        // field: the log keeps a keyed digest of them only.
        let shown_id = match &user {
            Some(u) => u.internet_user_id.clone(),
            None => self.hasher.typed_id_digest(id.as_str()),
        };
        let shown_basic = match &account {
            Some(a) => a.basic_user_id.clone(),
            None => self.hasher.typed_id_digest(key.basic_user_id.as_str()),
        };
        let refused = |outcome| {
            AuditEvent::new(AuditKind::RecoveryRefused, outcome)
                .internet_user(shown_id.as_str())
                .basic_user(shown_basic.as_str())
        };
        let user = user.filter(|u| u.cancelled_at.is_none());
        let account = account.filter(|a| !a.locked);
        let (Some(user), Some(account)) = (user, account) else {
            self.hasher.verify_decoy(basic_password.expose()).await?;
            self.store.audit(now, &refused("unknown-or-locked")).await?;
            return Err(SsaError::RecoveryNotConfirmed);
        };
        if user.basic_account_id != account.id {
            self.hasher.verify_decoy(basic_password.expose()).await?;
            self.store.audit(now, &refused("id-not-of-account")).await?;
            return Err(SsaError::RecoveryNotConfirmed);
        }
        let proof = self
            .prove_basic_password(&account, &basic_password, refused("wrong-basic-password"))
            .await?;
        if let Proof::Wrong(_) = proof {
            return Err(SsaError::RecoveryNotConfirmed);
        }
        let Some(reset) = self
            .store
            .lock_internet_history(user.id, INTERNET_PASSWORD_HISTORY, true)
            .await?
        else {
            return Err(SsaError::RecoveryNotConfirmed);
        };
        let hash = self
            .hash_unless_reused(
                new.expose(),
                reset.history(),
                INTERNET_PASSWORD_HISTORY,
                Field::NewInternetPassword,
            )
            .await?;
        let event = AuditEvent::new(AuditKind::InternetPasswordReset, "ok")
            .internet_user(user.internet_user_id.as_str())
            .basic_user(account.basic_user_id.as_str());
        reset
            .reset_internet_password(&hash, self.now_ms(), &event)
            .await?;
        // A new password ends every session a server keeps for the ID: a
        // token someone else holds opens nothing any more.
        self.store.end_sessions_of(user.id).await
    }

    /// Cancel, first step: the ID and its password, and the code. Wrong ones
    /// count toward the lock like a wrong login and get the login's answer.
    pub async fn check_cancellation(&self, form: &CancellationForm) -> Result<PendingCancellation> {
        self.ensure_open().await?;
        let mut problems = Problems::default();
        let id = problems.check(
            Field::InternetUserId,
            InternetUserId::parse(&form.internet_user_id),
        );
        let password = problems.check(
            Field::InternetPassword,
            InternetPassword::parse(form.password.expose_secret()),
        );
        problems.note(
            self.check_captcha(
                CaptchaScreen::Cancellation,
                &form.captcha_id,
                form.captcha_answer.expose_secret(),
            )
            .await?,
        );
        problems.into_result()?;
        let (Some(id), Some(password)) = (id, password) else {
            return Err(SsaError::Internal);
        };
        let user = self
            .prove_internet_password(&id, &password, AuditKind::CancellationRefused)
            .await?;
        let draft = CancellationDraft {
            user_row: user.id,
            internet_user_id: user.internet_user_id.clone(),
        };
        let token = self.keep_draft(&Draft::Cancellation(draft)).await?;
        Ok(PendingCancellation {
            token,
            internet_user_id: user.internet_user_id,
        })
    }

    /// The unfinished cancellation `token` names.
    pub async fn unfinished_cancellation(&self, token: &str) -> Result<PendingCancellation> {
        let Draft::Cancellation(draft) = self.draft(token).await? else {
            return Err(SsaError::PendingExpired);
        };
        Ok(PendingCancellation {
            token: token.to_owned(),
            internet_user_id: draft.internet_user_id,
        })
    }

    /// Cancel, second step: ends the ID for good. The pending step ends with
    /// it, whatever the answer.
    pub async fn confirm_cancellation(&self, pending: &PendingCancellation) -> Result<()> {
        self.ensure_open().await?;
        let Draft::Cancellation(draft) = self.take_draft(&pending.token).await? else {
            return Err(SsaError::PendingExpired);
        };
        let audit = AuditEvent::new(AuditKind::InternetUserCancelled, "ok")
            .internet_user(draft.internet_user_id.as_str());
        if self
            .store
            .cancel_internet_user(draft.user_row, self.now_ms(), &audit)
            .await?
        {
            Ok(())
        } else {
            Err(SsaError::InternetUserAlreadyCancelled)
        }
    }
}
