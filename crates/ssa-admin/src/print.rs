//! How `ssa-admin` says things: Hong Kong times, tables for people, JSON
//! lines for scripts, refusals.

use chrono::{DateTime, Utc};
use ssa_core::clock::{format_hong_kong, parse_hong_kong};
use ssa_core::SsaError;

pub fn refused(reason: impl Into<String>) -> SsaError {
    SsaError::OperatorRefused {
        reason: reason.into(),
    }
}

/// `YYYY-MM-DD HH:MM` in Hong Kong time, for tables.
pub fn hk(t: DateTime<Utc>) -> String {
    format_hong_kong(t)[..16].to_owned()
}

pub fn hk_or_dash(t: Option<DateTime<Utc>>) -> String {
    t.map(hk).unwrap_or_else(|| "-".into())
}

pub fn parse_time(flag: &str, text: &str, end_of_day: bool) -> Result<DateTime<Utc>, SsaError> {
    parse_hong_kong(text, end_of_day).ok_or_else(|| {
        refused(format!(
            "{flag} {text:?}: a Hong Kong time is YYYY-MM-DD HH:MM (or a date YYYY-MM-DD)"
        ))
    })
}

/// Prints rows as aligned columns under a header.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

pub fn json_lines<T: serde::Serialize>(items: &[T]) {
    for item in items {
        println!("{}", serde_json::to_string(item).unwrap_or_default());
    }
}
