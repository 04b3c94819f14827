//! `ssa-admin`: what the broker's back office does, over the same service
//! layer and database as the investor window: provision SSA basic accounts,
//! post broadcast messages, unlock, read, verify and export the audit log,
//! import statement records. Secrets (the initial
//! Basic password) are read from standard input, never from the command line,
//! where other users of the machine could see them.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use secrecy::SecretString;
use ssa_core::domain::statements::ImportRule;
use ssa_core::domain::BasicAccountKey;
use ssa_core::{
    AuditBreak, AuditFilter, ImportReport, KeyringSecretStore, Ssa, SsaError, SystemClock,
};
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
    /// Listings as JSON (one object a line) for scripts, not tables.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

mod back_office;
use back_office::{HolidayCommand, MaintenanceCommand, MessageCommand};

#[derive(Subcommand)]
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
    Branch(back_office::BranchCommand),
    /// The branch's one pepper: export it encrypted, import it on a kiosk.
    #[command(subcommand)]
    Pepper(back_office::PepperCommand),
    /// Accounts' state: IDs, locks and why, last login, password age.
    Accounts {
        /// One Basic User ID only.
        #[arg(long)]
        basic_user_id: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// The newest entries, newest first: a table, or one JSON object a line
    /// with --json.
    List {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Checks the audit chain: every entry unchanged and in its place, none
    /// missing, the tail whole. Fails naming the first bad entry.
    Verify,
    /// The entries of a time range, and of one Internet or Basic User ID if
    /// given, oldest first, one JSON object a line. Times are Hong Kong time
    /// (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]) unless given in RFC 3339 with an
    /// offset; --from is inclusive, --to exclusive (a bare date: its whole day).
    Export {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        id: Option<String>,
        /// A new file to write (never over an existing one); standard output
        /// without it.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
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
    if let Command::DemoStatements {
        out,
        participant_id,
        ssa_number,
        until,
    } = &cli.command
    {
        return write_demo_statements(out, participant_id, ssa_number, until.as_deref());
    }
    if let Command::Branch(command) = cli.command {
        return back_office::branch(command).await;
    }
    let database = cli
        .database
        .as_deref()
        .ok_or_else(|| SsaError::OperatorRefused {
            reason: "--database (or SSA_DATABASE_URL) names the database".into(),
        })?;
    let database = ssa_core::branch::with_keyring_password(database)?;
    if let Command::Migrate {
        app_role,
        import_role,
    } = &cli.command
    {
        ssa_core::service::migrate_as_owner(&database, app_role.as_deref(), import_role.as_deref())
            .await?;
        println!("database migrated");
        if let Some(role) = app_role {
            println!("{role} may use it (statements: read only)");
        }
        if let Some(role) = import_role {
            println!("{role} may import statements");
        }
        return Ok(());
    }
    let secrets = Arc::new(KeyringSecretStore::new(
        KeyringSecretStore::SERVICE,
        cli.keyring_account,
    ));
    if let Command::Pepper(command) = cli.command {
        return back_office::pepper(&database, secrets, command).await;
    }
    let ssa = Ssa::open(&database, secrets, Arc::new(SystemClock)).await?;
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
        Command::Message(command) => back_office::message(&ssa, command, cli.json).await?,
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
        Command::Backup { file } => {
            ssa.backup_to(&file).await?;
            println!("backed up to {}", file.display());
        }
        Command::Audit { command } => return audit(&ssa, command).await,
        Command::DemoStatements { .. } | Command::Migrate { .. } => {}
        Command::ImportStocks { file, dry_run } => {
            let report = import(&file, async |source, progress| {
                ssa.import_stocks(source, dry_run, progress).await
            })
            .await?;
            return finish(&report, dry_run);
        }
        Command::ImportMovements { file, dry_run } => {
            let report = import(&file, async |source, progress| {
                ssa.import_movements(source, dry_run, progress).await
            })
            .await?;
            return finish(&report, dry_run);
        }
        Command::ProvisionBulk { file, generate } => {
            back_office::provision_bulk(&ssa, &file, generate.as_deref()).await?
        }
        Command::Maintenance(command) => back_office::maintenance(&ssa, command, cli.json).await?,
        Command::Holiday(command) => back_office::holiday(&ssa, command, cli.json).await?,
        Command::Branch(_) | Command::Pepper(_) => {}
        Command::Accounts { basic_user_id } => {
            back_office::accounts(&ssa, basic_user_id.as_deref(), cli.json).await?
        }
    }
    Ok(())
}

async fn audit(ssa: &Ssa, command: AuditCommand) -> Result<(), SsaError> {
    match command {
        AuditCommand::List { limit, json } => {
            let entries = ssa.audit_entries(limit).await?;
            if json {
                for entry in &entries {
                    println!("{}", serde_json::to_string(entry).unwrap_or_default());
                }
            } else {
                print_audit_table(&entries);
            }
        }
        AuditCommand::Verify => {
            let report = ssa.verify_audit().await?;
            if let Some(problem) = &report.problem {
                return Err(SsaError::OperatorRefused {
                    reason: format!(
                        "audit log broken after {} good entries: {}",
                        report.checked,
                        describe_break(problem)
                    ),
                });
            }
            println!("audit log intact: {} entries", report.checked);
            if report.before_chain > 0 {
                println!(
                    "{} older entries were written before the chain began and cannot be checked",
                    report.before_chain
                );
            }
            // Not a secret: noted somewhere else, it shows a later roll-back
            // of the whole log to an earlier state.
            println!(
                "chain head: entry {}, mac {}",
                report.head_seq, report.head_mac
            );
        }
        AuditCommand::Export { from, to, id, out } => {
            let filter = AuditFilter::parse(from.as_deref(), to.as_deref(), id.as_deref())?;
            let refused = |what: &str, e: std::io::Error| SsaError::OperatorRefused {
                reason: format!("{what}: {e}"),
            };
            // To a file: written beside it and renamed when whole, so an
            // export that fails half way leaves nothing to be taken for one.
            let mut file = match &out {
                Some(path) => Some(
                    ssa_core::files::NewFile::create(path)
                        .map_err(|e| refused(&path.display().to_string(), e))?,
                ),
                None => None,
            };
            let name = out
                .as_ref()
                .map_or("standard output".into(), |p| p.display().to_string());
            let count = {
                let sink: Box<dyn Write + Send + '_> = match file.as_mut() {
                    Some(f) => Box::new(f.file()),
                    None => Box::new(std::io::stdout()),
                };
                let mut writer = std::io::BufWriter::new(sink);
                let count = ssa
                    .export_audit(&filter, &mut |record| {
                        serde_json::to_writer(&mut writer, &record)
                            .map_err(std::io::Error::from)
                            .and_then(|()| writer.write_all(b"\n"))
                            .map_err(|e| refused(&name, e))
                    })
                    .await?;
                writer.flush().map_err(|e| refused(&name, e))?;
                count
            };
            if let (Some(file), Some(path)) = (file, &out) {
                file.keep_new()
                    .map_err(|e| refused(&path.display().to_string(), e))?;
            }
            if let Some(path) = out {
                println!("exported {count} entries to {}", path.display());
            }
        }
    }
    Ok(())
}

/// A break in the audit chain in plain words, for the operator's terminal.
fn describe_break(problem: &AuditBreak) -> String {
    match problem {
        AuditBreak::Edited { seq, id } => format!("entry {seq} (row {id}) was edited"),
        AuditBreak::Missing { seq } => format!("entry {seq} is missing (deleted)"),
        AuditBreak::OutOfOrder { seq, id } => {
            format!("entry {seq} (row {id}) is out of order: it sits before an earlier entry")
        }
        AuditBreak::TruncatedTail { last_seq, head_seq } => format!(
            "the log was cut: it ends at entry {last_seq}, but {head_seq} entries were written"
        ),
        AuditBreak::HeadForged { seq } => format!(
            "the chain's head (entry {seq}) was not written by the service: the tail was cut or changed"
        ),
        AuditBreak::Unchained { id } => {
            format!("row {id} has no place in the chain: it did not come through the service")
        }
        AuditBreak::BeyondHead { seq, id } => format!(
            "entry {seq} (row {id}) is past the chain's head: it did not come through the service"
        ),
    }
}

/// The audit entries as a table for people, times in Hong Kong time.
fn print_audit_table(entries: &[ssa_core::AuditEntry]) {
    println!(
        "{:>8}  {:19}  {:30}  {:16}  {:13}  outcome",
        "id", "time (Hong Kong)", "kind", "internet user", "basic user"
    );
    for e in entries {
        let at = chrono::DateTime::from_timestamp_millis(e.at_ms)
            .map(ssa_core::clock::format_hong_kong)
            .unwrap_or_default();
        println!(
            "{:>8}  {:19}  {:30}  {:16}  {:13}  {}",
            e.id,
            at,
            e.kind,
            e.internet_user_id.as_deref().unwrap_or("-"),
            e.basic_user_id.as_deref().unwrap_or("-"),
            e.outcome
        );
    }
}

fn write_demo_statements(
    dir: &std::path::Path,
    participant_id: &str,
    ssa_number: &str,
    until: Option<&str>,
) -> Result<(), SsaError> {
    use ssa_core::demo::{movements_csv, stocks_csv, DemoPart};
    let refused = |reason: String| SsaError::OperatorRefused { reason };
    let end = match until {
        Some(text) => ssa_core::domain::statements::parse_date(text)
            .map_err(|_| refused(format!("--until {text}: a date is YYYY-MM-DD")))?,
        None => ssa_core::clock::hong_kong_date(chrono::Utc::now()),
    };
    std::fs::create_dir_all(dir).map_err(|e| refused(format!("{}: {e}", dir.display())))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        ssa_core::files::write_whole(&path, text.as_bytes())
            .map_err(|e| refused(format!("{}: {e}", path.display())))
    };
    write("stocks.csv", stocks_csv())?;
    write(
        "movements.csv",
        movements_csv(participant_id, ssa_number, end, DemoPart::All),
    )?;
    println!("wrote stocks.csv and movements.csv in {}", dir.display());
    Ok(())
}

/// Opens `file` and runs an import over it with a progress bar on a
/// terminal (hidden otherwise).
async fn import(
    file: &std::path::Path,
    run: impl AsyncFnOnce(
        std::io::BufReader<std::fs::File>,
        &mut (dyn FnMut(u64) + Send),
    ) -> Result<ImportReport, SsaError>,
) -> Result<ImportReport, SsaError> {
    let opened = std::fs::File::open(file).map_err(|e| SsaError::OperatorRefused {
        reason: format!("cannot open {}: {e}", file.display()),
    })?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(size),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut progress = |bytes: u64| bar.set_position(bytes);
    let report = run(std::io::BufReader::new(opened), &mut progress).await;
    bar.finish_and_clear();
    report
}

/// Prints the bad lines in plain words and the one-line summary; a file
/// with bad lines is a failure (nothing was written).
fn finish(report: &ImportReport, dry_run: bool) -> Result<(), SsaError> {
    for p in &report.problems {
        eprintln!("line {}: {}: {}", p.line, p.column, describe(&p.rule));
    }
    if report.problem_count > report.problems.len() as u64 {
        eprintln!(
            "... and {} more bad lines",
            report.problem_count - report.problems.len() as u64
        );
    }
    let outcome = if report.problem_count > 0 {
        "nothing written"
    } else if dry_run {
        "dry run, nothing written"
    } else {
        "written"
    };
    println!(
        "{} lines read, {} added, {} renamed, {} already there, {} bad: {outcome}",
        report.lines_read, report.added, report.renamed, report.already_there, report.problem_count
    );
    if report.problem_count > 0 {
        return Err(SsaError::OperatorRefused {
            reason: format!("{} bad lines", report.problem_count),
        });
    }
    Ok(())
}

/// An import rule in plain words, for the operator's terminal.
fn describe(rule: &ImportRule) -> String {
    match rule {
        ImportRule::EmptyFile => "the file is empty".into(),
        ImportRule::NotUtf8 => "not UTF-8 text".into(),
        ImportRule::WrongHeader { expected } => format!("the header line must be {expected}"),
        ImportRule::WrongColumnCount { expected, found } => {
            format!("{found} columns; the format has {expected}")
        }
        ImportRule::Required => "empty; a value is needed".into(),
        ImportRule::StockCodeFormat => "a stock code is 5 digits, e.g. 00700".into(),
        ImportRule::DateFormat => "a date is YYYY-MM-DD, a real day".into(),
        ImportRule::IdFormat { id_rule } => format!("not a valid ID ({id_rule:?})"),
        ImportRule::UnknownKind => "the kind is one of BF, CNS, SI, ISI, DEP, WDL, CA, ADJ".into(),
        ImportRule::QuantityFormat => "a quantity is a whole number from 0 to 10^15".into(),
        ImportRule::InOrOut => {
            "exactly one of quantity_in and quantity_out must be above zero".into()
        }
        ImportRule::ReferenceFormat => "a reference is 1 to 16 letters and digits".into(),
        ImportRule::NameFormat => {
            "a name is 1 to 200 characters, with no control or text-direction characters".into()
        }
        ImportRule::UnknownStock => "no such stock in the stock list (import it first)".into(),
        ImportRule::UnknownSsa => {
            "no SSA basic account has this Participant ID and SSA Number".into()
        }
        ImportRule::NegativeBalance { balance } => {
            format!("the balance would be {balance} on this date; it is never negative")
        }
        ImportRule::BackDated { latest } => format!(
            "dated before this SSA's latest movement ({latest}); a correction is a new movement"
        ),
        ImportRule::InFuture { today } => format!(
            "dated after today ({today}, Hong Kong); a movement is imported once it has settled"
        ),
        ImportRule::ReferenceReused => {
            "this reference is already used in this SSA by a movement with other content".into()
        }
        ImportRule::BroughtForwardNotFirst => {
            "a balance brought forward (BF) must be the stock's first record".into()
        }
        ImportRule::StockTwice => {
            "this stock code appears earlier in the file with other names".into()
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
