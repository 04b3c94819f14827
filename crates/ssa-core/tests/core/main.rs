//! The service layer's integration tests: one binary. Each behaviour runs on
//! SQLite, and on PostgreSQL when `SSA_TEST_POSTGRES_URL` names a server
//! (`.ci/run` starts one and sets it).

#![allow(clippy::unwrap_used)] // a test that unwraps fails loudly, which is the point

#[macro_use]
mod common;

mod at_rest;
mod audit_chain;
mod audit_log;
mod back_office;
mod backup;
mod branch;
mod cancellation;
mod captcha;
mod crash;
mod demo;
mod domain_rules;
mod lockout;
mod login;
mod os_keyring;
mod parsers_never_panic;
mod passwords;
mod pepper;
mod postgres_roles;
mod races;
mod recovery;
mod registration;
mod statements;
mod stored_sessions;
mod tls;
