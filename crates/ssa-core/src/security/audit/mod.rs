//! The audit log's vocabulary. Entries are appended in the same transaction as
//! the change they record; the tables refuse UPDATE and DELETE. An entry holds
//! IDs, a kind and an outcome: never a password, code, pepper or hash.
//!
//! The log is also a chain, so that a change made around the triggers (a file
//! owner dropping them, a superuser's TRUNCATE) is found: each entry's MAC,
//! under a key derived from the pepper, covers the previous entry's MAC, its
//! place and its fields; the head's MAC covers the chain's length and last
//! MAC, so a shortened log cannot pass for a whole one. [`ChainCheck`] walks
//! the chain and names the first entry that breaks it.

use blake2::digest::consts::U32;
use blake2::digest::{KeyInit, Mac};
use blake2::{Blake2b512, Blake2bMac, Digest};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::clock::{format_hong_kong, from_millis, hong_kong};
use crate::error::{Result, SsaError};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditKind {
    BasicAccountProvisioned,
    RegistrationConfirmed,
    RegistrationRefused,
    LoginSucceeded,
    LoginFailed,
    /// A wrong current Internet password on the change form (counted like a
    /// wrong login, but not a login).
    InternetPasswordCheckFailed,
    InternetUserLocked,
    BasicPasswordFailed,
    BasicAccountLocked,
    BasicPasswordChanged,
    InternetPasswordChanged,
    Logout,
    RecoveryRefused,
    InternetPasswordReset,
    CancellationRefused,
    InternetUserCancelled,
    MessagePosted,
    MessageWithdrawn,
    MaintenanceScheduled,
    MaintenanceCancelled,
    HolidaysChanged,
    OperatorUnlocked,
    StocksImported,
    MovementsImported,
}

impl AuditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::BasicAccountProvisioned => "basic-account-provisioned",
            AuditKind::RegistrationConfirmed => "registration-confirmed",
            AuditKind::RegistrationRefused => "registration-refused",
            AuditKind::LoginSucceeded => "login-succeeded",
            AuditKind::LoginFailed => "login-failed",
            AuditKind::InternetPasswordCheckFailed => "internet-password-check-failed",
            AuditKind::InternetUserLocked => "internet-user-locked",
            AuditKind::BasicPasswordFailed => "basic-password-failed",
            AuditKind::BasicAccountLocked => "basic-account-locked",
            AuditKind::BasicPasswordChanged => "basic-password-changed",
            AuditKind::InternetPasswordChanged => "internet-password-changed",
            AuditKind::Logout => "logout",
            AuditKind::RecoveryRefused => "recovery-refused",
            AuditKind::InternetPasswordReset => "internet-password-reset",
            AuditKind::CancellationRefused => "cancellation-refused",
            AuditKind::InternetUserCancelled => "internet-user-cancelled",
            AuditKind::MessagePosted => "message-posted",
            AuditKind::MessageWithdrawn => "message-withdrawn",
            AuditKind::MaintenanceScheduled => "maintenance-scheduled",
            AuditKind::MaintenanceCancelled => "maintenance-cancelled",
            AuditKind::HolidaysChanged => "holidays-changed",
            AuditKind::OperatorUnlocked => "operator-unlocked",
            AuditKind::StocksImported => "stocks-imported",
            AuditKind::MovementsImported => "movements-imported",
        }
    }
}

/// One entry to append.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub kind: AuditKind,
    pub internet_user_id: Option<String>,
    pub basic_user_id: Option<String>,
    /// A short machine word: `ok`, `wrong-password`, `unknown-id`, ...
    pub outcome: &'static str,
}

impl AuditEvent {
    pub fn new(kind: AuditKind, outcome: &'static str) -> Self {
        Self {
            kind,
            internet_user_id: None,
            basic_user_id: None,
            outcome,
        }
    }

    pub fn internet_user(mut self, id: impl Into<String>) -> Self {
        self.internet_user_id = Some(id.into());
        self
    }

    pub fn basic_user(mut self, id: impl Into<String>) -> Self {
        self.basic_user_id = Some(id.into());
        self
    }
}

/// One entry as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    pub kind: String,
    pub internet_user_id: Option<String>,
    pub basic_user_id: Option<String>,
    pub outcome: String,
}

/// The key of the audit chain: derived from the pepper under its own context
/// string, so it is neither the pepper nor anything else made from it. Held
/// in memory only; never stored, logged or printed.
#[derive(Clone)]
pub struct ChainKey(Zeroizing<[u8; 64]>);

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(..)")
    }
}

type ChainMac = Blake2bMac<U32>;

impl ChainKey {
    pub(crate) fn derive(pepper: &[u8]) -> Self {
        let mut digest = Blake2b512::new();
        digest.update(b"ssa-desktop audit chain key v1\0");
        digest.update((pepper.len() as u64).to_le_bytes());
        digest.update(pepper);
        let mut key = Zeroizing::new([0u8; 64]);
        key.copy_from_slice(&digest.finalize());
        Self(key)
    }

    fn mac(&self) -> ChainMac {
        // The key is 64 bytes, Blake2b's largest key: always accepted.
        <ChainMac as KeyInit>::new(self.0.as_slice().into())
    }

    /// The MAC of an entry at `seq` after the entry whose MAC is `prev_mac`
    /// (empty for the first). Every variable field is length-prefixed, and an
    /// absent ID differs from an empty one, so no two entries encode alike.
    pub(crate) fn entry_mac(&self, prev_mac: &str, seq: i64, fields: &ChainedFields<'_>) -> String {
        let mut mac = self.mac();
        put(&mut mac, b"entry v1");
        put(&mut mac, prev_mac.as_bytes());
        Mac::update(&mut mac, &seq.to_le_bytes());
        Mac::update(&mut mac, &fields.at_ms.to_le_bytes());
        put(&mut mac, fields.kind.as_bytes());
        put_optional(&mut mac, fields.internet_user_id);
        put_optional(&mut mac, fields.basic_user_id);
        put(&mut mac, fields.outcome.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The MAC of the head: the chain is `seq` entries long and ends in `mac`.
    pub(crate) fn head_mac(&self, seq: i64, mac: &str) -> String {
        let mut head = self.mac();
        put(&mut head, b"head v1");
        Mac::update(&mut head, &seq.to_le_bytes());
        put(&mut head, mac.as_bytes());
        hex::encode(head.finalize().into_bytes())
    }
}

fn put(mac: &mut ChainMac, bytes: &[u8]) {
    Mac::update(mac, &(bytes.len() as u64).to_le_bytes());
    Mac::update(mac, bytes);
}

fn put_optional(mac: &mut ChainMac, value: Option<&str>) {
    match value {
        None => Mac::update(mac, &[0]),
        Some(v) => {
            Mac::update(mac, &[1]);
            put(mac, v.as_bytes());
        }
    }
}

/// The fields of an entry that its MAC covers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChainedFields<'a> {
    pub at_ms: i64,
    pub kind: &'a str,
    pub internet_user_id: Option<&'a str>,
    pub basic_user_id: Option<&'a str>,
    pub outcome: &'a str,
}

/// An entry as stored, with its place in the chain (none before the chain).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct StoredEntry {
    pub id: i64,
    pub seq: Option<i64>,
    pub mac: Option<String>,
    pub at_ms: i64,
    pub kind: String,
    pub internet_user_id: Option<String>,
    pub basic_user_id: Option<String>,
    pub outcome: String,
}

impl StoredEntry {
    fn fields(&self) -> ChainedFields<'_> {
        ChainedFields {
            at_ms: self.at_ms,
            kind: &self.kind,
            internet_user_id: self.internet_user_id.as_deref(),
            basic_user_id: self.basic_user_id.as_deref(),
            outcome: &self.outcome,
        }
    }
}

/// The chain's head as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ChainHead {
    pub seq: i64,
    pub mac: String,
    pub head_mac: String,
}

/// What `verify_audit` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerification {
    /// Chained entries checked (up to the first break).
    pub checked: u64,
    /// Entries written before the chain began (migration 0005): they have
    /// no MAC to check and are not counted as bad.
    pub before_chain: u64,
    /// The head: how many entries the chain holds and its last MAC. Not a
    /// secret; an operator who notes it can later see the whole log rolled
    /// back to an earlier state, which no check inside the database can.
    pub head_seq: i64,
    pub head_mac: String,
    /// The first break, or `None` when the log is intact.
    pub problem: Option<AuditBreak>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.problem.is_none()
    }
}

/// The first place the chain breaks, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum AuditBreak {
    /// The entry's fields or MAC are not the ones written at its place.
    Edited { seq: i64, id: i64 },
    /// The entry at `seq` is gone (deleted), though later ones remain.
    Missing { seq: i64 },
    /// The entry sits before an entry that was written earlier.
    OutOfOrder { seq: i64, id: i64 },
    /// The head says the chain holds `head_seq` entries; only `last_seq`
    /// remain: the tail was cut (or the log emptied).
    TruncatedTail { last_seq: i64, head_seq: i64 },
    /// The head's own MAC is wrong, or it names a last MAC that is not the
    /// last entry's: the head was written by someone without the key.
    HeadForged { seq: i64 },
    /// An entry without a place in the chain, written after it began: it
    /// did not come through the service.
    Unchained { id: i64 },
    /// An entry placed past the chain's head: the service moves the head
    /// with every entry it writes, so this one was written around it.
    BeyondHead { seq: i64, id: i64 },
}

/// Walks the chain in `seq` order, one entry at a time, and stops at the
/// first break.
#[derive(Debug)]
pub(crate) struct ChainCheck<'k> {
    key: &'k ChainKey,
    checked: u64,
    prev_mac: String,
    prev_id: Option<i64>,
}

impl<'k> ChainCheck<'k> {
    pub(crate) fn new(key: &'k ChainKey) -> Self {
        Self {
            key,
            checked: 0,
            prev_mac: String::new(),
            prev_id: None,
        }
    }

    pub(crate) fn checked(&self) -> u64 {
        self.checked
    }

    /// The last `seq` checked so far (0 before the first).
    pub(crate) fn last_seq(&self) -> i64 {
        i64::try_from(self.checked).unwrap_or(i64::MAX)
    }

    /// Checks the next entry of a `seq`-ordered walk.
    pub(crate) fn next(&mut self, entry: &StoredEntry) -> std::result::Result<(), AuditBreak> {
        let expected = self.last_seq() + 1;
        let seq = entry.seq.unwrap_or(0);
        if seq != expected {
            return Err(AuditBreak::Missing { seq: expected });
        }
        let mac = self.key.entry_mac(&self.prev_mac, seq, &entry.fields());
        if entry.mac.as_deref() != Some(mac.as_str()) {
            return Err(AuditBreak::Edited { seq, id: entry.id });
        }
        if self.prev_id.is_some_and(|prev| entry.id < prev) {
            return Err(AuditBreak::OutOfOrder { seq, id: entry.id });
        }
        self.checked += 1;
        self.prev_mac = mac;
        self.prev_id = Some(entry.id);
        Ok(())
    }

    /// After the last entry up to the head's `seq`: the head must be the
    /// key's and name the last entry.
    pub(crate) fn finish(&self, head: &ChainHead) -> Option<AuditBreak> {
        if self.key.head_mac(head.seq, &head.mac) != head.head_mac {
            return Some(AuditBreak::HeadForged { seq: head.seq });
        }
        if self.last_seq() < head.seq {
            return Some(AuditBreak::TruncatedTail {
                last_seq: self.last_seq(),
                head_seq: head.seq,
            });
        }
        if self.prev_mac != head.mac {
            return Some(AuditBreak::HeadForged { seq: head.seq });
        }
        None
    }
}

/// One entry as exported: times in UTC and in Hong Kong time, spelt out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    /// The entry's place in the chain; none before the chain began.
    pub seq: Option<i64>,
    /// UTC, RFC 3339 with milliseconds: `2026-11-26T02:00:00.000Z`.
    pub at_utc: String,
    /// Hong Kong time (UTC+8): `2026-11-26 10:00:00`.
    pub at_hong_kong: String,
    pub kind: String,
    pub internet_user_id: Option<String>,
    pub basic_user_id: Option<String>,
    pub outcome: String,
}

impl From<StoredEntry> for AuditRecord {
    fn from(e: StoredEntry) -> Self {
        let at = from_millis(e.at_ms);
        Self {
            id: e.id,
            seq: e.seq,
            at_utc: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            at_hong_kong: format_hong_kong(at),
            kind: e.kind,
            internet_user_id: e.internet_user_id,
            basic_user_id: e.basic_user_id,
            outcome: e.outcome,
        }
    }
}

/// Which entries to export: a time range and, optionally, one ID.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// From this instant, inclusive (milliseconds since the epoch).
    pub from_ms: Option<i64>,
    /// Before this instant, exclusive.
    pub until_ms: Option<i64>,
    /// Entries naming this Internet User ID or Basic User ID (any case).
    pub user_id: Option<String>,
}

impl AuditFilter {
    /// Reads the operator's bounds. A time is Hong Kong time (UTC+8) unless
    /// it says otherwise: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` (or with a
    /// space), or RFC 3339 with its own offset (`...Z` for UTC). `from` is
    /// inclusive; `to` is exclusive, except that a bare date takes its whole
    /// day: `--to 2026-11-30` includes 30 November.
    pub fn parse(from: Option<&str>, to: Option<&str>, user_id: Option<&str>) -> Result<Self> {
        let from_ms = from
            .map(|t| parse_bound(t, false).map_err(|_| bad_time("from", t)))
            .transpose()?;
        let until_ms = to
            .map(|t| parse_bound(t, true).map_err(|_| bad_time("to", t)))
            .transpose()?;
        if let (Some(a), Some(b)) = (from_ms, until_ms) {
            if a >= b {
                return Err(SsaError::OperatorRefused {
                    reason: "--from must be before --to".into(),
                });
            }
        }
        let user_id = user_id
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        Ok(Self {
            from_ms,
            until_ms,
            user_id,
        })
    }
}

fn bad_time(name: &str, text: &str) -> SsaError {
    SsaError::OperatorRefused {
        reason: format!(
            "--{name} {text:?}: a time is YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] in Hong Kong time, \
             or RFC 3339 with an offset"
        ),
    }
}

fn parse_bound(text: &str, end: bool) -> std::result::Result<i64, ()> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc).timestamp_millis());
    }
    let local = if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let day = if end { day.succ_opt().ok_or(())? } else { day };
        day.and_hms_opt(0, 0, 0).ok_or(())?
    } else {
        [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or(())?
    };
    local
        .and_local_timezone(hong_kong())
        .single()
        .map(|t| t.with_timezone(&Utc).timestamp_millis())
        .ok_or(())
}

#[cfg(test)]
mod tests;
