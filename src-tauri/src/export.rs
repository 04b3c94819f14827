//! Exports of a daily statement, a monthly statement or a movements
//! enquiry (spec 7.3), desktop only (the core refuses a kiosk session):
//! CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the
//! Chinese names) and headers in the reader's language, or an A4 PDF whose
//! text can be selected and searched. The window chooses the file in the
//! system's save dialog and passes its path here, so tests can export
//! without the dialog.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use ssa_core::{Export, ExportRequest, Movement, StatementHeader};

use crate::i18n::{Language, Localizer, UiError};
use crate::state::AppState;
use crate::statements::{kind_name, name, ymd};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Pdf,
}

impl ExportFormat {
    /// The file extension and the dialog's name for it.
    pub fn extension(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Csv => ("csv", "CSV"),
            ExportFormat::Pdf => ("pdf", "PDF"),
        }
    }
}

/// The file name the save dialog suggests (without extension).
pub fn file_stem(what: &ExportRequest) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(10)
            .collect()
    };
    match what {
        ExportRequest::Daily { date } => format!("daily-statement-{}", safe(date)),
        ExportRequest::Monthly { month } => format!("monthly-statement-{}", safe(month)),
        ExportRequest::Movements { request } => {
            format!("movements-{}-{}", safe(&request.from), safe(&request.to))
        }
    }
}

/// A quantity grouped as the reader's language writes it (CLDR data).
fn grouped(lang: Language, n: i64) -> String {
    use num_format::{Locale, ToFormattedString};
    let locale = match lang {
        Language::English => Locale::en,
        Language::TraditionalChinese => Locale::zh_Hant_HK,
        Language::SimplifiedChinese => Locale::zh_Hans,
    };
    n.to_formatted_string(&locale)
}

/// One statement as rows of text: a title, header lines, and tables (each
/// with an optional heading), laid out the same in CSV and PDF.
struct Sheet {
    title: String,
    header: Vec<(String, String)>,
    /// Header, whether it holds figures (right-aligned), and its share of
    /// the text width in the PDF.
    columns: Vec<(String, bool, f32)>,
    sections: Vec<(Option<String>, Vec<Vec<String>>)>,
}

fn header_lines(
    l: &Localizer,
    lang: Language,
    h: &StatementHeader,
    first: (String, String),
) -> Vec<(String, String)> {
    vec![
        first,
        (
            l.text(lang, "field-participant-id", None),
            h.participant_id.clone(),
        ),
        (l.text(lang, "field-ssa-number", None), h.ssa_number.clone()),
        // Not the Basic User ID: a file travels, and that ID is half of
        // what opens the account.
    ]
}

fn kind(l: &Localizer, lang: Language, m: &Movement) -> String {
    let code = m.kind.code();
    format!("{} ({code})", kind_name(l, lang, code))
}

fn blank_if_zero(n: i64, fmt: impl Fn(i64) -> String) -> String {
    if n == 0 {
        String::new()
    } else {
        fmt(n)
    }
}

/// The sheet of an export; quantities written by `fmt` (plain digits in
/// CSV, grouped in PDF).
fn sheet(l: &Localizer, lang: Language, export: &Export, fmt: &dyn Fn(i64) -> String) -> Sheet {
    let t = |key: &str| l.text(lang, key, None);
    match export {
        Export::Daily(d) => Sheet {
            title: format!("{}: {}", t("daily-statement"), ymd(d.date)),
            header: header_lines(l, lang, &d.header, (t("statement-date"), ymd(d.date))),
            columns: vec![
                (t("col-kind"), false, 2.0),
                (t("col-reference"), false, 1.0),
                (t("col-in"), true, 0.0),
                (t("col-out"), true, 0.0),
                (t("col-balance"), true, 0.0),
            ],
            sections: d
                .stocks
                .iter()
                .map(|s| {
                    let mut rows = vec![vec![
                        t("opening-balance"),
                        String::new(),
                        String::new(),
                        String::new(),
                        fmt(s.opening),
                    ]];
                    rows.extend(s.movements.iter().map(|m| {
                        vec![
                            kind(l, lang, m),
                            m.reference.clone(),
                            blank_if_zero(m.quantity_in, fmt),
                            blank_if_zero(m.quantity_out, fmt),
                            String::new(),
                        ]
                    }));
                    rows.push(vec![
                        t("closing-balance"),
                        String::new(),
                        String::new(),
                        String::new(),
                        fmt(s.closing),
                    ]);
                    (
                        Some(format!("{} {}", s.stock_code, name(lang, &s.names))),
                        rows,
                    )
                })
                .collect(),
        },
        Export::Monthly(m) => Sheet {
            title: format!("{}: {}", t("monthly-title"), &ymd(m.month_end)[..7]),
            header: header_lines(l, lang, &m.header, (t("monthly-as-at"), ymd(m.month_end))),
            columns: vec![
                (t("col-stock-code"), false, 1.0),
                (t("col-stock-name"), false, 3.0),
                (t("col-balance"), true, 0.0),
            ],
            sections: vec![(
                None,
                m.stocks
                    .iter()
                    .map(|h| {
                        vec![
                            h.stock_code.clone(),
                            name(lang, &h.names).to_owned(),
                            fmt(h.balance),
                        ]
                    })
                    .collect(),
            )],
        },
        Export::Movements {
            header,
            from,
            to,
            movements,
        } => Sheet {
            title: t("movements-title"),
            header: header_lines(
                l,
                lang,
                header,
                (
                    format!("{} – {}", t("field-from-date"), t("field-to-date")),
                    format!("{} – {}", ymd(*from), ymd(*to)),
                ),
            ),
            columns: vec![
                (t("col-date"), false, 1.05),
                (t("col-stock-code"), false, 0.75),
                (t("col-stock-name"), false, 1.7),
                (t("col-kind"), false, 2.4),
                (t("col-reference"), false, 1.2),
                (t("col-in"), true, 0.0),
                (t("col-out"), true, 0.0),
            ],
            sections: vec![(
                None,
                movements
                    .iter()
                    .map(|m| {
                        vec![
                            ymd(m.settled_on),
                            m.stock_code.clone(),
                            name(lang, &m.names).to_owned(),
                            kind(l, lang, m),
                            m.reference.clone(),
                            blank_if_zero(m.quantity_in, fmt),
                            blank_if_zero(m.quantity_out, fmt),
                        ]
                    })
                    .collect(),
            )],
        },
    }
}

/// The sheet as CSV: a byte-order mark, then one header line of the
/// columns (with a stock column when the sheet has sections per stock) and
/// one line a row. Quantities are plain digits for spreadsheets to read.
pub fn csv_bytes(l: &Localizer, lang: Language, export: &Export) -> Result<Vec<u8>, csv::Error> {
    let sheet = sheet(l, lang, export, &|n| n.to_string());
    let per_stock = sheet.sections.iter().any(|(heading, _)| heading.is_some());
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut head: Vec<String> = Vec::new();
    if per_stock {
        head.push(l.text(lang, "col-stock-code", None));
        head.push(l.text(lang, "col-stock-name", None));
    }
    head.extend(sheet.columns.iter().map(|(c, _, _)| c.clone()));
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

/// Families with Chinese glyphs, in order of preference per language, then
/// any sans-serif (enough for an English statement of Latin names).
fn font_families(lang: Language) -> Vec<fontdb::Family<'static>> {
    use fontdb::Family::Name;
    let traditional = [
        Name("Noto Sans CJK TC"),
        Name("Noto Sans CJK HK"),
        Name("Noto Sans TC"),
        Name("Microsoft JhengHei"),
        Name("PingFang TC"),
        Name("Heiti TC"),
    ];
    let simplified = [
        Name("Noto Sans CJK SC"),
        Name("Noto Sans SC"),
        Name("Microsoft YaHei"),
        Name("PingFang SC"),
        Name("Heiti SC"),
    ];
    let others = [
        Name("Source Han Sans"),
        Name("WenQuanYi Micro Hei"),
        Name("Droid Sans Fallback"),
        fontdb::Family::SansSerif,
    ];
    let mut families: Vec<fontdb::Family<'static>> = Vec::new();
    if lang == Language::SimplifiedChinese {
        families.extend(simplified);
        families.extend(traditional);
    } else {
        families.extend(traditional);
        families.extend(simplified);
    }
    families.extend(others);
    families
}

/// The system's fonts, looked up once (names and places, not their data).
fn system_fonts() -> &'static fontdb::Database {
    static FONTS: std::sync::OnceLock<fontdb::Database> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    })
}

/// Whether the face has every character of `text` that is drawn.
fn covers(data: &[u8], index: u32, text: &str) -> bool {
    use skrifa::MetadataProvider;
    skrifa::FontRef::from_index(data, index)
        .map(|f| {
            let map = f.charmap();
            text.chars()
                .filter(|c| !c.is_whitespace())
                .all(|c| map.map(c).is_some())
        })
        .unwrap_or(false)
}

/// A system font for `text`: its bytes and face index. The first of the
/// language's families that has every character; else any face that has
/// them all (read where it lies, only the one chosen is copied); else the
/// first of the families there is, and the characters it lacks are drawn as
/// a replacement mark ([`mark_missing`]).
fn find_font(lang: Language, text: &str) -> Option<(Arc<Vec<u8>>, u32)> {
    let db = system_fonts();
    let copy = |id| db.with_face_data(id, |data, index| (Arc::new(data.to_vec()), index));
    let preferred: Vec<fontdb::ID> = font_families(lang)
        .into_iter()
        .filter_map(|family| {
            db.query(&fontdb::Query {
                families: &[family],
                ..Default::default()
            })
        })
        .collect();
    let whole = |id: &fontdb::ID| {
        db.with_face_data(*id, |data, index| covers(data, index, text))
            .unwrap_or(false)
    };
    if let Some(id) = preferred.iter().find(|id| whole(id)) {
        return copy(*id);
    }
    if let Some(id) = db.faces().map(|f| f.id).find(whole) {
        return copy(id);
    }
    preferred
        .first()
        .copied()
        .or_else(|| db.faces().next().map(|f| f.id))
        .and_then(copy)
}

/// `text` with every character the font cannot draw (a control character,
/// a private-use one, one no installed font has) replaced by U+FFFD, or by
/// `?` where the font lacks that too: the statement still exports, and the
/// reader sees where something could not be shown.
fn mark_missing(font: &skrifa::FontRef<'_>, text: &str) -> String {
    use skrifa::MetadataProvider;
    let map = font.charmap();
    let mark = if map.map('\u{FFFD}').is_some() {
        '\u{FFFD}'
    } else {
        '?'
    };
    text.chars()
        .map(|c| {
            if c == ' ' || (!c.is_control() && map.map(c).is_some()) {
                c
            } else {
                mark
            }
        })
        .collect()
}

/// Text widths in points, for right-aligned figures and cut names.
struct Measure<'a> {
    font: skrifa::FontRef<'a>,
}

impl Measure<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        use skrifa::instance::{LocationRef, Size};
        use skrifa::MetadataProvider;
        let map = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                map.map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// `text` cut (with an ellipsis) to fit `max` points.
    fn fit(&self, text: &str, size: f32, max: f32) -> String {
        if self.width(text, size) <= max {
            return text.to_owned();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width(&format!("{out}…"), size) > max {
                out.pop();
                break;
            }
        }
        format!("{out}…")
    }
}

/// The sheet as an A4 PDF (text drawn as text, the font subsetted).
pub fn pdf_bytes(l: &Localizer, lang: Language, export: &Export) -> Result<Vec<u8>, &'static str> {
    use krilla::geom::Point;
    use krilla::page::PageSettings;
    use krilla::text::{Font, TextDirection};

    let mut sheet = sheet(l, lang, export, &|n| grouped(lang, n));
    let mut all_text = sheet.title.clone();
    for (k, v) in &sheet.header {
        all_text.push_str(k);
        all_text.push_str(v);
    }
    for (c, _, _) in &sheet.columns {
        all_text.push_str(c);
    }
    for (heading, rows) in &sheet.sections {
        all_text.push_str(heading.as_deref().unwrap_or_default());
        for row in rows {
            for cell in row {
                all_text.push_str(cell);
            }
        }
    }
    all_text.push('…');
    let (data, index) = find_font(lang, &all_text).ok_or("no-font")?;
    let measure = Measure {
        font: skrifa::FontRef::from_index(&data, index).map_err(|_| "no-font")?,
    };
    let font = Font::new(data.clone().into(), index).ok_or("no-font")?;
    let drawable = |t: &mut String| *t = mark_missing(&measure.font, t);
    drawable(&mut sheet.title);
    for (k, v) in &mut sheet.header {
        drawable(k);
        drawable(v);
    }
    for (c, _, _) in &mut sheet.columns {
        drawable(c);
    }
    for (heading, rows) in &mut sheet.sections {
        heading.iter_mut().for_each(drawable);
        rows.iter_mut().flatten().for_each(drawable);
    }

    const W: f32 = 595.28;
    const H: f32 = 841.89;
    const MARGIN: f32 = 48.0;
    const SIZE: f32 = 9.0;
    const LINE: f32 = 14.0;
    let usable = W - 2.0 * MARGIN;
    // Column widths: figures get a fixed width, text columns share the
    // rest by their weights.
    let number_width = 70.0;
    let numeric = sheet.columns.iter().filter(|(_, n, _)| *n).count() as f32;
    let weights: f32 = sheet.columns.iter().map(|(_, _, w)| w).sum();
    let text_width = usable - numeric * number_width;
    let widths: Vec<f32> = sheet
        .columns
        .iter()
        .map(|(_, n, w)| {
            if *n {
                number_width
            } else {
                text_width * w / weights.max(1.0)
            }
        })
        .collect();

    let mut document = krilla::Document::new();
    // Lay out every line first, then draw them page by page.
    enum Line {
        Text { x: f32, text: String, size: f32 },
        Row(Vec<String>, bool),
        Gap,
    }
    let mut layout: Vec<Line> = vec![
        Line::Text {
            x: MARGIN,
            text: sheet.title.clone(),
            size: 15.0,
        },
        Line::Gap,
    ];
    for (k, v) in &sheet.header {
        layout.push(Line::Text {
            x: MARGIN,
            text: format!("{k}: {v}"),
            size: 10.0,
        });
    }
    layout.push(Line::Gap);
    for (heading, rows) in &sheet.sections {
        if let Some(heading) = heading {
            layout.push(Line::Text {
                x: MARGIN,
                text: heading.clone(),
                size: 11.0,
            });
        }
        layout.push(Line::Row(
            sheet.columns.iter().map(|(c, _, _)| c.clone()).collect(),
            true,
        ));
        for row in rows {
            layout.push(Line::Row(row.clone(), false));
        }
        layout.push(Line::Gap);
    }

    let mut pages: Vec<Vec<&Line>> = vec![Vec::new()];
    let mut y = MARGIN;
    for line in &layout {
        let height = match line {
            Line::Text { size, .. } => size + 6.0,
            Line::Row(..) => LINE,
            Line::Gap => 8.0,
        };
        if y + height > H - MARGIN {
            pages.push(Vec::new());
            y = MARGIN;
        }
        y += height;
        if let Some(page) = pages.last_mut() {
            page.push(line);
        }
    }
    for lines_on_page in pages {
        let mut page = document.start_page_with(PageSettings::from_wh(W, H).ok_or("page")?);
        let mut surface = page.surface();
        let mut y = MARGIN;
        for line in lines_on_page {
            match line {
                Line::Text { x, text, size } => {
                    y += size + 6.0;
                    surface.draw_text(
                        Point::from_xy(*x, y - 6.0),
                        font.clone(),
                        *size,
                        &measure.fit(text, *size, usable),
                        false,
                        TextDirection::Auto,
                    );
                }
                Line::Row(cells, _heading) => {
                    y += LINE;
                    let mut x = MARGIN;
                    for ((cell, width), (_, numeric, _)) in
                        cells.iter().zip(&widths).zip(&sheet.columns)
                    {
                        let text = measure.fit(cell, SIZE, width - 6.0);
                        let at = if *numeric {
                            x + width - 4.0 - measure.width(&text, SIZE)
                        } else {
                            x
                        };
                        if !text.is_empty() {
                            surface.draw_text(
                                Point::from_xy(at, y - 4.0),
                                font.clone(),
                                SIZE,
                                &text,
                                false,
                                TextDirection::Auto,
                            );
                        }
                        x += width;
                    }
                }
                Line::Gap => y += 8.0,
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| "pdf")
}

impl AppState {
    /// Writes the export to `path`: one call into the core for the
    /// statement, then the file. Nothing is written when the core refuses.
    pub async fn export_statement(
        &self,
        what: &ExportRequest,
        format: ExportFormat,
        path: &Path,
    ) -> Result<(), UiError> {
        let export = self.statement_for_export(what).await?;
        self.write_export(export, format, path).await
    }

    /// The statement an export holds: the one call into the core, which
    /// refuses without a live session and on a kiosk. The save dialog opens
    /// only after this has answered.
    pub async fn statement_for_export(&self, what: &ExportRequest) -> Result<Export, UiError> {
        self.with_session(async |ssa, s| ssa.statement_export(s, what).await)
            .await
    }

    /// Makes the file and puts it at `path` whole: written to a private
    /// temporary file beside it, then renamed over, so a failure never
    /// leaves a truncated file where a good one was.
    pub async fn write_export(
        &self,
        export: Export,
        format: ExportFormat,
        path: &Path,
    ) -> Result<(), UiError> {
        let lang = self.language();
        let path = path.to_owned();
        // Finding a font, laying out and writing take a while: off the
        // async runtime.
        let made = tokio::task::spawn_blocking(move || {
            let l = Localizer::new();
            let bytes = match format {
                ExportFormat::Csv => csv_bytes(&l, lang, &export).map_err(|_| "export-failed")?,
                ExportFormat::Pdf => pdf_bytes(&l, lang, &export).map_err(|e| {
                    if e == "no-font" {
                        "export-no-font"
                    } else {
                        "export-failed"
                    }
                })?,
            };
            ssa_core::files::write_whole(&path, &bytes).map_err(|e| {
                tracing::warn!(error = %e, "the export could not be written");
                "export-failed"
            })
        })
        .await
        .unwrap_or(Err("export-failed"));
        made.map_err(|key| self.export_error(key))
    }

    /// The export's own failure, in the reader's language.
    pub fn export_error(&self, key: &str) -> UiError {
        UiError {
            code: key.to_owned(),
            args: serde_json::Value::Null,
            message: self
                .localizer()
                .text(self.language(), &format!("error-{key}"), None),
            fields: Vec::new(),
        }
    }

    pub fn export_failed(&self) -> UiError {
        self.export_error("export-failed")
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

#[cfg(test)]
mod pdf_tests {
    use super::*;
    use ssa_core::{Holding, MonthlyStatement, StatementHeader, StockNames};

    /// A name with a private-use and a control character still exports:
    /// those two show as a replacement mark, the rest as written.
    #[test]
    fn a_character_no_font_has_exports_as_a_mark() {
        let name = "TENCENT\u{E000}X\u{7}Y";
        let export = Export::Monthly(MonthlyStatement {
            header: StatementHeader {
                participant_id: "C00088".into(),
                ssa_number: "01".into(),
                basic_user_id: "12345678".into(),
            },
            month_end: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            stocks: vec![Holding {
                stock_code: "00700".into(),
                names: StockNames {
                    en: name.into(),
                    zh_hk: name.into(),
                    zh_cn: name.into(),
                },
                balance: 600,
            }],
        });
        let pdf = pdf_bytes(&Localizer::new(), Language::English, &export).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("TENCENT\u{FFFD}X\u{FFFD}Y") || text.contains("TENCENT?X?Y"),
            "{text}"
        );
    }
}
