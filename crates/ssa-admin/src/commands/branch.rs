//! A branch's kiosks: `branch connect` and the pepper's export and import.

use std::sync::Arc;

use clap::Subcommand;
use ssa_core::SsaError;

use crate::print::*;

#[derive(Subcommand, Clone)]
pub enum BranchCommand {
    /// Checks that the branch database at URL answers, keeps its password in
    /// this machine's keyring (from the URL, or else the first line of
    /// standard input) and writes DATA_DIR/config.json with the URL without
    /// the password.
    Connect {
        url: String,
        /// The app's data folder on this kiosk.
        #[arg(long)]
        data_dir: std::path::PathBuf,
        /// This kiosk's name for the verification code's pause (e.g.
        /// kiosk-3); a kiosk takes it from config.json only.
        #[arg(long)]
        station: Option<String>,
    },
}

pub async fn branch(command: BranchCommand) -> Result<(), SsaError> {
    let BranchCommand::Connect {
        url,
        data_dir,
        station,
    } = command;
    let typed = ssa_core::branch::split_database_password(&url)?.1;
    let password = match typed {
        Some(p) => Some(p),
        None => Some(crate::read_secret_line()?),
    };
    let bare = ssa_core::branch::connect(&url, password, ssa_core::branch::keyring_entry).await?;
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| refused(format!("{}: {e}", data_dir.display())))?;
    let config = data_dir.join("config.json");
    let mut settings = serde_json::json!({ "databaseUrl": bare });
    if let Some(station) = station
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
    {
        settings["station"] = serde_json::Value::String(station);
    }
    let text = settings.to_string();
    ssa_core::files::write_whole(&config, format!("{text}\n").as_bytes())
        .map_err(|e| refused(format!("{}: {e}", config.display())))?;
    println!(
        "connected: {bare}; password kept in the keyring; {} written",
        config.display()
    );
    Ok(())
}

#[derive(Subcommand, Clone)]
pub enum PepperCommand {
    /// Writes this machine's pepper, checked against the database and
    /// encrypted under a passphrase (first line of standard input, at least
    /// 12 characters), to the new FILE; with a SQLite database, its key too
    /// (what a backup restored on another machine needs).
    Export { file: std::path::PathBuf },
    /// Stores the pepper of FILE (passphrase on standard input), and the
    /// database key it carries, in this machine's keyring, after checking
    /// they belong to the database.
    Import {
        file: std::path::PathBuf,
        /// Replaces another pepper (or database key) this machine's keyring holds.
        #[arg(long)]
        replace: bool,
    },
}

pub async fn pepper(
    database: &str,
    secrets: Arc<ssa_core::KeyringSecretStore>,
    command: PepperCommand,
) -> Result<(), SsaError> {
    let passphrase = crate::read_secret_line()?;
    match command {
        PepperCommand::Export { file } => {
            ssa_core::branch::export_pepper(database, secrets, &passphrase, &file).await?;
            println!("pepper written, encrypted, to {}", file.display());
        }
        PepperCommand::Import { file, replace } => {
            let sealed = std::fs::read(&file)
                .map_err(|e| refused(format!("cannot read {}: {e}", file.display())))?;
            ssa_core::branch::import_pepper(database, secrets, &sealed, &passphrase, replace)
                .await?;
            println!("pepper imported into this machine's keyring; it matches the database");
        }
    }
    Ok(())
}
