//! The audit log: appended in the same transaction as the change it records,
//! read back newest first. The tables refuse UPDATE and DELETE; each entry is
//! chained to the one before under the chain key (see
//! [`crate::security::audit`]), and `audit_head` holds the chain's end.

use super::{sql, Store, Tx, Value};
use crate::error::{Result, SsaError};
use crate::security::audit::{
    AuditBreak, AuditEntry, AuditEvent, AuditFilter, AuditRecord, AuditVerification, ChainCheck,
    ChainHead, ChainedFields, StoredEntry,
};

/// Entries read at a time when walking or exporting the log.
const PAGE: i64 = 1000;

const SELECT_ENTRIES: &str =
    "SELECT id, seq, mac, at_ms, kind, internet_user_id, basic_user_id, outcome FROM audit_log";

/// Appends an entry inside `tx`, chained to the one before. The head is
/// updated first: a write, so SQLite holds its write lock and PostgreSQL the
/// head's row until the transaction ends, and two appenders (two kiosks)
/// take gapless places one after the other.
pub(crate) async fn append(tx: &mut Tx, now: i64, event: &AuditEvent) -> sqlx::Result<()> {
    let Some(key) = tx.chain_key.clone() else {
        return Err(sqlx::Error::Configuration(
            "the audit chain key is not set (Ssa::open sets it)".into(),
        ));
    };
    let (seq, prev_mac): (i64, String) = tx
        .fetch_one(sql(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, mac",
        ))
        .await?;
    let mac = key.entry_mac(
        &prev_mac,
        seq,
        &ChainedFields {
            at_ms: now,
            kind: event.kind.as_str(),
            internet_user_id: event.internet_user_id.as_deref(),
            basic_user_id: event.basic_user_id.as_deref(),
            outcome: event.outcome,
        },
    );
    tx.execute(
        sql("INSERT INTO audit_log \
             (at_ms, kind, internet_user_id, basic_user_id, outcome, seq, mac) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .arg(now)
        .arg(event.kind.as_str())
        .arg(event.internet_user_id.as_deref())
        .arg(event.basic_user_id.as_deref())
        .arg(event.outcome)
        .arg(seq)
        .arg(mac.as_str()),
    )
    .await?;
    tx.execute(
        sql("UPDATE audit_head SET mac = $1, head_mac = $2 WHERE id = 1")
            .arg(mac.as_str())
            .arg(key.head_mac(seq, &mac)),
    )
    .await
    .map(|_| ())
}

impl Store {
    /// Appends one entry on its own (for events with no state change).
    pub async fn audit(&self, now: i64, event: &AuditEvent) -> Result<()> {
        let mut tx = self.begin().await?;
        append(&mut tx, now, event).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest `limit` entries, newest first.
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.fetch_all(
            sql(
                "SELECT id, at_ms, kind, internet_user_id, basic_user_id, outcome \
                 FROM audit_log ORDER BY id DESC LIMIT $1",
            )
            .arg(i64::from(limit)),
        )
        .await
    }

    /// Seals a chain that has not begun under the key, so that a head reset
    /// to the start by someone without the key is found. Idempotent.
    pub(crate) async fn seal_audit_chain(&self) -> Result<()> {
        let key = self.chain_key()?;
        self.execute(
            sql("UPDATE audit_head SET head_mac = $1 WHERE id = 1 AND seq = 0 AND head_mac = ''")
                .arg(key.head_mac(0, "")),
        )
        .await?;
        Ok(())
    }

    fn chain_key(&self) -> Result<std::sync::Arc<crate::security::audit::ChainKey>> {
        self.chain_key.clone().ok_or(SsaError::Internal)
    }

    /// Walks the chain from its first entry to the head read at the start
    /// (entries appended meanwhile are left for the next walk) and names the
    /// first break.
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        let key = self.chain_key()?;
        let head: Option<ChainHead> = self
            .fetch_optional(sql(
                "SELECT seq, mac, head_mac FROM audit_head WHERE id = 1",
            ))
            .await?;
        let head = head.unwrap_or(ChainHead {
            seq: 0,
            mac: String::new(),
            head_mac: String::new(),
        });
        let first_chained: Option<(i64,)> = self
            .fetch_optional(sql(
                "SELECT id FROM audit_log WHERE seq IS NOT NULL ORDER BY seq LIMIT 1",
            ))
            .await?;
        let first_chained = first_chained.map(|(id,)| id);
        let before_chain = self
            .scalar(
                sql("SELECT COUNT(*) FROM audit_log WHERE seq IS NULL AND id < $1")
                    .arg(first_chained.unwrap_or(i64::MAX)),
            )
            .await?;
        // A head never sealed is only right for a database with nothing in
        // it yet: the first start seals it, every entry moves it. Over
        // accounts or entries it is a log emptied and its head reset.
        let unsealed = head.seq == 0 && head.head_mac.is_empty();
        let forged_start = unsealed && self.holds_records().await?;
        let mut report = AuditVerification {
            checked: 0,
            before_chain: u64::try_from(before_chain).unwrap_or(0),
            head_seq: head.seq,
            head_mac: head.mac.clone(),
            problem: None,
        };
        if forged_start {
            report.problem = Some(AuditBreak::HeadForged { seq: 0 });
        }
        if let (None, Some(first)) = (&report.problem, first_chained) {
            let unchained: Option<(i64,)> = self
                .fetch_optional(
                    sql("SELECT id FROM audit_log WHERE seq IS NULL AND id > $1 ORDER BY id LIMIT 1")
                        .arg(first),
                )
                .await?;
            if let Some((id,)) = unchained {
                report.problem = Some(AuditBreak::Unchained { id });
            }
        }
        let mut check = ChainCheck::new(&key);
        while report.problem.is_none() {
            let page: Vec<StoredEntry> = self
                .fetch_all(
                    sql(format!(
                        "{SELECT_ENTRIES} WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3"
                    ))
                    .arg(check.last_seq())
                    .arg(head.seq)
                    .arg(PAGE),
                )
                .await?;
            let done = page.len() < PAGE as usize;
            for entry in &page {
                if let Err(problem) = check.next(entry) {
                    report.problem = Some(problem);
                    break;
                }
            }
            if done {
                break;
            }
        }
        report.checked = check.checked();
        if report.problem.is_none() {
            report.problem = check.finish(&head);
        }
        if report.problem.is_none() {
            // The last entry, then the head as it is now: the head only
            // grows and moves with its entry, so an entry read first that is
            // past the head read after was not written by the service.
            let last: Option<(i64, i64)> = self
                .fetch_optional(sql(
                    "SELECT seq, id FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
                ))
                .await?;
            let head_now: Option<(i64,)> = self
                .fetch_optional(sql("SELECT seq FROM audit_head WHERE id = 1"))
                .await?;
            if let (Some((seq, id)), Some((head_now,))) = (last, head_now) {
                if seq > head_now {
                    report.problem = Some(AuditBreak::BeyondHead { seq, id });
                }
            }
        }
        Ok(report)
    }

    /// The entries `filter` selects, oldest first, handed to `each` a page
    /// at a time read (so a long log is never held whole).
    pub async fn export_audit(
        &self,
        filter: &AuditFilter,
        each: &mut (dyn FnMut(AuditRecord) -> Result<()> + Send),
    ) -> Result<u64> {
        // Only the bounds given become conditions, numbered after `id > $1`.
        let mut conditions = String::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(from) = filter.from_ms {
            values.push(from.into());
            conditions += &format!(" AND at_ms >= ${}", values.len() + 1);
        }
        if let Some(until) = filter.until_ms {
            values.push(until.into());
            conditions += &format!(" AND at_ms < ${}", values.len() + 1);
        }
        if let Some(id) = &filter.user_id {
            values.push(id.as_str().into());
            let n = values.len() + 1;
            conditions += &format!(
                " AND (LOWER(internet_user_id) = LOWER(${n}) OR LOWER(basic_user_id) = LOWER(${n}))"
            );
        }
        let text = format!("{SELECT_ENTRIES} WHERE id > $1{conditions} ORDER BY id LIMIT {PAGE}");
        let mut after_id = 0i64;
        let mut count = 0u64;
        loop {
            let query = values
                .iter()
                .fold(sql(text.clone()).arg(after_id), |q, v| q.arg(v.clone()));
            let page: Vec<StoredEntry> = self.fetch_all(query).await?;
            let done = page.len() < PAGE as usize;
            for entry in page {
                after_id = entry.id;
                count += 1;
                each(entry.into())?;
            }
            if done {
                return Ok(count);
            }
        }
    }
}
