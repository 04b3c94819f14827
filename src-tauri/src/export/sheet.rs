//! The sheet an export writes, whatever its format: title, header lines,
//! columns and rows in the reader's language, figures grouped as it writes
//! them.

use ssa_core::{Export, Movement, StatementHeader};

use crate::i18n::{Language, Localizer};
use crate::statements::{kind_name, name, ymd};

pub(super) fn grouped(lang: Language, n: i64) -> String {
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
pub(super) struct Sheet {
    pub(super) title: String,
    pub(super) header: Vec<(String, String)>,
    /// Header, whether it holds figures (right-aligned), and its share of
    /// the text width in the PDF.
    pub(super) columns: Vec<(String, bool, f32)>,
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

/// The sheet of an export; quantities written by `fmt` (plain digits in
/// CSV, grouped in PDF).
pub(super) fn sheet(
    l: &Localizer,
    lang: Language,
    export: &Export,
    fmt: &dyn Fn(i64) -> String,
) -> Sheet {
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
