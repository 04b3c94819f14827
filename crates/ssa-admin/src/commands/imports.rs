//! Statement records in: `import-stocks`, `import-movements`, and the
//! demo history written as the two CSV files (`demo-statements`).

use ssa_core::{ImportReport, SsaError};

pub fn write_demo_statements(
    dir: &std::path::Path,
    participant_id: &str,
    ssa_number: &str,
    until: Option<&str>,
) -> Result<(), SsaError> {
    use ssa_core::demo::{movements_csv, stocks_csv, DemoPart};
    let refused = |reason: String| SsaError::OperatorRefused { reason };
    let end = match until {
        Some(text) => ssa_core::domain::statements::parse_date(text)
            .map_err(|_| refused(format!("--until {text}: a date is YYYY-MM-DD")))?,
        None => ssa_core::clock::hong_kong_date(chrono::Utc::now()),
    };
    std::fs::create_dir_all(dir).map_err(|e| refused(format!("{}: {e}", dir.display())))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        ssa_core::files::write_whole(&path, text.as_bytes())
            .map_err(|e| refused(format!("{}: {e}", path.display())))
    };
    write("stocks.csv", stocks_csv())?;
    write(
        "movements.csv",
        movements_csv(participant_id, ssa_number, end, DemoPart::All),
    )?;
    println!("wrote stocks.csv and movements.csv in {}", dir.display());
    Ok(())
}

/// Opens `file` and runs an import over it with a progress bar on a
/// terminal (hidden otherwise).
pub async fn import(
    file: &std::path::Path,
    run: impl AsyncFnOnce(
        std::io::BufReader<std::fs::File>,
        &mut (dyn FnMut(u64) + Send),
    ) -> Result<ImportReport, SsaError>,
) -> Result<ImportReport, SsaError> {
    let opened = std::fs::File::open(file).map_err(|e| SsaError::OperatorRefused {
        reason: format!("cannot open {}: {e}", file.display()),
    })?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(size),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut progress = |bytes: u64| bar.set_position(bytes);
    let report = run(std::io::BufReader::new(opened), &mut progress).await;
    bar.finish_and_clear();
    report
}

/// Prints the bad lines in plain words and the one-line summary; a file
/// with bad lines is a failure (nothing was written).
pub fn finish(report: &ImportReport, dry_run: bool) -> Result<(), SsaError> {
    crate::describe::print_problems(&report.problems);
    if report.problem_count > report.problems.len() as u64 {
        eprintln!(
            "... and {} more bad lines",
            report.problem_count - report.problems.len() as u64
        );
    }
    let outcome = if report.problem_count > 0 {
        "nothing written"
    } else if dry_run {
        "dry run, nothing written"
    } else {
        "written"
    };
    println!(
        "{} lines read, {} added, {} renamed, {} already there, {} bad: {outcome}",
        report.lines_read, report.added, report.renamed, report.already_there, report.problem_count
    );
    if report.problem_count > 0 {
        return Err(SsaError::OperatorRefused {
            reason: format!("{} bad lines", report.problem_count),
        });
    }
    Ok(())
}
