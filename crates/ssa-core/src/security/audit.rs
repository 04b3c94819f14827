//! The audit log's vocabulary. Entries are appended in the same transaction as
//! the change they record; the tables refuse UPDATE and DELETE. An entry holds
//! IDs, a kind and an outcome: never a password, code, pepper or hash.

use serde::Serialize;

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
