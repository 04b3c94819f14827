//! Identifiers and credentials of spec section 2, each parsed once at the
//! boundary: a value of one of these types is valid by construction. A parser
//! returns the rule that failed as data; the caller names the field.

/// Reads a value off the wire through its parser, as any input is read: a
/// server's answer that does not parse is refused, never taken on trust.
macro_rules! parsed_from_wire {
    ($t:ident) => {
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $t::parse(&text)
                    .map_err(|_| serde::de::Error::custom(concat!("not a valid ", stringify!($t))))
            }
        }
    };
}
pub(crate) use parsed_from_wire;

mod ids;
mod localized;
mod passwords;
pub mod statements;

pub use ids::{BasicAccountKey, BasicUserId, InternetUserId, ParticipantId, SsaNumber};
pub use localized::{Lang, Localized};
pub use passwords::{BasicPassword, InternetPassword};

use serde::{Deserialize, Serialize};

/// The form fields a person fills in, named as the window names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    BasicUserId,
    ParticipantId,
    SsaNumber,
    BasicPassword,
    NewBasicPassword,
    ConfirmBasicPassword,
    InternetUserId,
    InternetPassword,
    ConfirmInternetPassword,
    NewInternetPassword,
    ConfirmNewInternetPassword,
    Captcha,
    /// A statement enquiry's date (holdings, daily statement).
    Date,
    /// The first and last day of a movements enquiry or a chart.
    FromDate,
    ToDate,
    /// A monthly statement's month, or the month whose daily statements are listed.
    Month,
    StockCode,
}

/// The rule an input broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Rule {
    /// Nothing was entered.
    Required,
    /// Must be exactly `len` characters long.
    ExactLength { len: u32 },
    /// Must be `min` to `max` characters long.
    LengthBetween { min: u32, max: u32 },
    /// Digits 0-9 only.
    DigitsOnly,
    /// Letters A-Z, a-z and digits 0-9 only.
    LettersAndDigitsOnly,
    /// Full-width characters (from a Chinese input method): switch to half-width.
    FullWidth,
    /// One letter followed by five digits, e.g. C00088.
    ParticipantIdFormat,
    /// A password needs at least one letter.
    NeedsLetter,
    /// A password needs at least one digit.
    NeedsDigit,
    /// The confirmation differs from the password.
    Mismatch,
    /// The new password is one of the last `count` (the current one included).
    Reused { count: u32 },
    /// The new password is the same as the current one given on the form.
    SameAsCurrent,
    /// The verification code does not match.
    CaptchaWrong,
    /// The verification code is older than 5 minutes (or unknown).
    CaptchaExpired,
    /// The verification code was already answered once: each is good for
    /// one check only.
    CaptchaUsed,
    /// Too many wrong codes: wait this many seconds.
    CaptchaPaused { seconds: u32 },
    /// The Internet User ID is already taken (or was taken and cancelled).
    Taken,
    /// A date is a real day, written YYYY-MM-DD.
    DateFormat,
    /// A month is written YYYY-MM.
    MonthFormat,
    /// The period's last day is before its first.
    FromAfterTo,
    /// A stock code is exactly 5 digits, e.g. 00700.
    StockCodeFormat,
    /// The period holds more movements than one export takes: choose a shorter one.
    TooManyToExport { max: u64 },
    /// Longer than `max` characters (e.g. a stock filter: no name is longer).
    TooLong { max: u32 },
}

/// A rule broken by one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    #[serde(flatten)]
    pub rule: Rule,
}

impl Rule {
    pub fn at(self, field: Field) -> FieldError {
        FieldError { field, rule: self }
    }
}

/// True for the full-width forms of ASCII (U+FF01..U+FF5E) and the
/// ideographic space, which Chinese input methods produce.
pub(crate) fn is_full_width(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

/// Checks a string that must be exactly `len` ASCII digits.
pub(crate) fn check_digits(s: &str, len: u32) -> Result<(), Rule> {
    if s.is_empty() {
        return Err(Rule::Required);
    }
    if s.chars().any(is_full_width) {
        return Err(Rule::FullWidth);
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(Rule::DigitsOnly);
    }
    if s.len() != len as usize {
        return Err(Rule::ExactLength { len });
    }
    Ok(())
}

/// Collects field errors from several parses so one Submit reports every
/// broken rule at once.
#[derive(Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    /// The broken fields, in the order found.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.0
    }

    pub fn check<T>(&mut self, field: Field, parsed: Result<T, Rule>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(rule) => {
                self.0.push(rule.at(field));
                None
            }
        }
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Notes the outcome of a check that names its own field (the code).
    pub fn note(&mut self, checked: Result<(), FieldError>) {
        if let Err(e) = checked {
            self.0.push(e);
        }
    }

    /// The triple that names an SSA basic account, each field checked.
    pub fn account_key(
        &mut self,
        basic_user_id: &str,
        participant_id: &str,
        ssa_number: &str,
    ) -> Option<BasicAccountKey> {
        let basic_user_id = self.check(Field::BasicUserId, BasicUserId::parse(basic_user_id));
        let participant_id = self.check(Field::ParticipantId, ParticipantId::parse(participant_id));
        let ssa_number = self.check(Field::SsaNumber, SsaNumber::parse(ssa_number));
        Some(BasicAccountKey {
            basic_user_id: basic_user_id?,
            participant_id: participant_id?,
            ssa_number: ssa_number?,
        })
    }

    /// The confirmation of a new password: given, and the same.
    pub fn confirmation(&mut self, field: Field, new: &str, confirm: &str) {
        if confirm.is_empty() {
            self.0.push(Rule::Required.at(field));
        } else if new != confirm {
            self.0.push(Rule::Mismatch.at(field));
        }
    }

    pub fn has(&self, field: Field) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn into_result(self) -> Result<(), crate::SsaError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::SsaError::Invalid(self.0))
        }
    }
}
