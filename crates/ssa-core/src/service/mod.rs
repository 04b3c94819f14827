//! The flows of spec section 3, one module each, as methods of [`Ssa`]. This
//! module holds the pieces they share: start-up (database and pepper), the
//! session, the maintenance gate and the step a logged-in investor must take
//! next.

mod bulk;
mod calendar;
mod codes;
mod enquiry;
mod import;
mod login;
pub mod maintenance;
mod messages;
mod operator;
mod records;
pub use operator::migrate_as_owner;
mod statement_export;
mod statement_requests;
pub use operator::AccountState;
mod passwords;
mod proofs;
mod recovery;
mod registration;
mod sessions;
mod unfinished;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use tracing::Instrument;

pub use bulk::{
    BulkProgress, BulkReport, InitialPasswords, BULK_HEADER, BULK_HEADER_WITH_PASSWORDS,
};
pub use calendar::{
    PublicHoliday, SpecialWindow, HOLIDAY_HEADER, SPECIAL_WINDOW_MAX_HOURS, UPCOMING_WINDOWS_SHOWN,
};
pub use enquiry::{
    DailyStatement, DailyStock, Holding, MonthlyStatement, Movement, MovementPage, StatementHeader,
    StockNames, MOVEMENTS_PAGE,
};
pub use import::{ImportReport, MOVEMENT_HEADER, STOCK_HEADER};
pub use login::LoginSuccess;
pub use messages::{Home, MessageBody, MessageSummary, NewMessage, PostedMessage};
pub use passwords::{ChangeBasicPasswordForm, ChangeInternetPasswordForm};
pub use records::{LineProblem, MAX_REPORTED_PROBLEMS};
pub use recovery::{CancellationForm, PendingCancellation, RecoveryForm};
pub use registration::{PendingRegistration, RegisteredUser, RegistrationForm};
pub use sessions::{HealthFigures, SessionToken};
pub use statement_export::{Export, ExportRequest, EXPORT_MAX_MOVEMENTS};
pub use statement_requests::{
    enquiry_date, enquiry_month, MovementsRequest, SeriesRequest, STOCK_FILTER_MAX,
};
pub use unfinished::PENDING_LIFETIME_SECS;

use crate::clock::{format_hong_kong, from_millis, to_millis, Clock};
use crate::error::{Result, SsaError};
use crate::secrets::SecretStore;
use crate::security::audit::{AuditFilter, AuditRecord, AuditVerification, ChainKey};
use crate::security::captcha::Captchas;
use crate::security::hashing::PasswordHasher;
use crate::security::INTERNET_PASSWORD_MAX_AGE_DAYS;
use crate::store::{BasicAccountRow, InternetUserRow, Store};

pub(crate) const PEPPER_CHECK_KEY: &str = "pepper_check";

/// The station an instance is when none is named: the verification code's
/// counters are kept per station and screen.
pub const DEFAULT_STATION: &str = "default";

/// The service layer: one per app instance.
#[derive(Clone)]
pub struct Ssa {
    pub(crate) store: Store,
    pub(crate) hasher: PasswordHasher,
    pub(crate) captchas: Captchas,
    pub(crate) clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Ssa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ssa")
            .field("backend", &self.store.backend_name())
            .finish_non_exhaustive()
    }
}

impl Ssa {
    /// Opens the database at `database_url` (SQLite path or URL by default,
    /// `postgres://` for PostgreSQL), migrating it, and takes the pepper from
    /// `secrets`. On a database with no accounts yet and no pepper stored, a
    /// new pepper is made and stored; over a database with no accounts, the
    /// store's pepper is taken as it is. It refuses to start when the database
    /// holds hashes made with a pepper that the store does not have. The
    /// audit chain's key is derived from the pepper here, and every audit
    /// entry is chained under it from then on.
    pub async fn open(
        database_url: &str,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        // Each step is a span: the app's log gives its time at start-up.
        let mut store = Store::open(database_url, &secrets)
            .instrument(tracing::info_span!("store.open_and_migrate"))
            .await?;
        let (pepper, claimed) = load_or_create_pepper(&store, secrets)
            .instrument(tracing::info_span!("pepper"))
            .await?;
        store.set_chain_key(ChainKey::derive(&pepper));
        // Only a database this start has just claimed has its empty chain
        // sealed: sealing on every start would bless a log someone emptied.
        if claimed {
            store
                .seal_audit_chain()
                .instrument(tracing::info_span!("audit.seal"))
                .await?;
        }
        // The decoy hash is made by `warm_up`, after the window's first
        // screen, not here: 30 ms of CPU the window wants at start-up.
        let hasher = PasswordHasher::new(pepper);
        Ok(Self {
            store,
            hasher,
            captchas: Captchas::new(DEFAULT_STATION),
            clock,
        })
    }

    /// Makes what the first failed login needs (the decoy hash, one Argon2id
    /// hash), so that an unknown ID is answered in the time of a wrong
    /// password from the first one on. The window calls it once its first
    /// screen is up; anything else may, and otherwise it is made on first
    /// need.
    pub async fn warm_up(&self) -> Result<()> {
        self.hasher
            .warm_up()
            .instrument(tracing::info_span!("decoy_hash"))
            .await
    }

    /// Names this instance (a desktop or one kiosk of a branch) for the
    /// verification code's per-screen counters, so that wrong codes at one
    /// kiosk do not pause the others that share its database. Call before
    /// any code is drawn.
    pub fn with_station(mut self, station: &str) -> Self {
        self.captchas = Captchas::new(station);
        self
    }

    /// The store, for tests only.
    #[cfg(feature = "test-support")]
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(crate) fn now_ms(&self) -> i64 {
        to_millis(self.clock.now())
    }

    /// Forgets an unfinished step (a Confirm page left by Back, Clear, another
    /// screen or the idle limit). Unknown or spent tokens are ignored.
    pub async fn abandon_unfinished(&self, token: &str) -> Result<()> {
        self.forget_draft(token).await
    }

    /// Whether the step of `token` is still unfinished: its Confirm may be
    /// tried again. The core alone decides when a step ends (a registration
    /// made, or refused because the ID or the account was taken meanwhile,
    /// ends it; so do five minutes; a wrong or malformed Basic password, a
    /// locked account or a storage error leave it to be tried again); the
    /// window's shell only holds the token.
    pub async fn is_unfinished(&self, token: &str) -> bool {
        self.draft(token).await.is_ok()
    }

    /// The newest `limit` audit entries, newest first (the operator's view).
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<crate::AuditEntry>> {
        self.store.audit_entries(limit).await
    }

    /// Checks the audit log's chain from its first entry to its head: the
    /// entries checked, those from before the chain, and the first break.
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        self.store.verify_audit().await
    }

    /// The audit entries `filter` selects, oldest first, each handed to
    /// `each` (the operator's export); how many there were.
    pub async fn export_audit(
        &self,
        filter: &AuditFilter,
        each: &mut (dyn FnMut(AuditRecord) -> Result<()> + Send),
    ) -> Result<u64> {
        self.store.export_audit(filter, each).await
    }

    /// Refuses with the end of the window while maintenance is on (spec 3.9).
    pub(crate) async fn ensure_open(&self) -> Result<()> {
        match self.maintenance_end(self.clock.now()).await? {
            Some(end) => Err(SsaError::Maintenance {
                until: format_hong_kong(end)[..16].to_owned(),
            }),
            None => Ok(()),
        }
    }

    /// Checks a session is still alive (idle limit, maintenance window) and
    /// marks it active; ends it otherwise.
    pub async fn touch(&self, session: &mut Session) -> Result<()> {
        self.check_alive(session).await?;
        session.last_activity = self.clock.now();
        Ok(())
    }

    async fn check_alive(&self, session: &mut Session) -> Result<()> {
        let now = self.clock.now();
        let idle_limit = Duration::seconds(session.kind.idle_limit_secs());
        if session.ended
            || now - session.last_activity > idle_limit
            || self
                .maintenance_began_between(session.last_activity, now)
                .await?
        {
            session.ended = true;
            return Err(SsaError::SessionEnded);
        }
        Ok(())
    }

    /// Whether the session is still alive, and the step due: the window's
    /// idle check. Unlike every other call it does not count as activity, so
    /// a window left open cannot keep a session alive by asking.
    pub async fn session_alive(&self, session: &mut Session) -> Result<NextStep> {
        self.check_alive(session).await?;
        let (user, account) = self.session_rows(session).await?;
        Ok(self.next_step_for(&user, &account))
    }

    /// Loads the session's Internet user and basic account, refusing a
    /// session whose ID has since been locked or cancelled.
    pub(crate) async fn session_rows(
        &self,
        session: &Session,
    ) -> Result<(InternetUserRow, BasicAccountRow)> {
        let (user, account) = self.user_and_account(session.internet_user_row).await?;
        if user.locked || user.cancelled_at.is_some() {
            return Err(SsaError::SessionEnded);
        }
        Ok((user, account))
    }

    /// The step a logged-in investor must take next.
    pub(crate) fn next_step_for(
        &self,
        user: &InternetUserRow,
        account: &BasicAccountRow,
    ) -> NextStep {
        if account.password_is_initial {
            NextStep::ChangeBasicPassword
        } else if password_age(self.clock.now(), user)
            > Duration::days(INTERNET_PASSWORD_MAX_AGE_DAYS)
        {
            NextStep::ChangeInternetPassword
        } else {
            NextStep::Home
        }
    }

    /// What the session must do next, as the core decides it now.
    pub async fn next_step(&self, session: &mut Session) -> Result<NextStep> {
        self.touch(session).await?;
        let (user, account) = self.session_rows(session).await?;
        Ok(self.next_step_for(&user, &account))
    }

    /// Ends the session and audits the logout.
    pub async fn logout(&self, session: &mut Session) -> Result<()> {
        self.end_session(session, "ok").await
    }

    /// Ends the session, auditing why (`ok` for a logout the investor asked
    /// for; `replaced-by-new-login`, `idle` and the like otherwise).
    pub async fn end_session(&self, session: &mut Session, outcome: &'static str) -> Result<()> {
        if session.ended {
            return Ok(());
        }
        session.ended = true;
        let event = crate::security::audit::AuditEvent::new(crate::AuditKind::Logout, outcome)
            .internet_user(session.internet_user_id.clone())
            .basic_user(session.basic_user_id.clone());
        self.store.audit(self.now_ms(), &event).await
    }
}

pub(crate) fn password_age(now: DateTime<Utc>, user: &InternetUserRow) -> Duration {
    now - from_millis(user.password_changed_at)
}

/// The pepper, and whether this start claimed the database for it (wrote
/// its check value into a database that had none).
async fn load_or_create_pepper(
    store: &Store,
    secrets: Arc<dyn SecretStore>,
) -> Result<(zeroize::Zeroizing<Vec<u8>>, bool)> {
    let reader = Arc::clone(&secrets);
    let stored = tokio::task::spawn_blocking(move || reader.get())
        .await
        .map_err(|_| SsaError::Internal)??;
    let check = store.meta(PEPPER_CHECK_KEY).await?;
    match (stored, check) {
        (Some(pepper), Some(check)) if PasswordHasher::pepper_check(&pepper) == check => {
            Ok((pepper, false))
        }
        // The database belongs to another pepper (a branch's, or an earlier
        // one): never replaced, even before any account exists, since
        // kiosks that share the database and its audit chain depend on it.
        (Some(_), Some(_)) => Err(SsaError::PepperMismatch),
        // No check value but records made under some pepper (the value was
        // removed): claiming it would orphan every hash and the audit chain.
        (Some(_), None) if store.holds_records().await? => Err(SsaError::PepperMismatch),
        (Some(pepper), None) => {
            claim_pepper(store, &pepper).await?;
            Ok((pepper, true))
        }
        // The database has a pepper this keyring lacks: `ssa-admin pepper
        // import` brings it (README, Branch set-up).
        (None, Some(_)) => Err(SsaError::PepperMissing),
        (None, None) if store.holds_records().await? => Err(SsaError::PepperMissing),
        (None, None) => {
            // Keyring first: if it fails, the database is left as it was and
            // the next start tries again.
            let pepper = PasswordHasher::new_pepper();
            let value = zeroize::Zeroizing::new(pepper.to_vec());
            tokio::task::spawn_blocking(move || secrets.set(&value))
                .await
                .map_err(|_| SsaError::Internal)??;
            claim_pepper(store, &pepper).await?;
            Ok((pepper, true))
        }
    }
}

/// Records `pepper`'s check value unless the database has one already, then
/// reads back which one it holds: of two kiosks that start together on an
/// empty database, the first to write wins and the other stops as with a
/// mismatched pepper.
async fn claim_pepper(store: &Store, pepper: &[u8]) -> Result<()> {
    let mine = PasswordHasher::pepper_check(pepper);
    store.meta_insert_if_absent(PEPPER_CHECK_KEY, &mine).await?;
    match store.meta(PEPPER_CHECK_KEY).await? {
        Some(held) if held == mine => Ok(()),
        _ => Err(SsaError::PepperMismatch),
    }
}

/// Where the session runs: a kiosk ends idle sessions sooner (spec 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    Desktop,
    Kiosk,
}

impl SessionKind {
    pub fn idle_limit_secs(self) -> i64 {
        match self {
            SessionKind::Desktop => 15 * 60,
            SessionKind::Kiosk => 2 * 60,
        }
    }
}

/// The step a logged-in investor must take before anything else.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NextStep {
    /// First login: the Basic password is still the initial one (spec 3.6).
    ChangeBasicPassword,
    /// The Internet password is older than 90 days (spec 3.7).
    ChangeInternetPassword,
    Home,
}

/// A logged-in investor. Made only by a successful login; held by the shell.
#[derive(Debug, Clone)]
pub struct Session {
    /// The Internet user's row in the store (not the ID the investor types).
    internet_user_row: i64,
    pub internet_user_id: String,
    pub basic_user_id: String,
    /// The login before this one, if any ("You last logged in at").
    pub previous_login: Option<DateTime<Utc>>,
    pub kind: SessionKind,
    last_activity: DateTime<Utc>,
    ended: bool,
}

impl Session {
    pub fn is_ended(&self) -> bool {
        self.ended
    }
}
