//! The window in English, Traditional and Simplified Chinese: every screen
//! switches at once, keeps what was typed, remembers the choice; the FAQ too.

#![allow(clippy::unwrap_used)]

use fantoccini::Locator;
use ssa_e2e::{Options, Run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_speaks_three_languages_and_remembers_the_choice() {
    let Some(run) = Run::app().await else { return };
    let app = run
        .launch("languages-zh-CN-register", Options::default())
        .await;

    app.fill("#internet-user-id", "abc").await;
    app.click("#lang-zh-HK").await;
    assert_eq!(app.text_when("#login-title", |t| t == "登入").await, "登入");
    assert_eq!(app.text("#app-title").await, "附寄結單服務的股份獨立戶口");
    assert_eq!(
        app.text("label[for=internet-user-id]").await,
        "互聯網使用者編號"
    );
    assert_eq!(app.text("#login-submit").await, "輸入");
    assert_eq!(
        app.value_of("#internet-user-id").await,
        "abc",
        "what was typed stays"
    );
    // An error shown in one language is shown again in the next.
    app.fill("#internet-password", "short").await;
    app.click("#login-submit").await;
    assert_eq!(
        app.text_when("#err-internet-user-id", |t| !t.is_empty())
            .await,
        "互聯網使用者編號長度必須為 8 位。"
    );
    app.screenshot_as("languages-zh-HK-error").await;
    app.click("#lang-zh-CN").await;
    assert_eq!(
        app.text_when("#err-internet-user-id", |t| t.contains("互联网"))
            .await,
        "互联网使用者编号长度必须为 8 位。"
    );
    assert_eq!(
        app.text("label[for=internet-user-id]").await,
        "互联网使用者编号"
    );
    app.click("#link-register").await;
    assert_eq!(app.text("#register-title").await, "新使用者登记");
    assert_eq!(app.text("#submit").await, "递交");
    app.quit().await;

    // A restart opens in the language chosen last.
    let again = run
        .launch("languages-after-restart", Options::default())
        .await;
    assert_eq!(
        again.text("label[for=internet-user-id]").await,
        "互联网使用者编号"
    );
    again.click("#lang-en").await;
    assert_eq!(
        again.text_when("#login-title", |t| t == "Login").await,
        "Login"
    );
    again.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_answers_in_three_languages() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("faq", Options::default()).await;

    app.click("#link-faq").await;
    app.wait_for("#faq-q1").await;
    for (button, title, shot, first_question) in [
        (
            "#lang-en",
            "FAQ",
            "faq-en",
            "Where do my CCASS Basic User ID",
        ),
        (
            "#lang-zh-HK",
            "常見問題",
            "faq-zh-HK",
            "我的中央結算系統基本使用者編號",
        ),
        (
            "#lang-zh-CN",
            "常见问题",
            "faq-zh-CN",
            "我的中央结算系统基本使用者编号",
        ),
    ] {
        app.click(button).await;
        app.text_when("#page-title", |t| t == title).await;
        // Every question and answer in the chosen language, not only the title.
        app.text_when("#faq-q1", |t| t.contains(first_question))
            .await;
        let questions = app.client.find_all(Locator::Css(".faq-q")).await.unwrap();
        let answers = app.client.find_all(Locator::Css(".faq-a")).await.unwrap();
        assert!(
            questions.len() >= 10,
            "{title}: {} questions",
            questions.len()
        );
        assert_eq!(questions.len(), answers.len(), "{title}");
        for el in questions.iter().chain(answers.iter()) {
            let text = el.text().await.unwrap();
            // A missing key would show as the key itself.
            assert!(
                text.chars().count() > 5 && !text.contains("faq-"),
                "{title}: {text:?}"
            );
        }
        app.screenshot_as(shot).await;
    }
    app.quit().await;
}
