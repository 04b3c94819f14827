//! Statement exports: a CSV a spreadsheet reads and a searchable PDF, and
//! none at a kiosk. Test build only (`--features e2e-captcha`): each one
//! logs in.

use ssa_desktop::i18n::Language;
use ssa_desktop::settings::Settings;

use crate::common::{demo_at_home, fixed_code_demo, logged_in_at_home, shell};

#[tokio::test]
async fn a_monthly_statement_exports_as_csv_a_spreadsheet_reads_and_as_a_searchable_pdf() {
    use ssa_core::ExportRequest;
    use ssa_desktop::export::ExportFormat;
    let s = demo_at_home().await;
    s.state.set_language(Language::TraditionalChinese);
    let month = "2026-10";
    let shown = s.state.monthly_statement(month).await.unwrap();
    assert!(!shown.stocks.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let what = ExportRequest::Monthly {
        month: month.into(),
    };

    let csv_path = dir.path().join("monthly.csv");
    s.state
        .export_statement(&what, ExportFormat::Csv, &csv_path)
        .await
        .unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark first"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, ["股份代號", "股份名稱", "結餘"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let table: Vec<Vec<String>> = shown
        .stocks
        .iter()
        .map(|h| {
            // The screen groups the digits it is handed as format.rs does
            // (the e2e suite compares the window's own text).
            let balance = h.balance.parse().unwrap();
            let shown = ssa_desktop::format::quantity(Language::TraditionalChinese, balance);
            vec![h.code.clone(), h.name.clone(), shown]
        })
        .collect();
    assert_eq!(rows, table, "the file reads back as the table on screen");

    let pdf_path = dir.path().join("monthly.pdf");
    s.state
        .export_statement(&what, ExportFormat::Pdf, &pdf_path)
        .await
        .unwrap();
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(
        pdf.len() < 300_000,
        "the font is subsetted: {} bytes",
        pdf.len()
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("C00088"), "{text}");
    for stock in &shown.stocks {
        assert!(
            text.contains(&stock.name),
            "{} missing from {text}",
            stock.name
        );
        let grouped = stock
            .balance
            .parse::<i64>()
            .map(|n| {
                let d = n.to_string();
                let mut out = String::new();
                for (i, c) in d.chars().enumerate() {
                    if i > 0 && (d.len() - i) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(c);
                }
                out
            })
            .unwrap();
        assert!(text.contains(&grouped), "{grouped} missing from {text}");
    }
}

#[tokio::test]
async fn a_kiosk_exports_nothing() {
    use ssa_core::ExportRequest;
    use ssa_desktop::export::ExportFormat;
    let s = shell(Settings {
        kiosk: true,
        ..fixed_code_demo()
    })
    .await;
    logged_in_at_home(&s).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("daily.csv");
    let e = s
        .state
        .export_statement(
            &ExportRequest::Monthly {
                month: "2026-10".into(),
            },
            ExportFormat::Csv,
            &path,
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, "not-allowed");
    assert!(!path.exists(), "no file is written");
}
