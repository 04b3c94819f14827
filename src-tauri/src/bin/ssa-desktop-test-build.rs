//! The end-to-end test build of SSA Desktop (feature `e2e-captcha`): its
//! verification codes may be fixed by the tests, and every screen says TEST
//! BUILD. No installer ships this binary.

fn main() -> std::process::ExitCode {
    match ssa_desktop::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("SSA Desktop (TEST BUILD) could not start: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
