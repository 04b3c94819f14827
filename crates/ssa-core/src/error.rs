//! One error type for the whole service layer. Each variant has a stable code
//! (its serde tag) and carries data, never prose: the window turns the code and
//! its arguments into words through Fluent, in the reader's language.

use serde::{Deserialize, Serialize};

use crate::domain::FieldError;

/// Everything the service layer can refuse or fail with.
///
/// Serialises as `{"code": "...", "args": {...}}` so the window can branch on
/// the code and format the arguments itself.
/// It reads back from the same JSON too (a server's refusal, which a remote
/// client turns into words as the embedded window does); the details that
/// are never sent read back empty.
#[derive(
    Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, strum::EnumIter,
)]
#[serde(tag = "code", content = "args", rename_all = "kebab-case")]
pub enum SsaError {
    /// One or more fields broke a rule; every failed field is listed.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// Wrong ID, wrong password, locked or cancelled ID: one answer for all,
    /// so nobody can learn which Internet User IDs exist.
    #[error("login failed")]
    LoginFailed,
    /// Confirm registration: the triple names no provisioned account or the
    /// Basic password is wrong (one answer for both, spec 3.3).
    #[error("registration could not be confirmed")]
    RegistrationNotConfirmed,
    /// Forgot password: the ID, the triple and the Basic password do not
    /// belong together, or the account is locked (one answer for all).
    #[error("the password could not be reset")]
    RecoveryNotConfirmed,
    /// The SSA basic account already has a live Internet User ID. Only said
    /// after its Basic password verified.
    #[error("the SSA basic account already has an Internet User ID")]
    AccountAlreadyRegistered,
    /// Five wrong Basic passwords: the operator must unlock the account.
    #[error("the SSA basic account is locked")]
    BasicAccountLocked,
    /// The current CCASS Basic password given on a change form is wrong.
    #[error("the current CCASS Basic password is wrong")]
    CurrentBasicPasswordWrong { attempts_left: u32 },
    /// The current Internet password given on a change form is wrong.
    #[error("the current Internet password is wrong")]
    CurrentInternetPasswordWrong { attempts_left: u32 },
    /// Service is paused for maintenance until the given Hong Kong time.
    #[error("maintenance until {until}")]
    Maintenance {
        /// `YYYY-MM-DD HH:MM` in Hong Kong time.
        until: String,
    },
    /// The caller's session does not allow this step (not logged in, or a
    /// forced password change is due first).
    #[error("this step is not allowed now")]
    NotAllowed,
    /// The session ended (logout, idle time-out, maintenance).
    #[error("the session has ended")]
    SessionEnded,
    /// The keyring holds no pepper but the database already has hashes made
    /// with one. The service refuses to start rather than make a new pepper.
    #[error("the OS keyring has no pepper for a database that already holds accounts")]
    PepperMissing,
    /// The keyring's pepper is not the one the database's hashes were made with.
    #[error("the OS keyring's pepper does not match this database")]
    PepperMismatch,
    /// The SQLite database is encrypted but the keyring holds no key for
    /// it. The service refuses to start rather than make a new, empty
    /// database over the old one.
    #[error("the OS keyring has no key for this encrypted database")]
    DatabaseKeyMissing,
    /// The keyring's database key does not open this database.
    #[error("the OS keyring's database key does not open this database")]
    DatabaseKeyMismatch,
    /// An update's signature is not the publisher's (a changed package, or
    /// one signed with another key): it is not installed.
    #[error("the update's signature does not match the publisher's key")]
    UpdateUntrusted,
    /// An update offered a version older than (or the same as) the one
    /// running: it is not installed.
    #[error("the update {offered} is not newer than {current}")]
    UpdateNotNewer { offered: String, current: String },
    /// An update could not be fetched or installed.
    #[error("the update could not be fetched or installed: {detail}")]
    UpdateFailed {
        #[serde(skip_serializing, default)]
        detail: String,
    },
    /// The OS keyring could not be reached. The detail is for the log file
    /// and the operator's terminal; it never crosses to the window.
    #[error("the OS keyring is not available: {detail}")]
    Keyring {
        #[serde(skip_serializing, default)]
        detail: String,
    },
    /// The database could not be reached or answered with an error. The
    /// detail is for the log file and the operator's terminal only.
    #[error("storage error: {detail}")]
    Storage {
        #[serde(skip_serializing, default)]
        detail: String,
    },
    /// An unfinished step (the Confirm page of a registration or of a
    /// cancellation) waited longer than its 5 minutes, or was abandoned.
    #[error("the unfinished step has expired")]
    PendingExpired,
    /// The Internet User ID was cancelled already (by an earlier Confirm).
    #[error("the Internet User ID is already cancelled")]
    InternetUserAlreadyCancelled,
    /// An operator request named something that does not exist or broke a
    /// uniqueness rule (used by the operator tool).
    #[error("operator request refused: {reason}")]
    OperatorRefused { reason: String },
    /// A PostgreSQL database on another machine named without a checked TLS
    /// connection (`sslmode=verify-full`): refused before
    /// anything is sent, so nothing crosses the network in clear.
    #[error("the database at {host} would be reached without TLS and a checked certificate: add ?sslmode=verify-full&sslrootcert=/path/to/the-branch-ca.pem to its URL (a connection in clear is allowed only to localhost or a Unix socket)")]
    InsecureDatabaseLink { host: String },
    /// A fault inside the service layer (a worker thread died).
    /// Lines of an operator's file (or one record typed) broke these
    /// rules, and nothing was written. `ssa-admin` says each in words.
    #[error("{} bad lines: nothing written", problems.len())]
    #[serde(skip_deserializing)]
    RecordsRefused {
        problems: Vec<crate::domain::statements::LineProblem>,
    },

    /// The SSA server (the window's remote mode) did not answer: no
    /// network, a wrong address, or the server is down. Nothing was done;
    /// the next action tries again.
    #[error("the SSA server {host} cannot be reached")]
    ServerUnreachable { host: String },
    /// The SSA server's certificate is not one the window trusts (not
    /// signed by the system's roots or the configured CA, expired, or for
    /// another name): nothing was sent.
    #[error("the SSA server {host} did not show a certificate this computer trusts")]
    ServerUntrusted { host: String },
    /// The server would be reached over plain HTTP off this computer:
    /// refused before anything is sent.
    #[error("the SSA server {host} would be reached without TLS: use https://")]
    InsecureServerLink { host: String },
    /// The branch's kiosk policy file cannot be used (`policy.rs`): the app
    /// does not start, rather than start as a kiosk with guessed settings.
    /// `problem` is a `PolicyProblem` code; `detail` the parser's words.
    #[error("the kiosk policy {path} is refused: {problem} {detail}")]
    PolicyRefused {
        path: String,
        problem: String,
        detail: String,
    },
    /// The server's per-address limit: too many requests from here.
    #[error("too many requests to the SSA server from this address")]
    ServerBusy,

    #[error("internal error")]
    Internal,
}

impl SsaError {
    /// The stable code, as the window sees it.
    pub fn code(&self) -> &'static str {
        match self {
            SsaError::Invalid(_) => "invalid",
            SsaError::LoginFailed => "login-failed",
            SsaError::RegistrationNotConfirmed => "registration-not-confirmed",
            SsaError::RecoveryNotConfirmed => "recovery-not-confirmed",
            SsaError::AccountAlreadyRegistered => "account-already-registered",
            SsaError::BasicAccountLocked => "basic-account-locked",
            SsaError::CurrentBasicPasswordWrong { .. } => "current-basic-password-wrong",
            SsaError::CurrentInternetPasswordWrong { .. } => "current-internet-password-wrong",
            SsaError::Maintenance { .. } => "maintenance",
            SsaError::NotAllowed => "not-allowed",
            SsaError::SessionEnded => "session-ended",
            SsaError::PepperMissing => "pepper-missing",
            SsaError::PepperMismatch => "pepper-mismatch",
            SsaError::DatabaseKeyMissing => "database-key-missing",
            SsaError::DatabaseKeyMismatch => "database-key-mismatch",
            SsaError::UpdateUntrusted => "update-untrusted",
            SsaError::UpdateNotNewer { .. } => "update-not-newer",
            SsaError::UpdateFailed { .. } => "update-failed",
            SsaError::Keyring { .. } => "keyring",
            SsaError::Storage { .. } => "storage",
            SsaError::OperatorRefused { .. } => "operator-refused",
            SsaError::PendingExpired => "pending-expired",
            SsaError::InternetUserAlreadyCancelled => "internet-user-already-cancelled",
            SsaError::InsecureDatabaseLink { .. } => "insecure-database-link",
            SsaError::RecordsRefused { .. } => "records-refused",
            SsaError::ServerUnreachable { .. } => "server-unreachable",
            SsaError::ServerUntrusted { .. } => "server-untrusted",
            SsaError::InsecureServerLink { .. } => "insecure-server-link",
            SsaError::ServerBusy => "server-busy",
            SsaError::PolicyRefused { .. } => "policy-refused",
            SsaError::Internal => "internal",
        }
    }

    /// The field errors, when this is an input error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            SsaError::Invalid(errors) => errors,
            _ => &[],
        }
    }

    pub(crate) fn invalid(error: FieldError) -> Self {
        SsaError::Invalid(vec![error])
    }
}

impl From<sqlx::Error> for SsaError {
    fn from(e: sqlx::Error) -> Self {
        // The database's text never carries a secret: every secret is bound
        // as a parameter and only hashes are ever stored. It goes to the log.
        tracing::error!(error = %e, "storage error");
        SsaError::Storage {
            detail: e.to_string(),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for SsaError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(error = %e, "database migration failed");
        SsaError::Storage {
            detail: e.to_string(),
        }
    }
}

pub type Result<T, E = SsaError> = std::result::Result<T, E>;
