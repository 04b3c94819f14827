//! Section 2 of the spec: each identifier and credential, rule by rule.

use ssa_core::domain::{
    BasicPassword, BasicUserId, InternetPassword, InternetUserId, ParticipantId, Rule, SsaNumber,
};

#[test]
fn basic_user_id_is_exactly_eight_digits() {
    assert!(BasicUserId::parse("12345678").is_ok());
    assert_eq!(
        BasicUserId::parse("1234567").unwrap_err(),
        Rule::ExactLength { len: 8 }
    );
    assert_eq!(
        BasicUserId::parse("123456789").unwrap_err(),
        Rule::ExactLength { len: 8 }
    );
    assert_eq!(
        BasicUserId::parse("1234567a").unwrap_err(),
        Rule::DigitsOnly
    );
    assert_eq!(BasicUserId::parse("").unwrap_err(), Rule::Required);
    assert_eq!(BasicUserId::parse("   ").unwrap_err(), Rule::Required);
}

#[test]
fn ids_are_trimmed_of_surrounding_white_space() {
    assert_eq!(
        BasicUserId::parse("  12345678\t").unwrap().as_str(),
        "12345678"
    );
    assert_eq!(
        InternetUserId::parse(" Abcd1234 ").unwrap().as_str(),
        "Abcd1234"
    );
    assert_eq!(SsaNumber::parse(" 01").unwrap().as_str(), "01");
}

#[test]
fn passwords_are_never_trimmed() {
    assert_eq!(
        BasicPassword::parse(" 12345678").unwrap_err(),
        Rule::DigitsOnly
    );
    assert_eq!(
        InternetPassword::parse("abcdefgh12345 ").unwrap_err(),
        Rule::LettersAndDigitsOnly
    );
}

#[test]
fn participant_id_is_one_letter_and_five_digits_shown_upper_case() {
    assert_eq!(ParticipantId::parse("c00088").unwrap().as_str(), "C00088");
    assert_eq!(ParticipantId::parse("C00088").unwrap().as_str(), "C00088");
    assert_eq!(
        ParticipantId::parse("000088").unwrap_err(),
        Rule::ParticipantIdFormat
    );
    assert_eq!(
        ParticipantId::parse("CC0088").unwrap_err(),
        Rule::ParticipantIdFormat
    );
    assert_eq!(
        ParticipantId::parse("C0008").unwrap_err(),
        Rule::ExactLength { len: 6 }
    );
}

#[test]
fn ssa_number_is_exactly_two_digits() {
    assert!(SsaNumber::parse("01").is_ok());
    assert_eq!(
        SsaNumber::parse("1").unwrap_err(),
        Rule::ExactLength { len: 2 }
    );
    assert_eq!(SsaNumber::parse("0a").unwrap_err(), Rule::DigitsOnly);
}

#[test]
fn internet_user_id_is_exactly_eight_letters_or_digits() {
    assert!(InternetUserId::parse("abcd1234").is_ok());
    assert!(InternetUserId::parse("ABCDEFGH").is_ok());
    assert!(InternetUserId::parse("12345678").is_ok());
    assert_eq!(
        InternetUserId::parse("abc1234").unwrap_err(),
        Rule::ExactLength { len: 8 }
    );
    assert_eq!(
        InternetUserId::parse("abcd12345").unwrap_err(),
        Rule::ExactLength { len: 8 }
    );
    assert_eq!(
        InternetUserId::parse("abcd-123").unwrap_err(),
        Rule::LettersAndDigitsOnly
    );
    assert_eq!(
        InternetUserId::parse("abcd123é").unwrap_err(),
        Rule::LettersAndDigitsOnly
    );
}

#[test]
fn internet_user_ids_compare_without_regard_to_case() {
    let a = InternetUserId::parse("AbCd1234").unwrap();
    let b = InternetUserId::parse("abcd1234").unwrap();
    assert_eq!(a, b);
    assert_eq!(a.key(), "ABCD1234");
    assert_eq!(a.as_str(), "AbCd1234", "kept as typed");
}

#[test]
fn internet_password_is_13_to_15_letters_and_digits_with_both() {
    assert!(InternetPassword::parse("abcdefghij123").is_ok());
    assert!(InternetPassword::parse("abcdefghij12345").is_ok());
    let between = Rule::LengthBetween { min: 13, max: 15 };
    assert_eq!(
        InternetPassword::parse("abcdefghij12").unwrap_err(),
        between
    );
    assert_eq!(
        InternetPassword::parse("abcdefghij123456").unwrap_err(),
        between
    );
    assert_eq!(
        InternetPassword::parse("abcdefghijklmn").unwrap_err(),
        Rule::NeedsDigit
    );
    assert_eq!(
        InternetPassword::parse("12345678901234").unwrap_err(),
        Rule::NeedsLetter
    );
    assert_eq!(
        InternetPassword::parse("abcdefghij12#").unwrap_err(),
        Rule::LettersAndDigitsOnly
    );
    assert_eq!(InternetPassword::parse("").unwrap_err(), Rule::Required);
}

#[test]
fn full_width_characters_are_refused_with_their_own_rule() {
    assert_eq!(
        BasicUserId::parse("１２３４５６７８").unwrap_err(),
        Rule::FullWidth
    );
    assert_eq!(
        InternetUserId::parse("ａｂｃｄ1234").unwrap_err(),
        Rule::FullWidth
    );
    assert_eq!(
        ParticipantId::parse("Ｃ00088").unwrap_err(),
        Rule::FullWidth
    );
    assert_eq!(
        InternetPassword::parse("abcdefghij12３").unwrap_err(),
        Rule::FullWidth
    );
    assert_eq!(
        BasicPassword::parse("1111222２").unwrap_err(),
        Rule::FullWidth
    );
}

#[test]
fn basic_password_is_exactly_eight_digits() {
    assert!(BasicPassword::parse("00000000").is_ok());
    assert_eq!(
        BasicPassword::parse("1234567").unwrap_err(),
        Rule::ExactLength { len: 8 }
    );
    assert_eq!(
        BasicPassword::parse("1234567x").unwrap_err(),
        Rule::DigitsOnly
    );
}

#[test]
fn passwords_never_show_in_debug_output() {
    let p = InternetPassword::parse("abcdefghij123").unwrap();
    let b = BasicPassword::parse("11112222").unwrap();
    let shown = format!("{p:?} {b:?}");
    assert!(!shown.contains("abcdefghij123"));
    assert!(!shown.contains("11112222"));
}

#[test]
fn errors_serialise_as_code_and_args() {
    let err = ssa_core::SsaError::Invalid(vec![
        Rule::LengthBetween { min: 13, max: 15 }.at(ssa_core::domain::Field::InternetPassword)
    ]);
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"code": "invalid", "args": [
            {"field": "internet-password", "rule": "length-between", "min": 13, "max": 15}
        ]})
    );
    assert_eq!(
        serde_json::to_value(ssa_core::SsaError::LoginFailed).unwrap(),
        serde_json::json!({"code": "login-failed"})
    );
}
