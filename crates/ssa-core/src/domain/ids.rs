//! The identifiers: Basic User ID, Participant ID, SSA Number, Internet User
//! ID. IDs are trimmed of surrounding white space; passwords never are.

use std::fmt;

use serde::Serialize;

use super::{check_digits, is_full_width, Rule};

/// CCASS Basic User ID: exactly 8 digits, set by the operator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct BasicUserId(String);

parsed_from_wire!(BasicUserId);

impl BasicUserId {
    pub fn parse(input: &str) -> Result<Self, Rule> {
        let s = input.trim();
        check_digits(s, 8)?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Participant ID: one letter and five digits, e.g. `C00088`. Lower case is
/// accepted and kept upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ParticipantId(String);

parsed_from_wire!(ParticipantId);

impl ParticipantId {
    pub fn parse(input: &str) -> Result<Self, Rule> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Rule::Required);
        }
        if s.chars().any(is_full_width) {
            return Err(Rule::FullWidth);
        }
        if s.chars().count() != 6 {
            return Err(Rule::ExactLength { len: 6 });
        }
        let mut chars = s.chars();
        let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        if !first_is_letter || !chars.all(|c| c.is_ascii_digit()) {
            return Err(Rule::ParticipantIdFormat);
        }
        Ok(Self(s.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// SSA Number: exactly 2 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct SsaNumber(String);

parsed_from_wire!(SsaNumber);

impl SsaNumber {
    pub fn parse(input: &str) -> Result<Self, Rule> {
        let s = input.trim();
        check_digits(s, 2)?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The triple that names one SSA basic account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct BasicAccountKey {
    pub basic_user_id: BasicUserId,
    pub participant_id: ParticipantId,
    pub ssa_number: SsaNumber,
}

impl BasicAccountKey {
    /// Parses the triple, reporting every broken field.
    pub fn parse(
        basic_user_id: &str,
        participant_id: &str,
        ssa_number: &str,
    ) -> Result<Self, crate::SsaError> {
        let mut problems = super::Problems::default();
        let key = problems.account_key(basic_user_id, participant_id, ssa_number);
        problems.into_result()?;
        key.ok_or(crate::SsaError::Internal)
    }
}

/// Internet User ID: exactly 8 letters and/or digits, chosen by the investor.
/// Kept as typed; compared without regard to case.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct InternetUserId(String);

parsed_from_wire!(InternetUserId);

impl InternetUserId {
    pub fn parse(input: &str) -> Result<Self, Rule> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Rule::Required);
        }
        if s.chars().any(is_full_width) {
            return Err(Rule::FullWidth);
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Rule::LettersAndDigitsOnly);
        }
        if s.len() != 8 {
            return Err(Rule::ExactLength { len: 8 });
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-free key under which the ID is unique.
    pub fn key(&self) -> String {
        self.0.to_ascii_uppercase()
    }
}

impl PartialEq for InternetUserId {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}
impl Eq for InternetUserId {}

impl fmt::Display for InternetUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for BasicUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
