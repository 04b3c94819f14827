//! `ssa-admin message`: broadcast messages.

use clap::Subcommand;
use ssa_core::{NewMessage, Ssa, SsaError};

use crate::print::*;

#[derive(Subcommand, Clone)]
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
