//! The verification code's wrong-answer counters, one per screen of one
//! station (an installation: a desktop or a kiosk), kept in the database so
//! that a restart does not wipe a pause (spec 4).

use super::{sql, Store};
use crate::error::Result;

/// Where a screen's counter stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct CaptchaCounter {
    pub wrong_in_a_row: i64,
    pub pauses: i64,
    pub paused_until_ms: Option<i64>,
}

impl Store {
    pub async fn captcha_counter(&self, station: &str, screen: &str) -> Result<CaptchaCounter> {
        Ok(self
            .fetch_optional(
                sql(
                    "SELECT wrong_in_a_row, pauses, paused_until_ms FROM captcha_counters \
                     WHERE station = $1 AND screen = $2",
                )
                .arg(station)
                .arg(screen),
            )
            .await?
            .unwrap_or_default())
    }

    /// Counts one wrong code; at `limit` in a row starts a pause of
    /// `first_pause_ms` doubled for every earlier pause, and answers its end.
    /// Count and check are one transaction.
    pub async fn record_captcha_wrong(
        &self,
        station: &str,
        screen: &str,
        now: i64,
        limit: i64,
        first_pause_ms: i64,
    ) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let (wrong, pauses): (i64, i64) = tx
            .fetch_one(
                sql(
                    "INSERT INTO captcha_counters (station, screen, wrong_in_a_row, pauses) \
                     VALUES ($1, $2, 1, 0) \
                     ON CONFLICT (station, screen) \
                     DO UPDATE SET wrong_in_a_row = captcha_counters.wrong_in_a_row + 1 \
                     RETURNING wrong_in_a_row, pauses",
                )
                .arg(station)
                .arg(screen),
            )
            .await?;
        let mut until = None;
        if wrong >= limit {
            let end = now + (first_pause_ms << pauses.clamp(0, 10));
            tx.execute(
                sql("UPDATE captcha_counters \
                     SET wrong_in_a_row = 0, pauses = pauses + 1, paused_until_ms = $3 \
                     WHERE station = $1 AND screen = $2")
                .arg(station)
                .arg(screen)
                .arg(end),
            )
            .await?;
            until = Some(end);
        }
        tx.commit().await?;
        Ok(until)
    }

    /// A right code: the screen's counter and pauses start again.
    pub async fn reset_captcha_counter(&self, station: &str, screen: &str) -> Result<()> {
        self.execute(
            sql("UPDATE captcha_counters SET wrong_in_a_row = 0, pauses = 0, paused_until_ms = NULL \
                 WHERE station = $1 AND screen = $2 AND (wrong_in_a_row > 0 OR pauses > 0)")
            .arg(station)
            .arg(screen),
        )
        .await?;
        Ok(())
    }
}
