//! One module per job of the back office; `main.rs` holds the one match.

pub mod accounts;
pub mod audit;
pub mod branch;
pub mod calendar;
pub mod imports;
pub mod kiosk;
pub mod messages;
