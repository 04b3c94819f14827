//! SSA basic accounts: bulk provisioning and account states.

use std::path::Path;
use std::sync::Arc;

use ssa_core::{InitialPasswords, Ssa, SsaError};

use crate::print::*;

pub async fn provision_bulk(
    ssa: &Ssa,
    file: &Path,
    generate: Option<&Path>,
) -> Result<(), SsaError> {
    let passwords = match generate {
        Some(to) => InitialPasswords::Generate { to },
        None => InitialPasswords::InFile,
    };
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("hashing {bar:40} {pos}/{len} {per_sec} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress_bar = bar.clone();
    let progress = Arc::new(move |done: u64, total: u64| {
        progress_bar.set_length(total);
        progress_bar.set_position(done);
    });
    let started = std::time::Instant::now();
    let report = ssa.provision_bulk(file, passwords, progress).await;
    bar.finish_and_clear();
    let report = report?;
    crate::describe::print_problems(&report.problems);
    if !report.problems.is_empty() {
        return Err(refused(format!(
            "{} bad lines in {} accounts; nothing written",
            report.problems.len(),
            report.accounts
        )));
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "provisioned {} accounts in {seconds:.1} s ({:.1} a second){}",
        report.added,
        report.added as f64 / seconds.max(f64::EPSILON),
        generate
            .map(|p| format!("; initial passwords in {}", p.display()))
            .unwrap_or_default()
    );
    Ok(())
}

pub async fn accounts(ssa: &Ssa, basic_user_id: Option<&str>, json: bool) -> Result<(), SsaError> {
    let states = ssa.account_states(basic_user_id).await?;
    if let (Some(id), true) = (basic_user_id, states.is_empty()) {
        return Err(refused(format!(
            "no SSA basic account has Basic User ID {}",
            id.trim()
        )));
    }
    if json {
        json_lines(&states);
        return Ok(());
    }
    let dash = |t: &Option<String>| t.clone().unwrap_or_else(|| "-".into());
    let rows: Vec<Vec<String>> = states
        .iter()
        .map(|s| {
            vec![
                s.basic_user_id.clone(),
                s.participant_id.clone(),
                s.ssa_number.clone(),
                s.basic_locked.clone().unwrap_or_else(|| {
                    if s.basic_password_initial {
                        "initial password".into()
                    } else {
                        "ok".into()
                    }
                }),
                dash(&s.internet_user_id),
                s.internet_user_id
                    .as_ref()
                    .map(|_| s.internet_locked.clone().unwrap_or_else(|| "ok".into()))
                    .unwrap_or_else(|| "-".into()),
                hk_or_dash(s.last_login_at),
                s.internet_password_age_days
                    .map(|d| format!("{d} days"))
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    table(
        &[
            "BASIC USER ID",
            "PARTICIPANT",
            "SSA",
            "BASIC ACCOUNT",
            "INTERNET USER ID",
            "INTERNET ID",
            "LAST LOGIN (HKT)",
            "PASSWORD AGE",
        ],
        &rows,
    );
    Ok(())
}
