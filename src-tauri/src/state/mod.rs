//! The shell's state: the service layer, the chosen language, and the one
//! investor session (who is logged in, which forced step is due). Each method
//! is one call into `ssa-core` plus the bookkeeping of this state; the Tauri
//! commands only forward to them, so they can be tested without a window.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ssa_core::{
    CaptchaAudio, CaptchaImage, CaptchaScreen, Clock, KeyringSecretStore, NextStep,
    PendingCancellation, PendingRegistration, SecretStore, SessionKind, Ssa, SsaError, SystemClock,
    Voice,
};
use tokio::sync::Mutex as AsyncMutex;
use tracing::Instrument;
use zeroize::Zeroizing;

use crate::backend::{Backend, Remote, Visit};
use crate::i18n::{Language, Localizer, UiError};
use crate::settings::{self, Settings};

mod account;
mod home;

/// The end-to-end test build's clock: the real time moved by a fixed span,
/// so a test run inside a weekly maintenance window can move the app past it.
#[cfg(feature = "e2e-captcha")]
struct ShiftedClock(chrono::Duration);

#[cfg(feature = "e2e-captcha")]
impl Clock for ShiftedClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.0
    }
}

pub use crate::views::{
    AppInfo, DemoInfo, HomeView, MessageBody, MessageRow, SignedIn, WelcomeNotices, TEST_BUILD,
};

pub struct AppState {
    backend: Result<Backend, SsaError>,
    localizer: Localizer,
    language: Mutex<Language>,
    data_dir: PathBuf,
    kiosk: bool,
    idle_limit_seconds: u32,
    /// Statements may be saved as CSV or PDF (not on a kiosk, nor where the
    /// branch's policy forbids it).
    exports: bool,
    demo: Option<ssa_core::demo::DemoAccount>,
    session: AsyncMutex<Option<Visit>>,
    pending: AsyncMutex<Option<PendingRegistration>>,
    pending_cancellation: AsyncMutex<Option<PendingCancellation>>,
    last_error: Mutex<Option<SsaError>>,
    /// The test build's start-up fault on request; always `None` otherwise.
    break_startup: Option<String>,
    /// The app's version, as its package says (`tauri.conf.json`).
    version: String,
}

impl AppState {
    /// Starts the service layer with the OS keyring, or the client of the
    /// SSA server the settings name.
    pub async fn start(settings: &Settings, data_dir: PathBuf) -> Self {
        if let Some(refused) = Self::refused_by_policy(settings, &data_dir) {
            return refused;
        }
        if let Some(server) = settings.server(&data_dir) {
            return Self::start_remote(&server, settings, data_dir);
        }
        let secrets = Arc::new(KeyringSecretStore::new(
            KeyringSecretStore::SERVICE,
            settings.keyring_account(),
        ));
        // A branch database's password is kept in the keyring (`ssa-admin
        // branch connect`), never in config.json: it joins the URL here, in
        // memory only.
        // The URL with the password stays in its zeroizing wrapper: it never
        // goes into the settings (a Debug type) or anywhere else.
        let url = Zeroizing::new(settings.database_url(&data_dir));
        let kept = tracing::info_span!("keyring.database_password")
            .in_scope(|| ssa_core::branch::with_keyring_password(&url));
        let url = match kept {
            Ok(full) => full,
            Err(e) => {
                tracing::warn!(code = e.code(), "no kept database password");
                url
            }
        };
        #[allow(unused_mut)]
        let mut clock: Arc<dyn Clock> = Arc::new(SystemClock);
        #[cfg(feature = "e2e-captcha")]
        if let Some(seconds) = settings.test.clock_offset_seconds {
            clock = Arc::new(ShiftedClock(chrono::Duration::seconds(seconds)));
        }
        Self::start_on(&url, settings, data_dir, secrets, clock).await
    }

    /// Starts over the settings' database (tests: any secret store, any clock).
    pub async fn start_with(
        settings: &Settings,
        data_dir: PathBuf,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let url = Zeroizing::new(settings.database_url(&data_dir));
        Self::start_on(&url, settings, data_dir, secrets, clock).await
    }

    /// A refused branch policy: nothing opens (no keyring, database or
    /// server); the window shows why, and nothing else.
    fn refused_by_policy(settings: &Settings, data_dir: &std::path::Path) -> Option<Self> {
        let refused = settings.policy_refused.clone()?;
        tracing::error!(
            code = refused.code(),
            "the branch's kiosk policy is refused"
        );
        Some(Self::with_backend(
            Err(refused),
            settings,
            data_dir.to_path_buf(),
            None,
        ))
    }

    /// The window as the SSA server's client: no database, no pepper and no
    /// demo on this computer; the CA file, when configured, is the only
    /// one trusted.
    pub fn start_remote(server: &str, settings: &Settings, data_dir: PathBuf) -> Self {
        let backend = settings
            .server_ca(&data_dir)
            .map(|path| {
                std::fs::read(&path).map_err(|e| {
                    tracing::error!(path = %path.display(), error = %e, "the server CA file");
                    SsaError::ServerUntrusted {
                        host: server.to_owned(),
                    }
                })
            })
            .transpose()
            .and_then(|ca| Remote::new(server, ca.as_deref()))
            .map(Backend::Remote);
        if let Err(e) = &backend {
            tracing::error!(code = e.code(), "the server's client could not start");
        }
        Self::with_backend(backend, settings, data_dir, None)
    }

    async fn start_on(
        url: &str,
        settings: &Settings,
        data_dir: PathBuf,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        if let Some(refused) = Self::refused_by_policy(settings, &data_dir) {
            return refused;
        }
        let station = settings.station(&data_dir);
        let ssa = Ssa::open(url, secrets, clock)
            .instrument(tracing::info_span!("ssa.open"))
            .await
            .map(|ssa| ssa.with_station(&station));
        if let Err(e) = &ssa {
            tracing::error!(code = e.code(), "the service layer could not start");
        }
        #[cfg(feature = "e2e-captcha")]
        if let (Ok(ssa), Some(answer)) = (&ssa, &settings.test.captcha_answer) {
            ssa.fix_captcha_answer(Some(answer.clone()));
        }
        let mut demo = None;
        if let (true, Ok(ssa)) = (settings.demo, &ssa) {
            demo = ssa_core::demo::provision(ssa, &data_dir)
                .instrument(tracing::info_span!("demo.provision"))
                .await;
        }
        Self::with_backend(ssa.map(Backend::Embedded), settings, data_dir, demo)
    }

    fn with_backend(
        backend: Result<Backend, SsaError>,
        settings: &Settings,
        data_dir: PathBuf,
        demo: Option<ssa_core::demo::DemoAccount>,
    ) -> Self {
        let kind = if settings.kiosk {
            SessionKind::Kiosk
        } else {
            SessionKind::Desktop
        };
        #[allow(unused_mut)]
        let mut idle_limit_seconds = settings
            .idle_limit_seconds
            .unwrap_or(kind.idle_limit_secs() as u32);
        #[cfg(feature = "e2e-captcha")]
        if let Some(seconds) = settings.test.idle_seconds {
            idle_limit_seconds = seconds;
        }
        let language = settings::remembered_language(&data_dir)
            .or_else(|| sys_locale::get_locale().map(|l| Language::negotiate(&l)))
            .unwrap_or(Language::English);
        Self {
            backend,
            localizer: tracing::info_span!("fluent.bundles").in_scope(Localizer::new),
            language: Mutex::new(language),
            data_dir,
            kiosk: settings.kiosk,
            idle_limit_seconds,
            exports: !settings.kiosk && !settings.exports_forbidden,
            demo,
            session: AsyncMutex::new(None),
            pending: AsyncMutex::new(None),
            pending_cancellation: AsyncMutex::new(None),
            last_error: Mutex::new(None),
            #[cfg(feature = "e2e-captcha")]
            break_startup: settings.test.break_startup.clone(),
            #[cfg(not(feature = "e2e-captcha"))]
            break_startup: None,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// The version the window shows: the package's (`tauri.conf.json`),
    /// which the app knows once Tauri has started.
    pub fn with_version(mut self, version: String) -> Self {
        self.version = version;
        self
    }

    /// The next person must not see the last one's error again after a
    /// language switch.
    fn forget_last_error(&self) {
        *self.last_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Whether this is a branch kiosk.
    pub fn is_kiosk(&self) -> bool {
        self.kiosk
    }

    /// Whether statements may be saved here (the branch's policy and the
    /// kiosk mode; the core refuses a kiosk session's export in any case).
    pub(crate) fn exports_allowed(&self) -> bool {
        self.exports
    }

    pub(crate) fn localizer(&self) -> &Localizer {
        &self.localizer
    }

    pub fn language(&self) -> Language {
        *self.language.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn backend(&self) -> Result<&Backend, UiError> {
        self.backend.as_ref().map_err(|e| self.error(e))
    }

    pub(crate) fn error(&self, e: &SsaError) -> UiError {
        *self.last_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.clone());
        self.localizer.error(self.language(), e)
    }

    pub fn app_info(&self) -> AppInfo {
        let language = self.language();
        AppInfo {
            language,
            labels: self.localizer.labels(language),
            demo: self.demo.as_ref().map(DemoInfo::from),
            startup_error: self
                .backend
                .as_ref()
                .err()
                .map(|e| self.localizer.error(language, e)),
            last_error: self
                .last_error
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
                .map(|e| self.localizer.error(language, e)),
            kiosk: self.kiosk,
            exports: self.exports,
            idle_limit_seconds: self.idle_limit_seconds,
            test_build: TEST_BUILD,
            test_startup_fault: self.break_startup.clone().filter(|fault| fault == "script"),
            version: self.version.clone(),
        }
    }

    /// Makes what the first failed login needs (the core's decoy hash),
    /// once the window has what it needs to draw.
    pub async fn warm_up(&self) {
        if let Ok(backend) = &self.backend {
            if let Err(e) = backend.warm_up().await {
                tracing::warn!(code = e.code(), "warm-up failed");
            }
        }
    }

    /// The window's first call: what it needs to start, or (the test build
    /// only, on request) a failure, so a test can see the failure page.
    pub fn first_call(&self) -> Result<AppInfo, UiError> {
        if self.break_startup.as_deref() == Some("first-call") {
            return Err(self.localizer.error(self.language(), &SsaError::Internal));
        }
        Ok(self.app_info())
    }

    fn session_kind(&self) -> SessionKind {
        if self.kiosk {
            SessionKind::Kiosk
        } else {
            SessionKind::Desktop
        }
    }

    /// Switches every word at once and remembers the choice.
    pub fn set_language(&self, language: Language) -> AppInfo {
        *self.language.lock().unwrap_or_else(|p| p.into_inner()) = language;
        if let Err(e) = settings::remember_language(&self.data_dir, language) {
            tracing::warn!(error = %e, "could not remember the language");
        }
        self.app_info()
    }

    pub async fn new_captcha(&self, screen: CaptchaScreen) -> Result<CaptchaImage, UiError> {
        self.backend()?
            .new_captcha(screen)
            .await
            .map_err(|e| self.error(&e))
    }

    pub async fn refresh_captcha(
        &self,
        screen: CaptchaScreen,
        old_id: &str,
    ) -> Result<CaptchaImage, UiError> {
        self.backend()?
            .refresh_captcha(screen, old_id)
            .await
            .map_err(|e| self.error(&e))
    }

    pub async fn captcha_audio(
        &self,
        screen: CaptchaScreen,
        id: &str,
    ) -> Result<CaptchaAudio, UiError> {
        let voice = match self.language() {
            Language::English => Voice::English,
            Language::TraditionalChinese => Voice::Cantonese,
            Language::SimplifiedChinese => Voice::Mandarin,
        };
        self.backend()?
            .captcha_audio(screen, id, voice)
            .await
            .map_err(|e| self.error(&e))
    }

    /// Forgets the unfinished registration or cancellation (Back, Clear,
    /// another screen): the core drops it, so nothing is left to confirm.
    pub async fn abandon_unfinished(&self) {
        let registration = self.pending.lock().await.take();
        let cancellation = self.pending_cancellation.lock().await.take();
        if let Ok(backend) = &self.backend {
            for token in [
                registration.as_ref().map(|p| p.token()),
                cancellation.as_ref().map(|p| p.token()),
            ]
            .into_iter()
            .flatten()
            {
                backend.abandon_unfinished(token).await;
            }
        }
    }

    /// The idle limit passed on some screen: unfinished steps are forgotten
    /// and any session ends (audited), so the next person at a kiosk finds
    /// nothing of the last one's.
    pub async fn end_visit(&self) -> Result<(), UiError> {
        self.forget_last_error();
        self.abandon_unfinished().await;
        let backend = self.backend()?;
        let session = self.session.lock().await.take();
        if let Some(mut session) = session {
            backend
                .end_session(&mut session, "idle")
                .await
                .map_err(|e| self.error(&e))?;
        }
        Ok(())
    }

    /// The newest audit entries: test builds only, for the shell's tests.
    #[cfg(feature = "e2e-captcha")]
    pub async fn audit_for_tests(&self, limit: u32) -> Vec<ssa_core::AuditEntry> {
        match self.backend.as_ref().ok().and_then(Backend::embedded) {
            Some(ssa) => ssa.audit_entries(limit).await.unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// Whether the session is alive and what is due, without counting as
    /// activity (the window's periodic check).
    pub async fn session_alive(&self) -> Result<NextStep, UiError> {
        self.with_session(async |b, s| b.session_alive(s).await)
            .await
    }
}
