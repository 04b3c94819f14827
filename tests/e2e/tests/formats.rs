//! One policy for dates and quantities: a statement reads the same on
//! screen (the window's `Intl`), in its CSV and in its PDF (the shell's
//! `format.rs`), in each of the three languages.

#![allow(clippy::unwrap_used)]

use fantoccini::Locator;
use ssa_e2e::{cells_of, clock_offset, demo_history, App, Options, Run, DEMO};

const LANGUAGES: [&str; 3] = ["en", "zh-HK", "zh-CN"];

/// The file's records as a spreadsheet reads them, the header skipped.
fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark first"
    );
    csv::Reader::from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The PDF's text, as a reader copies it.
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether the PDF has `text` as a whole cell: a line of its own in
/// pdftotext's reading (so `500` does not count as found inside `1,500`).
fn has_cell(pdf: &str, text: &str) -> bool {
    pdf.lines().any(|line| line.trim() == text)
}

/// Switches the window (and so the shell, which writes the files) to `lang`
/// and waits for `ready` to be drawn in it.
async fn switch(app: &App, lang: &str, ready: &str) {
    app.click(&format!("#lang-{lang}")).await;
    app.text_when(&format!("html[lang={lang}] {ready}"), |_| true)
        .await;
}

/// A date as each language writes it, not as the database holds it.
fn reads_as_a_person_writes(lang: &str, date: &str) -> bool {
    let iso = date.len() == 10 && date.as_bytes()[4] == b'-';
    !iso && if lang == "en" {
        date.chars().any(|c| c.is_ascii_alphabetic())
    } else {
        date.contains('年') && date.ends_with('日')
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_statement_reads_alike_on_screen_in_csv_and_pdf() {
    let Some(run) = Run::app().await else { return };
    let app = run.launch("formats", Options::default()).await;
    app.at_home_on(DEMO, "inv66666").await;
    let today = ssa_core::clock::hong_kong_date(chrono::Utc::now() + clock_offset());
    let history = demo_history(today);
    let last = &history.last().unwrap().0;
    let month = last[..7].to_owned();
    let (from, to) = (format!("{month}-01"), today.format("%Y-%m-%d").to_string());
    let out = tempfile::tempdir().unwrap();

    // The movements of the latest month: each row's date and quantities.
    app.click("#menu-movements").await;
    app.fill("#from-date", &from).await;
    app.fill("#to-date", &to).await;
    app.click("#enquiry-show").await;
    app.wait_for("#movements tbody tr").await;
    let what = serde_json::json!({ "kind": "movements", "request": {
        "from": from, "to": to, "stock": "", "page": 0, "newOnly": false } });
    for lang in LANGUAGES {
        switch(&app, lang, "#movements tbody tr").await;
        let screen = app.rows("#movements tbody tr").await;
        let csv_path = out.path().join(format!("movements-{lang}.csv"));
        let pdf_path = out.path().join(format!("movements-{lang}.pdf"));
        app.export(what.clone(), "csv", &csv_path).await;
        app.export(what.clone(), "pdf", &pdf_path).await;
        let file = csv_rows(&csv_path);
        let pdf = pdf_text(&pdf_path);
        assert!(
            file.len() >= screen.len(),
            "{lang}: the export holds the page"
        );
        for (shown, written) in screen.iter().zip(&file) {
            // Date, stock code, in, out: the same text.
            for column in [0, 1, 5, 6] {
                assert_eq!(shown[column], written[column], "{lang} column {column}");
            }
            assert!(
                reads_as_a_person_writes(lang, &shown[0]),
                "{lang}: {}",
                shown[0]
            );
            assert!(
                has_cell(&pdf, &shown[0]),
                "{lang}: {} in the PDF:\n{pdf}",
                shown[0]
            );
            for quantity in [&shown[5], &shown[6]].into_iter().filter(|q| !q.is_empty()) {
                assert!(has_cell(&pdf, quantity), "{lang}: {quantity} in the PDF");
            }
        }
    }
    app.screenshot_as("formats-movements").await;

    // The latest daily statement: its title (with its date) and every figure.
    let dates = app
        .invoke("statement_dates", serde_json::json!({ "month": month }))
        .await;
    let date = dates["ok"][0].as_str().unwrap().to_owned();
    app.click("#statements-back").await;
    app.click("#menu-daily").await;
    app.show_month(&month).await;
    app.click("#statement-dates button").await;
    app.wait_for("#daily-statement").await;
    let what = serde_json::json!({ "kind": "daily", "date": date });
    for lang in LANGUAGES {
        switch(&app, lang, "#daily-statement-title").await;
        let title = app.text("#daily-statement-title").await;
        let mut shown = Vec::new();
        for stock in app
            .client
            .find_all(Locator::Css(".statement-stock"))
            .await
            .unwrap()
        {
            let rows = cells_of(stock.find_all(Locator::Css("tbody tr")).await.unwrap()).await;
            // Opening and closing rows: a label across four columns, then
            // the balance; a movement: kind, reference, in, out, (blank).
            for row in rows {
                let figures = if row.len() == 2 { &row[1..] } else { &row[2..] };
                shown.extend(figures.iter().filter(|f| !f.is_empty()).cloned());
            }
        }
        let csv_path = out.path().join(format!("daily-{lang}.csv"));
        let pdf_path = out.path().join(format!("daily-{lang}.pdf"));
        app.export(what.clone(), "csv", &csv_path).await;
        app.export(what.clone(), "pdf", &pdf_path).await;
        // Stock code and name, then kind, reference, in, out, balance.
        let written: Vec<String> = csv_rows(&csv_path)
            .into_iter()
            .flat_map(|r| r[4..7].to_vec())
            .filter(|f| !f.is_empty())
            .collect();
        assert!(!shown.is_empty());
        assert_eq!(shown, written, "{lang}: in, out and balance");
        let pdf = pdf_text(&pdf_path);
        assert!(pdf.contains(&title), "{lang}: {title:?} in the PDF:\n{pdf}");
        for figure in &shown {
            assert!(has_cell(&pdf, figure), "{lang}: {figure} in the PDF");
        }
        app.screenshot_as(&format!("formats-daily-{lang}")).await;
    }
    app.quit().await;
}
