// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // A build with the test feature fixes verification codes: under the name
    // investors run, it does not start (its own binary is
    // ssa-desktop-test-build).
    if cfg!(feature = "e2e-captcha") {
        eprintln!("this is a test build of SSA Desktop: run ssa-desktop-test-build instead");
        return std::process::ExitCode::FAILURE;
    }
    match ssa_desktop::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("SSA Desktop could not start: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
