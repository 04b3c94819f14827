//! Registering an Internet User ID through the window: the form's rules, the
//! Confirm page, the first login's forced Basic password change, home and
//! back; and the verification code by ear and at twice the size.

#![allow(clippy::unwrap_used)]

use fantoccini::key::Key;
use ssa_e2e::{hong_kong_now, Account, Options, Run, CODE, DEMO};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_confirm_first_login_home_logout_and_back() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("whole-path", Options::default()).await;

    // Welcome shows the demo account.
    assert_eq!(app.text("#demo-basic-user-id").await, "12345678");
    assert_eq!(app.text("#login-title").await, "Login");

    // Registration: three rejected inputs first.
    app.click("#link-register").await;
    // The demo account, its Participant ID typed in lower case.
    app.fill_account(Account {
        participant_id: "c00088",
        ..DEMO
    })
    .await;
    app.fill("#internet-user-id", "inv1234").await; // 7 characters
                                                    // A password of 16 characters.
    app.submit_registration_passwords("abcdefghij123456", CODE)
        .await;
    assert_eq!(
        app.text_when("#err-internet-user-id", |t| !t.is_empty())
            .await,
        "Internet User ID must be exactly 8 characters."
    );
    assert_eq!(
        app.text("#err-internet-password").await,
        "Internet User Password must be 13 to 15 characters."
    );
    assert_eq!(
        app.active_id().await,
        "internet-user-id",
        "focus goes to the first field in error"
    );
    // What was typed stays; the passwords are typed again.
    assert_eq!(app.value_of("#participant-id").await, "c00088");

    app.fill("#internet-user-id", "inv12345").await;
    // A password with no digit.
    app.submit_registration_passwords("abcdefghijklmn", CODE)
        .await;
    assert_eq!(
        app.text_when("#err-internet-password", |t| t.contains("digit"))
            .await,
        "Internet User Password must contain at least one digit."
    );
    assert_eq!(app.text("#err-internet-user-id").await, "");

    app.submit_registration_passwords("abcdefghij123", CODE)
        .await;

    // Confirm: read-only details, a wrong then the right Basic password.
    assert_eq!(app.text("#show-participant-id").await, "C00088");
    assert_eq!(app.text("#show-internet-user-id").await, "inv12345");
    app.confirm_registration("99998888").await;
    let refused = app.text_when(".form-error", |t| !t.is_empty()).await;
    assert!(
        refused.starts_with(
            "The CCASS Basic User ID information or the CCASS Basic Password is not correct"
        ),
        "{refused}"
    );
    app.confirm_registration("11112222").await;
    assert_eq!(app.text("#done-title").await, "Registration completed");
    assert_eq!(app.text("#show-internet-user-id").await, "inv12345");
    assert!(app.text("#done").await.contains("2979-7333"));
    app.click("#continue").await;

    // First login: the forced Basic password change.
    let before_first_login = hong_kong_now();
    app.login("INV12345", "abcdefghij123").await;
    assert_eq!(
        app.text("#change-basic-title").await,
        "Change CCASS Basic password"
    );
    let after_first_login = hong_kong_now();
    assert_eq!(app.text("#show-basic-user-id").await, "12345678");
    assert!(app.text("#forced-note").await.contains("first login"));
    app.change_basic_password("11112222", "11112222").await; // reused
    assert_eq!(
        app.text_when("#err-new-basic-password", |t| !t.is_empty())
            .await,
        "New CCASS Basic Password must differ from the current password."
    );
    app.change_basic_password("11112222", "22223333").await;
    app.basic_password_changed().await;

    // Home: first ever login, the demo's two messages, both new.
    assert_eq!(app.text("#home-basic-user-id").await, "12345678");
    assert_eq!(app.text("#last-login").await, "This is your first login.");
    assert_eq!(app.text("#unread").await, "2");
    app.click("#message-00001").await;
    assert!(app.text("#message-body").await.contains("demo"));
    app.click("#message-back").await;
    assert_eq!(app.text_when("#unread", |t| t == "1").await, "1");
    app.click("#logout").await;

    // Logging in again goes straight home, with the previous login's time.
    app.login("inv12345", "abcdefghij123").await;
    let line = app
        .text_when("#last-login", |t| t.starts_with("You last logged in at"))
        .await;
    let shown = line.trim_start_matches("You last logged in at ");
    // The first login's time in Hong Kong, as the day is written in English
    // (`5 Dec 2026 10:10:15`), read back to YYYY-MM-DD so it orders.
    let stamp = iso_from_english(shown);
    assert!(
        before_first_login <= stamp && stamp <= after_first_login,
        "{stamp} is not between {before_first_login} and {after_first_login}"
    );
    // The same line in Traditional Chinese, with the date as the guide writes it.
    app.click("#lang-zh-HK").await;
    let chinese = app
        .text_when("#last-login", |t| t.starts_with("閣下最後一次登入本網址是"))
        .await;
    let (y, rest) = stamp.split_at(4);
    let month: u32 = rest[1..3].parse().unwrap();
    let day: u32 = rest[4..6].parse().unwrap();
    assert_eq!(
        chinese,
        format!(
            "閣下最後一次登入本網址是 {y}年{month}月{day}日 {}",
            &stamp[11..]
        )
    );
    app.quit().await;
}

/// `5 Dec 2026 10:10:15` (or `7 Sept 2026 ...`) as `2026-12-05 10:10:15`.
fn iso_from_english(shown: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = shown.split(' ').collect();
    let [day, month, year, time] = parts[..] else {
        panic!("{shown:?} is not a day and a time");
    };
    let month = MONTHS.iter().position(|m| *m == month).expect(month) + 1;
    let day: u32 = day.parse().unwrap();
    format!("{year}-{month:02}-{day:02} {time}")
}

/// The verification code by ear and by a larger view (issue 7): Listen is
/// next to Refresh in the Tab order, Enter plays the code as a WAV in an
/// audio element, spoken anew in each language; the larger view is the same
/// picture twice the size; axe finds nothing serious with the player shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listen_and_the_larger_view_give_the_same_code_in_three_languages() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("listen", Options::default()).await;
    app.click("#link-register").await;
    app.wait_for("#register-title").await;

    // The picture: shown at its own size, then twice as large, same code.
    let image = "return document.querySelector('#captcha-image').getAttribute('src')";
    let before = app.script(image).await;
    let size = "const i = document.querySelector('#captcha-image'); \
                return [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight].join('x')";
    let (w, h) = (
        ssa_core::security::captcha::CAPTCHA_WIDTH,
        ssa_core::security::captcha::CAPTCHA_HEIGHT,
    );
    let natural = format!("{w}x{h}");
    assert_eq!(
        app.script_when(size, |s| s.starts_with(&natural)).await,
        format!("{natural}x{w}x{h}")
    );
    app.click("#captcha-enlarge").await;
    let large = format!("x{}x{}", 2 * w, 2 * h);
    assert_eq!(
        app.script_when(size, |s| s.ends_with(&large)).await,
        format!("{natural}{large}")
    );
    assert_eq!(
        app.script(image).await,
        before,
        "the larger view is the same code"
    );
    assert_eq!(
        app.wait_for("#captcha-enlarge")
            .await
            .attr("aria-pressed")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );

    // By keyboard: Refresh, then Tab to Listen, Enter.
    let mut heard = Vec::new();
    for lang in ["en", "zh-HK", "zh-CN"] {
        app.click(&format!("#lang-{lang}")).await;
        app.wait_for(&format!("html[lang={lang}] #captcha-listen"))
            .await;
        app.script("document.querySelector('#captcha-refresh').focus(); return ''")
            .await;
        app.type_keys(&Key::Tab.to_string()).await;
        assert_eq!(app.active_id().await, "captcha-listen");
        app.type_keys(&Key::Enter.to_string()).await;
        let src = app
            .script_when(
                "const a = document.querySelector('#captcha-audio'); \
                 return a && !a.hidden ? (a.getAttribute('src') || '') : ''",
                |s| !s.is_empty() && !heard.contains(&s.to_owned()),
            )
            .await;
        assert!(
            src.starts_with("data:audio/wav;base64,UklGR"),
            "{lang}: a WAV"
        );
        heard.push(src);
        let label = app
            .script("return document.querySelector('#captcha-audio').getAttribute('aria-label')")
            .await;
        assert!(
            label.as_str().is_some_and(|l| !l.is_empty()),
            "{lang}: the player is named"
        );
        app.screenshot_as(&format!("listen-{lang}")).await;
    }
    app.axe_clean("registration with the spoken code").await;
    // Listening used nothing up: the picture is the one drawn at the start.
    assert_eq!(app.script(image).await, before);
    // Refresh draws a new code and puts the old one's player away.
    app.click("#captcha-refresh").await;
    app.script_when(
        "return document.querySelector('#captcha-audio').hidden ? 'hidden' : ''",
        |s| s == "hidden",
    )
    .await;
    assert_ne!(app.script(image).await, before);
    app.quit().await;
}
