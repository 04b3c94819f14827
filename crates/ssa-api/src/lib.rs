//! The SSA server's JSON API, version 1: the paths, the few bodies only the
//! wire has (a login's token, a code request, a Confirm), and the core's own
//! types for everything else. The server sends the core's values and the
//! desktop's remote client reads the same types back, so the two cannot
//! drift: there is one definition of a holding, a statement or a form.
//! Identifiers read back through their parsers (`StockCode::parse` and the
//! rest), so a malformed answer is refused like any other input.
//!
//! Dates are `YYYY-MM-DD`, months `YYYY-MM`, instants RFC 3339; quantities
//! are whole numbers of shares. The words a person reads are made by the
//! client, in the reader's language, from a refusal's code and arguments
//! (`ssa_core::SsaError` read back from JSON).

use serde::{Deserialize, Serialize};

pub use ssa_core::{
    CancellationForm, CaptchaAudio, CaptchaImage, CaptchaScreen, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, DailyStatement, Export, ExportRequest, Holding, Home, MessageBody,
    MonthlyStatement, MovementPage, MovementsRequest, NextStep, PendingCancellation,
    PendingRegistration, PublicHoliday, RecoveryForm, RegisteredUser, RegistrationForm,
    SeriesRequest, SpecialWindow, SsaError, Voice,
};

/// The routes. Every route under `/v1` needs `Authorization: Bearer
/// <token>` but those a person uses before logging in: login, codes,
/// registration, Forgot password, cancellation, Welcome's notices and a
/// month's holidays.
pub mod paths {
    pub const LOGIN: &str = "/v1/login";
    pub const LOGOUT: &str = "/v1/logout";
    pub const SESSION: &str = "/v1/session";
    pub const HOME: &str = "/v1/home";
    pub const HOLDINGS: &str = "/v1/holdings";
    pub const MOVEMENTS: &str = "/v1/movements";
    pub const STATEMENT_DATES: &str = "/v1/statements/dates";
    pub const DAILY_STATEMENT: &str = "/v1/statements/daily";
    pub const MONTHLY_STATEMENT: &str = "/v1/statements/monthly";
    pub const EXPORT: &str = "/v1/export";
    pub const SERIES: &str = "/v1/series";
    pub const MESSAGE: &str = "/v1/messages/{id}";
    pub const CAPTCHA: &str = "/v1/captcha";
    pub const CAPTCHA_AUDIO: &str = "/v1/captcha/audio";
    pub const REGISTRATION: &str = "/v1/registration";
    pub const REGISTRATION_CONFIRM: &str = "/v1/registration/confirm";
    pub const BASIC_PASSWORD: &str = "/v1/password/basic";
    pub const INTERNET_PASSWORD: &str = "/v1/password/internet";
    pub const RECOVERY: &str = "/v1/recovery";
    pub const CANCELLATION: &str = "/v1/cancellation";
    pub const CANCELLATION_CONFIRM: &str = "/v1/cancellation/confirm";
    /// Drops a registration or cancellation waiting for its Confirm.
    pub const UNFINISHED_ABANDON: &str = "/v1/unfinished/abandon";
    /// Welcome's notices: special maintenance windows to come and the next
    /// public holiday.
    pub const NOTICES: &str = "/v1/notices";
    pub const HOLIDAYS: &str = "/v1/holidays";
    /// Liveness and readiness (the database answers), without a session.
    pub const HEALTH: &str = "/health";
    /// Prometheus text, to loopback only.
    pub const METRICS: &str = "/metrics";

    /// A message's path.
    pub fn message(id: i64) -> String {
        MESSAGE.replace("{id}", &id.to_string())
    }
}

/// Which code, for which screen.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaRequest {
    pub screen: CaptchaScreen,
    /// The code this one replaces (Refresh), if any.
    #[serde(default)]
    pub old_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaAudioRequest {
    pub screen: CaptchaScreen,
    pub id: String,
    pub voice: Voice,
}

/// Names a registration or cancellation waiting for its Confirm: its
/// token, and the Basic password for a registration's Confirm.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmRequest {
    pub token: String,
    /// The CCASS Basic password (a registration's Confirm only).
    #[serde(default)]
    pub basic_password: Option<String>,
}

/// Never the Basic password or the step's token.
impl std::fmt::Debug for ConfirmRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfirmRequest").finish_non_exhaustive()
    }
}

/// A refusal that is not the core's (`bad-request`, `not-found`,
/// `too-large`, `rate-limited`): `{"code": ...}`. The core's own refusals
/// are `SsaError` as JSON, `{"code": ..., "args": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub args: serde_json::Value,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    pub internet_user_id: String,
    pub password: String,
    /// A branch kiosk's login: the kiosk's shorter idle limit, and no
    /// exports. A client can only restrict itself with it.
    #[serde(default)]
    pub kiosk: bool,
}

/// Never the password, in a log or a panic.
impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("internet_user_id", &self.internet_user_id)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    /// The bearer token of this session: 64 hexadecimal digits.
    pub token: String,
    /// What the investor must do first.
    pub next: NextStep,
    pub internet_user_id: String,
    pub basic_user_id: String,
}

/// Never the token, in a log or a panic.
impl std::fmt::Debug for LoginResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginResponse")
            .field("next", &self.next)
            .field("internet_user_id", &self.internet_user_id)
            .finish_non_exhaustive()
    }
}

/// What is due in a session still alive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub next: NextStep,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldingsRequest {
    pub date: String,
    #[serde(default)]
    pub with_zero: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DateRequest {
    pub date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MonthRequest {
    pub month: String,
}

/// Welcome's notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notices {
    pub special_windows: Vec<SpecialWindow>,
    pub next_holiday: Option<PublicHoliday>,
}

/// A stock's balance on the first day and at each change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalancePoint {
    pub date: chrono::NaiveDate,
    pub balance: i64,
}

impl From<(chrono::NaiveDate, i64)> for BalancePoint {
    fn from((date, balance): (chrono::NaiveDate, i64)) -> Self {
        Self { date, balance }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub live: bool,
    /// The database answers.
    pub ready: bool,
}
