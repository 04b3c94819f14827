//! `ssa-admin`: what the broker's back office does, over the same service
//! layer and database as the investor window: provision SSA basic accounts,
//! post broadcast messages, unlock, read, verify and export the audit log,
//! import statement records. Secrets (the initial
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
    /// A branch database's password is taken from the keyring (`branch
    /// connect`) when the URL has none.
    #[arg(long, env = "SSA_DATABASE_URL")]
    database: Option<String>,
    /// The keyring entry that holds the pepper (the app's by default; the
    /// demo database uses `argon2-pepper-demo`).
    #[arg(long, default_value = KeyringSecretStore::ACCOUNT)]
    keyring_account: String,
    /// The pepper file a server uses (0600, 64 hexadecimal digits) instead
    /// of the keyring: the same database as `ssa-server --pepper-file`.
    #[arg(long)]
    pepper_file: Option<std::path::PathBuf>,
    /// Listings as JSON (one object a line) for scripts, not tables.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

mod commands;
mod describe;
mod print;
use commands::audit::{audit, AuditCommand};
use commands::calendar::{HolidayCommand, MaintenanceCommand};
use commands::imports::{finish, import, write_demo_statements};
use commands::messages::MessageCommand;

#[derive(Subcommand, Clone)]
enum Command {
    /// Provisions an SSA basic account; reads its initial CCASS Basic password
    /// (8 digits) from the first line of standard input.
    Provision {
        basic_user_id: String,
        participant_id: String,
        ssa_number: String,
    },
    /// Broadcast messages: post (in up to three languages), list, withdraw.
    #[command(subcommand)]
    Message(MessageCommand),
    /// Unlocks an Internet User ID locked by wrong passwords.
    UnlockInternetUser { internet_user_id: String },
    /// Unlocks an SSA basic account locked by wrong Basic passwords.
    UnlockBasicAccount {
        basic_user_id: String,
        participant_id: String,
        ssa_number: String,
    },
    /// Applies the database's migrations. On PostgreSQL, run it with the
    /// owner's URL; --app-role NAME then grants the app's role what the
    /// service needs: it may read and append to the audit log, never change,
    /// delete or truncate it, and may only read the statements
    /// (docs/postgres-roles.md); --import-role NAME grants the role that
    /// runs import-stocks and import-movements what an import needs. Needs
    /// no keyring.
    Migrate {
        #[arg(long)]
        app_role: Option<String>,
        #[arg(long)]
        import_role: Option<String>,
    },
    /// Copies a SQLite database, while the app runs, into the new FILE
    /// (PostgreSQL: use pg_dump).
    Backup { file: std::path::PathBuf },
    /// Reads, checks and exports the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Imports the stock list (CSV: stock_code,name_en,name_zh_hk,name_zh_cn).
    ImportStocks {
        file: std::path::PathBuf,
        /// Check and report without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Writes the demo history (fifteen stocks, about three years) as the two
    /// import files, stocks.csv and movements.csv, in DIR: an example of the
    /// import format. Needs no database.
    DemoStatements {
        #[arg(long)]
        out: std::path::PathBuf,
        #[arg(long, default_value = "C00088")]
        participant_id: String,
        #[arg(long, default_value = "01")]
        ssa_number: String,
        /// The history's last day (YYYY-MM-DD); today by default.
        #[arg(long)]
        until: Option<String>,
    },
    /// Imports movements (CSV: date,participant_id,ssa_number,stock_code,
    /// kind,quantity_in,quantity_out,reference). All or nothing.
    ImportMovements {
        file: std::path::PathBuf,
        /// Check and report without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Provisions every SSA basic account of a CSV file, or none (header
    /// basic_user_id,participant_id,ssa_number,initial_password; with
    /// --generate, the first three only).
    ProvisionBulk {
        file: std::path::PathBuf,
        /// Makes random 8-digit initial passwords and writes them, once, to
        /// this new file (readable by its owner only) for the letters.
        #[arg(long, value_name = "PASSWORDS_FILE")]
        generate: Option<std::path::PathBuf>,
    },
    /// Special maintenance windows (Hong Kong time): schedule, cancel, list.
    #[command(subcommand)]
    Maintenance(MaintenanceCommand),
    /// The public-holiday calendar: add, remove, list, import a year.
    #[command(subcommand)]
    Holiday(HolidayCommand),
    /// A branch's database: keep its password in this machine's keyring.
    #[command(subcommand)]
    Branch(commands::branch::BranchCommand),
    /// The branch's one pepper: export it encrypted, import it on a kiosk.
    #[command(subcommand)]
    Pepper(commands::branch::PepperCommand),
    /// A branch kiosk's policy file: `kiosk policy --check FILE`.
    #[command(subcommand)]
    Kiosk(commands::kiosk::KioskCommand),
    /// Accounts' state: IDs, locks and why, last login, password age.
    Accounts {
        /// One Basic User ID only.
        #[arg(long)]
        basic_user_id: Option<String>,
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
            if let SsaError::RecordsRefused { problems } = &e {
                describe::print_problems(problems);
            }
            // The error's JSON: its code and data, for scripts to read.
            let detail = serde_json::to_string(&e).unwrap_or_default();
            eprintln!("ssa-admin: {e} {detail}");
            ExitCode::FAILURE
        }
    }
}

/// The database's URL, with the password the keyring keeps for it.
fn database(cli: &Cli) -> Result<Zeroizing<String>, SsaError> {
    let database = cli
        .database
        .as_deref()
        .ok_or_else(|| SsaError::OperatorRefused {
            reason: "--database (or SSA_DATABASE_URL) names the database".into(),
        })?;
    ssa_core::branch::with_keyring_password(database)
}

/// This machine's keyring entry for the pepper.
fn secrets(cli: &Cli) -> Arc<KeyringSecretStore> {
    Arc::new(KeyringSecretStore::new(
        KeyringSecretStore::SERVICE,
        cli.keyring_account.clone(),
    ))
}

/// The service layer over the database, for the commands that need it:
/// with the server's pepper file when given, else the keyring's pepper.
async fn open(cli: &Cli) -> Result<Ssa, SsaError> {
    Ssa::open(&database(cli)?, secret_store(cli), Arc::new(SystemClock)).await
}

/// The pepper's (and a SQLite database key's) store: the server's pepper
/// file when given, else the keyring.
fn secret_store(cli: &Cli) -> Arc<dyn ssa_core::SecretStore> {
    match &cli.pepper_file {
        Some(path) => Arc::new(ssa_core::FileSecretStore::at(path)),
        None => secrets(cli),
    }
}

/// One match over every command: those that need no service layer (the
/// demo files, a branch's connection, migrations, the pepper) and those
/// that run over it.
async fn run(cli: Cli) -> Result<(), SsaError> {
    let json = cli.json;
    match cli.command.clone() {
        Command::DemoStatements {
            out,
            participant_id,
            ssa_number,
            until,
        } => write_demo_statements(&out, &participant_id, &ssa_number, until.as_deref()),
        Command::Branch(command) => commands::branch::branch(command).await,
        Command::Kiosk(command) => commands::kiosk::kiosk(command),
        Command::Migrate {
            app_role,
            import_role,
        } => {
            ssa_core::service::migrate_as_owner(
                &database(&cli)?,
                &secret_store(&cli),
                app_role.as_deref(),
                import_role.as_deref(),
            )
            .await?;
            println!("database migrated");
            if let Some(role) = app_role {
                println!("{role} may use it (statements: read only)");
            }
            if let Some(role) = import_role {
                println!("{role} may import statements");
            }
            Ok(())
        }
        Command::Pepper(command) => {
            commands::branch::pepper(&database(&cli)?, secrets(&cli), command).await
        }
        Command::Provision {
            basic_user_id,
            participant_id,
            ssa_number,
        } => {
            let ssa = open(&cli).await?;
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
            Ok(())
        }
        Command::Message(command) => {
            commands::messages::message(&open(&cli).await?, command, json).await
        }
        Command::UnlockInternetUser { internet_user_id } => {
            open(&cli)
                .await?
                .unlock_internet_user(&internet_user_id)
                .await?;
            println!("unlocked {}", internet_user_id.trim());
            Ok(())
        }
        Command::UnlockBasicAccount {
            basic_user_id,
            participant_id,
            ssa_number,
        } => {
            let key = BasicAccountKey::parse(&basic_user_id, &participant_id, &ssa_number)?;
            open(&cli).await?.unlock_basic_account(&key).await?;
            println!("unlocked {}", key.basic_user_id.as_str());
            Ok(())
        }
        Command::Backup { file } => {
            open(&cli).await?.backup_to(&file).await?;
            println!("backed up to {}", file.display());
            Ok(())
        }
        Command::Audit { command } => audit(&open(&cli).await?, command).await,
        Command::ImportStocks { file, dry_run } => {
            let ssa = open(&cli).await?;
            let report = import(&file, async |source, progress| {
                ssa.import_stocks(source, dry_run, progress).await
            })
            .await?;
            finish(&report, dry_run)
        }
        Command::ImportMovements { file, dry_run } => {
            let ssa = open(&cli).await?;
            let report = import(&file, async |source, progress| {
                ssa.import_movements(source, dry_run, progress).await
            })
            .await?;
            finish(&report, dry_run)
        }
        Command::ProvisionBulk { file, generate } => {
            commands::accounts::provision_bulk(&open(&cli).await?, &file, generate.as_deref()).await
        }
        Command::Maintenance(command) => {
            commands::calendar::maintenance(&open(&cli).await?, command, json).await
        }
        Command::Holiday(command) => {
            commands::calendar::holiday(&open(&cli).await?, command, json).await
        }
        Command::Accounts { basic_user_id } => {
            commands::accounts::accounts(&open(&cli).await?, basic_user_id.as_deref(), json).await
        }
    }
}

/// One line of standard input, without its line ending.
pub(crate) fn read_secret_line() -> Result<SecretString, SsaError> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|_| SsaError::Internal)?;
    Ok(SecretString::from(line.trim_end_matches(['\r', '\n'])))
}
