//! Steps a person has begun and not finished: the Confirm page of a
//! registration and of a cancellation. They live here, not in the window or
//! the shell, so that the same rule holds for every caller: a step is good for
//! 5 minutes (like a verification code), is named by an unguessable token,
//! and is forgotten when abandoned (Back, Clear, another screen, the idle
//! limit) or finished. At a kiosk, the next person therefore finds nothing to
//! confirm and no Basic password tries to spend.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use super::recovery::CancellationDraft;
use super::registration::RegistrationDraft;
use crate::clock::Clock;
use crate::error::{Result, SsaError};

/// How long an unfinished step may wait for its Confirm.
pub const PENDING_LIFETIME_SECS: i64 = 5 * 60;
/// At most this many unfinished steps are kept (oldest out first).
const MAX_UNFINISHED: usize = 256;

#[derive(Clone)]
pub(crate) enum Draft {
    Registration(RegistrationDraft),
    Cancellation(CancellationDraft),
}

/// The drafts by token, each with the time it was begun.
type Drafts = HashMap<String, (Draft, DateTime<Utc>)>;

#[derive(Clone)]
pub(crate) struct Unfinished {
    clock: Arc<dyn Clock>,
    drafts: Arc<Mutex<Drafts>>,
}

impl Unfinished {
    pub(crate) fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            clock,
            drafts: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    fn drafts(&self) -> std::sync::MutexGuard<'_, Drafts> {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps a draft; answers its token.
    pub(crate) fn keep(&self, draft: Draft) -> String {
        let now = self.clock.now();
        let token = new_token();
        let mut drafts = self.drafts();
        drafts.retain(|_, (_, at)| now - *at <= Duration::seconds(PENDING_LIFETIME_SECS));
        if drafts.len() >= MAX_UNFINISHED {
            if let Some(oldest) = drafts
                .iter()
                .min_by_key(|(_, (_, at))| *at)
                .map(|(k, _)| k.clone())
            {
                drafts.remove(&oldest);
            }
        }
        drafts.insert(token.clone(), (draft, now));
        token
    }

    /// The draft of a live token; [`SsaError::PendingExpired`] when it is
    /// unknown, abandoned, finished or older than 5 minutes.
    pub(crate) fn get(&self, token: &str) -> Result<Draft> {
        let now = self.clock.now();
        let mut drafts = self.drafts();
        match drafts.get(token) {
            Some((draft, at)) if now - *at <= Duration::seconds(PENDING_LIFETIME_SECS) => {
                Ok(draft.clone())
            }
            Some(_) => {
                drafts.remove(token);
                Err(SsaError::PendingExpired)
            }
            None => Err(SsaError::PendingExpired),
        }
    }

    /// The draft of a live token, forgotten in the same step, so two
    /// confirms with one token cannot both pass.
    pub(crate) fn take(&self, token: &str) -> Result<Draft> {
        let now = self.clock.now();
        match self.drafts().remove(token) {
            Some((draft, at)) if now - at <= Duration::seconds(PENDING_LIFETIME_SECS) => Ok(draft),
            _ => Err(SsaError::PendingExpired),
        }
    }

    pub(crate) fn abandon(&self, token: &str) {
        self.drafts().remove(token);
    }
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}
