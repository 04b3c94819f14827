//! The operator's CSV files, read one way for every import (statement
//! records, bulk provisioning, public holidays): records with the line an
//! editor shows, the header checked, and each bad line reported as a
//! [`LineProblem`] with a typed [`ImportRule`]. The operator's words for each
//! rule are in `ssa-admin` (`describe.rs`).

use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};

use crate::domain::statements::ImportRule;
pub use crate::domain::statements::LineProblem;

/// Bad lines reported in full; the rest are counted.
pub const MAX_REPORTED_PROBLEMS: usize = 100;

/// Keeps the [`MAX_REPORTED_PROBLEMS`] earliest bad lines, whatever order
/// they were found in (a negative balance is found when its day closes,
/// after later lines were read), and counts every one.
pub(crate) fn keep(problems: &mut Vec<LineProblem>, count: &mut u64, found: LineProblem) {
    *count += 1;
    if problems.len() < MAX_REPORTED_PROBLEMS {
        problems.push(found);
        return;
    }
    let latest = problems
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.line)
        .map(|(i, p)| (i, p.line));
    if let Some((i, latest_line)) = latest {
        if found.line < latest_line {
            problems[i] = found;
        }
    }
}

/// The record's fields when it read as text with `expected` columns;
/// otherwise the line's problem is noted.
pub(crate) fn columns(
    line: u64,
    fields: std::result::Result<Vec<String>, ImportRule>,
    expected: usize,
    note: &mut dyn FnMut(LineProblem),
) -> Option<Vec<String>> {
    let rule = match fields {
        Ok(f) if f.len() == expected => return Some(f),
        Ok(f) => ImportRule::WrongColumnCount {
            expected: expected as u32,
            found: f.len() as u32,
        },
        Err(rule) => rule,
    };
    note(LineProblem::new(line, "line", rule));
    None
}

/// Reads CSV records with their line numbers, checking the header. A
/// record's line is the file's line as an editor counts it (spec 7.1): one
/// more than the line ends before the record's first character, whatever
/// they are (LF, CRLF or CR), with a byte-order mark, blank lines skipped by
/// the reader, or quoted fields over several lines. (The csv crate's own
/// line count differs with CRLF, and its record position points at the
/// first blank line it skipped.)
pub(crate) struct Records<R: Read> {
    reader: csv::Reader<LineEnds<R>>,
    record: csv::ByteRecord,
    ends: Arc<Mutex<EndBook>>,
    /// Reading failed once: nothing more is read.
    failed: bool,
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
    pub(crate) fn new(source: R) -> Self {
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
            failed: false,
        }
    }

    fn line_at(&self, offset: u64) -> u64 {
        self.ends
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .line_at(offset)
    }

    /// The next record's line and fields, or a problem with it; `None` at the end.
    pub(crate) fn next(
        &mut self,
    ) -> Option<(u64, std::result::Result<Vec<String>, ImportRule>, u64)> {
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
            // The csv crate's byte records fail only when reading fails:
            // the file ends there (asking again would fail again).
            Err(e) if self.failed => {
                let _ = e;
                None
            }
            Err(e) => {
                self.failed = true;
                let line = e.position().map(|p| self.line_at(p.byte())).unwrap_or(0);
                Some((line, Err(ImportRule::NotUtf8), 0))
            }
        }
    }

    /// Checks the header line; a problem when it is missing or different.
    pub(crate) fn header(&mut self, expected: &[&str], note: &mut dyn FnMut(LineProblem)) -> bool {
        let wanted = || ImportRule::WrongHeader {
            expected: expected.join(","),
        };
        match self.next() {
            None => {
                note(LineProblem::new(1, "file", ImportRule::EmptyFile));
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
                    note(LineProblem::new(line, "line", wanted()));
                    false
                }
            }
            Some((line, Err(rule), _)) => {
                note(LineProblem::new(line, "line", rule));
                false
            }
        }
    }
}
