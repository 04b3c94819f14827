//! The back office (issue 10): what the operator does with `ssa-admin`,
//! through the same core calls. Each file holds one area's rules.

mod calendar;
mod messages;
mod provisioning;
