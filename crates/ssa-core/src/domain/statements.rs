//! The values of spec section 7, each parsed once: stock codes, movement
//! kinds, quantities, CCASS references and settlement dates. A parser answers
//! the rule that failed as an [`ImportRule`]; the import names the line and
//! the column.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The largest quantity one movement may carry (spec 7.1: at most 10^15).
pub const MAX_QUANTITY: i64 = 1_000_000_000_000_000;

/// A rule one line of an import file broke. Serialised as
/// `{"rule": "...", ...data}`, like the form rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum ImportRule {
    /// The file is empty (not even a header line).
    EmptyFile,
    /// The file (or this line) is not UTF-8.
    NotUtf8,
    /// The header line is not the one the format names.
    WrongHeader { expected: String },
    /// The line has `found` columns instead of `expected`.
    WrongColumnCount { expected: u32, found: u32 },
    /// Nothing in a column that needs a value.
    Required,
    /// A stock code is exactly 5 digits, e.g. `00700`.
    StockCodeFormat,
    /// A date is `YYYY-MM-DD`, a real day.
    DateFormat,
    /// A Participant ID or SSA Number that breaks its format.
    IdFormat { id_rule: super::Rule },
    /// One of BF, CNS, SI, ISI, DEP, WDL, CA, ADJ.
    UnknownKind,
    /// A whole number of shares, 0 to 10^15.
    QuantityFormat,
    /// Exactly one of quantity in and quantity out is above zero.
    InOrOut,
    /// A CCASS reference is 1 to 16 letters and digits.
    ReferenceFormat,
    /// A stock name is missing, longer than 200 characters, or holds a
    /// control character or a bidirectional override.
    NameFormat,
    /// The stock code is not in the stock list.
    UnknownStock,
    /// No SSA basic account has this Participant ID and SSA Number.
    UnknownSsa,
    /// The movement would make the balance negative on its date.
    NegativeBalance { balance: i64 },
    /// Dated before the SSA's latest movement (a correction is a new movement).
    BackDated { latest: String },
    /// Dated after today in Hong Kong (`today`): a movement is fed once settled.
    InFuture { today: String },
    /// The reference is already used in this SSA by a movement with other content.
    ReferenceReused,
    /// A balance brought forward must be the first record of its stock.
    BroughtForwardNotFirst,
    /// The same stock code appears twice in the stock file with other names.
    StockTwice,
    /// A bulk file's header has no password column: the passwords are made
    /// (`--generate`).
    HeaderWithoutPasswords { expected: String },
    /// A bulk file's header has a password column, but passwords are to be made.
    HeaderWithPasswords { expected: String },
    /// The file has its header line and no record.
    OnlyTheHeader,
    /// An initial Basic password that breaks its rule (never trimmed).
    PasswordFormat { password_rule: super::Rule },
    /// `value` is on an earlier line of the file already, which names it once.
    AlreadyInFile { value: String, first_line: u64 },
    /// `value` is in the database already and is provisioned once.
    AlreadyInDatabase { value: String },
    /// A holiday file holds one year; this day is in another.
    OtherYear { year: i32 },
    /// A name longer than `max` characters.
    NameTooLong { max: u32 },
}

/// One bad line: where, which column, which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    pub line: u64,
    /// The column's header name, or `line` / `file` for the whole.
    pub column: &'static str,
    #[serde(flatten)]
    pub rule: ImportRule,
}

impl LineProblem {
    pub(crate) fn new(line: u64, column: &'static str, rule: ImportRule) -> Self {
        Self { line, column, rule }
    }
}

/// A 5-digit stock code, leading zeros kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct StockCode(String);

super::parsed_from_wire!(StockCode);

impl StockCode {
    pub fn parse(input: &str) -> Result<Self, ImportRule> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ImportRule::Required);
        }
        if s.len() != 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ImportRule::StockCodeFormat);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StockCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What moved a stock (spec 7.1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MovementKind {
    /// Balance brought forward: the first record of a stock.
    #[serde(rename = "BF")]
    BroughtForward,
    /// Settlement of exchange trades (Continuous Net Settlement).
    #[serde(rename = "CNS")]
    ExchangeTrades,
    /// Settlement instruction transfer.
    #[serde(rename = "SI")]
    SettlementInstruction,
    /// Investor settlement instruction.
    #[serde(rename = "ISI")]
    InvestorSettlementInstruction,
    /// Deposit of certificates.
    #[serde(rename = "DEP")]
    Deposit,
    /// Withdrawal of certificates.
    #[serde(rename = "WDL")]
    Withdrawal,
    /// Corporate action entitlement.
    #[serde(rename = "CA")]
    CorporateAction,
    /// Adjustment.
    #[serde(rename = "ADJ")]
    Adjustment,
}

impl MovementKind {
    pub const ALL: [MovementKind; 8] = [
        MovementKind::BroughtForward,
        MovementKind::ExchangeTrades,
        MovementKind::SettlementInstruction,
        MovementKind::InvestorSettlementInstruction,
        MovementKind::Deposit,
        MovementKind::Withdrawal,
        MovementKind::CorporateAction,
        MovementKind::Adjustment,
    ];

    /// The code as files and statements write it.
    pub fn code(self) -> &'static str {
        match self {
            MovementKind::BroughtForward => "BF",
            MovementKind::ExchangeTrades => "CNS",
            MovementKind::SettlementInstruction => "SI",
            MovementKind::InvestorSettlementInstruction => "ISI",
            MovementKind::Deposit => "DEP",
            MovementKind::Withdrawal => "WDL",
            MovementKind::CorporateAction => "CA",
            MovementKind::Adjustment => "ADJ",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ImportRule> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ImportRule::Required);
        }
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(s))
            .ok_or(ImportRule::UnknownKind)
    }
}

/// A whole number of shares, 0 to 10^15.
pub fn parse_quantity(input: &str) -> Result<i64, ImportRule> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(0);
    }
    if s.len() > 16 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ImportRule::QuantityFormat);
    }
    match s.parse::<i64>() {
        Ok(n) if n <= MAX_QUANTITY => Ok(n),
        _ => Err(ImportRule::QuantityFormat),
    }
}

/// A CCASS reference: 1 to 16 letters and digits, unique within its SSA.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Reference(String);

impl Reference {
    pub fn parse(input: &str) -> Result<Self, ImportRule> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ImportRule::Required);
        }
        if s.len() > 16 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(ImportRule::ReferenceFormat);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A settlement date, `YYYY-MM-DD`.
pub fn parse_date(input: &str) -> Result<NaiveDate, ImportRule> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ImportRule::Required);
    }
    if s.len() != 10 {
        return Err(ImportRule::DateFormat);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ImportRule::DateFormat)
}

/// A stock's name in one language: present, at most 200 characters.
pub fn parse_name(input: &str) -> Result<String, ImportRule> {
    let s = input.trim();
    if s.is_empty() || s.chars().count() > 200 || s.chars().any(hides_or_reorders) {
        return Err(ImportRule::NameFormat);
    }
    Ok(s.to_owned())
}

/// A control character, or one that reorders, hides or breaks the text
/// around it (bidirectional embeddings, overrides, isolates and marks,
/// zero-width and other invisible format characters, line and paragraph
/// separators): a stock name with one could show an investor other text
/// than it holds.
fn hides_or_reorders(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refuse_control_and_direction_characters() {
        assert_eq!(parse_name(" 騰訊控股 ").unwrap(), "騰訊控股");
        assert_eq!(
            parse_name("=HYPERLINK(\"x\")").unwrap(),
            "=HYPERLINK(\"x\")"
        );
        for bad in [
            "TENCENT\u{202E}LTD",
            "A\u{2066}B",
            "A\u{200F}B",
            "A\u{200B}B",
            "A\u{2028}B",
            "A\u{FEFF}B",
            "A\u{0007}B",
            "A\nB",
            "A\tB",
            "",
        ] {
            assert_eq!(parse_name(bad), Err(ImportRule::NameFormat), "{bad:?}");
        }
    }

    #[test]
    fn stock_codes_keep_their_leading_zeros() {
        assert_eq!(StockCode::parse(" 00700 ").unwrap().as_str(), "00700");
        assert_eq!(StockCode::parse("700"), Err(ImportRule::StockCodeFormat));
        assert_eq!(StockCode::parse("0070A"), Err(ImportRule::StockCodeFormat));
    }

    #[test]
    fn quantities_are_whole_and_at_most_ten_to_the_fifteen() {
        assert_eq!(parse_quantity("1000000000000000"), Ok(MAX_QUANTITY));
        assert_eq!(
            parse_quantity("1000000000000001"),
            Err(ImportRule::QuantityFormat)
        );
        assert_eq!(parse_quantity("-5"), Err(ImportRule::QuantityFormat));
        assert_eq!(parse_quantity("1.5"), Err(ImportRule::QuantityFormat));
        assert_eq!(parse_quantity(""), Ok(0));
    }

    #[test]
    fn kinds_are_the_eight_of_the_spec() {
        for k in MovementKind::ALL {
            assert_eq!(MovementKind::parse(k.code()), Ok(k));
        }
        assert_eq!(MovementKind::parse("XYZ"), Err(ImportRule::UnknownKind));
    }

    #[test]
    fn dates_are_real_days() {
        assert!(parse_date("2026-02-28").is_ok());
        assert_eq!(parse_date("2026-02-30"), Err(ImportRule::DateFormat));
        assert_eq!(parse_date("26-2-3"), Err(ImportRule::DateFormat));
    }
}
