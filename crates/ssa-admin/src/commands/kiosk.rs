//! `kiosk policy --check FILE`: the branch's kiosk policy checked as the
//! app checks it (`ssa_core::policy`), before it is deployed.

use std::path::PathBuf;

use clap::Subcommand;
use ssa_core::policy::{Policy, UpdateChannel};
use ssa_core::SsaError;

#[derive(Subcommand, Clone)]
pub enum KioskCommand {
    /// The kiosk policy file (`/etc/ssa-desktop/policy.json` on Linux).
    Policy {
        /// Checks FILE as the app would read it: its owner and who may write
        /// it, then every value. Prints what it sets, or why it is refused.
        #[arg(long, value_name = "FILE")]
        check: PathBuf,
    },
}

pub fn kiosk(command: KioskCommand) -> Result<(), SsaError> {
    let KioskCommand::Policy { check } = command;
    let Some(policy) = Policy::load(&check)? else {
        return Err(SsaError::OperatorRefused {
            reason: format!("there is no policy file at {}", check.display()),
        });
    };
    println!("{}: a good kiosk policy", check.display());
    for line in describe(&policy) {
        println!("  {line}");
    }
    Ok(())
}

/// What the policy sets, a line each, in the operator's words.
fn describe(p: &Policy) -> Vec<String> {
    let mut out = vec![if p.kiosk {
        "mode: branch kiosk (full screen, no exports)".to_owned()
    } else {
        "mode: desktop".to_owned()
    }];
    out.push(match p.idle_limit_seconds {
        Some(s) => format!("idle limit: {s} s"),
        None => "idle limit: the mode's (2 min on a kiosk, 15 on a desktop)".to_owned(),
    });
    if let Some(station) = &p.station {
        out.push(format!("station: {station}"));
    }
    if let Some(url) = &p.database_url {
        out.push(format!("database: {url}"));
    }
    if let Some(server) = &p.server {
        out.push(format!("server: {server}"));
    }
    if let Some(ca) = &p.server_ca {
        out.push(format!("server CA: {}", ca.display()));
    }
    out.push(match p.update_channel {
        UpdateChannel::None => "updates: none but the branch's own".to_owned(),
        UpdateChannel::Stable => "updates: signed stable releases".to_owned(),
    });
    if !p.kiosk {
        out.push(format!(
            "exports: {}",
            if p.exports { "allowed" } else { "not allowed" }
        ));
    }
    out
}
