//! Sessions kept in the database, for a server with several instances
//! (issue 19): the token is 256 random bits the client holds; the store
//! holds only its keyed digest. The rules stay where they are: a request
//! resumes the stored [`Session`], the core's own methods check and touch it
//! (idle limit, maintenance, a locked or cancelled ID), and the request keeps
//! what they did. The embedded window holds its `Session` in memory and
//! never needs a token.

use zeroize::Zeroizing;

use super::{Session, SessionKind, Ssa};
use crate::clock::{from_millis, to_millis};
use crate::error::{Result, SsaError};
use crate::store::{BasicAccountRow, InternetUserRow, SessionRow};

/// A session's bearer token: 64 hexadecimal digits (256 random bits).
pub struct SessionToken(Zeroizing<String>);

impl SessionToken {
    fn new_random() -> Self {
        use rand::RngCore;
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        Self(Zeroizing::new(hex::encode(bytes.as_ref())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(..)")
    }
}

/// Whether `token` is shaped as [`SessionToken`] makes them: anything else
/// is refused before the store is asked.
fn well_formed(token: &str) -> bool {
    token.len() == 64
        && token
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn kind_text(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Desktop => "desktop",
        SessionKind::Kiosk => "kiosk",
    }
}

/// See [`Ssa::health_figures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthFigures {
    pub locked_ids: i64,
    pub locked_accounts: i64,
    pub connections_open: u32,
    pub connections_idle: u32,
}

impl Ssa {
    /// Whether the database answers: a server's readiness.
    pub async fn ready(&self) -> bool {
        self.store
            .scalar(crate::store::sql("SELECT CAST(1 AS BIGINT)"))
            .await
            .is_ok()
    }

    /// What a server's `/metrics` reports: the Internet User IDs and the
    /// basic accounts locked now, and the database pool's open and idle
    /// connections.
    pub async fn health_figures(&self) -> Result<HealthFigures> {
        use crate::store::sql;
        let locked_ids = self
            .store
            .scalar(sql("SELECT COUNT(*) FROM internet_users WHERE locked"))
            .await?;
        let locked_accounts = self
            .store
            .scalar(sql("SELECT COUNT(*) FROM basic_accounts WHERE locked"))
            .await?;
        let (open, idle) = self.store.pool_use();
        Ok(HealthFigures {
            locked_ids,
            locked_accounts,
            connections_open: open,
            connections_idle: idle,
        })
    }

    /// Stores a session just logged in; answers the token that names it.
    pub async fn store_session(&self, session: &Session) -> Result<SessionToken> {
        let token = SessionToken::new_random();
        let row = SessionRow {
            internet_user_row: session.internet_user_row,
            kind: kind_text(session.kind).to_owned(),
            previous_login_ms: session.previous_login.map(to_millis),
            last_activity_ms: to_millis(session.last_activity),
            ended: session.ended,
        };
        let digest = self.hasher.session_token_digest(token.as_str());
        self.store.insert_session(&digest, &row).await?;
        Ok(token)
    }

    /// The stored session `token` names. A token that names none (forged,
    /// mistyped, or from another database) is [`SsaError::SessionEnded`],
    /// as an ended one is once the core's methods check it.
    pub async fn resume_session(&self, token: &str) -> Result<Session> {
        if !well_formed(token) {
            return Err(SsaError::SessionEnded);
        }
        let digest = self.hasher.session_token_digest(token);
        let row = self
            .store
            .session(&digest)
            .await?
            .ok_or(SsaError::SessionEnded)?;
        let (user, account) = self.user_and_account(row.internet_user_row).await?;
        Ok(Session {
            internet_user_row: row.internet_user_row,
            internet_user_id: user.internet_user_id,
            basic_user_id: account.basic_user_id,
            previous_login: row.previous_login_ms.map(from_millis),
            kind: if row.kind == "kiosk" {
                SessionKind::Kiosk
            } else {
                SessionKind::Desktop
            },
            last_activity: from_millis(row.last_activity_ms),
            ended: row.ended,
        })
    }

    /// An Internet user's row and its basic account's; a session whose rows
    /// are gone has ended.
    pub(crate) async fn user_and_account(
        &self,
        internet_user_row: i64,
    ) -> Result<(InternetUserRow, BasicAccountRow)> {
        let user = self
            .store
            .internet_user_by_id(internet_user_row)
            .await?
            .ok_or(SsaError::SessionEnded)?;
        let account = self
            .store
            .basic_account_by_id(user.basic_account_id)
            .await?
            .ok_or(SsaError::SessionEnded)?;
        Ok((user, account))
    }

    /// Marks a resumed session ended, for [`Ssa::keep_session`] to store.
    pub fn end_stored_session(&self, session: &mut Session) {
        session.ended = true;
    }

    /// Keeps what a request did to the session it resumed: its last
    /// activity, or its end (logout, idle limit, maintenance).
    pub async fn keep_session(&self, token: &str, session: &Session) -> Result<()> {
        if !well_formed(token) {
            return Err(SsaError::SessionEnded);
        }
        let digest = self.hasher.session_token_digest(token);
        self.store
            .update_session(&digest, to_millis(session.last_activity), session.ended)
            .await
    }
}
