//! The operator's import of statement records (spec 7.2): a stock file and a
//! movement file, UTF-8 CSV with a header line. The file is read a chunk of
//! records at a time (memory does not grow with its length) inside one
//! transaction:
//! a file with any bad line changes nothing and the report names every bad
//! line (the first 100 in full); a line already imported with the same
//! content adds nothing and is counted as already there.

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;

use super::records::{columns, keep, LineProblem, Records};
use super::Ssa;
use crate::domain::statements::{parse_name, ImportRule, StockCode};
use crate::error::Result;
use crate::security::audit::{AuditEvent, AuditKind};
use crate::store::Tx;

mod movements;

use movements::{parse_movement, Known, ParsedMovement, CHUNK};

pub const STOCK_HEADER: [&str; 4] = ["stock_code", "name_en", "name_zh_hk", "name_zh_cn"];
pub const MOVEMENT_HEADER: [&str; 8] = [
    "date",
    "participant_id",
    "ssa_number",
    "stock_code",
    "kind",
    "quantity_in",
    "quantity_out",
    "reference",
];

/// What an import did, or would do (dry run), or why it did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Data lines read (the header not counted).
    pub lines_read: u64,
    /// Lines that were (or, in a dry run, would be) added; 0 when the file
    /// is refused.
    pub added: u64,
    /// Stock lines that renamed a stock.
    pub renamed: u64,
    /// Lines already imported with the same content.
    pub already_there: u64,
    /// The first bad lines, in file order.
    pub problems: Vec<LineProblem>,
    /// Every bad line, counted.
    pub problem_count: u64,
    /// Whether the file was written (no bad line and not a dry run).
    pub written: bool,
}

impl ImportReport {
    /// Notes a bad line (the report keeps the earliest in full).
    fn problem(&mut self, line: u64, column: &'static str, rule: ImportRule) {
        keep(
            &mut self.problems,
            &mut self.problem_count,
            LineProblem::new(line, column, rule),
        );
    }

    /// Notes a problem already made.
    fn note(&mut self, found: LineProblem) {
        keep(&mut self.problems, &mut self.problem_count, found);
    }
}

impl Ssa {
    /// Imports the stock list: adds new stocks, renames changed ones.
    /// `progress` is told the bytes read so far.
    pub async fn import_stocks(
        &self,
        source: impl Read,
        dry_run: bool,
        progress: &mut (dyn FnMut(u64) + Send),
    ) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut records = Records::new(source);
        if !records.header(&STOCK_HEADER, &mut |p| report.note(p)) {
            return Ok(report);
        }
        let mut tx = self.store.begin().await?;
        let now = self.now_ms();
        tx.lock_for_import(now).await?;
        let mut seen: HashMap<String, [String; 3]> = HashMap::new();
        while let Some((line, fields, bytes)) = records.next() {
            report.lines_read += 1;
            progress(bytes);
            let Some(fields) = columns(line, fields, STOCK_HEADER.len(), &mut |p| report.note(p))
            else {
                continue;
            };
            let code = StockCode::parse(&fields[0]);
            let names = [
                parse_name(&fields[1]),
                parse_name(&fields[2]),
                parse_name(&fields[3]),
            ];
            let mut bad = false;
            if let Err(rule) = &code {
                report.problem(line, STOCK_HEADER[0], rule.clone());
                bad = true;
            }
            for (i, name) in names.iter().enumerate() {
                if let Err(rule) = name {
                    report.problem(line, STOCK_HEADER[i + 1], rule.clone());
                    bad = true;
                }
            }
            let (Ok(code), [Ok(en), Ok(hk), Ok(cn)], false) = (code, names, bad) else {
                continue;
            };
            let names = [en, hk, cn];
            if let Some(earlier) = seen.get(code.as_str()) {
                if *earlier != names {
                    report.problem(line, STOCK_HEADER[0], ImportRule::StockTwice);
                } else {
                    report.already_there += 1;
                }
                continue;
            }
            match tx.stock_names(code.as_str()).await? {
                Some((e, h, c)) if [&e, &h, &c] == [&names[0], &names[1], &names[2]] => {
                    report.already_there += 1
                }
                found => {
                    if found.is_some() {
                        report.renamed += 1;
                    } else {
                        report.added += 1;
                    }
                    tx.put_stock(code.as_str(), [&names[0], &names[1], &names[2]], now)
                        .await?;
                }
            }
            seen.insert(code.as_str().to_owned(), names);
        }
        self.finish_import(tx, &mut report, dry_run, AuditKind::StocksImported)
            .await?;
        Ok(report)
    }

    /// Imports movements (spec 7.2): every rule checked, all or nothing.
    /// Lines are read a chunk at a time: the chunk's stored references are
    /// looked up in one query, then each line is checked in file order, and
    /// the chunk's new movements and closing balances are written in
    /// multi-row statements.
    pub async fn import_movements(
        &self,
        source: impl Read,
        dry_run: bool,
        progress: &mut (dyn FnMut(u64) + Send),
    ) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut records = Records::new(source);
        if !records.header(&MOVEMENT_HEADER, &mut |p| report.note(p)) {
            return Ok(report);
        }
        let mut tx = self.store.begin().await?;
        let now = self.now_ms();
        tx.lock_for_import(now).await?;
        let mut known = Known::on(crate::clock::hong_kong_date(self.now()).to_string());
        let mut chunk: Vec<ParsedMovement> = Vec::with_capacity(CHUNK);
        let mut more = true;
        let mut first_chunk = true;
        while more {
            chunk.clear();
            while chunk.len() < CHUNK {
                let Some((line, fields, bytes)) = records.next() else {
                    more = false;
                    break;
                };
                report.lines_read += 1;
                progress(bytes);
                if let Some(fields) =
                    columns(line, fields, MOVEMENT_HEADER.len(), &mut |p| report.note(p))
                {
                    if let Some(parsed) = parse_movement(&mut report, line, &fields) {
                        chunk.push(parsed);
                    }
                }
            }
            let writes = known.check_chunk(&mut tx, &chunk, &mut report).await?;
            tx.append_movements(&writes.movements, now).await?;
            tx.set_closing_balances(&writes.balances).await?;
            if first_chunk && more {
                // Once, when a long file's first chunk is in: the look-ups
                // that follow are planned with the tables as they are.
                tx.refresh_statistics().await?;
            }
            first_chunk = false;
        }
        let mut last_days = Vec::new();
        for (key, balance) in known.balances.drain() {
            match balance.closed(&key) {
                Some(Ok(day)) => last_days.push(day),
                Some(Err((line, short))) => report.problem(
                    line,
                    "quantity_out",
                    ImportRule::NegativeBalance { balance: short },
                ),
                None => {}
            }
        }
        tx.set_closing_balances(&last_days).await?;
        report.problems.sort_by_key(|p| p.line);
        self.finish_import(tx, &mut report, dry_run, AuditKind::MovementsImported)
            .await?;
        Ok(report)
    }

    /// Commits a clean, real import with its audit entry; otherwise drops
    /// the transaction, so nothing is written.
    async fn finish_import(
        &self,
        mut tx: Tx,
        report: &mut ImportReport,
        dry_run: bool,
        kind: AuditKind,
    ) -> Result<()> {
        if report.problem_count > 0 {
            // A refused file adds nothing: say so.
            report.added = 0;
            report.renamed = 0;
            return Ok(()); // dropped: rolled back
        }
        if dry_run {
            return Ok(()); // dropped: the counts say what a real run would add
        }
        crate::store::append_audit(&mut tx, self.now_ms(), &AuditEvent::new(kind, "ok")).await?;
        tx.commit().await?;
        report.written = true;
        Ok(())
    }
}
