//! The SSA home (spec 3.8): who is logged in, when they last logged in, the
//! broadcast messages and how many are new, and how soon the password expires.

use chrono::{DateTime, Duration, Utc};

use super::{password_age, NextStep, Session, Ssa};
use crate::clock::from_millis;
use crate::error::{Result, SsaError};
use crate::security::{INTERNET_PASSWORD_MAX_AGE_DAYS, INTERNET_PASSWORD_WARN_DAYS};

/// What the home page shows.
#[derive(Debug, Clone)]
pub struct Home {
    pub basic_user_id: String,
    pub internet_user_id: String,
    /// The login before this one; `None` on the first ever login. The
    /// window writes it in the reader's language, in Hong Kong time.
    pub previous_login_at: Option<DateTime<Utc>>,
    pub messages: Vec<MessageSummary>,
    pub unread: u32,
    /// Days until the Internet password expires, when 14 or fewer.
    pub password_expires_in_days: Option<u32>,
    /// Movements of the SSA that arrived since the login before this one.
    pub new_movements: u64,
}

/// One row of the broadcast messages table.
#[derive(Debug, Clone)]
pub struct MessageSummary {
    pub id: i64,
    pub posted_at: DateTime<Utc>,
    /// Five digits, e.g. `00002`.
    pub reference: String,
    pub subject: String,
    pub read: bool,
}

/// An opened message.
#[derive(Debug, Clone)]
pub struct MessageBody {
    pub reference: String,
    pub posted_at: DateTime<Utc>,
    pub subject: String,
    pub body: String,
}

impl Ssa {
    /// The SSA home. Refused while a forced password change is due.
    pub async fn home(&self, session: &mut Session) -> Result<Home> {
        self.touch(session)?;
        let (user, account) = self.session_rows(session).await?;
        if self.next_step_for(&user, &account) != NextStep::Home {
            return Err(SsaError::NotAllowed);
        }
        let rows = self.store.messages_for(user.id).await?;
        let unread = rows.iter().filter(|m| !m.read).count() as u32;
        let messages = rows
            .into_iter()
            .map(|m| MessageSummary {
                id: m.id,
                posted_at: from_millis(m.posted_at),
                reference: m.reference,
                subject: m.subject,
                read: m.read,
            })
            .collect();
        let left =
            Duration::days(INTERNET_PASSWORD_MAX_AGE_DAYS) - password_age(self.clock.now(), &user);
        let password_expires_in_days = (left <= Duration::days(INTERNET_PASSWORD_WARN_DAYS))
            .then(|| left.num_days().max(0) as u32);
        let new_movements = self.new_movements_since_last_login(session).await?;
        Ok(Home {
            new_movements,
            basic_user_id: account.basic_user_id,
            internet_user_id: user.internet_user_id,
            previous_login_at: session.previous_login,
            messages,
            unread,
            password_expires_in_days,
        })
    }

    /// Opens a broadcast message and marks it read.
    pub async fn open_message(
        &self,
        session: &mut Session,
        message_id: i64,
    ) -> Result<MessageBody> {
        self.home(session).await?;
        let rows = self.store.messages_for(session.internet_user_row).await?;
        let message = rows
            .into_iter()
            .find(|m| m.id == message_id)
            .ok_or(SsaError::NotAllowed)?;
        self.store
            .mark_read(session.internet_user_row, message.id, self.now_ms())
            .await?;
        Ok(MessageBody {
            posted_at: from_millis(message.posted_at),
            reference: message.reference,
            subject: message.subject,
            body: message.body,
        })
    }
}
