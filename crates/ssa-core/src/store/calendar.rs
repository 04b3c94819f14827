//! The operator's calendar: special maintenance windows and public holidays.

use super::{audit, sql, Store};
use crate::error::Result;
use crate::security::audit::AuditEvent;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SpecialWindowRow {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancelled_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HolidayRow {
    pub day: String,
    pub name_en: String,
    pub name_zh_hk: Option<String>,
    pub name_zh_cn: Option<String>,
}

impl Store {
    pub(crate) async fn insert_special_window(
        &self,
        starts_at: i64,
        ends_at: i64,
        now: i64,
        event: &AuditEvent,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        let (id,): (i64,) = tx
            .fetch_one(
                sql(
                    "INSERT INTO special_maintenance (starts_at, ends_at, created_at) \
                     VALUES ($1, $2, $3) RETURNING id",
                )
                .arg(starts_at)
                .arg(ends_at)
                .arg(now),
            )
            .await?;
        audit::append(&mut tx, now, event).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Cancels window `id` if it has not ended nor been cancelled.
    pub(crate) async fn cancel_special_window(
        &self,
        id: i64,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql("UPDATE special_maintenance SET cancelled_at = $1 \
                 WHERE id = $2 AND cancelled_at IS NULL AND ends_at > $1")
            .arg(now)
            .arg(id),
            Vec::new(),
        )
        .await
    }

    /// Windows not cancelled that end after `after`, soonest first.
    pub(crate) async fn special_windows_ending_after(
        &self,
        after: i64,
    ) -> Result<Vec<SpecialWindowRow>> {
        self.fetch_all(
            sql(
                "SELECT id, starts_at, ends_at, cancelled_at FROM special_maintenance \
                 WHERE cancelled_at IS NULL AND ends_at > $1 ORDER BY starts_at, id",
            )
            .arg(after),
        )
        .await
    }

    /// Every window ever scheduled, newest start first.
    pub(crate) async fn all_special_windows(&self) -> Result<Vec<SpecialWindowRow>> {
        self.fetch_all(sql(
            "SELECT id, starts_at, ends_at, cancelled_at FROM special_maintenance \
             ORDER BY starts_at DESC, id DESC",
        ))
        .await
    }

    /// Adds holidays, or replaces `year`'s whole list with them (`replace`
    /// names the year): one transaction. Whether each day was new.
    pub(crate) async fn put_holidays(
        &self,
        replace_year: Option<i32>,
        holidays: &[HolidayRow],
        now: i64,
        event: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        if let Some(year) = replace_year {
            tx.execute(
                sql("DELETE FROM public_holidays WHERE day >= $1 AND day <= $2")
                    .arg(format!("{year:04}-01-01"))
                    .arg(format!("{year:04}-12-31")),
            )
            .await?;
        }
        for h in holidays {
            tx.execute(
                sql(
                    "INSERT INTO public_holidays (day, name_en, name_zh_hk, name_zh_cn) \
                     VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (day) DO UPDATE SET name_en = excluded.name_en, \
                     name_zh_hk = excluded.name_zh_hk, name_zh_cn = excluded.name_zh_cn",
                )
                .arg(h.day.as_str())
                .arg(h.name_en.as_str())
                .arg(h.name_zh_hk.as_deref())
                .arg(h.name_zh_cn.as_deref()),
            )
            .await?;
        }
        audit::append(&mut tx, now, event).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn remove_holiday(
        &self,
        day: &str,
        now: i64,
        event: &AuditEvent,
    ) -> Result<bool> {
        self.audited_update(
            now,
            event,
            sql("DELETE FROM public_holidays WHERE day = $1").arg(day),
            Vec::new(),
        )
        .await
    }

    /// Holidays from `from` to `to` (YYYY-MM-DD, both included), in order.
    pub(crate) async fn holidays_between(&self, from: &str, to: &str) -> Result<Vec<HolidayRow>> {
        self.fetch_all(
            sql(
                "SELECT day, name_en, name_zh_hk, name_zh_cn FROM public_holidays \
                 WHERE day >= $1 AND day <= $2 ORDER BY day",
            )
            .arg(from)
            .arg(to),
        )
        .await
    }
}
