//! What the shell hands the window: the values of each screen, in the
//! reader's language where they hold words (TypeScript types by ts-rs).

use serde::Serialize;

use ssa_core::NextStep;

use crate::i18n::{Language, UiError};

/// The demo account shown on the Welcome screen in demo mode.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoInfo {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    /// A made-up initial password for a made-up account, shown on purpose.
    pub basic_password: String,
    /// The demo Internet User ID that logs in at once, while it reaches home.
    pub ready: Option<ssa_core::demo::DemoLogin>,
}

impl From<&ssa_core::demo::DemoAccount> for DemoInfo {
    fn from(a: &ssa_core::demo::DemoAccount) -> Self {
        Self {
            basic_user_id: a.basic_user_id.clone(),
            participant_id: a.participant_id.clone(),
            ssa_number: a.ssa_number.clone(),
            basic_password: a.basic_password.clone(),
            ready: a.ready.clone(),
        }
    }
}

/// What the window needs at start and after a language change.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub language: Language,
    pub labels: std::collections::BTreeMap<String, String>,
    pub demo: Option<DemoInfo>,
    /// Set when the service layer could not start; the window shows only this.
    pub startup_error: Option<UiError>,
    /// The last error, in the new language: the window shows it again after
    /// a language switch.
    pub last_error: Option<UiError>,
    pub kiosk: bool,
    /// Statements may be saved as CSV or PDF here (not on a kiosk, nor
    /// where the branch's policy forbids it).
    pub exports: bool,
    /// After this long without input on any screen but Welcome, the window
    /// ends the visit (15 minutes on a desktop, 2 on a kiosk).
    pub idle_limit_seconds: u32,
    /// A test build (fixed verification codes): the window says so on every
    /// screen. Always `false` in a build an investor can run.
    pub test_build: bool,
    /// The test build only, on request: `"script"` makes the window throw
    /// while it starts. Always `None` in a build an investor can run.
    pub test_startup_fault: Option<String>,
    /// The app's version (shown at the foot of Welcome).
    pub version: String,
}

/// Whether this is the end-to-end test build.
pub const TEST_BUILD: bool = cfg!(feature = "e2e-captcha");

/// A successful login: the step due next, and whose account it is (the
/// Change CCASS Basic password page shows the Basic User ID).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SignedIn {
    pub next: NextStep,
    pub basic_user_id: String,
}

/// The SSA home as the window shows it, in the chosen language.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeView {
    pub basic_user_id: String,
    pub internet_user_id: String,
    /// "You last logged in at ..." or "This is your first login."
    pub last_login: String,
    /// "Your Internet password expires in N days." when 14 or fewer are left.
    pub password_expiry: Option<String>,
    pub messages: Vec<MessageRow>,
    pub unread: u32,
    /// Movements that arrived since the login before this one.
    #[ts(type = "number")]
    pub new_movements: u64,
    /// "N new movements since your last login." when N is above 0.
    pub new_movements_text: Option<String>,
}

/// An opened broadcast message, its date in the chosen language.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageBody {
    pub reference: String,
    pub date: String,
    pub subject: String,
    pub body: String,
}

/// Welcome's notices beside the weekly timetable, in the chosen language.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WelcomeNotices {
    /// "From ... to ..." for each special maintenance window to come.
    pub special_windows: Vec<String>,
    /// "Next public holiday: ..." when the calendar has one.
    pub next_holiday: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageRow {
    #[ts(type = "number")]
    pub id: i64,
    pub date: String,
    pub reference: String,
    pub subject: String,
    pub read: bool,
}
