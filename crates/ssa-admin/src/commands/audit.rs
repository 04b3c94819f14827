//! `ssa-admin audit`: list, verify and export the audit log.

use std::io::Write;

use clap::Subcommand;
use ssa_core::{AuditBreak, AuditFilter, Ssa, SsaError};

#[derive(Subcommand, Clone)]
pub enum AuditCommand {
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

pub async fn audit(ssa: &Ssa, command: AuditCommand) -> Result<(), SsaError> {
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
                // Said before the export runs, not after.
                Some(path) if path.exists() => {
                    return Err(SsaError::OperatorRefused {
                        reason: format!(
                            "{}: already exists; an audit export goes to a new file",
                            path.display()
                        ),
                    })
                }
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
pub fn describe_break(problem: &AuditBreak) -> String {
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
pub fn print_audit_table(entries: &[ssa_core::AuditEntry]) {
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
