//! `ssa-admin maintenance` and `holiday`: the service's calendar.

use clap::Subcommand;
use ssa_core::{Ssa, SsaError};

use crate::print::*;

#[derive(Subcommand, Clone)]
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

#[derive(Subcommand, Clone)]
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
