//! Logging in by keyboard, locking an ID out, unlocking it by Forgot
//! password, cancelling it, and the log that holds none of the secrets typed.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use fantoccini::key::Key;
use ssa_e2e::{files_under, register, Options, Run, CODE, DEMO};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_alone_logs_in_and_passwords_can_be_revealed() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("keyboard", Options::default()).await;

    // The login box has focus at start; Tab moves on; Enter submits.
    assert_eq!(app.active_id().await, "internet-user-id");
    app.type_keys("nobody12").await;
    app.type_keys(&Key::Tab.to_string()).await;
    assert_eq!(app.active_id().await, "internet-password");
    app.type_keys("abcdefghij123").await;
    // The owner can reveal what was typed.
    app.click("#reveal-internet-password").await;
    let input = app.wait_for("#internet-password").await;
    assert_eq!(input.attr("type").await.unwrap().as_deref(), Some("text"));
    assert_eq!(
        input.prop("value").await.unwrap().as_deref(),
        Some("abcdefghij123")
    );
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
    assert_eq!(
        app.text_when(".form-error", |t| !t.is_empty()).await,
        "The Internet User ID or password is not correct, or the ID is locked or cancelled."
    );
    // Every input has a label a screen reader reads.
    let unlabelled: bool = app
        .client
        .execute(
            "return [...document.querySelectorAll('input')].some(i => !i.labels || i.labels.length === 0)",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!unlabelled);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_unlocks_and_cancel_ends_the_id() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("forgot-and-cancel", Options::default()).await;
    register(&app, "inv22222", "abcdefghij123").await;

    // Five wrong passwords lock the ID; then even the right one fails.
    app.lock_out("inv22222", "abcdefghij999", "abcdefghij123")
        .await;

    // Forgot Internet user password unlocks it with a new password.
    app.unlock_by_forgot_password(DEMO, "inv22222", "newpassword777")
        .await;
    app.login("inv22222", "newpassword777").await;
    assert_eq!(
        app.text("#change-basic-title").await,
        "Change CCASS Basic password"
    );
    app.click("#cancel").await; // the forced change's Cancel logs out

    // Cancel Internet User ID ends it for good.
    app.click("#link-cancel-id").await;
    app.wait_for("#cancel-title").await;
    app.fill("#internet-user-id", "inv22222").await;
    app.fill("#internet-password", "newpassword777").await;
    app.fill("#captcha", CODE).await;
    app.click("#submit").await;
    assert_eq!(app.text("#show-internet-user-id").await, "inv22222");
    assert!(app.text("#cancel-confirm").await.contains("for good"));
    app.click("#confirm").await;
    assert_eq!(
        app.text("#system-message-text").await,
        "Your Internet User ID has been cancelled."
    );
    app.click("#continue").await;
    app.login("inv22222", "newpassword777").await;
    app.text_when(".form-error", |t| t.contains("cancelled"))
        .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_holds_no_secret() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("log-holds-no-secret", Options::default()).await;

    let first = "abcdefghij123";
    let wrong = "abcdefghij999";
    let recovered = "newpassword777";
    let last = "anotherpass888";
    register(&app, "inv44444", first).await;

    // Wrong passwords until the ID is locked.
    app.lock_out("inv44444", wrong, first).await;

    // Forgot Internet user password, with the Basic password.
    app.unlock_by_forgot_password(DEMO, "inv44444", recovered)
        .await;

    // First login: the Basic password, then the Internet password.
    app.first_login(DEMO, "inv44444", recovered).await;
    app.basic_password_changed().await;
    app.click("#menu-change-internet").await;
    app.wait_for("#change-internet-title").await;
    app.fill("#internet-password", recovered).await;
    app.fill("#new-internet-password", last).await;
    app.fill("#confirm-new-internet-password", last).await;
    app.click("#change").await;
    assert_eq!(
        app.text("#system-message-text").await,
        "Your Internet password has been changed."
    );
    app.click("#continue").await;
    app.click("#logout").await;
    app.wait_for("#login-title").await;
    app.quit().await;

    // The app has written its log (it may flush on the way out).
    let logs = run.data.path().join("logs");
    let mut files = Vec::new();
    for _ in 0..40 {
        files = files_under(&logs);
        if files
            .iter()
            .any(|f| std::fs::metadata(f).map(|m| m.len() > 0).unwrap_or(false))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(!files.is_empty(), "no log file under {}", logs.display());
    assert!(
        files
            .iter()
            .any(|f| std::fs::metadata(f).map(|m| m.len() > 0).unwrap_or(false)),
        "every log file under {} is empty",
        logs.display()
    );
    let secrets = [
        first, wrong, recovered, last, "11112222", "22223333", CODE, "$argon2",
    ];
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "{} holds {secret:?}",
                file.display()
            );
        }
    }
}
