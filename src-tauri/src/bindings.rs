//! The TypeScript types of everything that crosses to the window, generated
//! from Rust with ts-rs into `ui/src/bindings/`. `cargo test` fails when the
//! committed files are stale; `SSA_WRITE_BINDINGS=1 cargo test -p ssa-desktop
//! bindings` writes them anew.

use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Writes every binding into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    // Ids and counts are small: a JavaScript number holds them exactly.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    crate::state::AppInfo::export_all(&cfg)?;
    crate::zoom::ZoomStep::export_all(&cfg)?;
    crate::updates::UpdateOffer::export_all(&cfg)?;
    crate::state::HomeView::export_all(&cfg)?;
    crate::state::WelcomeNotices::export_all(&cfg)?;
    crate::statements::HolidayLine::export_all(&cfg)?;
    crate::state::SignedIn::export_all(&cfg)?;
    ssa_core::CaptchaImage::export_all(&cfg)?;
    ssa_core::CaptchaAudio::export_all(&cfg)?;
    crate::state::MessageBody::export_all(&cfg)?;
    ssa_core::CaptchaScreen::export_all(&cfg)?;
    ssa_core::NextStep::export_all(&cfg)?;
    ssa_core::RegisteredUser::export_all(&cfg)?;
    crate::i18n::UiError::export_all(&cfg)?;
    crate::i18n::Language::export_all(&cfg)?;
    crate::statements::HoldingsView::export_all(&cfg)?;
    crate::statements::MovementsView::export_all(&cfg)?;
    crate::statements::DailyStatementView::export_all(&cfg)?;
    crate::statements::MonthlyStatementView::export_all(&cfg)?;
    crate::statements::BalancePoint::export_all(&cfg)?;
    ssa_core::MovementsRequest::export_all(&cfg)?;
    ssa_core::SeriesRequest::export_all(&cfg)?;
    ssa_core::ExportRequest::export_all(&cfg)?;
    crate::export::ExportFormat::export_all(&cfg)?;
    std::fs::write(dir.join("LabelKey.ts"), label_keys())?;
    Ok(())
}

/// `LabelKey`: every label the window may ask for, from the English words
/// (a test keeps the other two languages' keys the same), so a mistyped key
/// fails `tsc`.
fn label_keys() -> String {
    let labels = crate::i18n::Localizer::new().labels(crate::i18n::Language::English);
    let mut out = String::from(
        "// Generated from locales/en/main.ftl by src-tauri/src/bindings.rs: do not edit.\n\n\
         /** The key of a label the shell hands the window (`t(key)` in i18n.ts). */\n\
         export type LabelKey =\n",
    );
    for key in labels.keys() {
        out.push_str(&format!("  | \"{key}\"\n"));
    }
    out.push_str(";\n");
    out
}

pub fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                    .map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    #[test]
    fn bindings_are_fresh() {
        if std::env::var("SSA_WRITE_BINDINGS").as_deref() == Ok("1") {
            export_all(&committed_dir()).expect("write bindings");
        }
        let fresh = tempfile::tempdir().expect("temp dir");
        export_all(fresh.path()).expect("generate bindings");
        let generated = files(fresh.path());
        assert!(generated.len() >= 8, "every crossing type is generated");
        assert_eq!(
            files(&committed_dir()),
            generated,
            "ui/src/bindings is stale: run SSA_WRITE_BINDINGS=1 cargo test -p ssa-desktop bindings"
        );
    }
}
