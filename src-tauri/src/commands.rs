//! The window's commands. Each is one call into the shell state, which makes
//! one call into `ssa-core`; errors cross as `{code, args, message, fields}`.
//! The list of names is kept once, in `COMMANDS`, which `build.rs` turns into
//! permissions and `capabilities/main.json` grants to the main window.

use secrecy::SecretString;
use ssa_core::{
    CancellationForm, CaptchaAudio, CaptchaImage, CaptchaScreen, ChangeBasicPasswordForm,
    ChangeInternetPasswordForm, MovementsRequest, NextStep, RecoveryForm, RegisteredUser,
    RegistrationForm, SeriesRequest,
};
use tauri::{Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::i18n::{Language, UiError};
use crate::startup::Startup;
use crate::state::{AppInfo, AppState, HomeView, MessageBody, SignedIn, WelcomeNotices};
use crate::statements::{
    BalancePoint, DailyStatementView, HoldingsView, MonthlyStatementView, MovementsView,
};

/// The HKEX website, opened in the system browser.
const HKEX_WEBSITE: &str = "https://www.hkex.com.hk/";

/// The window's first call: waits for the service layer, which opens beside
/// the window (startup.rs).
#[tauri::command]
pub async fn app_info<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    startup: State<'_, Startup>,
) -> Result<AppInfo, UiError> {
    startup.wait().await;
    crate::startup::first_call_from_window();
    let Some(state) = app.try_state::<AppState>() else {
        return Err(UiError::internal("the service layer did not start"));
    };
    let info = state.first_call();
    // Once the window has what it draws Welcome with, the core makes what
    // the first failed login needs (it would compete with the window for
    // the CPU before).
    let later = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Some(state) = later.try_state::<AppState>() {
            state.warm_up().await;
        }
    });
    info
}

/// The window could not start: logs why and answers where the log is.
#[tauri::command]
pub fn report_startup_error(startup: State<'_, Startup>, message: String) -> String {
    startup.report_failure(&message)
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> AppInfo {
    state.set_language(language)
}

/// Ctrl/Cmd `+`, `-` or `0`: the window's zoom, between 100 % and 200 %,
/// remembered; a kiosk's stays 100 %. Answers the level now.
#[tauri::command]
pub fn zoom<R: tauri::Runtime>(
    window: tauri::WebviewWindow<R>,
    zoom: State<'_, crate::zoom::Zoom>,
    step: crate::zoom::ZoomStep,
) -> u16 {
    let level = zoom.step(step);
    if let Err(e) = window.set_zoom(crate::zoom::factor(level)) {
        tracing::warn!(error = %e, "could not zoom the window");
    }
    level
}

#[tauri::command]
pub async fn new_captcha(
    state: State<'_, AppState>,
    screen: CaptchaScreen,
) -> Result<CaptchaImage, UiError> {
    state.new_captcha(screen).await
}

#[tauri::command]
pub async fn refresh_captcha(
    state: State<'_, AppState>,
    screen: CaptchaScreen,
    old_id: String,
) -> Result<CaptchaImage, UiError> {
    state.refresh_captcha(screen, &old_id).await
}

/// Listen: the code on the screen, spoken in the reader's language.
#[tauri::command]
pub async fn captcha_audio(
    state: State<'_, AppState>,
    screen: CaptchaScreen,
    id: String,
) -> Result<CaptchaAudio, UiError> {
    state.captcha_audio(screen, &id).await
}

#[tauri::command]
pub async fn abandon_unfinished(state: State<'_, AppState>) -> Result<(), UiError> {
    state.abandon_unfinished().await;
    Ok(())
}

#[tauri::command]
pub async fn end_visit(state: State<'_, AppState>) -> Result<(), UiError> {
    state.end_visit().await
}

#[tauri::command]
pub async fn session_alive(state: State<'_, AppState>) -> Result<NextStep, UiError> {
    state.session_alive().await
}

#[tauri::command]
pub async fn submit_registration(
    state: State<'_, AppState>,
    form: RegistrationForm,
) -> Result<RegisteredUser, UiError> {
    state.submit_registration(form).await
}

#[tauri::command]
pub async fn confirm_registration(
    state: State<'_, AppState>,
    basic_password: SecretString,
) -> Result<RegisteredUser, UiError> {
    state.confirm_registration(basic_password).await
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    internet_user_id: String,
    password: SecretString,
) -> Result<SignedIn, UiError> {
    state.login(&internet_user_id, password).await
}

#[tauri::command]
pub async fn change_basic_password(
    state: State<'_, AppState>,
    form: ChangeBasicPasswordForm,
) -> Result<NextStep, UiError> {
    state.change_basic_password(form).await
}

#[tauri::command]
pub async fn change_internet_password(
    state: State<'_, AppState>,
    form: ChangeInternetPasswordForm,
) -> Result<NextStep, UiError> {
    state.change_internet_password(form).await
}

#[tauri::command]
pub async fn home(state: State<'_, AppState>) -> Result<HomeView, UiError> {
    state.home().await
}

#[tauri::command]
pub async fn welcome_notices(state: State<'_, AppState>) -> Result<WelcomeNotices, UiError> {
    state.welcome_notices().await
}

#[tauri::command]
pub async fn month_holidays(
    state: State<'_, AppState>,
    month: String,
) -> Result<Vec<crate::statements::HolidayLine>, UiError> {
    state.month_holidays(&month).await
}

#[tauri::command]
pub async fn open_message(state: State<'_, AppState>, id: i64) -> Result<MessageBody, UiError> {
    state.open_message(id).await
}

#[tauri::command]
pub async fn holdings(
    state: State<'_, AppState>,
    date: String,
    with_zero: bool,
) -> Result<HoldingsView, UiError> {
    state.holdings(&date, with_zero).await
}

#[tauri::command]
pub async fn movements(
    state: State<'_, AppState>,
    request: MovementsRequest,
) -> Result<MovementsView, UiError> {
    state.movements(&request).await
}

#[tauri::command]
pub async fn statement_dates(
    state: State<'_, AppState>,
    month: String,
) -> Result<Vec<String>, UiError> {
    state.statement_dates(&month).await
}

#[tauri::command]
pub async fn daily_statement(
    state: State<'_, AppState>,
    date: String,
) -> Result<DailyStatementView, UiError> {
    state.daily_statement(&date).await
}

#[tauri::command]
pub async fn monthly_statement(
    state: State<'_, AppState>,
    month: String,
) -> Result<MonthlyStatementView, UiError> {
    state.monthly_statement(&month).await
}

#[tauri::command]
pub async fn balance_series(
    state: State<'_, AppState>,
    request: SeriesRequest,
) -> Result<Vec<BalancePoint>, UiError> {
    state.balance_series(&request).await
}

/// Saves a statement where the investor chooses in the system's save
/// dialog, which Rust opens: the window never names a path, so no script in
/// it can write a file elsewhere. The end-to-end test build alone takes a
/// `path` instead (a dialog cannot be driven through WebDriver). Answers
/// where the file went, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_statement<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    what: ssa_core::ExportRequest,
    format: crate::export::ExportFormat,
    #[allow(unused_variables)] path: Option<std::path::PathBuf>,
) -> Result<Option<String>, UiError> {
    // The one call into the core first: without a live session, or on a
    // kiosk, no file browser ever opens.
    let export = state.statement_for_export(&what).await?;
    #[cfg(feature = "e2e-captcha")]
    let chosen = path;
    #[cfg(not(feature = "e2e-captcha"))]
    let chosen = None;
    let path = match chosen {
        Some(path) => path,
        None => {
            use tauri_plugin_dialog::DialogExt;
            let (extension, label) = format.extension();
            let (tx, rx) = tokio::sync::oneshot::channel();
            app.dialog()
                .file()
                .add_filter(label, &[extension])
                .set_file_name(format!("{}.{extension}", crate::export::file_stem(&what)))
                .save_file(move |picked| {
                    let _ = tx.send(picked);
                });
            match rx.await.ok().flatten().map(|p| p.into_path()) {
                Some(Ok(path)) => path,
                Some(Err(_)) => return Err(state.export_failed()),
                None => return Ok(None),
            }
        }
    };
    state.write_export(export, format, &path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn recover_internet_password(
    state: State<'_, AppState>,
    form: RecoveryForm,
) -> Result<(), UiError> {
    state.recover_internet_password(form).await
}

#[tauri::command]
pub async fn check_cancellation(
    state: State<'_, AppState>,
    form: CancellationForm,
) -> Result<String, UiError> {
    state.check_cancellation(form).await
}

#[tauri::command]
pub async fn confirm_cancellation(state: State<'_, AppState>) -> Result<(), UiError> {
    state.confirm_cancellation().await
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> Result<(), UiError> {
    state.logout().await
}

#[tauri::command]
pub fn open_hkex_website<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    // A kiosk opens no browser: it would lead out of the app.
    if app.try_state::<AppState>().is_none_or(|s| s.is_kiosk()) {
        tracing::info!("the HKEX website is not opened on a kiosk");
        return;
    }
    if let Err(e) = app.opener().open_url(HKEX_WEBSITE, None::<&str>) {
        tracing::warn!(error = %e, "could not open the HKEX website");
    }
}

/// Whether the update feed offers a newer version (desktop only; `None`
/// without a feed, on a kiosk, or when nothing is newer).
#[tauri::command]
pub async fn check_update<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    updates: State<'_, crate::updates::Updates>,
) -> Result<Option<crate::updates::UpdateOffer>, UiError> {
    updates.check(&app).await.map_err(|e| state.error(&e))
}

/// Installs the update found, on the investor's word, and restarts into it.
#[tauri::command]
pub async fn install_update<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    updates: State<'_, crate::updates::Updates>,
) -> Result<(), UiError> {
    updates.install(&app).await.map_err(|e| state.error(&e))
}
