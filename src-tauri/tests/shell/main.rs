//! The shell's state, driven as the window's commands drive it, without a
//! window: the session is held in Rust and checked on every call, errors cross
//! as codes with words, and nothing secret crosses at all.
//!
//! One test binary (`cargo test -p ssa-desktop --test shell`), a module an
//! area. The tests that register need the code's answer, which only the test
//! build can fix: `--features e2e-captcha` (scripts/test.sh runs both ways).

#![allow(clippy::unwrap_used)]

mod common;
#[cfg(feature = "e2e-captcha")]
mod export;
#[cfg(feature = "e2e-captcha")]
mod remote;
mod session;
mod startup;
#[cfg(feature = "e2e-captcha")]
mod statements;
mod welcome;
