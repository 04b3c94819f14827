//! The security mechanisms the flows share: password hashing with the pepper,
//! the verification code, lockout limits and the audit log's vocabulary.
//! (The maintenance windows are the service's calendar: `service::maintenance`.)

pub mod audit;
pub mod captcha;
pub mod hashing;

/// Wrong attempts in a row that lock an Internet User ID or an SSA basic
/// account (spec 4).
pub const MAX_FAILED_ATTEMPTS: i64 = 5;
/// How many Internet passwords, the current one included, a new one may not
/// repeat (spec 3.7).
pub const INTERNET_PASSWORD_HISTORY: u32 = 5;
/// How many Basic passwords, the current one included, a new one may not
/// repeat (spec 3.6).
pub const BASIC_PASSWORD_HISTORY: u32 = 12;
/// An Internet password older than this must be changed at login.
pub const INTERNET_PASSWORD_MAX_AGE_DAYS: i64 = 90;
/// The home page warns this many days before the password expires.
pub const INTERNET_PASSWORD_WARN_DAYS: i64 = 14;
