//! The SSA server's JSON API, version 1: the paths and every request and
//! response body, shared by `ssa-server` and its clients so they cannot
//! drift. Dates are `YYYY-MM-DD` and months `YYYY-MM`, as typed; quantities
//! are whole numbers of shares; the words a person reads are made by the
//! client, in the reader's language, from an error's code and arguments.

use serde::{Deserialize, Serialize};

/// The routes. Every route under `/v1` but login needs
/// `Authorization: Bearer <token>`.
pub mod paths {
    pub const LOGIN: &str = "/v1/login";
    pub const LOGOUT: &str = "/v1/logout";
    pub const SESSION: &str = "/v1/session";
    pub const HOME: &str = "/v1/home";
    pub const HOLDINGS: &str = "/v1/holdings";
    pub const MOVEMENTS: &str = "/v1/movements";
    pub const DAILY_STATEMENT: &str = "/v1/statements/daily";
    pub const MONTHLY_STATEMENT: &str = "/v1/statements/monthly";
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
    /// Liveness and readiness (the database answers), without a session.
    pub const HEALTH: &str = "/health";
    /// Prometheus text, to loopback only.
    pub const METRICS: &str = "/metrics";
}

// The forms a person fills in (registration, the password changes,
// recovery, cancellation) travel as the core's own form types
// (`ssa_core::RegistrationForm` and the rest: camelCase JSON, the
// window's shape), which the server reads directly.

/// Which code, for which screen: `registration`, `change-basic-password`,
/// `recovery` or `cancellation`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaRequest {
    pub screen: String,
    /// The code this one replaces (Refresh), if any.
    #[serde(default)]
    pub old_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptchaAudioRequest {
    pub screen: String,
    pub id: String,
    /// `english`, `cantonese` or `mandarin`.
    pub voice: String,
}

/// A step begun and waiting (5 minutes at most) for its Confirm, named by
/// an unguessable token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unfinished {
    pub token: String,
    pub internet_user_id: String,
    /// What a registration's Confirm page shows; empty for a cancellation.
    #[serde(default)]
    pub basic_user_id: String,
    #[serde(default)]
    pub participant_id: String,
    #[serde(default)]
    pub ssa_number: String,
}

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

/// A message in the three languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageBody {
    pub reference: String,
    pub posted_at_ms: i64,
    pub subject: InThreeLanguages,
    pub body: InThreeLanguages,
}

/// A refusal: the core's error code and its data (`{"code": "invalid",
/// "args": [{"field": ..., "rule": ...}]}`), never prose.
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
}

/// Never the password, in a log or a panic.
impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("internet_user_id", &self.internet_user_id)
            .finish_non_exhaustive()
    }
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

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    /// The bearer token of this session: 64 hexadecimal digits.
    pub token: String,
    /// What the investor must do first: `change-basic-password`,
    /// `change-internet-password` or `home`.
    pub next: String,
    pub internet_user_id: String,
    pub basic_user_id: String,
}

/// What is due in a session still alive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub next: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeResponse {
    pub internet_user_id: String,
    pub basic_user_id: String,
    /// The login before this one, UTC milliseconds.
    pub previous_login_ms: Option<i64>,
    pub unread_messages: u64,
}

/// A text in the three languages: a stock's name, a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InThreeLanguages {
    pub en: String,
    pub zh_hk: String,
    pub zh_cn: String,
}

pub type StockNames = InThreeLanguages;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldingsRequest {
    pub date: String,
    #[serde(default)]
    pub with_zero: bool,
}

/// One stock and its balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StockBalance {
    pub code: String,
    pub names: StockNames,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldingsResponse {
    pub date: String,
    pub stocks: Vec<StockBalance>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MovementsRequest {
    pub from: String,
    pub to: String,
    /// A stock code or any part of a name; empty for every stock.
    #[serde(default)]
    pub stock: String,
    #[serde(default)]
    pub page: u32,
    #[serde(default)]
    pub new_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MovementLine {
    pub date: String,
    pub code: String,
    pub names: StockNames,
    /// The CCASS kind code, e.g. `CNS`.
    pub kind: String,
    pub reference: String,
    pub quantity_in: i64,
    pub quantity_out: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovementsResponse {
    /// Movements in the whole range (every page).
    pub total: u64,
    pub page: u32,
    pub movements: Vec<MovementLine>,
}

/// Whose statement it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementHeader {
    pub participant_id: String,
    pub ssa_number: String,
    pub basic_user_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DailyStatementRequest {
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyStock {
    pub code: String,
    pub names: StockNames,
    pub opening: i64,
    pub movements: Vec<MovementLine>,
    pub closing: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyStatement {
    pub date: String,
    pub header: StatementHeader,
    pub stocks: Vec<DailyStock>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MonthlyStatementRequest {
    pub month: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyStatement {
    pub month_end: String,
    pub header: StatementHeader,
    pub stocks: Vec<StockBalance>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeriesRequest {
    pub stock: String,
    pub from: String,
    pub to: String,
}

/// A stock's balance on the first day and at each change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalancePoint {
    pub date: String,
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub live: bool,
    /// The database answers.
    pub ready: bool,
}
