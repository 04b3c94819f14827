//! SSA Desktop's shell: a Tauri 2 window over `ssa-core`. It holds the
//! session and the chosen language, and turns the core's coded errors into
//! words; every rule stays in the core.

pub mod bindings;
pub mod commands;
pub mod export;
pub mod i18n;
pub mod logging;
pub mod settings;
pub mod state;
pub mod statements;

use tauri::Manager;

use crate::settings::Settings;
use crate::state::AppState;

/// For scripts/bench-window.sh: when `SSA_BENCH_T0` holds the launch time
/// (ms since the epoch), the window's first call prints how long the app took
/// to be ready. Prints nothing else, and nothing at all without the variable.
pub fn report_ready_for_benchmark() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let Ok(t0) = std::env::var("SSA_BENCH_T0") else {
        return;
    };
    ONCE.call_once(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        let start: u128 = t0.parse().unwrap_or(now);
        eprintln!("bench-ready-ms {}", now.saturating_sub(start));
    });
}

/// Starts the app. Returns when the window is closed.
pub fn run() -> Result<(), tauri::Error> {
    let settings = Settings::from_args_and_env();
    tauri::Builder::default()
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
                "starting"
            );
            let state = tauri::async_runtime::block_on(AppState::start(&settings, data_dir));
            app.manage(state);
            if settings.kiosk {
                if let Some(window) = app.get_webview_window("main") {
                    window.set_fullscreen(true)?;
                }
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::set_language,
            commands::new_captcha,
            commands::refresh_captcha,
            commands::captcha_audio,
            commands::abandon_pending,
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
        .run(tauri::generate_context!())
}
