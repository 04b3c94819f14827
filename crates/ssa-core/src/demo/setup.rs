//! Demo mode's data: one SSA basic account with a known initial Basic
//! password, two broadcast messages and this year's and next year's public
//! holidays (`assets/demo.json`), and about three years of statement history
//! ([`super::movements_csv`]) whose last few movements arrive after the
//! first login. Made once per demo database, through the service like any
//! operator's work.

use secrecy::SecretString;

use crate::{Ssa, SsaError};

/// The demo account, shown on the Welcome screen in demo mode: a made-up
/// account with a made-up initial password, shown on purpose.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccount {
    pub basic_user_id: String,
    pub participant_id: String,
    pub ssa_number: String,
    pub basic_password: String,
}

/// The demo history's last day, kept in the data folder when the demo
/// database is made, so later parts of the same history can follow.
async fn provision_history(
    ssa: &Ssa,
    data_dir: &std::path::Path,
    participant_id: &str,
    ssa_number: &str,
) {
    use super::{movements_csv, stocks_csv, DemoPart};
    let end = crate::clock::hong_kong_date(ssa.now());
    if let Err(e) = std::fs::write(data_dir.join("demo-history.txt"), end.to_string()) {
        tracing::warn!(error = %e, "demo history date not kept");
    }
    let stocks = ssa
        .import_stocks(stocks_csv().as_bytes(), false, &mut |_| {})
        .await;
    let movements = movements_csv(participant_id, ssa_number, end, DemoPart::Earlier);
    let imported = match stocks {
        Ok(_) => {
            ssa.import_movements(movements.as_bytes(), false, &mut |_| {})
                .await
        }
        Err(e) => Err(e),
    };
    match imported {
        Ok(report) if report.problem_count == 0 => {}
        Ok(report) => tracing::warn!(bad = report.problem_count, "demo history refused"),
        Err(e) => tracing::warn!(code = e.code(), "demo history not made"),
    }
}

fn history_end(data_dir: &std::path::Path) -> Option<chrono::NaiveDate> {
    let text = std::fs::read_to_string(data_dir.join("demo-history.txt")).ok()?;
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Demo mode: the last few movements of the demo history arrive after the
/// first login, so "new since your last login" has something to say.
/// Importing them again adds nothing.
pub async fn deliver_latest_movements(ssa: &Ssa, data_dir: &std::path::Path, demo: &DemoAccount) {
    use super::{movements_csv, DemoPart};
    let Some(end) = history_end(data_dir) else {
        return;
    };
    let file = movements_csv(
        &demo.participant_id,
        &demo.ssa_number,
        end,
        DemoPart::Latest,
    );
    match ssa
        .import_movements(file.as_bytes(), false, &mut |_| {})
        .await
    {
        Ok(report) if report.problem_count == 0 => {}
        Ok(report) => tracing::warn!(bad = report.problem_count, "demo movements refused"),
        Err(e) => tracing::warn!(code = e.code(), "demo movements not delivered"),
    }
}

/// Demo mode: one SSA basic account with a known initial Basic password, two
/// broadcast messages (from `demo.json`) and about three years of statement
/// history but its last few movements, made once per demo database.
pub async fn provision(ssa: &Ssa, data_dir: &std::path::Path) -> Option<DemoAccount> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DemoFile {
        #[serde(flatten)]
        account: DemoAccount,
        messages: Vec<DemoMessage>,
        holidays: Vec<DemoHoliday>,
    }
    /// A holiday on a fixed day of the year (`MM-DD`): the demo keeps this
    /// year's and next year's, so Welcome always has a next one to show.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DemoHoliday {
        month_day: String,
        name_en: String,
        name_zh_hk: String,
        name_zh_cn: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DemoMessage {
        subject_en: String,
        body_en: String,
        subject_zh_hk: Option<String>,
        body_zh_hk: Option<String>,
        subject_zh_cn: Option<String>,
        body_zh_cn: Option<String>,
    }
    let demo: DemoFile = serde_json::from_str(include_str!("../../assets/demo.json")).ok()?;
    let a = &demo.account;
    let provisioned = ssa
        .provision_basic_account(
            &a.basic_user_id,
            &a.participant_id,
            &a.ssa_number,
            &SecretString::from(a.basic_password.as_str()),
        )
        .await;
    match provisioned {
        Ok(_) => {
            for m in &demo.messages {
                let message = crate::NewMessage::new(
                    &m.subject_en,
                    &m.body_en,
                    m.subject_zh_hk.as_deref(),
                    m.body_zh_hk.as_deref(),
                    m.subject_zh_cn.as_deref(),
                    m.body_zh_cn.as_deref(),
                    None,
                );
                let posted = match message {
                    Ok(message) => ssa.post_message(&message).await.map(|_| ()),
                    Err(e) => Err(e),
                };
                if let Err(e) = posted {
                    tracing::warn!(code = e.code(), "demo message not posted");
                }
            }
            provision_history(ssa, data_dir, &a.participant_id, &a.ssa_number).await;
            let year = chrono::Datelike::year(&crate::clock::hong_kong_date(ssa.now()));
            for y in [year, year + 1] {
                for h in &demo.holidays {
                    let day = format!("{y:04}-{}", h.month_day);
                    if let Err(e) = ssa
                        .add_holiday(&day, &h.name_en, Some(&h.name_zh_hk), Some(&h.name_zh_cn))
                        .await
                    {
                        tracing::warn!(code = e.code(), "demo holiday not added");
                    }
                }
            }
        }
        Err(SsaError::OperatorRefused { .. }) => {} // made on an earlier start
        Err(e) => {
            tracing::warn!(code = e.code(), "demo account not provisioned");
            return None;
        }
    }
    Some(demo.account)
}
