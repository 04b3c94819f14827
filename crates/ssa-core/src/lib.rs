//! # ssa-core
//!
//! The service layer of SSA Desktop, the HKEX CCASS "Stock Segregated Account
//! with Statement Service" Internet system. Every rule of the spec lives here
//! once: formats, registration, login, the two passwords and their histories,
//! lockout, maintenance windows, the audit log. The desktop window and the
//! operator tool only call in; they hold no rule of their own.
//!
//! Entry point: [`Ssa::open`], then one method per step a person takes.

pub mod branch;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod error;
pub mod files;
pub mod links;
pub mod policy;
pub mod secrets;
pub mod security;
pub mod service;
/// The store is reached through the service only; the tests (feature
/// `test-support`, which no shipped build has) may look into it.
#[cfg(feature = "test-support")]
pub mod store;
#[cfg(not(feature = "test-support"))]
pub(crate) mod store;
pub mod updates;

/// Whether this build can fix the verification code's answer (the
/// `fixed-captcha` test feature). A program investors run refuses to start
/// when it is.
pub const FIXED_CAPTCHA_COMPILED: bool = cfg!(feature = "fixed-captcha");

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{Result, SsaError};
pub use secrets::{FileSecretStore, KeyringSecretStore, MemorySecretStore, SecretStore};
pub use security::audit::{
    AuditBreak, AuditEntry, AuditFilter, AuditKind, AuditRecord, AuditVerification,
};
pub use security::captcha::{code_characters, CaptchaAudio, CaptchaImage, CaptchaScreen, Voice};
pub use service::{
    AccountState, BulkProgress, BulkReport, CancellationForm, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, DailyStatement, DailyStock, Export, ExportRequest, HealthFigures,
    Holding, Home, ImportReport, InitialPasswords, LineProblem, LoginSuccess, MessageBody,
    MessageSummary, MonthlyStatement, Movement, MovementPage, MovementsRequest, NewMessage,
    NextStep, PendingCancellation, PendingRegistration, PostedMessage, PublicHoliday, RecoveryForm,
    RegisteredUser, RegistrationForm, SeriesRequest, Session, SessionKind, SessionToken,
    SpecialWindow, Ssa, StatementHeader, StockNames, DEFAULT_STATION, MOVEMENTS_PAGE,
    PENDING_LIFETIME_SECS,
};
