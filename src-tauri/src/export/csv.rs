//! The CSV of a sheet: UTF-8 with a byte-order mark, headers in the
//! reader's language, and no cell a spreadsheet would run as a formula.

use ssa_core::Export;

use super::sheet::sheet;
use crate::i18n::{Language, Localizer};

/// The sheet as CSV: a byte-order mark, then one header line of the
/// columns (with a stock column when the sheet has sections per stock) and
/// one line a row. Dates and quantities read as on screen and in the PDF
/// (`27 Nov 2026`, `1,234,500`); spreadsheets read both.
pub fn csv_bytes(l: &Localizer, lang: Language, export: &Export) -> Result<Vec<u8>, csv::Error> {
    let sheet = sheet(l, lang, export);
    let per_stock = sheet.sections.iter().any(|(heading, _)| heading.is_some());
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut head: Vec<String> = Vec::new();
    if per_stock {
        head.push(l.text(lang, "col-stock-code", None));
        head.push(l.text(lang, "col-stock-name", None));
    }
    head.extend(sheet.columns.iter().map(|(c, _)| c.clone()));
    out.write_record(&head)?;
    for (heading, rows) in &sheet.sections {
        let (code, stock) = heading
            .as_deref()
            .and_then(|h| h.split_once(' '))
            .unwrap_or_default();
        for row in rows {
            let mut record: Vec<std::borrow::Cow<'_, str>> = Vec::new();
            if per_stock {
                record.push(inert(code));
                record.push(inert(stock));
            }
            record.extend(row.iter().map(|cell| inert(cell)));
            out.write_record(record.iter().map(|c| c.as_bytes()))?;
        }
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A cell no spreadsheet runs as a formula (OWASP's CSV injection advice):
/// text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// gets a leading `'`; a plain number (`-400`) stays a number.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let starts_like_a_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.strip_prefix(['+', '-']).is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    if starts_like_a_formula && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod inert_tests {
    use super::inert;

    #[test]
    fn formulas_are_made_text_and_numbers_stay_numbers() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-400", "-400"),
            ("1,234", "1,234"),
            ("騰訊控股", "騰訊控股"),
            ("", ""),
        ] {
            assert_eq!(inert(cell), written, "{cell:?}");
        }
    }
}
