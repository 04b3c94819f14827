//! The operator's import of statement records (spec 7.2): a stock file and a
//! movement file, UTF-8 CSV with a header line. The file is read a chunk of
//! records at a time (memory does not grow with its length) inside one
//! transaction:
//! a file with any bad line changes nothing and the report names every bad
//! line (the first 100 in full); a line already imported with the same
//! content adds nothing and is counted as already there.

use std::collections::{HashMap, VecDeque};
use std::io::Read;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::Ssa;
use crate::domain::statements::{
    parse_date, parse_name, parse_quantity, ImportRule, MovementKind, Reference, StockCode,
};
use crate::domain::{ParticipantId, SsaNumber};
use crate::error::Result;
use crate::security::audit::{AuditEvent, AuditKind};
use crate::store::{ClosingBalance, MovementContent, NewMovement, Tx};

/// Bad lines reported in full; the rest are counted.
pub const MAX_REPORTED_PROBLEMS: usize = 100;

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

/// One bad line: where, which column, which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    pub line: u64,
    /// The column's header name, or `line` / `file` for the whole.
    pub column: &'static str,
    #[serde(flatten)]
    pub rule: ImportRule,
}

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
    /// The record's fields when it read as text with `expected` columns;
    /// otherwise the line's problem is noted.
    fn columns(
        &mut self,
        line: u64,
        fields: std::result::Result<Vec<String>, ImportRule>,
        expected: usize,
    ) -> Option<Vec<String>> {
        let rule = match fields {
            Ok(f) if f.len() == expected => return Some(f),
            Ok(f) => ImportRule::WrongColumnCount {
                expected: expected as u32,
                found: f.len() as u32,
            },
            Err(rule) => rule,
        };
        self.problem(line, "line", rule);
        None
    }

    /// Notes a bad line. The report keeps the 100 earliest lines, whatever
    /// order they were found in (a negative balance is found when its day
    /// closes, after later lines were read).
    fn problem(&mut self, line: u64, column: &'static str, rule: ImportRule) {
        self.problem_count += 1;
        let found = LineProblem { line, column, rule };
        if self.problems.len() < MAX_REPORTED_PROBLEMS {
            self.problems.push(found);
            return;
        }
        let latest = self
            .problems
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| p.line)
            .map(|(i, p)| (i, p.line));
        if let Some((i, latest_line)) = latest {
            if line < latest_line {
                self.problems[i] = found;
            }
        }
    }
}

/// Reads CSV records with their line numbers, checking the header. A
/// record's line is the file's line as an editor counts it (spec 7.1): one
/// more than the line ends before the record's first character, whatever
/// they are (LF, CRLF or CR), with a byte-order mark, blank lines skipped by
/// the reader, or quoted fields over several lines. (The csv crate's own
/// line count differs with CRLF, and its record position points at the
/// first blank line it skipped.)
struct Records<R: Read> {
    reader: csv::Reader<LineEnds<R>>,
    record: csv::ByteRecord,
    ends: Arc<Mutex<EndBook>>,
}

/// The line ends read but not yet passed by a record (offset and length:
/// 2 for CRLF), and how many were passed: the CSV reader reads ahead by one
/// buffer at most, so the book stays that small.
#[derive(Default)]
struct EndBook {
    ahead: VecDeque<(u64, u64)>,
    passed: u64,
}

impl EndBook {
    /// The line of a record the CSV reader places at `offset` (records come
    /// in file order): the line ends before it are passed, and so are those
    /// that start where the record does (blank lines the reader skipped, or
    /// the rest of a CRLF the position points into).
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut cursor = offset;
        while let Some(&(at, len)) = self.ahead.front() {
            if at <= cursor {
                self.ahead.pop_front();
                self.passed += 1;
                cursor = cursor.max(at + len);
            } else {
                break;
            }
        }
        self.passed + 1
    }
}

/// A reader that notes where each line end is as the bytes go by.
struct LineEnds<R> {
    inner: R,
    offset: u64,
    /// A CR at the end of the last read: CRLF or CR alone, by the next byte.
    pending_cr: Option<u64>,
    ends: Arc<Mutex<EndBook>>,
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut book = self.ends.lock().unwrap_or_else(|p| p.into_inner());
        let bytes = &buf[..n];
        let mut i = 0;
        if let Some(cr) = self.pending_cr.take() {
            if bytes.first() == Some(&b'\n') {
                book.ahead.push_back((cr, 2));
                i = 1;
            } else {
                book.ahead.push_back((cr, 1));
            }
        }
        while i < n {
            let at = self.offset + i as u64;
            match bytes[i] {
                b'\n' => book.ahead.push_back((at, 1)),
                b'\r' if i + 1 == n => self.pending_cr = Some(at),
                b'\r' if bytes[i + 1] == b'\n' => {
                    book.ahead.push_back((at, 2));
                    i += 1;
                }
                b'\r' => book.ahead.push_back((at, 1)),
                _ => {}
            }
            i += 1;
        }
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                book.ahead.push_back((cr, 1));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R: Read> Records<R> {
    fn new(source: R) -> Self {
        let ends = Arc::new(Mutex::new(EndBook::default()));
        let counted = LineEnds {
            inner: source,
            offset: 0,
            pending_cr: None,
            ends: Arc::clone(&ends),
        };
        Self {
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(counted),
            record: csv::ByteRecord::new(),
            ends,
        }
    }

    fn line_at(&self, offset: u64) -> u64 {
        self.ends
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .line_at(offset)
    }

    /// The next record's line and fields, or a problem with it; `None` at the end.
    fn next(&mut self) -> Option<(u64, std::result::Result<Vec<String>, ImportRule>, u64)> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let bytes = self.record.position().map(|p| p.byte()).unwrap_or(0);
                let line = self.line_at(bytes);
                let fields = self
                    .record
                    .iter()
                    .map(|f| std::str::from_utf8(f).map(str::to_owned))
                    .collect::<std::result::Result<Vec<_>, _>>()
                    .map_err(|_| ImportRule::NotUtf8);
                Some((line, fields, bytes))
            }
            Err(e) => {
                let line = e.position().map(|p| self.line_at(p.byte())).unwrap_or(0);
                Some((line, Err(ImportRule::NotUtf8), 0))
            }
        }
    }

    /// Checks the header line; a problem when it is missing or different.
    fn header(&mut self, expected: &[&str], report: &mut ImportReport) -> bool {
        let wanted = || ImportRule::WrongHeader {
            expected: expected.join(","),
        };
        match self.next() {
            None => {
                report.problem(1, "file", ImportRule::EmptyFile);
                false
            }
            Some((line, Ok(fields), _)) => {
                let found: Vec<String> = fields
                    .iter()
                    .map(|f| f.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
                    .collect();
                if found
                    .iter()
                    .map(String::as_str)
                    .eq(expected.iter().copied())
                {
                    true
                } else {
                    report.problem(line, "line", wanted());
                    false
                }
            }
            Some((line, Err(rule), _)) => {
                report.problem(line, "line", rule);
                false
            }
        }
    }
}

/// A stock's running balance in one SSA while the import reads: the closing
/// balance of its latest date is written when the next date begins (or at
/// the end), so a day of many movements costs one balance row. The balance
/// is a day's sum (spec 7.1), so it may dip below zero between two
/// movements of one day; only a day that closes below zero is refused,
/// at its last line.
struct Balance {
    closing: Option<i64>,
    date: Option<String>,
    unwritten: bool,
    last_line: u64,
}

/// A closed day: its balance row to write, or (its last line, its closing)
/// when it closed below zero.
type ClosedDay = std::result::Result<ClosingBalance, (u64, i64)>;

impl Balance {
    fn stored(closing: Option<i64>) -> Self {
        Self {
            closing,
            date: None,
            unwritten: false,
            last_line: 0,
        }
    }

    /// Moves the balance by a movement of `date` read on `line`; answers
    /// the earlier day this closes, if any.
    fn move_to(
        &mut self,
        key: &BalanceKey,
        date: &str,
        closing: i64,
        line: u64,
    ) -> Option<ClosedDay> {
        let mut closed = None;
        if self.date.as_deref() != Some(date) {
            closed = self.closed(key);
            self.date = Some(date.to_owned());
        }
        self.closing = Some(closing);
        self.unwritten = true;
        self.last_line = line;
        closed
    }

    /// The current day's closing, unless it is already written.
    fn closed(&self, key: &BalanceKey) -> Option<ClosedDay> {
        match (self.unwritten, &self.date, self.closing) {
            (true, Some(_), Some(closing)) if closing < 0 => Some(Err((self.last_line, closing))),
            (true, Some(date), Some(closing)) => Some(Ok(ClosingBalance {
                key: key.clone(),
                settled_on: date.clone(),
                closing,
            })),
            _ => None,
        }
    }
}

/// What the import knows of one SSA while it reads.
struct SsaSeen {
    known: bool,
    latest: Option<String>,
}

/// Lines read, looked up and written together.
const CHUNK: usize = 1000;

/// (Participant ID, SSA Number, stock code).
type BalanceKey = (String, String, String);

/// A movement line that passed every format rule.
struct ParsedMovement {
    line: u64,
    date: String,
    participant: String,
    ssa_number: String,
    stock: String,
    kind: MovementKind,
    quantity_in: i64,
    quantity_out: i64,
    reference: String,
}

/// The line's fields checked one by one (every broken rule noted), or
/// `None` when any is broken.
fn parse_movement(
    report: &mut ImportReport,
    line: u64,
    fields: &[String],
) -> Option<ParsedMovement> {
    let mut check = |column: usize, rule: std::result::Result<(), ImportRule>| {
        if let Err(rule) = rule {
            report.problem(line, MOVEMENT_HEADER[column], rule);
        }
    };
    let date = parse_date(&fields[0]);
    check(0, date.as_ref().map(|_| ()).map_err(Clone::clone));
    let participant =
        ParticipantId::parse(&fields[1]).map_err(|id_rule| ImportRule::IdFormat { id_rule });
    check(1, participant.as_ref().map(|_| ()).map_err(Clone::clone));
    let ssa_number =
        SsaNumber::parse(&fields[2]).map_err(|id_rule| ImportRule::IdFormat { id_rule });
    check(2, ssa_number.as_ref().map(|_| ()).map_err(Clone::clone));
    let stock = StockCode::parse(&fields[3]);
    check(3, stock.as_ref().map(|_| ()).map_err(Clone::clone));
    let kind = MovementKind::parse(&fields[4]);
    check(4, kind.as_ref().map(|_| ()).map_err(Clone::clone));
    let quantity_in = parse_quantity(&fields[5]);
    check(5, quantity_in.as_ref().map(|_| ()).map_err(Clone::clone));
    let quantity_out = parse_quantity(&fields[6]);
    check(6, quantity_out.as_ref().map(|_| ()).map_err(Clone::clone));
    let reference = Reference::parse(&fields[7]);
    check(7, reference.as_ref().map(|_| ()).map_err(Clone::clone));
    let (
        Ok(date),
        Ok(participant),
        Ok(ssa_number),
        Ok(stock),
        Ok(kind),
        Ok(quantity_in),
        Ok(quantity_out),
        Ok(reference),
    ) = (
        date,
        participant,
        ssa_number,
        stock,
        kind,
        quantity_in,
        quantity_out,
        reference,
    )
    else {
        return None;
    };
    if (quantity_in > 0) == (quantity_out > 0) {
        report.problem(line, "quantity_in", ImportRule::InOrOut);
        return None;
    }
    Some(ParsedMovement {
        line,
        date: date.format("%Y-%m-%d").to_string(),
        participant: participant.as_str().to_owned(),
        ssa_number: ssa_number.as_str().to_owned(),
        stock: stock.as_str().to_owned(),
        kind,
        quantity_in,
        quantity_out,
        reference: reference.as_str().to_owned(),
    })
}

/// What one chunk adds: its movements and the closing balances of the
/// days it closed.
#[derive(Default)]
struct ChunkWrites {
    movements: Vec<NewMovement>,
    balances: Vec<ClosingBalance>,
}

/// What the import has learnt of SSAs, stocks and balances so far (as many
/// entries as SSAs and stocks the file names, not lines).
#[derive(Default)]
struct Known {
    /// Today in Hong Kong (YYYY-MM-DD): no movement is dated after it.
    today: String,
    ssas: HashMap<(String, String), SsaSeen>,
    stocks: HashMap<String, bool>,
    balances: HashMap<BalanceKey, Balance>,
}

impl Known {
    /// Checks a chunk's lines in file order against the store and the lines
    /// before them; answers what to write.
    async fn check_chunk(
        &mut self,
        tx: &mut Tx,
        chunk: &[ParsedMovement],
        report: &mut ImportReport,
    ) -> Result<ChunkWrites> {
        let mut writes = ChunkWrites::default();
        let keys: Vec<(String, String, String)> = chunk
            .iter()
            .map(|m| {
                (
                    m.participant.clone(),
                    m.ssa_number.clone(),
                    m.reference.clone(),
                )
            })
            .collect();
        // References already stored, and those this chunk adds as it goes.
        let mut stored: HashMap<(String, String, String), MovementContent> = tx
            .movements_by_reference(&keys)
            .await?
            .into_iter()
            .map(|m| ((m.participant_id, m.ssa_number, m.reference), m.row))
            .collect();
        for (m, key) in chunk.iter().zip(keys) {
            let line = m.line;
            let ssa_key = (m.participant.clone(), m.ssa_number.clone());
            if !self.ssas.contains_key(&ssa_key) {
                let known = tx.ssa_known(&m.participant, &m.ssa_number).await?;
                let latest = tx
                    .latest_movement_date(&m.participant, &m.ssa_number)
                    .await?;
                self.ssas.insert(ssa_key.clone(), SsaSeen { known, latest });
            }
            let Some(seen) = self.ssas.get_mut(&ssa_key) else {
                continue;
            };
            if !seen.known {
                report.problem(line, "participant_id", ImportRule::UnknownSsa);
                continue;
            }
            let stock_known = match self.stocks.get(&m.stock) {
                Some(known) => *known,
                None => {
                    let known = tx.stock_names(&m.stock).await?.is_some();
                    self.stocks.insert(m.stock.clone(), known);
                    known
                }
            };
            if !stock_known {
                report.problem(line, "stock_code", ImportRule::UnknownStock);
                continue;
            }
            let balance_key = (m.participant.clone(), m.ssa_number.clone(), m.stock.clone());
            if !self.balances.contains_key(&balance_key) {
                let latest = tx
                    .latest_balance(&m.participant, &m.ssa_number, &m.stock)
                    .await?;
                self.balances
                    .insert(balance_key.clone(), Balance::stored(latest));
            }
            let Some(balance) = self.balances.get_mut(&balance_key) else {
                continue;
            };
            let previous = balance.closing;
            // Quantities are at most 10^15 each; a sum past i64 is refused as
            // a quantity no SSA can hold.
            let Some(closing) = previous
                .unwrap_or(0)
                .checked_add(m.quantity_in)
                .and_then(|b| b.checked_sub(m.quantity_out))
            else {
                report.problem(line, "quantity_in", ImportRule::QuantityFormat);
                continue;
            };
            let row = MovementContent {
                settled_on: m.date.clone(),
                stock_code: m.stock.clone(),
                kind: m.kind.code().to_owned(),
                quantity_in: m.quantity_in,
                quantity_out: m.quantity_out,
            };
            // A line already imported with the same content is "already
            // there" whatever else it would break now (a re-sent old line is
            // back-dated); one with other content reuses its reference.
            match stored.get(&key) {
                Some(before) if *before == row => {
                    report.already_there += 1;
                    continue;
                }
                Some(_) => {
                    report.problem(line, "reference", ImportRule::ReferenceReused);
                    continue;
                }
                None => {}
            }
            // A movement is settled before it is fed: one dated after today
            // would freeze the SSA's feed (every real line after it would be
            // back-dated, and nothing is ever deleted).
            if m.date.as_str() > self.today.as_str() {
                let today = self.today.clone();
                report.problem(line, "date", ImportRule::InFuture { today });
                continue;
            }
            if let Some(latest) = seen.latest.as_deref().filter(|l| m.date.as_str() < *l) {
                let latest = latest.to_owned();
                report.problem(line, "date", ImportRule::BackDated { latest });
                continue;
            }
            if m.kind == MovementKind::BroughtForward && previous.is_some() {
                report.problem(line, "kind", ImportRule::BroughtForwardNotFirst);
                continue;
            }
            match balance.move_to(&balance_key, &m.date, closing, line) {
                Some(Ok(day)) => writes.balances.push(day),
                Some(Err((short_line, short))) => report.problem(
                    short_line,
                    "quantity_out",
                    ImportRule::NegativeBalance { balance: short },
                ),
                None => {}
            }
            seen.latest = Some(m.date.clone());
            writes.movements.push(NewMovement {
                participant_id: m.participant.clone(),
                ssa_number: m.ssa_number.clone(),
                settled_on: m.date.clone(),
                stock_code: m.stock.clone(),
                kind: m.kind.code(),
                quantity_in: m.quantity_in,
                quantity_out: m.quantity_out,
                reference: m.reference.clone(),
            });
            stored.insert(key, row);
            report.added += 1;
        }
        Ok(writes)
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
        if !records.header(&STOCK_HEADER, &mut report) {
            return Ok(report);
        }
        let mut tx = self.store.begin().await?;
        let now = self.now_ms();
        tx.lock_for_import(now).await?;
        let mut seen: HashMap<String, [String; 3]> = HashMap::new();
        while let Some((line, fields, bytes)) = records.next() {
            report.lines_read += 1;
            progress(bytes);
            let Some(fields) = report.columns(line, fields, STOCK_HEADER.len()) else {
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
        if !records.header(&MOVEMENT_HEADER, &mut report) {
            return Ok(report);
        }
        let mut tx = self.store.begin().await?;
        let now = self.now_ms();
        tx.lock_for_import(now).await?;
        let mut known = Known {
            today: crate::clock::hong_kong_date(self.now()).to_string(),
            ..Known::default()
        };
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
                if let Some(fields) = report.columns(line, fields, MOVEMENT_HEADER.len()) {
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
