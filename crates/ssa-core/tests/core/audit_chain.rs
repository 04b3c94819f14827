//! The audit log as a chain: an intact log verifies, and an edit, a deleted
//! entry, a re-ordered pair or a cut tail made around the triggers (as a file
//! owner or a superuser can) is found and named. The export selects by time
//! and ID.

use std::sync::{Arc, Mutex};

use chrono::Duration;
use ssa_core::security::audit::AuditEvent;
use ssa_core::{AuditBreak, AuditFilter, AuditKind, AuditRecord, AuditVerification};

use crate::common::ready_user;
use crate::common::Env;

on_both_backends!(
    an_entry_without_a_place_in_the_chain_is_refused,
    an_intact_log_verifies,
    an_edited_entry_is_found,
    a_deleted_middle_entry_is_found,
    a_reordered_pair_is_found,
    a_truncated_log_is_found,
    a_head_moved_back_over_a_cut_tail_is_found,
    an_emptied_log_with_its_head_reset_is_found_after_a_restart,
    entries_before_the_chain_are_not_bad_but_one_slipped_in_after_is,
    an_entry_past_the_head_is_found,
    concurrent_appenders_keep_the_chain_gapless,
    export_selects_by_time_and_id,
);

fn postgres(env: &Env) -> bool {
    env.url.starts_with("postgres")
}

/// What someone with the file (SQLite) or a superuser (PostgreSQL) can do:
/// take the append-only triggers away.
async fn lift_the_triggers(env: &Env) {
    if postgres(env) {
        env.execute("ALTER TABLE audit_log DISABLE TRIGGER ALL")
            .await;
    } else {
        for trigger in ["audit_log_no_update", "audit_log_no_delete"] {
            env.execute(&format!("DROP TRIGGER {trigger}")).await;
        }
    }
}

async fn verify(env: &Env) -> AuditVerification {
    env.ssa.verify_audit().await.unwrap()
}

async fn id_of(env: &Env, seq: i64) -> i64 {
    env.scalar(&format!("SELECT id FROM audit_log WHERE seq = {seq}"))
        .await
}

/// A user who registered, logged in and changed the Basic password, then
/// logged out and in again: a log of several entries.
async fn busy_log(env: &Env) -> i64 {
    ready_user(env).await;
    env.login("abcd1234", "wrongpassword1").await.unwrap_err();
    env.login("abcd1234", "abcdefghij123").await.unwrap();
    let report = verify(env).await;
    assert!(report.is_intact(), "{report:?}");
    assert!(report.head_seq >= 6, "{report:?}");
    report.head_seq
}

async fn an_intact_log_verifies(env: Env) {
    let n = busy_log(&env).await;
    let report = verify(&env).await;
    let rows = env.rows(ssa_core::store::StoreTable::AuditLog).await;
    assert_eq!(report.problem, None);
    assert_eq!(report.checked, u64::try_from(rows).unwrap());
    assert_eq!(report.checked, u64::try_from(n).unwrap());
    assert_eq!(report.before_chain, 0);
    assert_eq!(report.head_mac.len(), 64, "a 256-bit MAC in hex");
    // A restart chains on from the same head under the same key.
    let again = env.restart().await.unwrap();
    again
        .store()
        .audit(0, &AuditEvent::new(AuditKind::Logout, "ok"))
        .await
        .unwrap();
    let report = again.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.head_seq, n + 1);
}

async fn an_edited_entry_is_found(env: Env) {
    busy_log(&env).await;
    lift_the_triggers(&env).await;
    let id = id_of(&env, 3).await;
    let changed = env
        .execute("UPDATE audit_log SET outcome = 'wrong-password' WHERE seq = 3")
        .await;
    assert_eq!(changed, 1);
    let report = verify(&env).await;
    assert_eq!(report.problem, Some(AuditBreak::Edited { seq: 3, id }));
    assert_eq!(report.checked, 2, "the entries before it are good");
}

async fn a_deleted_middle_entry_is_found(env: Env) {
    busy_log(&env).await;
    lift_the_triggers(&env).await;
    let deleted = env.execute("DELETE FROM audit_log WHERE seq = 4").await;
    assert_eq!(deleted, 1);
    assert_eq!(
        verify(&env).await.problem,
        Some(AuditBreak::Missing { seq: 4 })
    );
}

/// Entries 2 and 3 trade rows (every column but the row's own ID), so the
/// log reads them in the wrong order; each still carries its own MAC.
async fn a_reordered_pair_is_found(env: Env) {
    busy_log(&env).await;
    lift_the_triggers(&env).await;
    let first_row = id_of(&env, 2).await;
    for statement in [
        "CREATE TABLE swapped AS SELECT * FROM audit_log WHERE seq IN (2, 3)",
        "UPDATE audit_log SET seq = NULL WHERE seq IN (2, 3)",
        "UPDATE audit_log SET (seq, mac, at_ms, kind, internet_user_id, basic_user_id, outcome) = \
         (SELECT s.seq, s.mac, s.at_ms, s.kind, s.internet_user_id, s.basic_user_id, s.outcome \
          FROM swapped s WHERE s.id <> audit_log.id) \
         WHERE id IN (SELECT id FROM swapped)",
    ] {
        env.execute(statement).await;
    }
    assert_eq!(id_of(&env, 3).await, first_row, "swapped");
    assert_eq!(
        verify(&env).await.problem,
        Some(AuditBreak::OutOfOrder {
            seq: 3,
            id: first_row
        })
    );
}

async fn a_truncated_log_is_found(env: Env) {
    let n = busy_log(&env).await;
    let left = if postgres(&env) {
        // No row trigger fires on TRUNCATE.
        env.execute("TRUNCATE audit_log").await;
        0
    } else {
        lift_the_triggers(&env).await;
        env.execute(&format!("DELETE FROM audit_log WHERE seq > {}", n - 2))
            .await;
        n - 2
    };
    let report = verify(&env).await;
    assert_eq!(
        report.problem,
        Some(AuditBreak::TruncatedTail {
            last_seq: left,
            head_seq: n
        })
    );
    assert_eq!(report.checked, u64::try_from(left).unwrap());
}

/// Cutting the tail and moving the head back to the last entry left (whose
/// MAC anyone can read) does not pass: the head's MAC needs the key.
async fn a_head_moved_back_over_a_cut_tail_is_found(env: Env) {
    let n = busy_log(&env).await;
    lift_the_triggers(&env).await;
    env.execute(&format!("DELETE FROM audit_log WHERE seq > {}", n - 2))
        .await;
    env.execute(&format!(
        "UPDATE audit_head SET seq = {}, mac = (SELECT mac FROM audit_log WHERE seq = {})",
        n - 2,
        n - 2
    ))
    .await;
    assert_eq!(
        verify(&env).await.problem,
        Some(AuditBreak::HeadForged { seq: n - 2 })
    );
}

/// Emptying the log and putting the head back to its start, then starting
/// the service again (as `ssa-admin audit verify` does), does not pass: a
/// start seals only a database it has just claimed.
async fn an_emptied_log_with_its_head_reset_is_found_after_a_restart(env: Env) {
    busy_log(&env).await;
    lift_the_triggers(&env).await;
    env.execute("DELETE FROM audit_log").await;
    env.execute("UPDATE audit_head SET seq = 0, mac = '', head_mac = ''")
        .await;
    let reopened = env.restart().await.unwrap();
    assert_eq!(
        reopened.verify_audit().await.unwrap().problem,
        Some(AuditBreak::HeadForged { seq: 0 })
    );
}

async fn entries_before_the_chain_are_not_bad_but_one_slipped_in_after_is(env: Env) {
    // As if written before migration 0005: no place in the chain. Since
    // 0008 such a row is refused; here the guard is dropped, as only the
    // tables' owner (or a superuser) could, and the chain still tells.
    let old = "INSERT INTO audit_log (at_ms, kind, outcome) VALUES (1, 'logout', 'ok')";
    env.execute(drop_chain_guard(&env)).await;
    env.execute(old).await;
    env.execute(old).await;
    env.provision_default().await;
    let report = verify(&env).await;
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.before_chain, report.checked), (2, 1));

    env.execute(old).await;
    let id = env.scalar("SELECT MAX(id) FROM audit_log").await;
    assert_eq!(
        verify(&env).await.problem,
        Some(AuditBreak::Unchained { id })
    );
}

fn drop_chain_guard(env: &Env) -> &'static str {
    if env.url.starts_with("postgres") {
        "DROP TRIGGER audit_log_entries_are_chained ON audit_log"
    } else {
        "DROP TRIGGER audit_log_entries_are_chained"
    }
}

/// Since migration 0008 an entry without its place in the chain is refused,
/// whatever id it is given (one below the chain's first would otherwise pass
/// for an entry written before the chain began).
async fn an_entry_without_a_place_in_the_chain_is_refused(env: Env) {
    env.provision_default().await;
    let store = env.ssa.store();
    let before = verify(&env).await;
    for row in [
        "INSERT INTO audit_log (at_ms, kind, outcome) VALUES (1, 'logout', 'ok')",
        "INSERT INTO audit_log (at_ms, kind, outcome, seq) VALUES (1, 'logout', 'ok', 99)",
    ] {
        let err = store.execute_raw(row).await.unwrap_err();
        assert!(
            err.to_string().contains("needs its place in the chain"),
            "{row}: {err}"
        );
    }
    let id_below = if env.url.starts_with("postgres") {
        "INSERT INTO audit_log (id, at_ms, kind, outcome) OVERRIDING SYSTEM VALUE \
         VALUES (-5, 1, 'logout', 'ok')"
    } else {
        "INSERT INTO audit_log (id, at_ms, kind, outcome) VALUES (-5, 1, 'logout', 'ok')"
    };
    assert!(store.execute_raw(id_below).await.is_err());
    let after = verify(&env).await;
    assert!(after.is_intact());
    assert_eq!(
        (after.before_chain, after.checked),
        (before.before_chain, before.checked)
    );
}

/// An entry given the next place by hand (INSERT is all the app's role may
/// do to the log) is past the head, whatever MAC it claims.
async fn an_entry_past_the_head_is_found(env: Env) {
    let n = busy_log(&env).await;
    env.execute(&format!(
        "INSERT INTO audit_log (at_ms, kind, outcome, seq, mac) \
             VALUES (1, 'logout', 'ok', {}, (SELECT mac FROM audit_head))",
        n + 1
    ))
    .await;
    let id = id_of(&env, n + 1).await;
    let report = verify(&env).await;
    assert_eq!(
        report.problem,
        Some(AuditBreak::BeyondHead { seq: n + 1, id })
    );
    assert_eq!(report.checked, u64::try_from(n).unwrap());
}

/// Appenders that run at once (kiosks sharing a database) each take the
/// next place: no gap, no repeat, every MAC good.
async fn concurrent_appenders_keep_the_chain_gapless(env: Env) {
    let mut tasks = Vec::new();
    for i in 0..24i64 {
        let ssa = env.ssa.clone();
        tasks.push(tokio::spawn(async move {
            let event = AuditEvent::new(AuditKind::Logout, "ok").internet_user(format!("user{i}"));
            ssa.store().audit(i, &event).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let report = verify(&env).await;
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.checked, report.head_seq), (24, 24));
}

async fn export_selects_by_time_and_id(env: Env) {
    let store = env.ssa.store();
    let start = env.ssa.now();
    let at = |minutes: i64| (start + Duration::minutes(minutes)).timestamp_millis();
    store
        .audit(
            at(0),
            &AuditEvent::new(AuditKind::LoginFailed, "wrong-password").internet_user("Abcd1234"),
        )
        .await
        .unwrap();
    store
        .audit(
            at(60),
            &AuditEvent::new(AuditKind::LoginSucceeded, "ok")
                .internet_user("abcd1234")
                .basic_user("12345678"),
        )
        .await
        .unwrap();
    store
        .audit(
            at(120),
            &AuditEvent::new(AuditKind::Logout, "ok").internet_user("other99"),
        )
        .await
        .unwrap();

    let export = |filter: AuditFilter| {
        let ssa = env.ssa.clone();
        async move {
            let got = Arc::new(Mutex::new(Vec::<AuditRecord>::new()));
            let sink = Arc::clone(&got);
            let n = ssa
                .export_audit(&filter, &mut |r| {
                    sink.lock().unwrap().push(r);
                    Ok(())
                })
                .await
                .unwrap();
            let got = got.lock().unwrap().clone();
            assert_eq!(n, got.len() as u64);
            got
        }
    };
    let kinds = |records: &[AuditRecord]| -> Vec<String> {
        records.iter().map(|r| r.kind.clone()).collect()
    };

    let all = export(AuditFilter::default()).await;
    assert_eq!(
        kinds(&all),
        ["login-failed", "login-succeeded", "logout"],
        "oldest first"
    );
    // 10:00 in Hong Kong is 02:00 UTC; both are spelt out.
    assert_eq!(all[0].at_hong_kong, "2026-11-26 10:00:00");
    assert_eq!(all[0].at_utc, "2026-11-26T02:00:00.000Z");
    assert_eq!(all[0].seq, Some(1));

    let by_id = export(AuditFilter::parse(None, None, Some("ABCD1234")).unwrap()).await;
    assert_eq!(kinds(&by_id), ["login-failed", "login-succeeded"]);
    let by_basic = export(AuditFilter::parse(None, None, Some("12345678")).unwrap()).await;
    assert_eq!(kinds(&by_basic), ["login-succeeded"]);

    // From 10:30 (Hong Kong) to 11:00 exclusive: only the 11:00 entry is out.
    let window =
        AuditFilter::parse(Some("2026-11-26 10:30"), Some("2026-11-26T11:00"), None).unwrap();
    assert_eq!(kinds(&export(window).await), Vec::<String>::new());
    let window =
        AuditFilter::parse(Some("2026-11-26 10:30"), Some("2026-11-26 11:00:01"), None).unwrap();
    assert_eq!(kinds(&export(window).await), ["login-succeeded"]);
    let day = AuditFilter::parse(Some("2026-11-26"), Some("2026-11-26"), Some("abcd1234")).unwrap();
    assert_eq!(export(day).await.len(), 2);
    let next_day = AuditFilter::parse(Some("2026-11-27"), None, None).unwrap();
    assert!(export(next_day).await.is_empty());
}
