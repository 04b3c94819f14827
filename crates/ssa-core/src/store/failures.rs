//! The failure counter (spec 4): five wrong Basic passwords in a row lock
//! an SSA basic account, five wrong Internet passwords in a row an Internet
//! User ID. One counter, parameterised by what it counts: count, lock at
//! the limit, and audit, in one transaction, so parallel attempts cannot
//! count past the limit; an attempt on an account locked already is
//! audited and not counted.

use super::{audit, sql, Store};
use crate::error::Result;
use crate::security::audit::AuditEvent;
use crate::security::MAX_FAILED_ATTEMPTS;

/// What a failure counter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    /// Wrong Basic passwords of an SSA basic account (`basic_accounts`).
    BasicPassword,
    /// Wrong Internet passwords of a live Internet User ID (`internet_users`).
    InternetPassword,
}

impl Counted {
    /// The table, and what else makes a row countable (a cancelled Internet
    /// User ID counts nothing).
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Counted::BasicPassword => ("basic_accounts", ""),
            Counted::InternetPassword => ("internet_users", " AND cancelled_at IS NULL"),
        }
    }
}

/// A wrong attempt counted: how many in a row now, and whether that locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCount {
    pub failures: i64,
    pub locked: bool,
}

/// A statement that takes row `id`'s write lock when it may be changed:
/// not locked (unless `even_if_locked`, for the reset that unlocks it) and,
/// for an Internet User ID, not cancelled. It changes nothing; it updates
/// one row when the row may be changed.
pub(super) fn lock_if_changeable(what: Counted, id: i64, even_if_locked: bool) -> super::Sql {
    let (table, live) = what.table();
    sql(format!(
        "UPDATE {table} SET failed_attempts = failed_attempts \
         WHERE id = $1 AND (NOT locked OR $2){live}"
    ))
    .arg(id)
    .arg(even_if_locked)
}

impl Store {
    /// Counts one wrong password of row `id`, unless it is locked (or, for
    /// an Internet User ID, cancelled) already; locks it at the limit.
    /// `failed` is audited for a counted attempt, `locked` when it locks,
    /// and `failed` with the outcome "already-locked" for one not counted.
    pub(crate) async fn record_failure(
        &self,
        what: Counted,
        id: i64,
        now: i64,
        failed: &AuditEvent,
        locked: &AuditEvent,
    ) -> Result<Option<FailureCount>> {
        let (table, live) = what.table();
        let mut tx = self.begin().await?;
        let row: Option<(i64, bool)> = tx
            .fetch_optional(
                sql(format!(
                    "UPDATE {table} \
                     SET failed_attempts = failed_attempts + 1, locked = (failed_attempts + 1 >= $2) \
                     WHERE id = $1 AND NOT locked{live} \
                     RETURNING failed_attempts, locked"
                ))
                .arg(id)
                .arg(MAX_FAILED_ATTEMPTS),
            )
            .await?;
        let count = row.map(|(failures, locked)| FailureCount { failures, locked });
        match count {
            Some(c) => {
                audit::append(&mut tx, now, failed).await?;
                if c.locked {
                    audit::append(&mut tx, now, locked).await?;
                }
            }
            None => {
                let uncounted = AuditEvent {
                    outcome: "already-locked",
                    ..failed.clone()
                };
                audit::append(&mut tx, now, &uncounted).await?;
            }
        }
        tx.commit().await?;
        Ok(count)
    }

    /// A right password: the row's counter starts again (spec 4), unless it
    /// is locked (a lock is lifted only by its own way out).
    pub(crate) async fn reset_failures(&self, what: Counted, id: i64) -> Result<()> {
        let (table, live) = what.table();
        self.execute(
            sql(format!(
                "UPDATE {table} SET failed_attempts = 0 \
                 WHERE id = $1 AND failed_attempts > 0 AND NOT locked{live}"
            ))
            .arg(id),
        )
        .await?;
        Ok(())
    }
}
