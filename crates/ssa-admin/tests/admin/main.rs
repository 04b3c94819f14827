//! The operator's tool as an operator runs it: a real process over a real
//! database and the real keyring (`SSA_TEST_KEYRING=1`, set by
//! scripts/with-keyring.sh; skipped without one). One file per command
//! area; what they share is in common.rs.

#![allow(clippy::unwrap_used)]

mod common;

mod accounts;
mod audit;
mod branch;
mod calendar;
mod database;
mod imports;
mod kiosk;
mod messages;
