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
pub mod updates;
pub mod views;
pub mod zoom;

use tauri::Manager;
use tracing::Instrument;

use crate::settings::Settings;
use crate::startup::Startup;
use crate::state::AppState;

/// Starts the app. Returns when the window is closed.
pub fn run() -> Result<(), tauri::Error> {
    startup::mark_launch();
    let settings = Settings::from_args_and_env();
    let kiosk = settings.kiosk;
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(navigation_guard())
        .on_window_event(move |_window, event| {
            // A kiosk's window is not closed by whoever stands at it
            // (Alt+F4, the window manager's close button).
            if let (true, tauri::WindowEvent::CloseRequested { api, .. }) = (kiosk, event) {
                tracing::info!("a close of the kiosk's window was refused");
                api.prevent_close();
            }
        })
        .setup(move |app| {
            let data_dir = match &settings.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&data_dir)?;
            // The zoom chosen last time, from the first frame (a kiosk's is
            // always 100 % and never remembered).
            let remember_in = (!settings.kiosk).then(|| data_dir.clone());
            let zoom = zoom::Zoom::new(
                zoom::allowed(settings::remembered_zoom(&data_dir)),
                remember_in,
            );
            if let Some(window) = app.get_webview_window("main") {
                if let Err(e) = window.set_zoom(zoom::factor(zoom.level())) {
                    eprintln!("SSA Desktop: the remembered zoom was not applied ({e})");
                }
            }
            app.manage(zoom);
            app.manage(updates::Updates::new(
                settings.update_feed(&data_dir).as_deref(),
                settings.kiosk,
            ));
            let version = app.package_info().version.to_string();
            if let Err(e) = logging::init(&data_dir) {
                eprintln!("SSA Desktop: no log file ({e})");
            }
            tracing::info!(
                version = %app.package_info().version,
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
                    let state = AppState::start(&start_settings, data_dir)
                        .await
                        .with_version(version);
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
                    // Full screen, and nothing to resize, minimise or close.
                    // The monitor's size too, where no window manager
                    // honours full screen (a bare X server).
                    window.set_fullscreen(true)?;
                    if let Some(monitor) = window.current_monitor()? {
                        let size = *monitor.size();
                        window.set_position(*monitor.position())?;
                        window.set_min_size(Some(size))?;
                        window.set_size(size)?;
                        window.set_max_size(Some(size))?;
                    }
                    window.set_resizable(false)?;
                    window.set_minimizable(false)?;
                    window.set_maximizable(false)?;
                    window.set_closable(false)?;
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!())
}

/// The window shows the app and nothing else: a navigation anywhere but the
/// app's own pages (a link, `location.href = …`, a form) is refused. The
/// HKEX website opens in the system's browser (`open_hkex_website`).
fn navigation_guard<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let own = app_page(url);
            if !own {
                // The scheme and host only: a URL may carry anything typed.
                tracing::warn!(
                    scheme = url.scheme(),
                    host = url.host_str().unwrap_or(""),
                    "a navigation away from the app was refused"
                );
            }
            own
        })
        .build()
}

/// The app's own pages: Tauri's custom protocol (`tauri://localhost` on
/// Linux and macOS, `http(s)://tauri.localhost` on Windows).
pub fn app_page(url: &url::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// The window's commands, for the app and for the test that calls each
/// through Tauri's mock runtime (`tests/every_command.rs`).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app_info,
        commands::report_startup_error,
        commands::set_language,
        commands::zoom,
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
        commands::check_update,
        commands::install_update,
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_stays_on_the_apps_own_pages() {
        let page = |u: &str| super::app_page(&url::Url::parse(u).unwrap());
        assert!(page("tauri://localhost/"));
        assert!(page("tauri://localhost/index.html#welcome"));
        assert!(page("http://tauri.localhost/"));
        assert!(page("https://tauri.localhost/"));
        for away in [
            "https://www.hkex.com.hk/",
            "http://localhost:1420/",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "about:blank",
            "javascript:alert(1)",
            "https://tauri.localhost.evil.example/",
        ] {
            assert!(!page(away), "{away}");
        }
    }
}
