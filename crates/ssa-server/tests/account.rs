//! A person's whole account through the API: a code, registration and its
//! Confirm, the forced Basic change, a message, the Internet password
//! change, logout, Forgot password, and cancellation with its Confirm.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Client, Deployment, CODE};
use serde_json::json;
use ssa_api::paths;
use ssa_server::Limits;

async fn code(client: &Client, screen: &str) -> serde_json::Value {
    let image = client
        .post(paths::CAPTCHA, json!({ "screen": screen }))
        .await;
    assert_eq!(image.status, 200, "{image:?}");
    let id = image.json()["id"].as_str().unwrap().to_owned();
    assert!(image.json()["png_base64"].as_str().unwrap().len() > 1000);
    json!({ "captchaId": id, "captchaAnswer": CODE })
}

fn with(mut form: serde_json::Value, code: serde_json::Value) -> serde_json::Value {
    form.as_object_mut()
        .unwrap()
        .extend(code.as_object().unwrap().clone());
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_registers_and_keeps_an_account_through_the_api() {
    let d = Deployment::new().await;
    d.provision("12345678", "01").await;
    let ssa = d.open().await;
    let message = ssa_core::NewMessage::new(
        "Welcome",
        "Hello from the broker",
        None,
        None,
        None,
        None,
        None,
    )
    .unwrap();
    ssa.post_message(&message).await.unwrap();
    let a = d.start(Limits::default()).await;
    let mut client = Client::new(&d, &a);

    // Listen: the same code spoken.
    let c = code(&client, "registration").await;
    let audio = client
        .post(
            paths::CAPTCHA_AUDIO,
            json!({ "screen": "registration", "id": c["captchaId"], "voice": "cantonese" }),
        )
        .await;
    assert_eq!(audio.status, 200, "{audio:?}");
    // A wrong code is refused by name.
    let wrong = client
        .post(
            paths::REGISTRATION,
            json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01",
                    "internetUserId": "inv12345", "internetPassword": "abcdefghij123",
                    "confirmInternetPassword": "abcdefghij123",
                    "captchaId": c["captchaId"], "captchaAnswer": "nope!" }),
        )
        .await;
    assert_eq!((wrong.status, wrong.code()), (422, "invalid".into()));
    assert_eq!(wrong.json()["args"][0]["field"], "captcha");

    let c = code(&client, "registration").await;
    let unfinished = client
        .post(
            paths::REGISTRATION,
            with(
                json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01",
                        "internetUserId": "inv12345", "internetPassword": "abcdefghij123",
                        "confirmInternetPassword": "abcdefghij123" }),
                c,
            ),
        )
        .await;
    assert_eq!(unfinished.status, 200, "{unfinished:?}");
    let token = unfinished.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(unfinished.json()["participantId"], "C00088");
    let registered = client
        .post(
            paths::REGISTRATION_CONFIRM,
            json!({ "token": token, "basicPassword": "11112222" }),
        )
        .await;
    assert_eq!(registered.status, 200, "{registered:?}");
    assert_eq!(registered.json()["internetUserId"], "inv12345");
    // The step is finished: its token confirms nothing again.
    let again = client
        .post(
            paths::REGISTRATION_CONFIRM,
            json!({ "token": token, "basicPassword": "11112222" }),
        )
        .await;
    assert_eq!(again.code(), "pending-expired");

    // First login: the Basic change comes before anything else.
    assert_eq!(
        client.login("inv12345").await["next"],
        "change-basic-password"
    );
    assert_eq!(client.get(paths::HOME).await.code(), "not-allowed");
    let c = code(&client, "change-basic-password").await;
    let next = client
        .post(
            paths::BASIC_PASSWORD,
            with(
                json!({ "currentPassword": "11112222", "newPassword": "22223333",
                        "confirmNewPassword": "22223333" }),
                c,
            ),
        )
        .await;
    assert_eq!(next.json()["next"], "home", "{next:?}");
    let home = client.get(paths::HOME).await;
    assert_eq!(home.json()["unread"], 1, "{home:?}");
    assert_eq!(home.json()["messages"][0]["subject"]["en"], "Welcome");

    let message = client.get("/v1/messages/1").await;
    assert_eq!(message.status, 200, "{message:?}");
    assert_eq!(message.json()["body"]["en"], "Hello from the broker");
    assert_eq!(client.get("/v1/messages/999").await.status, 403);

    let next = client
        .post(
            paths::INTERNET_PASSWORD,
            json!({ "currentPassword": "abcdefghij123", "newPassword": "abcdefghij124",
                    "confirmNewPassword": "abcdefghij124" }),
        )
        .await;
    assert_eq!(next.json()["next"], "home", "{next:?}");
    assert_eq!(client.post(paths::LOGOUT, json!({})).await.status, 204);

    // Forgot password, then cancellation.
    let c = code(&client, "recovery").await;
    let recovered = client
        .post(
            paths::RECOVERY,
            with(
                json!({ "internetUserId": "inv12345", "basicUserId": "12345678",
                        "participantId": "C00088", "ssaNumber": "01",
                        "basicPassword": "22223333", "newPassword": "abcdefghij125",
                        "confirmNewPassword": "abcdefghij125" }),
                c,
            ),
        )
        .await;
    assert_eq!(recovered.status, 204, "{recovered:?}");
    let c = code(&client, "cancellation").await;
    let pending = client
        .post(
            paths::CANCELLATION,
            with(
                json!({ "internetUserId": "inv12345", "password": "abcdefghij125" }),
                c,
            ),
        )
        .await;
    assert_eq!(pending.json()["internetUserId"], "inv12345", "{pending:?}");
    let token = pending.json()["token"].as_str().unwrap().to_owned();
    let done = client
        .post(paths::CANCELLATION_CONFIRM, json!({ "token": token }))
        .await;
    assert_eq!(done.status, 204, "{done:?}");
    let login = client
        .post(
            paths::LOGIN,
            json!({ "internetUserId": "inv12345", "password": "abcdefghij125" }),
        )
        .await;
    assert_eq!((login.status, login.code()), (401, "login-failed".into()));
    // Nothing secret crosses back: no hash, no code's answer.
    for answer in [&registered, &home, &message] {
        assert!(!answer.body.contains("$argon2") && !answer.body.contains(CODE));
    }
    a.stop().await;
}

/// Wrong codes pause the address that typed them, not every investor: the
/// server draws each code for the client's address (here through a proxy
/// it trusts).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_clients_wrong_codes_pause_that_client_only() {
    let d = Deployment::new().await;
    d.provision("12345678", "01").await;
    let a = d
        .start(Limits {
            rate: ssa_server::limit::RateLimit {
                burst: 100,
                per_minute: 100,
                trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
            },
            ..Limits::default()
        })
        .await;
    let form = json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01",
                       "internetUserId": "inv12345", "internetPassword": "abcdefghij123",
                       "confirmInternetPassword": "abcdefghij123" });
    let mut attacker = Client::new(&d, &a);
    attacker.forwarded_for = Some("203.0.113.1".into());
    let mut rules = Vec::new();
    for _ in 0..6 {
        let mut c = code(&attacker, "registration").await;
        c["captchaAnswer"] = json!("wrong");
        let answer = attacker
            .post(paths::REGISTRATION, with(form.clone(), c))
            .await;
        rules.push(
            answer.json()["args"][0]["rule"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    assert_eq!(rules.last().unwrap(), "captcha-paused", "{rules:?}");
    // Even the right code waits at that address...
    let c = code(&attacker, "registration").await;
    let paused = attacker
        .post(paths::REGISTRATION, with(form.clone(), c))
        .await;
    assert_eq!(paused.json()["args"][0]["rule"], "captcha-paused");
    // ...and nowhere else.
    let mut investor = Client::new(&d, &a);
    investor.forwarded_for = Some("198.51.100.20".into());
    // Refresh after an old code expired: drawn for this client too.
    let refreshed = investor
        .post(
            paths::CAPTCHA,
            json!({ "screen": "registration", "oldId": "0123456789abcdef" }),
        )
        .await;
    let c = json!({ "captchaId": refreshed.json()["id"], "captchaAnswer": CODE });
    let registered = investor.post(paths::REGISTRATION, with(form, c)).await;
    assert_eq!(registered.status, 200, "{registered:?}");
    a.stop().await;
}

/// Stateless instances: a code drawn on instance A is spoken and answered
/// on B, a registration submitted on A is confirmed on B, a cancellation
/// begun on B is confirmed on A after B is gone; and what the database
/// holds of them names neither the code's answer nor a step's token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_and_confirm_steps_are_answered_by_any_instance() {
    let d = Deployment::new().await;
    d.provision("12345678", "01").await;
    let a = d.start(Limits::default()).await;
    let b = d.start(Limits::default()).await;
    let on_a = Client::new(&d, &a);
    let on_b = on_a.on(&b);

    let c = code(&on_a, "registration").await;
    let spoken = on_b
        .post(
            paths::CAPTCHA_AUDIO,
            json!({ "screen": "registration", "id": c["captchaId"], "voice": "english" }),
        )
        .await;
    assert_eq!(spoken.status, 200, "{spoken:?}");
    let form = json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01",
                       "internetUserId": "inv12345", "internetPassword": "abcdefghij123",
                       "confirmInternetPassword": "abcdefghij123" });
    let pending = on_b.post(paths::REGISTRATION, with(form, c.clone())).await;
    assert_eq!(pending.status, 200, "{pending:?}");
    let token = pending.json()["token"].as_str().unwrap().to_owned();
    // The code was used on B: A knows it too.
    let again = on_a
        .post(
            paths::REGISTRATION,
            with(
                json!({ "basicUserId": "12345678", "participantId": "C00088", "ssaNumber": "01",
                        "internetUserId": "inv99999", "internetPassword": "abcdefghij123",
                        "confirmInternetPassword": "abcdefghij123" }),
                c,
            ),
        )
        .await;
    assert_eq!(again.json()["args"][0]["rule"], "captcha-used", "{again:?}");

    // Neither the answer nor the token is in the database.
    let ssa = d.open().await;
    let mut kept = ssa
        .store()
        .texts_for_tests(
            "SELECT id_digest || ' ' || screen || ' ' || station || ' ' || answer_digest FROM codes",
        )
        .await
        .unwrap();
    kept.extend(
        ssa.store()
            .texts_for_tests("SELECT token_digest || ' ' || draft FROM drafts")
            .await
            .unwrap(),
    );
    let kept = kept.join("\n");
    assert!(kept.contains("registration"), "{kept}");
    for secret in [
        CODE,
        token.as_str(),
        "abcdefghij123",
        "inv12345",
        "12345678",
        "C00088",
    ] {
        assert!(!kept.contains(secret), "{secret} kept: {kept}");
    }

    let done = on_a
        .post(
            paths::REGISTRATION_CONFIRM,
            json!({ "token": token, "basicPassword": "11112222" }),
        )
        .await;
    assert_eq!(done.status, 200, "{done:?}");
    assert_eq!(done.json()["internetUserId"], "inv12345");
    // Confirmed once: not again, on either instance.
    let twice = on_b
        .post(
            paths::REGISTRATION_CONFIRM,
            json!({ "token": token, "basicPassword": "11112222" }),
        )
        .await;
    assert_eq!(twice.code(), "pending-expired");

    // A cancellation begun and abandoned (Back) cannot be confirmed.
    let c = code(&on_a, "cancellation").await;
    let pending = on_a
        .post(
            paths::CANCELLATION,
            with(
                json!({ "internetUserId": "inv12345", "password": "abcdefghij123" }),
                c,
            ),
        )
        .await;
    let token = pending.json()["token"].as_str().unwrap().to_owned();
    let dropped = on_b
        .post(paths::UNFINISHED_ABANDON, json!({ "token": token }))
        .await;
    assert_eq!(dropped.status, 204, "{dropped:?}");
    let late = on_a
        .post(paths::CANCELLATION_CONFIRM, json!({ "token": token }))
        .await;
    assert_eq!(late.code(), "pending-expired");

    // A cancellation begun on B, B gone, confirmed on A.
    let c = code(&on_b, "cancellation").await;
    let pending = on_b
        .post(
            paths::CANCELLATION,
            with(
                json!({ "internetUserId": "inv12345", "password": "abcdefghij123" }),
                c,
            ),
        )
        .await;
    assert_eq!(pending.status, 200, "{pending:?}");
    let token = pending.json()["token"].as_str().unwrap().to_owned();
    b.kill();
    let done = on_a
        .post(paths::CANCELLATION_CONFIRM, json!({ "token": token }))
        .await;
    assert_eq!(done.status, 204, "{done:?}");
    a.stop().await;
}
