//! Arbitrary and near-valid input into every parser: never a panic; a value
//! exactly when the input keeps the rule (so both branches run: `any::<String>()`
//! alone almost never makes eight digits), and then one that keeps the
//! type's promise; otherwise the rule that was broken.

use proptest::prelude::*;
use ssa_core::domain::{
    BasicPassword, BasicUserId, InternetPassword, InternetUserId, ParticipantId, Rule, SsaNumber,
};

/// Strings near a rule: the right characters at lengths around the right
/// one, with now and then a space at an end, a full-width digit or a letter
/// where a digit goes; and anything at all.
fn near(class: &'static str, len: usize) -> impl Strategy<Value = String> {
    let (lo, hi) = (len.saturating_sub(2), len + 2);
    prop_oneof![
        4 => proptest::string::string_regex(&format!("{class}{{{lo},{hi}}}")).unwrap(),
        2 => proptest::string::string_regex(&format!(" ?{class}{{{len}}} ?")).unwrap(),
        1 => proptest::string::string_regex(&format!("{class}{{0,{len}}}[a-zA-Z０-９ #]{class}{{0,{len}}}")).unwrap(),
        1 => any::<String>(),
    ]
}

fn digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn basic_user_id_is_eight_digits(s in near("[0-9]", 8)) {
        let parsed = BasicUserId::parse(&s);
        prop_assert_eq!(parsed.is_ok(), digits(s.trim(), 8), "{:?}", s);
        if let Ok(id) = parsed {
            prop_assert_eq!(id.as_str(), s.trim());
        }
    }

    #[test]
    fn participant_id_is_a_letter_and_five_digits(
        s in prop_oneof![near("[0-9]", 5).prop_map(|d| format!("c{d}")), near("[A-Z0-9]", 6)]
    ) {
        let t = s.trim();
        let b = t.as_bytes();
        let valid = b.len() == 6 && b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_digit);
        let parsed = ParticipantId::parse(&s);
        prop_assert_eq!(parsed.is_ok(), valid, "{:?}", s);
        if let Ok(id) = parsed {
            prop_assert_eq!(id.as_str(), t.to_ascii_uppercase());
        }
    }

    #[test]
    fn ssa_number_is_two_digits(s in near("[0-9]", 2)) {
        let parsed = SsaNumber::parse(&s);
        prop_assert_eq!(parsed.is_ok(), digits(s.trim(), 2), "{:?}", s);
        if let Ok(n) = parsed {
            prop_assert_eq!(n.as_str(), s.trim());
        }
    }

    #[test]
    fn internet_user_id_is_eight_letters_or_digits(s in near("[A-Za-z0-9]", 8)) {
        let t = s.trim();
        let valid = t.len() == 8 && t.bytes().all(|b| b.is_ascii_alphanumeric());
        let parsed = InternetUserId::parse(&s);
        prop_assert_eq!(parsed.is_ok(), valid, "{:?}", s);
        if let Ok(id) = parsed {
            prop_assert_eq!(id.as_str(), t);
        }
    }

    #[test]
    fn internet_password_is_13_to_15_letters_and_digits_with_both(
        s in near("[A-Za-z0-9]", 14)
    ) {
        let valid = (13..=15).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_alphanumeric())
            && s.bytes().any(|b| b.is_ascii_digit())
            && s.bytes().any(|b| b.is_ascii_alphabetic());
        match InternetPassword::parse(&s) {
            Ok(_) => prop_assert!(valid, "{:?} accepted", s),
            Err(rule) => {
                prop_assert!(!valid, "{:?} refused: {:?}", s, rule);
                // The rule named is the first one broken, in the order the
                // screen explains them.
                let expected = if s.is_empty() {
                    Rule::Required
                } else if s.chars().any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}') {
                    Rule::FullWidth
                } else if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
                    Rule::LettersAndDigitsOnly
                } else if !(13..=15).contains(&s.len()) {
                    Rule::LengthBetween { min: 13, max: 15 }
                } else if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
                    Rule::NeedsLetter
                } else {
                    Rule::NeedsDigit
                };
                prop_assert_eq!(rule, expected, "{:?}", s);
            }
        }
    }

    #[test]
    fn basic_password_is_eight_digits_untrimmed(s in near("[0-9]", 8)) {
        // Never trimmed: a space is a wrong character, not padding.
        prop_assert_eq!(BasicPassword::parse(&s).is_ok(), digits(&s, 8), "{:?}", s);
    }
}

/// The generators do reach both sides of every rule (a property whose
/// `Ok` branch never runs checks nothing).
#[test]
fn the_generators_make_valid_and_invalid_input() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut counts = [(0, 0); 3];
    for _ in 0..500 {
        for (i, (len, class)) in [(8, "[0-9]"), (2, "[0-9]"), (14, "[A-Za-z0-9]")]
            .into_iter()
            .enumerate()
        {
            let s = near(class, len).new_tree(&mut runner).unwrap().current();
            let ok = match i {
                0 => BasicUserId::parse(&s).is_ok(),
                1 => SsaNumber::parse(&s).is_ok(),
                _ => InternetPassword::parse(&s).is_ok(),
            };
            if ok {
                counts[i].0 += 1;
            } else {
                counts[i].1 += 1;
            }
        }
    }
    for (valid, invalid) in counts {
        assert!(valid > 50 && invalid > 50, "{counts:?}");
    }
}
