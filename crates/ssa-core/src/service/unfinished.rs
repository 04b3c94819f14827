//! Steps a person has begun and not finished: the Confirm page of a
//! registration and of a cancellation. They live in the store, not in the
//! window or the shell, so the same rule holds for every caller and any
//! instance of a server (or kiosk of a branch) confirms a step another
//! began: a step is good for 5 minutes (like a verification code), is named
//! by an unguessable token of which the store keeps only a keyed digest, and
//! is forgotten when abandoned (Back, Clear, another screen, the idle limit)
//! or finished. At a kiosk, the next person therefore finds nothing to
//! confirm and no Basic password tries to spend.

use super::recovery::CancellationDraft;
use super::registration::RegistrationDraft;
use super::Ssa;
use crate::error::{Result, SsaError};

/// How long an unfinished step may wait for its Confirm.
pub const PENDING_LIFETIME_SECS: i64 = 5 * 60;

#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(crate) enum Draft {
    Registration(RegistrationDraft),
    Cancellation(CancellationDraft),
}

impl Ssa {
    /// Keeps a draft; answers its token.
    pub(crate) async fn keep_draft(&self, draft: &Draft) -> Result<String> {
        let now = self.now_ms();
        let token = new_token();
        // Sealed: the IDs typed and the new password's hash are not readable
        // in the table, and a changed row does not open.
        let json =
            zeroize::Zeroizing::new(serde_json::to_vec(draft).map_err(|_| SsaError::Internal)?);
        let kept = self.hasher.seal(&json)?;
        self.forget_stale(now).await?;
        self.store
            .insert_draft(&self.hasher.draft_token_digest(&token), &kept, now)
            .await?;
        Ok(token)
    }

    /// The draft of a live token; [`SsaError::PendingExpired`] when it is
    /// unknown, abandoned, finished or older than 5 minutes.
    pub(crate) async fn draft(&self, token: &str) -> Result<Draft> {
        let since = self.now_ms() - PENDING_LIFETIME_SECS * 1000;
        let kept = self
            .store
            .draft(&self.hasher.draft_token_digest(token), since)
            .await?
            .ok_or(SsaError::PendingExpired)?;
        let json = self.hasher.open(&kept).ok_or(SsaError::Internal)?;
        serde_json::from_slice(&json).map_err(|_| SsaError::Internal)
    }

    /// The draft of a live token, forgotten in the same step, so two
    /// confirms with one token (on one instance or two) cannot both pass.
    pub(crate) async fn take_draft(&self, token: &str) -> Result<Draft> {
        let draft = self.draft(token).await?;
        if !self
            .store
            .forget_draft(&self.hasher.draft_token_digest(token))
            .await?
        {
            return Err(SsaError::PendingExpired);
        }
        Ok(draft)
    }

    pub(crate) async fn forget_draft(&self, token: &str) -> Result<()> {
        self.store
            .forget_draft(&self.hasher.draft_token_digest(token))
            .await
            .map(|_| ())
    }
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}
