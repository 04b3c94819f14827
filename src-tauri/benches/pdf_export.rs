//! The PDF export of a monthly statement of 200 stocks (Chinese names):
//! time to make it (system font found, text laid out, font subsetted) and
//! its size. Goal: under 1 s and under 300 KB.
//!
//! cargo bench -p ssa-desktop --bench pdf_export

use std::time::Instant;

use ssa_core::{Export, Holding, MonthlyStatement, StatementHeader, StockNames};
use ssa_desktop::export::pdf_bytes;
use ssa_desktop::i18n::{Language, Localizer};

fn main() {
    let stocks = (0..200)
        .map(|i| Holding {
            stock_code: ssa_core::domain::statements::StockCode::parse(&format!(
                "{:05}",
                1 + i * 7
            ))
            .expect("a valid value"),
            names: StockNames {
                en: format!("BENCH HOLDINGS {i}"),
                zh_hk: format!("基準控股第{i}號"),
                zh_cn: format!("基准控股第{i}号"),
            },
            balance: 1_000 * (i as i64 + 1) * 37,
        })
        .collect();
    let export = Export::Monthly(MonthlyStatement {
        header: StatementHeader {
            participant_id: ssa_core::domain::ParticipantId::parse("C00088")
                .expect("a valid value"),
            ssa_number: ssa_core::domain::SsaNumber::parse("01").expect("a valid value"),
            basic_user_id: ssa_core::domain::BasicUserId::parse("12345678").expect("a valid value"),
        },
        month_end: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"),
        stocks,
    });
    let l = Localizer::new();
    for lang in [
        Language::TraditionalChinese,
        Language::SimplifiedChinese,
        Language::English,
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..7 {
            let t = Instant::now();
            let pdf = pdf_bytes(&l, lang, &export).expect("a PDF");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            size = pdf.len();
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{lang:?}: median {:.0} ms (min {:.0}, max {:.0}) over 7 runs, {size} bytes",
            times[3], times[0], times[6]
        );
    }
}
