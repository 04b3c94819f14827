// The app's own commands, declared once: tauri-build makes an `allow-<name>`
// permission for each, and capabilities/main.json grants them to the window.
// The handler list (src/lib.rs), the capability, commands.rs and ui/src/ipc.ts
// are checked against this list by tests/commands_listed.rs.
const COMMANDS: &[&str] = &[
    "app_info",
    "report_startup_error",
    "set_language",
    "zoom",
    "new_captcha",
    "refresh_captcha",
    "captcha_audio",
    "abandon_unfinished",
    "end_visit",
    "session_alive",
    "submit_registration",
    "confirm_registration",
    "login",
    "change_basic_password",
    "change_internet_password",
    "home",
    "open_message",
    "welcome_notices",
    "month_holidays",
    "holdings",
    "movements",
    "statement_dates",
    "daily_statement",
    "monthly_statement",
    "balance_series",
    "export_statement",
    "recover_internet_password",
    "check_cancellation",
    "confirm_cancellation",
    "logout",
    "open_hkex_website",
    "check_update",
    "install_update",
];

/// Builds the window (ui/ → ui/dist, Tauri's frontendDist) so every build,
/// debug too, carries the current UI. Type checking (`npm run check`) is a
/// separate step of scripts/test.sh: the types come from this crate's own
/// tests (ts-rs), so they cannot be a condition of building it.
fn build_ui() {
    for path in [
        "../ui/src",
        "../ui/index.html",
        "../ui/package.json",
        "../ui/vite.config.ts",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let ui = std::path::Path::new("../ui");
    assert!(
        ui.join("node_modules").exists(),
        "ui/node_modules is missing: run scripts/install-deps.sh (or `npm ci` in ui/) first"
    );
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let status = std::process::Command::new(npm)
        .args(["run", "build"])
        .current_dir(ui)
        .status()
        .expect("npm runs");
    assert!(status.success(), "the window (ui/) failed to build");
}

fn main() {
    println!("cargo:rerun-if-changed=../locales");
    build_ui();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
