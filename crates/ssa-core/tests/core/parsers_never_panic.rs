//! Arbitrary input into every parser: never a panic; always a coded rule or
//! a value that keeps the type's promise.

use proptest::prelude::*;
use ssa_core::domain::{
    BasicPassword, BasicUserId, InternetPassword, InternetUserId, ParticipantId, SsaNumber,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn basic_user_id_is_valid_or_refused(s in any::<String>()) {
        if let Ok(id) = BasicUserId::parse(&s) {
            prop_assert_eq!(id.as_str().len(), 8);
            prop_assert!(id.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn participant_id_is_valid_or_refused(s in any::<String>()) {
        if let Ok(id) = ParticipantId::parse(&s) {
            let v = id.as_str().as_bytes();
            prop_assert_eq!(v.len(), 6);
            prop_assert!(v[0].is_ascii_uppercase());
            prop_assert!(v[1..].iter().all(u8::is_ascii_digit));
        }
    }

    #[test]
    fn ssa_number_is_valid_or_refused(s in any::<String>()) {
        if let Ok(n) = SsaNumber::parse(&s) {
            prop_assert_eq!(n.as_str().len(), 2);
        }
    }

    #[test]
    fn internet_user_id_is_valid_or_refused(s in any::<String>()) {
        if let Ok(id) = InternetUserId::parse(&s) {
            prop_assert_eq!(id.as_str().len(), 8);
            prop_assert!(id.as_str().bytes().all(|b| b.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn internet_password_is_valid_or_refused(s in any::<String>()) {
        if InternetPassword::parse(&s).is_ok() {
            prop_assert!((13..=15).contains(&s.len()));
            prop_assert!(s.bytes().any(|b| b.is_ascii_digit()));
            prop_assert!(s.bytes().any(|b| b.is_ascii_alphabetic()));
            prop_assert!(s.bytes().all(|b| b.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn basic_password_is_valid_or_refused(s in any::<String>()) {
        if BasicPassword::parse(&s).is_ok() {
            prop_assert_eq!(s.len(), 8);
            prop_assert!(s.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn near_valid_internet_passwords_are_decided(s in "[A-Za-z0-9＀-｠ #]{10,18}") {
        // Close to the rule, so the length and class branches all run.
        let _ = InternetPassword::parse(&s);
        let _ = InternetUserId::parse(&s[..s.char_indices().nth(8).map_or(s.len(), |(i, _)| i)]);
    }
}
