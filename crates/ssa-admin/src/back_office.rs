//! The back office's subcommands: bulk provisioning, messages, special
//! maintenance, holidays and account states. Each parses, calls the core
//! once and prints: a table for people, or with `--json` one JSON object a
//! line for scripts.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use ssa_core::clock::{format_hong_kong, parse_hong_kong};
use ssa_core::{InitialPasswords, NewMessage, Ssa, SsaError};

fn refused(reason: impl Into<String>) -> SsaError {
    SsaError::OperatorRefused {
        reason: reason.into(),
    }
}

/// `YYYY-MM-DD HH:MM` in Hong Kong time, for tables.
fn hk(t: DateTime<Utc>) -> String {
    format_hong_kong(t)[..16].to_owned()
}

fn hk_or_dash(t: Option<DateTime<Utc>>) -> String {
    t.map(hk).unwrap_or_else(|| "-".into())
}

fn parse_time(flag: &str, text: &str, end_of_day: bool) -> Result<DateTime<Utc>, SsaError> {
    parse_hong_kong(text, end_of_day).ok_or_else(|| {
        refused(format!(
            "{flag} {text:?}: a Hong Kong time is YYYY-MM-DD HH:MM (or a date YYYY-MM-DD)"
        ))
    })
}

/// Prints rows as aligned columns under a header.
fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

fn json_lines<T: serde::Serialize>(items: &[T]) {
    for item in items {
        println!("{}", serde_json::to_string(item).unwrap_or_default());
    }
}

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
    for p in &report.problems {
        let column = if p.column.is_empty() {
            String::new()
        } else {
            format!("{}: ", p.column)
        };
        eprintln!("line {}: {column}{}", p.line, p.rule);
    }
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

#[derive(Subcommand)]
pub enum MessageCommand {
    /// Posts a message under the next 5-digit reference. English is
    /// required; each Chinese language is subject and body, or neither (the
    /// window shows English to its readers then).
    Post {
        #[arg(long, alias = "subject")]
        subject_en: String,
        #[arg(long, alias = "body")]
        body_en: String,
        #[arg(long)]
        subject_zh_hk: Option<String>,
        #[arg(long)]
        body_zh_hk: Option<String>,
        #[arg(long)]
        subject_zh_cn: Option<String>,
        #[arg(long)]
        body_zh_cn: Option<String>,
        /// Shown until then, Hong Kong time: `YYYY-MM-DD HH:MM`, or a date
        /// (shown through that day).
        #[arg(long)]
        until: Option<String>,
    },
    /// Every message posted, and whether it is shown.
    List,
    /// Withdraws a message: no longer shown.
    Withdraw { reference: String },
}

pub async fn message(ssa: &Ssa, command: MessageCommand, json: bool) -> Result<(), SsaError> {
    match command {
        MessageCommand::Post {
            subject_en,
            body_en,
            subject_zh_hk,
            body_zh_hk,
            subject_zh_cn,
            body_zh_cn,
            until,
        } => {
            let ends_at = until
                .as_deref()
                .map(|t| parse_time("--until", t, true))
                .transpose()?;
            let message = NewMessage::new(
                &subject_en,
                &body_en,
                subject_zh_hk.as_deref(),
                body_zh_hk.as_deref(),
                subject_zh_cn.as_deref(),
                body_zh_cn.as_deref(),
                ends_at,
            )?;
            let reference = ssa.post_message(&message).await?;
            println!("posted {reference}");
        }
        MessageCommand::List => {
            let messages = ssa.posted_messages().await?;
            if json {
                json_lines(&messages);
            } else {
                let rows: Vec<Vec<String>> = messages
                    .iter()
                    .map(|m| {
                        let languages = ["en"]
                            .into_iter()
                            .chain(m.subject.zh_hk.as_ref().map(|_| "zh-HK"))
                            .chain(m.subject.zh_cn.as_ref().map(|_| "zh-CN"))
                            .collect::<Vec<_>>()
                            .join(" ");
                        let state = match (m.withdrawn_at, m.shown) {
                            (Some(t), _) => format!("withdrawn {}", hk(t)),
                            (None, true) => "shown".into(),
                            (None, false) => "ended".into(),
                        };
                        vec![
                            m.reference.clone(),
                            hk(m.posted_at),
                            hk_or_dash(m.ends_at),
                            state,
                            languages,
                            m.subject.en.clone(),
                        ]
                    })
                    .collect();
                table(
                    &[
                        "REF",
                        "POSTED (HKT)",
                        "UNTIL (HKT)",
                        "STATE",
                        "LANGUAGES",
                        "SUBJECT",
                    ],
                    &rows,
                );
            }
        }
        MessageCommand::Withdraw { reference } => {
            ssa.withdraw_message(&reference).await?;
            println!("withdrew {}", reference.trim());
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum MaintenanceCommand {
    /// Schedules a special window, Hong Kong time (`YYYY-MM-DD HH:MM`).
    Schedule {
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
    },
    /// Cancels a window to come.
    Cancel { id: i64 },
    /// Every special window scheduled.
    List,
}

pub async fn maintenance(
    ssa: &Ssa,
    command: MaintenanceCommand,
    json: bool,
) -> Result<(), SsaError> {
    match command {
        MaintenanceCommand::Schedule { start, end } => {
            let starts_at = parse_time("--start", &start, false)?;
            let ends_at = parse_time("--end", &end, false)?;
            let window = ssa.schedule_maintenance(starts_at, ends_at).await?;
            println!(
                "scheduled {}: {} to {} Hong Kong time",
                window.id,
                hk(window.starts_at),
                hk(window.ends_at)
            );
        }
        MaintenanceCommand::Cancel { id } => {
            ssa.cancel_maintenance(id).await?;
            println!("cancelled {id}");
        }
        MaintenanceCommand::List => {
            let windows = ssa.special_windows().await?;
            if json {
                json_lines(&windows);
            } else {
                let now = ssa.now();
                let rows: Vec<Vec<String>> = windows
                    .iter()
                    .map(|w| {
                        let state = match w.cancelled_at {
                            Some(t) => format!("cancelled {}", hk(t)),
                            None if w.ends_at <= now => "over".into(),
                            None if w.starts_at <= now => "on now".into(),
                            None => "to come".into(),
                        };
                        vec![w.id.to_string(), hk(w.starts_at), hk(w.ends_at), state]
                    })
                    .collect();
                table(&["ID", "START (HKT)", "END (HKT)", "STATE"], &rows);
            }
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum HolidayCommand {
    /// Adds a public holiday (or renames one).
    Add {
        /// YYYY-MM-DD
        date: String,
        #[arg(long)]
        name_en: String,
        #[arg(long)]
        name_zh_hk: Option<String>,
        #[arg(long)]
        name_zh_cn: Option<String>,
    },
    /// Removes a public holiday.
    Remove { date: String },
    /// The holidays of a year, or all.
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Replaces one year's holidays with a CSV file's
    /// (date,name_en,name_zh_hk,name_zh_cn). All or nothing.
    Import { file: std::path::PathBuf },
}

pub async fn holiday(ssa: &Ssa, command: HolidayCommand, json: bool) -> Result<(), SsaError> {
    match command {
        HolidayCommand::Add {
            date,
            name_en,
            name_zh_hk,
            name_zh_cn,
        } => {
            let h = ssa
                .add_holiday(
                    &date,
                    &name_en,
                    name_zh_hk.as_deref(),
                    name_zh_cn.as_deref(),
                )
                .await?;
            println!("added {} {}", h.day, h.name.en);
        }
        HolidayCommand::Remove { date } => {
            ssa.remove_holiday(&date).await?;
            println!("removed {}", date.trim());
        }
        HolidayCommand::List { year } => {
            let holidays = ssa.holidays(year).await?;
            if json {
                json_lines(&holidays);
            } else {
                let dash = |t: &Option<String>| t.clone().unwrap_or_else(|| "-".into());
                let rows: Vec<Vec<String>> = holidays
                    .iter()
                    .map(|h| {
                        vec![
                            h.day.to_string(),
                            h.day.format("%a").to_string(),
                            h.name.en.clone(),
                            dash(&h.name.zh_hk),
                            dash(&h.name.zh_cn),
                        ]
                    })
                    .collect();
                table(&["DATE", "DAY", "NAME", "名稱", "名称"], &rows);
            }
        }
        HolidayCommand::Import { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| refused(format!("cannot read {}: {e}", file.display())))?;
            let (year, count) = ssa.import_holidays(&bytes).await?;
            println!("imported {count} holidays for {year} (the year's list replaced)");
        }
    }
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

#[derive(Subcommand)]
pub enum BranchCommand {
    /// Checks that the branch database at URL answers, keeps its password in
    /// this machine's keyring (from the URL, or else the first line of
    /// standard input) and writes DATA_DIR/config.json with the URL without
    /// the password.
    Connect {
        url: String,
        /// The app's data folder on this kiosk.
        #[arg(long)]
        data_dir: std::path::PathBuf,
        /// This kiosk's name for the verification code's pause (e.g.
        /// kiosk-3); a kiosk takes it from config.json only.
        #[arg(long)]
        station: Option<String>,
    },
}

pub async fn branch(command: BranchCommand) -> Result<(), SsaError> {
    let BranchCommand::Connect {
        url,
        data_dir,
        station,
    } = command;
    let typed = ssa_core::branch::split_database_password(&url)?.1;
    let password = match typed {
        Some(p) => Some(p),
        None => Some(crate::read_secret_line()?),
    };
    let bare = ssa_core::branch::connect(&url, password, ssa_core::branch::keyring_entry).await?;
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| refused(format!("{}: {e}", data_dir.display())))?;
    let config = data_dir.join("config.json");
    let mut settings = serde_json::json!({ "databaseUrl": bare });
    if let Some(station) = station
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
    {
        settings["station"] = serde_json::Value::String(station);
    }
    let text = settings.to_string();
    ssa_core::files::write_whole(&config, format!("{text}\n").as_bytes())
        .map_err(|e| refused(format!("{}: {e}", config.display())))?;
    println!(
        "connected: {bare}; password kept in the keyring; {} written",
        config.display()
    );
    Ok(())
}

#[derive(Subcommand)]
pub enum PepperCommand {
    /// Writes this machine's pepper, checked against the database and
    /// encrypted under a passphrase (first line of standard input, at least
    /// 12 characters), to the new FILE.
    Export { file: std::path::PathBuf },
    /// Stores the pepper of FILE (passphrase on standard input) in this
    /// machine's keyring, after checking it belongs to the database.
    Import {
        file: std::path::PathBuf,
        /// Replaces another pepper this machine's keyring holds.
        #[arg(long)]
        replace: bool,
    },
}

pub async fn pepper(
    database: &str,
    secrets: Arc<ssa_core::KeyringSecretStore>,
    command: PepperCommand,
) -> Result<(), SsaError> {
    let passphrase = crate::read_secret_line()?;
    match command {
        PepperCommand::Export { file } => {
            ssa_core::branch::export_pepper(database, secrets, &passphrase, &file).await?;
            println!("pepper written, encrypted, to {}", file.display());
        }
        PepperCommand::Import { file, replace } => {
            let sealed = std::fs::read(&file)
                .map_err(|e| refused(format!("cannot read {}: {e}", file.display())))?;
            ssa_core::branch::import_pepper(database, secrets, &sealed, &passphrase, replace)
                .await?;
            println!("pepper imported into this machine's keyring; it matches the database");
        }
    }
    Ok(())
}
