//! The chain's MACs: each entry bound to the one before and to its place.

use super::*;

fn entry(seq: i64, mac: String, fields: ChainedFields<'_>, id: i64) -> StoredEntry {
    StoredEntry {
        id,
        seq: Some(seq),
        mac: Some(mac),
        at_ms: fields.at_ms,
        kind: fields.kind.into(),
        internet_user_id: fields.internet_user_id.map(str::to_owned),
        basic_user_id: fields.basic_user_id.map(str::to_owned),
        outcome: fields.outcome.into(),
    }
}

#[test]
fn an_absent_id_and_an_empty_one_do_not_share_a_mac() {
    let key = ChainKey::derive(&[1u8; 32]);
    let base = ChainedFields {
        at_ms: 1,
        kind: "logout",
        internet_user_id: None,
        basic_user_id: Some("12345678"),
        outcome: "ok",
    };
    let empty = ChainedFields {
        internet_user_id: Some(""),
        ..base
    };
    let shifted = ChainedFields {
        internet_user_id: Some("12345678"),
        basic_user_id: None,
        ..base
    };
    let a = key.entry_mac("", 1, &base);
    assert_ne!(a, key.entry_mac("", 1, &empty));
    assert_ne!(a, key.entry_mac("", 1, &shifted));
    assert_ne!(a, key.entry_mac("", 2, &base));
    assert_ne!(a, ChainKey::derive(&[2u8; 32]).entry_mac("", 1, &base));
    assert_eq!(format!("{key:?}"), "ChainKey(..)");
}

#[test]
fn a_chain_checks_and_a_shortened_head_is_forged() {
    let key = ChainKey::derive(&[1u8; 32]);
    let fields = ChainedFields {
        at_ms: 5,
        kind: "logout",
        internet_user_id: Some("abcd1234"),
        basic_user_id: None,
        outcome: "ok",
    };
    let m1 = key.entry_mac("", 1, &fields);
    let m2 = key.entry_mac(&m1, 2, &fields);
    let mut check = ChainCheck::new(&key);
    check.next(&entry(1, m1.clone(), fields, 10)).unwrap();
    check.next(&entry(2, m2.clone(), fields, 11)).unwrap();
    let head = ChainHead {
        seq: 2,
        head_mac: key.head_mac(2, &m2),
        mac: m2.clone(),
    };
    assert_eq!(check.finish(&head), None);
    // A head moved back to entry 1 without the key.
    let cut = ChainHead {
        seq: 1,
        mac: m1.clone(),
        head_mac: key.head_mac(2, &m2),
    };
    assert_eq!(check.finish(&cut), Some(AuditBreak::HeadForged { seq: 1 }));
}

#[test]
fn export_bounds_are_hong_kong_time_unless_they_say_otherwise() {
    let f = AuditFilter::parse(Some("2026-11-26"), Some("2026-11-26"), Some(" abc ")).unwrap();
    let day = crate::clock::hong_kong_time(2026, 11, 26, 0, 0, 0).unwrap();
    assert_eq!(f.from_ms, Some(day.timestamp_millis()));
    assert_eq!(f.until_ms, Some(day.timestamp_millis() + 86_400_000));
    assert_eq!(f.user_id.as_deref(), Some("abc"));
    let utc = AuditFilter::parse(Some("2026-11-26T02:00:00Z"), None, None).unwrap();
    let hk = AuditFilter::parse(Some("2026-11-26 10:00"), None, None).unwrap();
    assert_eq!(utc.from_ms, hk.from_ms);
    for bad in ["26/11/2026", "", "2026-02-30", "2026-11-26T25:00"] {
        assert!(AuditFilter::parse(Some(bad), None, None).is_err(), "{bad}");
    }
    assert!(AuditFilter::parse(Some("2026-11-27"), Some("2026-11-26"), None).is_err());
}
