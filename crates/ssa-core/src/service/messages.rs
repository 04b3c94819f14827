//! The SSA home (spec 3.8): who is logged in, when they last logged in, the
//! broadcast messages and how many are new, and how soon the password expires.

use chrono::{DateTime, Duration, Utc};

use super::{password_age, NextStep, Session, Ssa};
use crate::clock::from_millis;
use crate::domain::Localized;
use crate::error::{Result, SsaError};
use crate::security::{INTERNET_PASSWORD_MAX_AGE_DAYS, INTERNET_PASSWORD_WARN_DAYS};
use crate::store::MessageRow;

/// What the home page shows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageSummary {
    pub id: i64,
    pub posted_at: DateTime<Utc>,
    /// Five digits, e.g. `00002`.
    pub reference: String,
    /// In three languages: the window shows the reader's (English where
    /// the operator wrote no Chinese).
    pub subject: Localized,
    pub read: bool,
}

/// An opened message.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageBody {
    pub reference: String,
    pub posted_at: DateTime<Utc>,
    pub subject: Localized,
    pub body: Localized,
}

pub(crate) fn subject_of(m: &MessageRow) -> Localized {
    Localized {
        en: m.subject.clone(),
        zh_hk: m.subject_zh_hk.clone(),
        zh_cn: m.subject_zh_cn.clone(),
    }
}

pub(crate) fn body_of(m: &MessageRow) -> Localized {
    Localized {
        en: m.body.clone(),
        zh_hk: m.body_zh_hk.clone(),
        zh_cn: m.body_zh_cn.clone(),
    }
}

impl Ssa {
    /// The SSA home. Refused while a forced password change is due.
    pub async fn home(&self, session: &mut Session) -> Result<Home> {
        self.touch(session).await?;
        let (user, account) = self.session_rows(session).await?;
        if self.next_step_for(&user, &account) != NextStep::Home {
            return Err(SsaError::NotAllowed);
        }
        let rows = self.store.messages_for(user.id, self.now_ms()).await?;
        let unread = rows.iter().filter(|m| !m.read).count() as u32;
        let messages = rows
            .into_iter()
            .map(|m| MessageSummary {
                id: m.id,
                posted_at: from_millis(m.posted_at),
                subject: subject_of(&m),
                reference: m.reference,
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
        let rows = self
            .store
            .messages_for(session.internet_user_row, self.now_ms())
            .await?;
        let message = rows
            .into_iter()
            .find(|m| m.id == message_id)
            .ok_or(SsaError::NotAllowed)?;
        self.store
            .mark_read(session.internet_user_row, message.id, self.now_ms())
            .await?;
        Ok(MessageBody {
            posted_at: from_millis(message.posted_at),
            subject: subject_of(&message),
            body: body_of(&message),
            reference: message.reference,
        })
    }
}

/// A message the operator posts: subject and body in English (required)
/// and in either Chinese (optional, each language both or neither), and
/// when it stops being shown.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub subject: Localized,
    pub body: Localized,
    /// Not shown from this moment on; `None`: until withdrawn.
    pub ends_at: Option<DateTime<Utc>>,
}

/// A message as the operator's list shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PostedMessage {
    pub reference: String,
    pub posted_at: DateTime<Utc>,
    pub subject: Localized,
    pub ends_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// Whether investors see it now.
    pub shown: bool,
}

/// The longest subject, in characters.
pub const SUBJECT_MAX_CHARS: usize = 200;
/// The longest body, in characters.
pub const BODY_MAX_CHARS: usize = 10_000;

fn refused(reason: impl Into<String>) -> SsaError {
    SsaError::OperatorRefused {
        reason: reason.into(),
    }
}

/// Checks one language's subject and body (`None` for an optional
/// language left out): trimmed, within the lengths.
fn check_text(
    language: &str,
    subject: Option<&str>,
    body: Option<&str>,
    required: bool,
) -> Result<Option<(String, String)>> {
    let subject = subject.map(str::trim).filter(|t| !t.is_empty());
    let body = body.map(str::trim).filter(|t| !t.is_empty());
    match (subject, body) {
        (None, None) if !required => Ok(None),
        (Some(subject), Some(body)) => {
            if subject.chars().count() > SUBJECT_MAX_CHARS {
                return Err(refused(format!(
                    "the {language} subject is longer than {SUBJECT_MAX_CHARS} characters"
                )));
            }
            if subject.contains(['\n', '\r']) {
                return Err(refused(format!("the {language} subject must be one line")));
            }
            if body.chars().count() > BODY_MAX_CHARS {
                return Err(refused(format!(
                    "the {language} body is longer than {BODY_MAX_CHARS} characters"
                )));
            }
            Ok(Some((subject.to_owned(), body.to_owned())))
        }
        (None, _) => Err(refused(format!("the {language} subject is empty"))),
        (_, None) => Err(refused(format!("the {language} body is empty"))),
    }
}

impl NewMessage {
    /// A message from the operator's texts: English required; each Chinese
    /// language both subject and body, or neither.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        subject_en: &str,
        body_en: &str,
        subject_zh_hk: Option<&str>,
        body_zh_hk: Option<&str>,
        subject_zh_cn: Option<&str>,
        body_zh_cn: Option<&str>,
        ends_at: Option<DateTime<Utc>>,
    ) -> Result<Self> {
        let (s_en, b_en) = check_text("English", Some(subject_en), Some(body_en), true)?
            .ok_or_else(|| refused("the English subject is empty"))?;
        let hk = check_text("Traditional Chinese", subject_zh_hk, body_zh_hk, false)?;
        let cn = check_text("Simplified Chinese", subject_zh_cn, body_zh_cn, false)?;
        let (s_hk, b_hk) = hk.unzip();
        let (s_cn, b_cn) = cn.unzip();
        Ok(Self {
            subject: Localized {
                en: s_en,
                zh_hk: s_hk,
                zh_cn: s_cn,
            },
            body: Localized {
                en: b_en,
                zh_hk: b_hk,
                zh_cn: b_cn,
            },
            ends_at,
        })
    }
}

impl Ssa {
    /// Posts a broadcast message under the next free 5-digit reference. An
    /// end must lie ahead.
    pub async fn post_message(&self, message: &NewMessage) -> Result<String> {
        let now = self.now();
        if message.ends_at.is_some_and(|end| end <= now) {
            return Err(refused("the end date has passed already"));
        }
        let row = crate::store::NewMessageRow {
            subject: &message.subject,
            body: &message.body,
            ends_at: message.ends_at.map(crate::clock::to_millis),
        };
        let audit = crate::security::audit::AuditEvent::new(crate::AuditKind::MessagePosted, "ok");
        // Two operators posting at once may both count the same next
        // reference: the second tries the next one.
        let mut last = None;
        for _ in 0..5 {
            let reference = self.store.next_message_reference().await?;
            match self
                .store
                .post_message(&reference, &row, self.now_ms(), &audit)
                .await
            {
                Ok(()) => return Ok(reference),
                Err(e @ SsaError::OperatorRefused { .. }) => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(match last {
            Some(_) => refused(
                "other messages were being posted at the same moment; nothing was posted: post it again",
            ),
            None => SsaError::Internal,
        })
    }

    /// Every message ever posted, newest first, and whether it is shown now.
    pub async fn posted_messages(&self) -> Result<Vec<PostedMessage>> {
        let now = self.now_ms();
        Ok(self
            .store
            .all_messages()
            .await?
            .into_iter()
            .map(|m| PostedMessage {
                shown: m.withdrawn_at.is_none() && m.ends_at.is_none_or(|end| end > now),
                posted_at: from_millis(m.posted_at),
                subject: subject_of(&m),
                ends_at: m.ends_at.map(from_millis),
                withdrawn_at: m.withdrawn_at.map(from_millis),
                reference: m.reference,
            })
            .collect())
    }

    /// Withdraws a message: investors no longer see it. Refused for an
    /// unknown reference or one withdrawn already.
    pub async fn withdraw_message(&self, reference: &str) -> Result<()> {
        let reference = reference.trim();
        let audit =
            crate::security::audit::AuditEvent::new(crate::AuditKind::MessageWithdrawn, "ok");
        if self
            .store
            .withdraw_message(reference, self.now_ms(), &audit)
            .await?
        {
            Ok(())
        } else {
            Err(refused(format!(
                "no message {reference} is shown (unknown reference, or withdrawn already)"
            )))
        }
    }
}
