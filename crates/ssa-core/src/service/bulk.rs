//! Bulk provisioning: the back office opens SSA basic accounts by the
//! thousand from one CSV file. All or nothing: every bad line is named
//! (line, column, rule) and nothing is written; the hashing runs on every
//! core. Initial Basic passwords come either from the file (which must not
//! be readable by other users) or are made here and written once to a new
//! file only its owner can read, for the letters to investors.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use zeroize::Zeroizing;

use super::records::{columns, LineProblem, Records};
use super::Ssa;
use crate::domain::statements::ImportRule;
use crate::domain::{BasicAccountKey, BasicPassword, Field, Problems};
use crate::error::{Result, SsaError};
use crate::security::audit::{AuditEvent, AuditKind};

/// Header of a file that holds the initial Basic passwords.
pub const BULK_HEADER_WITH_PASSWORDS: &str =
    "basic_user_id,participant_id,ssa_number,initial_password";
/// Header of a file for `--generate`.
pub const BULK_HEADER: &str = "basic_user_id,participant_id,ssa_number";

/// Where the initial Basic passwords come from.
#[derive(Debug, Clone, Copy)]
pub enum InitialPasswords<'a> {
    /// The file's fourth column.
    InFile,
    /// Made here, random 8 digits, written to this new file.
    Generate { to: &'a Path },
}

/// What a bulk provisioning did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BulkReport {
    /// Accounts in the file (lines after the header).
    pub accounts: u64,
    /// Accounts provisioned: all of them, or none when there were problems.
    pub added: u64,
    /// Every bad line, in file order.
    pub problems: Vec<LineProblem>,
}

/// What the hashing has done: accounts hashed and in all.
pub type BulkProgress = Arc<dyn Fn(u64, u64) + Send + Sync>;

fn refused(reason: impl Into<String>) -> SsaError {
    SsaError::OperatorRefused {
        reason: reason.into(),
    }
}

fn column_of(field: Field) -> &'static str {
    match field {
        Field::BasicUserId => "basic_user_id",
        Field::ParticipantId => "participant_id",
        Field::SsaNumber => "ssa_number",
        _ => "initial_password",
    }
}

/// Refuses, on Unix, a file that holds passwords and that users other than
/// its owner can read: checked on the handle the file is then read from.
fn check_private(path: &Path, file: &std::fs::File) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = file
            .metadata()
            .map_err(|e| refused(format!("cannot read {}: {e}", path.display())))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o044 != 0 {
            return Err(refused(format!(
                "{} holds passwords and other users can read it (mode {mode:04o}); \
                 run chmod 600 on it first",
                path.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, file);
    Ok(())
}

/// A random initial Basic password: 8 digits.
fn random_basic_password() -> Zeroizing<String> {
    use rand::Rng;
    let n: u32 = rand::rngs::OsRng.gen_range(0..100_000_000);
    Zeroizing::new(format!("{n:08}"))
}

struct Line {
    key: BasicAccountKey,
    password: Zeroizing<String>,
}

impl Ssa {
    /// Provisions every account of the CSV file `input`, or none. Returns
    /// the report; with problems, nothing was written (and no password file
    /// made). `progress` hears of each hash.
    pub async fn provision_bulk(
        &self,
        input: &Path,
        passwords: InitialPasswords<'_>,
        progress: BulkProgress,
    ) -> Result<BulkReport> {
        let mut opened = std::fs::File::open(input)
            .map_err(|e| refused(format!("cannot read {}: {e}", input.display())))?;
        if matches!(passwords, InitialPasswords::InFile) {
            check_private(input, &opened)?;
        }
        if let InitialPasswords::Generate { to } = passwords {
            if to.exists() {
                return Err(refused(format!(
                    "{}: already exists; the passwords go to a new file",
                    to.display()
                )));
            }
        }
        let mut bytes = Zeroizing::new(Vec::new());
        std::io::Read::read_to_end(&mut opened, &mut bytes)
            .map_err(|e| refused(format!("cannot read {}: {e}", input.display())))?;
        let existing = Existing {
            basic_user_ids: self.store.basic_user_ids().await?.into_iter().collect(),
            ssas: self.store.ssas_with_accounts().await?.into_iter().collect(),
        };
        let (lines, mut report) = parse_bulk(&bytes, passwords, &existing);
        if !report.problems.is_empty() {
            return Ok(report);
        }
        let total = lines.len() as u64;
        let secrets = lines.iter().map(|l| l.password.clone()).collect();
        let hashes = self
            .hasher
            .hash_many(secrets, Arc::new(move |done| progress(done as u64, total)))
            .await?;
        // The letters' file first: if it cannot be written, nothing is
        // provisioned; if the database then refuses, the file goes.
        let written = match passwords {
            InitialPasswords::Generate { to } => {
                write_passwords(to, &lines)?;
                Some(to)
            }
            InitialPasswords::InFile => None,
        };
        let rows: Vec<(&BasicAccountKey, &str)> = lines
            .iter()
            .zip(&hashes)
            .map(|(l, h)| (&l.key, h.as_str()))
            .collect();
        let audit = |key: &BasicAccountKey| {
            AuditEvent::new(AuditKind::BasicAccountProvisioned, "bulk")
                .basic_user(key.basic_user_id.as_str())
        };
        if let Err(e) = self
            .store
            .insert_basic_accounts(&rows, self.now_ms(), &audit)
            .await
        {
            if let Some(path) = written {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
        report.added = total;
        Ok(report)
    }
}

fn write_passwords(to: &Path, lines: &[Line]) -> Result<()> {
    let mut file = crate::files::NewFile::create(to)
        .map_err(|e| refused(format!("cannot create {}: {e}", to.display())))?;
    let mut write = || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(file.file());
        writeln!(out, "{BULK_HEADER_WITH_PASSWORDS}")?;
        for l in lines {
            writeln!(
                out,
                "{},{},{},{}",
                l.key.basic_user_id.as_str(),
                l.key.participant_id.as_str(),
                l.key.ssa_number.as_str(),
                l.password.as_str()
            )?;
        }
        out.flush()
    };
    write().map_err(|e| refused(format!("cannot write {}: {e}", to.display())))?;
    file.keep_new()
        .map_err(|e| refused(crate::files::new_file_refused(to, &e, "the passwords")))
}

/// What the database holds already: Basic User IDs and SSAs with their
/// basic account (each is provisioned once).
struct Existing {
    basic_user_ids: HashSet<String>,
    ssas: HashSet<(String, String)>,
}

/// Reads and checks every line; the lines, and a report naming every bad
/// one.
fn parse_bulk(
    bytes: &[u8],
    passwords: InitialPasswords<'_>,
    existing: &Existing,
) -> (Vec<Line>, BulkReport) {
    let mut problems = Vec::new();
    let mut note = |p: LineProblem| problems.push(p);
    let header = match passwords {
        InitialPasswords::InFile => BULK_HEADER_WITH_PASSWORDS,
        InitialPasswords::Generate { .. } => BULK_HEADER,
    };
    let expected: Vec<&str> = header.split(',').collect();
    let mut records = Records::new(bytes);
    let mut accounts = 0u64;
    let mut lines = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    let mut first_ssa_line: HashMap<(String, String), u64> = HashMap::new();
    let mut header_problem = Vec::new();
    let header_ok = records.header(&expected, &mut |p| header_problem.push(p));
    for mut p in header_problem {
        // The other format's header: say which switch it needs.
        if let ImportRule::WrongHeader { expected } = &p.rule {
            let other = match passwords {
                InitialPasswords::InFile => BULK_HEADER,
                InitialPasswords::Generate { .. } => BULK_HEADER_WITH_PASSWORDS,
            };
            if bytes_start_with_header(bytes, other) {
                p.rule = match passwords {
                    InitialPasswords::InFile => ImportRule::HeaderWithoutPasswords {
                        expected: expected.clone(),
                    },
                    InitialPasswords::Generate { .. } => ImportRule::HeaderWithPasswords {
                        expected: expected.clone(),
                    },
                };
            }
        }
        let empty = p.rule == ImportRule::EmptyFile;
        note(p);
        if empty {
            return (
                lines,
                BulkReport {
                    accounts,
                    added: 0,
                    problems,
                },
            );
        }
    }
    let _ = header_ok;
    while let Some((line, fields, _)) = records.next() {
        accounts += 1;
        let Some(fields) = columns(line, fields, expected.len(), &mut note) else {
            continue;
        };
        // The password column is a secret: wiped when the line is done.
        let fields = Zeroizing::new(fields);
        let mut rules = Problems::default();
        let key = rules.account_key(fields[0].trim(), fields[1].trim(), fields[2].trim());
        let password = match passwords {
            // Never trimmed: a password is what was typed (spec 2).
            InitialPasswords::InFile => rules
                .check(Field::BasicPassword, BasicPassword::parse(&fields[3]))
                .map(|_| Zeroizing::new(fields[3].clone())),
            InitialPasswords::Generate { .. } => Some(random_basic_password()),
        };
        for e in rules.into_errors() {
            let rule = match e.field {
                Field::BasicPassword => ImportRule::PasswordFormat {
                    password_rule: e.rule,
                },
                _ => ImportRule::IdFormat { id_rule: e.rule },
            };
            note(LineProblem::new(line, column_of(e.field), rule));
        }
        let (Some(key), Some(password)) = (key, password) else {
            continue;
        };
        let id = key.basic_user_id.as_str().to_owned();
        if let Some(&first_line) = first_line_of.get(&id) {
            let rule = ImportRule::AlreadyInFile {
                value: id,
                first_line,
            };
            note(LineProblem::new(line, "basic_user_id", rule));
            continue;
        }
        if existing.basic_user_ids.contains(&id) {
            let rule = ImportRule::AlreadyInDatabase { value: id };
            note(LineProblem::new(line, "basic_user_id", rule));
            continue;
        }
        // The ID is on this line, whatever else the line breaks.
        first_line_of.insert(id, line);
        let ssa = (
            key.participant_id.as_str().to_owned(),
            key.ssa_number.as_str().to_owned(),
        );
        let value = format!("{}/{}", ssa.0, ssa.1);
        if let Some(&first_line) = first_ssa_line.get(&ssa) {
            let rule = ImportRule::AlreadyInFile { value, first_line };
            note(LineProblem::new(line, "participant_id", rule));
            continue;
        }
        if existing.ssas.contains(&ssa) {
            let rule = ImportRule::AlreadyInDatabase { value };
            note(LineProblem::new(line, "participant_id", rule));
            continue;
        }
        first_ssa_line.insert(ssa, line);
        lines.push(Line { key, password });
    }
    if accounts == 0 && problems.is_empty() {
        problems.push(LineProblem::new(1, "file", ImportRule::OnlyTheHeader));
    }
    let report = BulkReport {
        accounts,
        added: 0,
        problems,
    };
    (lines, report)
}

/// Whether the file's first line (after a byte-order mark) is `header`.
fn bytes_start_with_header(bytes: &[u8], header: &str) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    first
        .strip_suffix(b"\r")
        .unwrap_or(first)
        .eq_ignore_ascii_case(header.as_bytes())
}
