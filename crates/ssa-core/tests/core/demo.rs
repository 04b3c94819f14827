//! Demo mode's ready login (`demo::provision`): the set-up registers it and
//! makes its first login's Basic password change through the investor's own
//! steps, so it reaches home at once; Welcome is offered it only while that
//! is true; a start cut short is finished by the next; and a database the
//! demo did not make gets no published login.

use ssa_core::demo::{provision, DemoAccount, LATEST_MOVEMENTS};
use ssa_core::{NextStep, SessionKind, Ssa};

use crate::common::{register_on, secret, Env};

on_both_backends!(
    the_ready_login_reaches_home_at_once_with_only_the_latest_movements_new,
    the_ready_login_is_offered_only_while_it_reaches_home,
    a_set_up_cut_short_is_finished_by_the_next_start,
    a_database_the_demo_did_not_make_gets_no_ready_login,
);

/// The demo set-up over `env`'s database, its history dated in `dir`.
async fn demo_on(ssa: &Ssa, dir: &tempfile::TempDir) -> DemoAccount {
    provision(ssa, dir.path()).await.expect("the demo account")
}

async fn the_ready_login_reaches_home_at_once_with_only_the_latest_movements_new(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_on(&env.ssa, &dir).await;
    let ready = demo.ready.clone().expect("the ready login is offered");
    assert_eq!(
        (
            ready.internet_user_id.as_str(),
            ready.basic_user_id.as_str()
        ),
        ("DEMOUSER", "87654321")
    );
    env.clock.advance(chrono::Duration::minutes(1));
    let login = env
        .ssa
        .login(
            &ready.internet_user_id,
            &secret(&ready.internet_password),
            SessionKind::Desktop,
        )
        .await
        .unwrap();
    assert_eq!(login.next, NextStep::Home);
    let mut session = login.session;
    // The set-up's own login came after the history: nothing is new yet.
    assert_eq!(
        env.ssa
            .new_movements_since_last_login(&mut session)
            .await
            .unwrap(),
        0
    );
    ssa_core::demo::deliver_latest_movements(&env.ssa, dir.path(), &demo).await;
    assert_eq!(
        env.ssa
            .new_movements_since_last_login(&mut session)
            .await
            .unwrap(),
        LATEST_MOVEMENTS as u64
    );
    let today = ssa_core::clock::hong_kong_date(env.ssa.now());
    let holdings = env.ssa.holdings(&mut session, today, false).await.unwrap();
    assert!(!holdings.is_empty(), "the ready login holds stocks");
    // Its Basic password is the one Welcome shows.
    let form = crate::common::change_basic_form(&env.ssa, &ready.basic_password, "55556666").await;
    assert_eq!(
        env.ssa
            .change_basic_password(&mut session, &form)
            .await
            .unwrap(),
        NextStep::Home
    );
    // The set-up's steps are in the audit log, as an investor's would be.
    assert_eq!(env.audited("registration-confirmed", 200).await, 1);
    assert_eq!(env.audited("basic-password-changed", 200).await, 2);
}

async fn the_ready_login_is_offered_only_while_it_reaches_home(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let ready = demo_on(&env.ssa, &dir).await.ready.unwrap();
    // Locked by five wrong passwords: Welcome must not promise a login.
    for _ in 0..5 {
        env.login("DEMOUSER", "wrongwrong1234").await.unwrap_err();
    }
    assert!(demo_on(&env.ssa, &dir).await.ready.is_none());
    env.ssa.unlock_internet_user("DEMOUSER").await.unwrap();
    assert!(demo_on(&env.ssa, &dir).await.ready.is_some());
    // Its Internet password older than 90 days: the login would stop at
    // the forced change, so it is not offered either.
    env.clock.advance(chrono::Duration::days(91));
    assert!(demo_on(&env.ssa, &dir).await.ready.is_none());
    let login = env
        .ssa
        .login(
            "DEMOUSER",
            &secret(&ready.internet_password),
            SessionKind::Desktop,
        )
        .await
        .unwrap();
    assert_eq!(login.next, NextStep::ChangeInternetPassword);
    // Restarts made nothing twice.
    assert_eq!(env.audited("registration-confirmed", 500).await, 1);
}

async fn a_set_up_cut_short_is_finished_by_the_next_start(env: Env) {
    // An earlier start marked the demo database, provisioned the ready
    // login's account and registered it, and stopped before the first
    // login's Basic password change.
    let dir = tempfile::tempdir().unwrap();
    env.ssa
        .store()
        .meta_insert_if_absent("demo-database", "1")
        .await
        .unwrap();
    env.provision("87654321", "C00088", "02", "33334444").await;
    register_on(
        &env.ssa,
        ["87654321", "C00088", "02"],
        "33334444",
        "DEMOUSER",
        "demo2026ready",
    )
    .await
    .unwrap();

    let ready = demo_on(&env.ssa, &dir).await.ready.expect("finished");
    let login = env
        .login("DEMOUSER", &ready.internet_password)
        .await
        .unwrap();
    assert_eq!(login.next, NextStep::Home);
    let mut session = login.session;
    let today = ssa_core::clock::hong_kong_date(env.ssa.now());
    let holdings = env.ssa.holdings(&mut session, today, false).await.unwrap();
    assert!(!holdings.is_empty(), "its history was imported too");
    assert_eq!(env.audited("registration-confirmed", 200).await, 1);
}

async fn a_database_the_demo_did_not_make_gets_no_ready_login(env: Env) {
    // A broker's database (demo mode pointed at it by mistake).
    env.provision("55556666", "C00099", "01", "11112222").await;
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_on(&env.ssa, &dir).await;
    assert!(demo.ready.is_none());
    env.login("DEMOUSER", "demo2026ready").await.unwrap_err();
    assert_eq!(env.audited("registration-confirmed", 200).await, 0);
}
