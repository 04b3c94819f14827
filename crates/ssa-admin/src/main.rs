//! `ssa-admin`: what the broker's back office does, over the same service
//! layer and database as the investor window: provision SSA basic accounts,
//! post broadcast messages, unlock, read the audit log. Secrets (the initial
//! Basic password) are read from standard input, never from the command line,
//! where other users of the machine could see them.

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use secrecy::SecretString;
use ssa_core::domain::BasicAccountKey;
use ssa_core::{KeyringSecretStore, Ssa, SsaError, SystemClock};
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(name = "ssa-admin", version, about)]
struct Cli {
    /// The database: a SQLite path or URL, or `postgres://...` for a branch database.
    #[arg(long, env = "SSA_DATABASE_URL")]
    database: String,
    /// The keyring entry that holds the pepper (the app's by default; the
    /// demo database uses `argon2-pepper-demo`).
    #[arg(long, default_value = KeyringSecretStore::ACCOUNT)]
    keyring_account: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Provisions an SSA basic account; reads its initial CCASS Basic password
    /// (8 digits) from the first line of standard input.
    Provision {
        basic_user_id: String,
        participant_id: String,
        ssa_number: String,
    },
    /// Posts a broadcast message under the next 5-digit reference.
    PostMessage {
        #[arg(long)]
        subject: String,
        #[arg(long)]
        body: String,
    },
    /// Unlocks an Internet User ID locked by wrong passwords.
    UnlockInternetUser { internet_user_id: String },
    /// Unlocks an SSA basic account locked by wrong Basic passwords.
    UnlockBasicAccount {
        basic_user_id: String,
        participant_id: String,
        ssa_number: String,
    },
    /// Prints the newest audit entries, one JSON object a line.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ssa-admin: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The error's JSON: its code and data, for scripts to read.
            let detail = serde_json::to_string(&e).unwrap_or_default();
            eprintln!("ssa-admin: {e} {detail}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), SsaError> {
    let secrets = Arc::new(KeyringSecretStore::new(
        KeyringSecretStore::SERVICE,
        cli.keyring_account,
    ));
    let ssa = Ssa::open(&cli.database, secrets, Arc::new(SystemClock)).await?;
    match cli.command {
        Command::Provision {
            basic_user_id,
            participant_id,
            ssa_number,
        } => {
            let password = read_secret_line()?;
            let key = ssa
                .provision_basic_account(&basic_user_id, &participant_id, &ssa_number, &password)
                .await?;
            println!(
                "provisioned {} {} {}",
                key.basic_user_id.as_str(),
                key.participant_id.as_str(),
                key.ssa_number.as_str()
            );
        }
        Command::PostMessage { subject, body } => {
            let reference = ssa.post_message(&subject, &body).await?;
            println!("posted {reference}");
        }
        Command::UnlockInternetUser { internet_user_id } => {
            ssa.unlock_internet_user(&internet_user_id).await?;
            println!("unlocked {}", internet_user_id.trim());
        }
        Command::UnlockBasicAccount {
            basic_user_id,
            participant_id,
            ssa_number,
        } => {
            let key = BasicAccountKey::parse(&basic_user_id, &participant_id, &ssa_number)?;
            ssa.unlock_basic_account(&key).await?;
            println!("unlocked {}", key.basic_user_id.as_str());
        }
        Command::Audit { limit } => {
            for entry in ssa.audit_entries(limit).await? {
                println!("{}", serde_json::to_string(&entry).unwrap_or_default());
            }
        }
    }
    Ok(())
}

/// One line of standard input, without its line ending.
fn read_secret_line() -> Result<SecretString, SsaError> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|_| SsaError::Internal)?;
    Ok(SecretString::from(line.trim_end_matches(['\r', '\n'])))
}
