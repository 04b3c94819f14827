//! The end-to-end harness: starts the release test build of the real app
//! (`ssa-desktop-test-build`, with the `e2e-captcha` feature, so a test knows
//! the verification code and may shorten the idle limit) through tauri-driver
//! and WebKitWebDriver under Xvfb, and drives it as an investor would. The
//! tests, one file an area, are in `tests/`. Each test saves a screenshot of
//! its last screen under `test-output/e2e/`.
//!
//! Needs: `SSA_E2E_APP` (or target/release/ssa-desktop-test-build),
//! `SSA_SHIPPED_APP` for the shipped-build tests, `tauri-driver` and
//! `WebKitWebDriver` on PATH, a display, and an unlocked keyring; the README's
//! test command sets all of these up. Without a binary the tests are skipped,
//! unless `SSA_REQUIRE_E2E=1` (CI) makes that a failure.
//!
//! Each test file is its own binary, with its own copy of the statics here
//! (the lock, the clock offset); cargo runs the binaries one after another,
//! and `--test-threads=1` runs the tests of each one at a time.

// Test code only: an unwrap that fails is a test that fails, loudly.
#![allow(clippy::unwrap_used)]

mod app;
mod builds;
mod demo;
mod files;
mod forms;

pub use app::{cells_of, launch, App, Options};
pub use builds::{
    app_binary, clock_offset, hong_kong_now, installed_binary, shipped_binary,
    shipped_build_in_maintenance, workspace, Run, ONE_AT_A_TIME,
};
pub use demo::{balance_on, demo_history, shown_number};
pub use files::{
    files_under, log_says, save_rgb_png, screenshot_x_window, share_not_background, SCREENSHOTS,
};
pub use forms::{
    register, register_on, submit_registration, submit_registration_on, Account, DEMO,
};

/// The verification code's answer the test build is given.
pub const CODE: &str = "Kx7Pq";
