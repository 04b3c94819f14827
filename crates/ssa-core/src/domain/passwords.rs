//! The two passwords. Each holds its text in a `SecretString` from the moment
//! it is parsed: it cannot be printed, serialised or logged, and its memory is
//! wiped when dropped.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use super::{check_digits, is_full_width, Rule};

/// CCASS Basic Password: exactly 8 digits.
#[derive(Clone)]
pub struct BasicPassword(SecretString);

impl BasicPassword {
    /// Passwords are never trimmed: a space is a wrong character, not padding.
    pub fn parse(input: &str) -> Result<Self, Rule> {
        check_digits(input, 8)?;
        Ok(Self(SecretString::from(input)))
    }

    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub(crate) fn same_as(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

/// Internet User Password: 13 to 15 characters, letters and digits only, at
/// least one of each.
#[derive(Clone)]
pub struct InternetPassword(SecretString);

impl InternetPassword {
    pub const MIN_LEN: u32 = 13;
    pub const MAX_LEN: u32 = 15;

    pub fn parse(input: &str) -> Result<Self, Rule> {
        if input.is_empty() {
            return Err(Rule::Required);
        }
        if input.chars().any(is_full_width) {
            return Err(Rule::FullWidth);
        }
        if !input.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Rule::LettersAndDigitsOnly);
        }
        let len = input.len();
        if len < Self::MIN_LEN as usize || len > Self::MAX_LEN as usize {
            return Err(Rule::LengthBetween {
                min: Self::MIN_LEN,
                max: Self::MAX_LEN,
            });
        }
        if !input.chars().any(|c| c.is_ascii_alphabetic()) {
            return Err(Rule::NeedsLetter);
        }
        if !input.chars().any(|c| c.is_ascii_digit()) {
            return Err(Rule::NeedsDigit);
        }
        Ok(Self(SecretString::from(input)))
    }

    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for BasicPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BasicPassword(<redacted>)")
    }
}

impl fmt::Debug for InternetPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InternetPassword(<redacted>)")
    }
}
