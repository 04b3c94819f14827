//! SSA Desktop's shell: a Tauri 2 window over `ssa-core`. It holds the
//! session and the chosen language, and turns the core's coded errors into
//! words; every rule stays in the core.

pub mod bindings;
pub mod commands;
pub mod i18n;
pub mod settings;
pub mod state;

use tauri::Manager;

use crate::settings::Settings;
use crate::state::AppState;

/// Starts the app. Returns when the window is closed.
pub fn run() -> Result<(), tauri::Error> {
    let settings = Settings::from_args_and_env();
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let data_dir = match &settings.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&data_dir)?;
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
            commands::submit_registration,
            commands::confirm_registration,
            commands::login,
            commands::change_basic_password,
            commands::change_internet_password,
            commands::home,
            commands::open_message,
            commands::logout,
            commands::open_hkex_website,
        ])
        .run(tauri::generate_context!())
}
