//! SSA Desktop's shell: a Tauri 2 window over `ssa-core`. It holds the
//! session and the chosen language, and turns the core's coded errors into
//! words; every rule stays in the core.

pub mod backend;
pub mod bindings;
pub mod commands;
pub mod export;
pub mod format;
pub mod i18n;
pub mod logging;
pub mod settings;
pub mod startup;
pub mod state;
pub mod statements;
pub mod views;

use tauri::Manager;
use tracing::Instrument;

use crate::settings::Settings;
use crate::startup::Startup;
use crate::state::AppState;

/// Starts the app. Returns when the window is closed.
pub fn run() -> Result<(), tauri::Error> {
    startup::mark_launch();
    let settings = Settings::from_args_and_env();
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = match &settings.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&data_dir)?;
            if let Err(e) = logging::init(&data_dir) {
                eprintln!("SSA Desktop: no log file ({e})");
            }
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                test_build = state::TEST_BUILD,
                kiosk = settings.kiosk,
                demo = settings.demo,
                remote = settings.server.is_some(),
                "starting"
            );
            // The service layer opens beside the window (startup.rs).
            let (startup, ready) = Startup::new(logging::log_dir(&data_dir));
            app.manage(startup);
            let handle = app.handle().clone();
            let start_settings = settings.clone();
            tauri::async_runtime::spawn(
                async move {
                    let state = AppState::start(&start_settings, data_dir).await;
                    handle.manage(state);
                    ready.done();
                    tracing::info!(
                        ms_since_launch = startup::ms_since_launch() as u64,
                        "the service layer is ready"
                    );
                }
                .instrument(tracing::info_span!("startup")),
            );
            if settings.kiosk {
                if let Some(window) = app.get_webview_window("main") {
                    window.set_fullscreen(true)?;
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!())
}

/// The window's commands, for the app and for the test that calls each
/// through Tauri's mock runtime (`tests/every_command.rs`).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app_info,
        commands::report_startup_error,
        commands::set_language,
        commands::new_captcha,
        commands::refresh_captcha,
        commands::captcha_audio,
        commands::abandon_unfinished,
        commands::end_visit,
        commands::session_alive,
        commands::submit_registration,
        commands::confirm_registration,
        commands::login,
        commands::change_basic_password,
        commands::change_internet_password,
        commands::home,
        commands::open_message,
        commands::welcome_notices,
        commands::month_holidays,
        commands::holdings,
        commands::movements,
        commands::statement_dates,
        commands::daily_statement,
        commands::monthly_statement,
        commands::balance_series,
        commands::export_statement,
        commands::recover_internet_password,
        commands::check_cancellation,
        commands::confirm_cancellation,
        commands::logout,
        commands::open_hkex_website,
    ])
}
