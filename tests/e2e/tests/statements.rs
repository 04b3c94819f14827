//! The statement screens (spec 7.3) on the demo account: Welcome's holiday,
//! home, holdings, movements, daily and monthly statements, exports and the
//! chart, each adding up to the demo history, in three languages.

#![allow(clippy::unwrap_used)]

use fantoccini::key::Key;
use ssa_e2e::{balance_on, clock_offset, demo_history, shown_number, Options, Run, DEMO};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statements_of_the_demo_account_add_up_in_three_languages() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("statements-last", Options::default()).await;
    let today = ssa_core::clock::hong_kong_date(chrono::Utc::now() + clock_offset());
    let history = demo_history(today);
    // Welcome's timetable names the next holiday of the demo's calendar, in
    // each language (the demo keeps this year's and next year's).
    let next = app.text_when("#next-holiday", |t| !t.is_empty()).await;
    assert!(next.starts_with("Next public holiday: "), "{next}");
    app.click("#lang-zh-HK").await;
    let next = app
        .text_when("html[lang=zh-HK] #next-holiday", |t| !t.is_empty())
        .await;
    assert!(next.starts_with("下一個公眾假期："), "{next}");
    app.axe_clean("welcome-with-holiday").await;
    // The timetable itself, below the fold, in each language.
    for lang in ["zh-HK", "zh-CN", "en"] {
        app.click(&format!("#lang-{lang}")).await;
        app.text_when(&format!("html[lang={lang}] #next-holiday"), |t| {
            !t.is_empty()
        })
        .await;
        app.script("document.getElementById('next-holiday').scrollIntoView(); return true;")
            .await;
        app.screenshot_as(&format!("welcome-timetable-{lang}"))
            .await;
    }
    app.script("window.scrollTo(0, 0); return true;").await;
    app.at_home_on(DEMO, "inv77777").await;

    // Home says how many movements arrived since the last login.
    let line = app.text("#new-movements").await;
    assert!(line.contains("new movement"), "{line}");
    app.axe_clean("home").await;
    app.in_three_languages("home", "#new-movements").await;

    // Holdings by keyboard: the menu item takes Enter.
    app.wait_for("#menu-holdings").await;
    app.focus("menu-holdings").await;
    app.type_keys(&Key::Enter.to_string()).await;
    app.wait_for("#holdings").await;
    // Holdings a year ago, zero balances shown: each balance is the sum of
    // the generator's movements up to that day.
    let year_ago = (today - chrono::Duration::days(365))
        .format("%Y-%m-%d")
        .to_string();
    app.fill("#date", &year_ago).await;
    app.click("#with-zero").await;
    app.click("#enquiry-show").await;
    app.text_when("#holdings-count", |t| !t.is_empty()).await;
    let rows = app.rows("#holdings tbody tr").await;
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(
            shown_number(&row[2]),
            balance_on(&history, &row[0], &year_ago),
            "{} on {year_ago}",
            row[0]
        );
    }
    app.axe_clean("holdings").await;
    app.in_three_languages("holdings", "#holdings").await;

    // Movements: a Chinese name fragment finds Tencent's, in any language.
    app.click("#statements-back").await;
    app.click("#menu-movements").await;
    app.fill("#from-date", "2020-01-01").await;
    // Typed as an input method would commit it.
    app.script(
        "const i = document.getElementById('stock-code'); i.value = '騰訊'; \
         i.dispatchEvent(new Event('input', {bubbles: true})); return true;",
    )
    .await;
    app.click("#enquiry-show").await;
    app.wait_for("#movements").await;
    let tencent = app.rows("#movements tbody tr").await;
    assert!(!tencent.is_empty());
    assert!(tencent.iter().all(|r| r[1] == "00700"), "{tencent:?}");
    let want = history.iter().filter(|(_, c, _)| c == "00700").count() as i64;
    assert_eq!(shown_number(&app.text("#movements-total").await), want);
    // Every movement, 100 a page: the next page shows the next ones.
    app.fill("#stock-code", "").await;
    app.click("#enquiry-show").await;
    app.text_when("#movements-total", |t| {
        shown_number(t) == history.len() as i64
    })
    .await;
    let first_page = app.rows("#movements tbody tr").await;
    assert_eq!(first_page.len(), 100);
    app.click("#page-next").await;
    app.text_when("#page-number", |t| t.starts_with("Page 2 of "))
        .await;
    let second_page = app.rows("#movements tbody tr").await;
    assert_ne!(first_page[0], second_page[0]);
    app.axe_clean("movements").await;
    app.in_three_languages("movements", "#movements").await;
    // By keyboard alone: Enter in the stock field sends the form, and focus
    // lands on the results (not back at the top of the screen).
    app.focus("stock-code").await;
    app.type_keys("HSBC").await;
    app.type_keys(&Key::Enter.to_string()).await;
    app.text_when("#movements tbody tr td:nth-child(2)", |t| t == "00005")
        .await;
    let hsbc = app.rows("#movements tbody tr").await;
    assert!(hsbc.iter().all(|r| r[1] == "00005"), "{hsbc:?}");
    assert_eq!(app.active_id().await, "results-first");
    app.fill("#stock-code", "").await;
    // An empty period says so in words.
    app.fill("#from-date", "2001-01-01").await;
    app.fill("#to-date", "2001-01-31").await;
    app.click("#enquiry-show").await;
    assert_eq!(app.text("#empty").await, "No movements in this period.");

    // A daily statement: opening + in - out = closing for every stock.
    app.click("#statements-back").await;
    app.click("#menu-daily").await;
    let last_month = history
        .iter()
        .map(|(d, _, _)| d[..7].to_owned())
        .next_back()
        .unwrap();
    app.show_month(&last_month).await;
    app.click("#statement-dates button").await;
    app.wait_for("#daily-statement").await;
    app.daily_statement_adds_up().await;
    assert_eq!(app.text("#statement-participant").await, "C00088");
    app.axe_clean("daily").await;
    app.in_three_languages("daily", "#daily-statement").await;

    // A monthly statement lists a stock sold to zero in its month.
    let codes: std::collections::BTreeSet<&str> =
        history.iter().map(|(_, c, _)| c.as_str()).collect();
    let months: std::collections::BTreeSet<String> =
        history.iter().map(|(d, _, _)| d[..7].to_owned()).collect();
    let (zero_month, zero_code) = months
        .iter()
        .find_map(|m| {
            let end = format!("{m}-31");
            codes
                .iter()
                .find(|c| {
                    balance_on(&history, c, &end) == 0
                        && history
                            .iter()
                            .any(|(d, code, _)| code == *c && d.starts_with(m.as_str()))
                })
                .map(|c| (m.clone(), c.to_string()))
        })
        .expect("the demo sells a stock to zero");
    app.click("#statements-back").await;
    app.click("#menu-monthly").await;
    app.show_month(&zero_month).await;
    app.wait_for("#monthly").await;
    let rows = app.rows("#monthly tbody tr").await;
    let zero_row = rows.iter().find(|r| r[0] == zero_code).expect("listed");
    assert_eq!(shown_number(&zero_row[2]), 0);
    // Export, as Save as CSV / PDF do once the save dialog gave a path: the
    // CSV reads back as the table, the PDF's text holds the names and the
    // closing balances.
    app.wait_for("#export-csv").await;
    let out = tempfile::tempdir().unwrap();
    for format in ["csv", "pdf"] {
        let path = out.path().join(format!("monthly.{format}"));
        let what = serde_json::json!({ "kind": "monthly", "month": zero_month });
        app.export(what, format, &path).await;
    }
    let bytes = std::fs::read(out.path().join("monthly.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(head, ["Stock code", "Stock name", "Balance"]);
    // The figures read as on screen (one date and number policy).
    let from_file: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(from_file, rows);
    let pdf_text = std::process::Command::new("pdftotext")
        .arg(out.path().join("monthly.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let pdf_text = String::from_utf8_lossy(&pdf_text.stdout).into_owned();
    for r in &rows {
        assert!(pdf_text.contains(&r[1]), "{} in the PDF", r[1]);
        assert!(pdf_text.contains(&r[2]), "{} in the PDF", r[2]);
    }
    app.axe_clean("monthly").await;
    app.in_three_languages("monthly", "#monthly").await;

    // A stock's chart: one point for the balance on the first day, then one
    // for each day it changed; the arrow keys read them out.
    app.click("#statements-back").await;
    app.click("#menu-holdings").await;
    let code = app
        .wait_for("#holdings tbody tr")
        .await
        .attr("data-code")
        .await
        .unwrap()
        .unwrap();
    app.click(&format!("#holdings tbody tr[data-code='{code}'] button"))
        .await;
    let chart = app.wait_for("#balance-chart").await;
    // uPlot loads when the first chart is drawn (not at start-up), under
    // the window's CSP: its canvas shows.
    app.wait_for("#balance-chart canvas").await;
    let from = (today - chrono::Duration::days(364))
        .format("%Y-%m-%d")
        .to_string();
    let to = today.format("%Y-%m-%d").to_string();
    let mut change_days: Vec<&str> = history
        .iter()
        .filter(|(d, c, _)| *c == code && d.as_str() > from.as_str() && d.as_str() <= to.as_str())
        .map(|(d, _, _)| d.as_str())
        .collect();
    change_days.dedup();
    assert_eq!(
        chart.attr("data-points").await.unwrap().unwrap(),
        (1 + change_days.len()).to_string()
    );
    app.focus("balance-chart").await;
    app.type_keys(&Key::Left.to_string()).await;
    let readout = app.text_when("#chart-readout", |t| t.contains(':')).await;
    assert!(readout.chars().any(|c| c.is_ascii_digit()), "{readout}");
    app.axe_clean("chart").await;
    app.in_three_languages("chart", "#balance-chart").await;
    app.quit().await;
}
