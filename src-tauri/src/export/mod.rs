//! Exports of a daily statement, a monthly statement or a movements
//! enquiry (spec 7.3), desktop only (the core refuses a kiosk session):
//! CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the
//! Chinese names) and headers in the reader's language, or an A4 PDF whose
//! text can be selected and searched. The window chooses the file in the
//! system's save dialog and passes its path here, so tests can export
//! without the dialog.

use std::path::Path;

use serde::Deserialize;
use ssa_core::{Export, ExportRequest};

use crate::i18n::{Localizer, UiError};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Pdf,
}

impl ExportFormat {
    /// The file extension and the dialog's name for it.
    pub fn extension(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Csv => ("csv", "CSV"),
            ExportFormat::Pdf => ("pdf", "PDF"),
        }
    }
}

/// The file name the save dialog suggests (without extension).
pub fn file_stem(what: &ExportRequest) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(10)
            .collect()
    };
    match what {
        ExportRequest::Daily { date } => format!("daily-statement-{}", safe(date)),
        ExportRequest::Monthly { month } => format!("monthly-statement-{}", safe(month)),
        ExportRequest::Movements { request } => {
            format!("movements-{}-{}", safe(&request.from), safe(&request.to))
        }
    }
}

mod csv;
mod fonts;
mod pdf;
mod sheet;

pub use self::csv::{csv_bytes, inert};
pub use self::pdf::pdf_bytes;

impl AppState {
    /// Writes the export to `path`: one call into the core for the
    /// statement, then the file. Nothing is written when the core refuses.
    pub async fn export_statement(
        &self,
        what: &ExportRequest,
        format: ExportFormat,
        path: &Path,
    ) -> Result<(), UiError> {
        let export = self.statement_for_export(what).await?;
        self.write_export(export, format, path).await
    }

    /// The statement an export holds: the one call into the core, which
    /// refuses without a live session and on a kiosk. The save dialog opens
    /// only after this has answered.
    pub async fn statement_for_export(&self, what: &ExportRequest) -> Result<Export, UiError> {
        if !self.exports_allowed() {
            return Err(self.error(&ssa_core::SsaError::NotAllowed));
        }
        self.with_session(async |b, s| b.statement_export(s, what).await)
            .await
    }

    /// Makes the file and puts it at `path` whole: written to a private
    /// temporary file beside it, then renamed over, so a failure never
    /// leaves a truncated file where a good one was.
    pub async fn write_export(
        &self,
        export: Export,
        format: ExportFormat,
        path: &Path,
    ) -> Result<(), UiError> {
        let lang = self.language();
        let path = path.to_owned();
        // Finding a font, laying out and writing take a while: off the
        // async runtime.
        let made = tokio::task::spawn_blocking(move || {
            let l = Localizer::new();
            let bytes = match format {
                ExportFormat::Csv => csv_bytes(&l, lang, &export).map_err(|_| "export-failed")?,
                ExportFormat::Pdf => pdf_bytes(&l, lang, &export).map_err(|e| {
                    if e == "no-font" {
                        "export-no-font"
                    } else {
                        "export-failed"
                    }
                })?,
            };
            ssa_core::files::write_whole(&path, &bytes).map_err(|e| {
                tracing::warn!(error = %e, "the export could not be written");
                "export-failed"
            })
        })
        .await
        .unwrap_or(Err("export-failed"));
        made.map_err(|key| self.export_error(key))
    }

    /// The export's own failure, in the reader's language.
    pub fn export_error(&self, key: &str) -> UiError {
        UiError {
            code: key.to_owned(),
            args: serde_json::Value::Null,
            message: self
                .localizer()
                .text(self.language(), &format!("error-{key}"), None),
            fields: Vec::new(),
        }
    }

    pub fn export_failed(&self) -> UiError {
        self.export_error("export-failed")
    }
}
