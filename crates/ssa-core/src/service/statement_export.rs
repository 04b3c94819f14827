//! What an export writes (spec 7.3): the data of a daily or monthly
//! statement or of a whole movements enquiry, read in one go; the desktop
//! makes the CSV or PDF of it.

use chrono::NaiveDate;

use super::enquiry::{DailyStatement, MonthlyStatement, Movement, Rows, StatementHeader};
use super::statement_requests::{arrivals_after, enquiry_period, one, MovementsRequest};
use super::Session;
use super::Ssa;
use crate::domain::{Field, Rule};
use crate::error::{Result, SsaError};

/// What the investor exports (spec 7.3): a daily statement, a monthly
/// statement or a movements enquiry (every page of it).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportRequest {
    Daily { date: String },
    Monthly { month: String },
    Movements { request: MovementsRequest },
}

/// The statement an export writes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Export {
    Daily(DailyStatement),
    Monthly(MonthlyStatement),
    Movements {
        header: StatementHeader,
        from: NaiveDate,
        to: NaiveDate,
        movements: Vec<Movement>,
    },
}

/// At most this many movements go into one export (a thousand pages).
pub const EXPORT_MAX_MOVEMENTS: u64 = 100_000;

impl Ssa {
    /// A statement to export. Exports are offered on a desktop, not on a
    /// branch kiosk (spec 7.3): a kiosk session is refused whatever the
    /// window asks.
    pub async fn statement_export(
        &self,
        session: &mut Session,
        what: &ExportRequest,
    ) -> Result<Export> {
        if session.kind == super::SessionKind::Kiosk {
            return Err(SsaError::NotAllowed);
        }
        match what {
            ExportRequest::Daily { date } => {
                Ok(Export::Daily(self.daily_statement_on(session, date).await?))
            }
            ExportRequest::Monthly { month } => Ok(Export::Monthly(
                self.monthly_statement_of(session, month).await?,
            )),
            ExportRequest::Movements { request } => {
                let (from, to) = enquiry_period(&request.from, &request.to)?;
                let header = self.statement_header(session).await?;
                let since = request.new_only.then(|| arrivals_after(session));
                // Every page in one read: one statement sees one snapshot,
                // so an import committing meanwhile cannot make a movement
                // appear twice or vanish at a page's edge.
                let all = Rows::All {
                    max: EXPORT_MAX_MOVEMENTS,
                };
                let movements = self
                    .movements_since(session, from, to, Some(&request.stock), all, since)
                    .await?
                    .movements;
                if movements.len() as u64 > EXPORT_MAX_MOVEMENTS {
                    return Err(one(Rule::TooManyToExport {
                        max: EXPORT_MAX_MOVEMENTS,
                    }
                    .at(Field::ToDate)));
                }
                Ok(Export::Movements {
                    header,
                    from,
                    to,
                    movements,
                })
            }
        }
    }
}
