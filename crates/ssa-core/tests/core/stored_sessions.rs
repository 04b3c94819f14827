//! Sessions kept in the database for the server (issue 19): a token from
//! one instance works on another and after a restart; a forged token, a
//! token after logout and a token past the idle limit are refused; only a
//! keyed digest of the token is stored.

use chrono::Duration;
use ssa_core::{SessionKind, SsaError};

use crate::common::{ready_user, Env};

on_both_backends!(
    a_reset_password_or_a_lock_ends_the_stored_sessions,
    a_token_works_on_another_instance_and_after_a_restart,
    forged_ended_and_idle_tokens_are_refused,
    the_store_holds_a_digest_not_the_token,
);

async fn logged_in(env: &Env) -> String {
    ready_user(env).await;
    login_again(env).await
}

/// Logs in abcd1234 once more; the stored session's token.
async fn login_again(env: &Env) -> String {
    let login = env
        .ssa
        .login(
            "abcd1234",
            &secrecy::SecretString::from("abcdefghij123"),
            SessionKind::Desktop,
        )
        .await
        .expect("login");
    let token = env.ssa.store_session(&login.session).await.expect("stored");
    token.as_str().to_owned()
}

async fn a_token_works_on_another_instance_and_after_a_restart(env: Env) {
    let token = logged_in(&env).await;
    assert_eq!(token.len(), 64);
    // A second instance on the same database: the same pepper, no memory
    // shared with the first.
    let other = env.restart().await.expect("second instance");
    let mut session = other.resume_session(&token).await.expect("resumed");
    assert_eq!(session.internet_user_id, "abcd1234");
    let home = other.home(&mut session).await.expect("home on B");
    assert_eq!(home.internet_user_id, "abcd1234");
    other.keep_session(&token, &session).await.unwrap();
    drop(other);
    // After a restart, still logged in; the activity B kept counts.
    env.clock.advance(Duration::minutes(10));
    let restarted = env.restart().await.expect("restart");
    let mut session = restarted.resume_session(&token).await.unwrap();
    restarted.home(&mut session).await.expect("still alive");
}

async fn forged_ended_and_idle_tokens_are_refused(env: Env) {
    let token = logged_in(&env).await;
    for forged in [
        "0".repeat(64),
        "not a token".to_owned(),
        token.to_uppercase(),
        format!("{token}0"),
        String::new(),
    ] {
        assert_eq!(
            env.ssa.resume_session(&forged).await.unwrap_err(),
            SsaError::SessionEnded,
            "{forged}"
        );
    }
    // Idle past the limit: the next enquiry ends it, and it stays ended.
    env.clock.advance(Duration::seconds(
        SessionKind::Desktop.idle_limit_secs() + 1,
    ));
    let mut session = env.ssa.resume_session(&token).await.unwrap();
    assert_eq!(
        env.ssa.home(&mut session).await.unwrap_err(),
        SsaError::SessionEnded
    );
    env.ssa.keep_session(&token, &session).await.unwrap();
    env.clock.advance(Duration::seconds(-600));
    let mut session = env.ssa.resume_session(&token).await.unwrap();
    assert_eq!(
        env.ssa.home(&mut session).await.unwrap_err(),
        SsaError::SessionEnded,
        "an ended session stays ended"
    );

    // Logout ends it for every instance.
    let token = login_again(&env).await;
    let mut session = env.ssa.resume_session(&token).await.unwrap();
    env.ssa.logout(&mut session).await.unwrap();
    env.ssa.keep_session(&token, &session).await.unwrap();
    let other = env.restart().await.unwrap();
    let mut session = other.resume_session(&token).await.unwrap();
    assert_eq!(
        other.home(&mut session).await.unwrap_err(),
        SsaError::SessionEnded
    );
}

async fn the_store_holds_a_digest_not_the_token(env: Env) {
    let token = logged_in(&env).await;
    assert_eq!(env.scalar("SELECT COUNT(*) FROM sessions").await, 1);
    // Not the token, nor any part of it that a log could show.
    let holding =
        |text: &str| format!("SELECT COUNT(*) FROM sessions WHERE token_digest LIKE '%{text}%'");
    assert_eq!(env.scalar(&holding(&token)).await, 0);
    assert_eq!(env.scalar(&holding(&token[..12])).await, 0);
    assert_eq!(
        env.scalar("SELECT COUNT(*) FROM sessions WHERE LENGTH(token_digest) = 64")
            .await,
        1
    );
}

async fn a_reset_password_or_a_lock_ends_the_stored_sessions(env: Env) {
    let token = logged_in(&env).await;
    // A slower request that still saw the session alive cannot bring an
    // ended one back.
    let mut stale = env.ssa.resume_session(&token).await.unwrap();
    let mut session = env.ssa.resume_session(&token).await.unwrap();
    env.ssa.logout(&mut session).await.unwrap();
    env.ssa.keep_session(&token, &session).await.unwrap();
    env.ssa.home(&mut stale).await.unwrap();
    env.ssa.keep_session(&token, &stale).await.unwrap();
    let mut again = env.ssa.resume_session(&token).await.unwrap();
    assert_eq!(
        env.ssa.home(&mut again).await.unwrap_err(),
        SsaError::SessionEnded
    );

    // Forgot password ends every stored session of the ID.
    let token = login_again(&env).await;
    let form = crate::common::recovery(
        &env.ssa,
        "abcd1234",
        "12345678",
        "22223333",
        "abcdefghij124",
    )
    .await;
    env.ssa.recover_internet_password(&form).await.unwrap();
    let mut session = env.ssa.resume_session(&token).await.unwrap();
    assert_eq!(
        env.ssa.home(&mut session).await.unwrap_err(),
        SsaError::SessionEnded
    );
}
