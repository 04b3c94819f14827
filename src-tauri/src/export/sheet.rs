//! The sheet an export writes, whatever its format: title, header lines,
//! columns and rows in the reader's language, dates and quantities as
//! [`crate::format`] writes them (the screen's text, in CSV and PDF alike).

use fluent_bundle::FluentArgs;
use ssa_core::{Export, Movement, StatementHeader};

use crate::format::{day, month, quantity};
use crate::i18n::{Language, Localizer};
use crate::statements::{kind_name, name};

/// How a column takes its width in the PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Fit {
    /// Figures: as wide as the widest, right-aligned, never cut.
    Figure,
    /// Dates, codes, references: as wide as the widest, never cut.
    Whole,
    /// Names and kinds: a share (by this weight) of the width left, cut
    /// with "…" when longer.
    Share(f32),
}

/// One statement as rows of text: a title, header lines, and tables (each
/// with an optional heading), laid out the same in CSV and PDF.
pub(super) struct Sheet {
    pub(super) title: String,
    pub(super) header: Vec<(String, String)>,
    /// Each column's header and how the PDF lays it out.
    pub(super) columns: Vec<(String, Fit)>,
    pub(super) sections: Vec<(Option<String>, Vec<Vec<String>>)>,
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
            h.participant_id.as_str().to_owned(),
        ),
        (
            l.text(lang, "field-ssa-number", None),
            h.ssa_number.as_str().to_owned(),
        ),
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

/// A message with one variable, e.g. the title `Daily statement: 27 Nov 2026`.
fn with(l: &Localizer, lang: Language, key: &str, name: &'static str, value: String) -> String {
    let mut args = FluentArgs::new();
    args.set(name, value);
    l.text(lang, key, Some(&args))
}

/// The sheet of an export.
pub(super) fn sheet(l: &Localizer, lang: Language, export: &Export) -> Sheet {
    let t = |key: &str| l.text(lang, key, None);
    let fmt = &|n: i64| quantity(lang, n);
    match export {
        Export::Daily(d) => Sheet {
            title: with(l, lang, "daily-statement-title", "date", day(lang, d.date)),
            header: header_lines(l, lang, &d.header, (t("statement-date"), day(lang, d.date))),
            columns: vec![
                (t("col-kind"), Fit::Share(2.0)),
                (t("col-reference"), Fit::Whole),
                (t("col-in"), Fit::Figure),
                (t("col-out"), Fit::Figure),
                (t("col-balance"), Fit::Figure),
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
            title: with(
                l,
                lang,
                "monthly-statement-title",
                "month",
                month(lang, m.month_end),
            ),
            header: header_lines(
                l,
                lang,
                &m.header,
                (t("monthly-as-at"), day(lang, m.month_end)),
            ),
            columns: vec![
                (t("col-stock-code"), Fit::Whole),
                (t("col-stock-name"), Fit::Share(3.0)),
                (t("col-balance"), Fit::Figure),
            ],
            sections: vec![(
                None,
                m.stocks
                    .iter()
                    .map(|h| {
                        vec![
                            h.stock_code.to_string(),
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
                    format!("{} – {}", day(lang, *from), day(lang, *to)),
                ),
            ),
            columns: vec![
                (t("col-date"), Fit::Whole),
                (t("col-stock-code"), Fit::Whole),
                (t("col-stock-name"), Fit::Share(1.7)),
                (t("col-kind"), Fit::Share(2.4)),
                (t("col-reference"), Fit::Whole),
                (t("col-in"), Fit::Figure),
                (t("col-out"), Fit::Figure),
            ],
            sections: vec![(
                None,
                movements
                    .iter()
                    .map(|m| {
                        vec![
                            day(lang, m.settled_on),
                            m.stock_code.to_string(),
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
