//! The server's secrets come from files, never from the environment or the
//! command line (where `ps` and crash reports show them): see
//! [`ssa_core::secrets::FileSecretStore`].

pub use ssa_core::secrets::FileSecretStore;
