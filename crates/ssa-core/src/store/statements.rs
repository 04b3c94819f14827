//! Stocks, movements and closing balances (spec 7). The import writes them
//! inside one transaction ([`Tx`]); a movement and its stock's closing
//! balance on that date are written together.

use super::{sql, Sql, Tx, TxConn};
use crate::domain::statements::StockCode;
use crate::domain::{ParticipantId, SsaNumber};

mod reads;
pub(crate) use reads::{parse_ymd, ymd, MovementFilter, MovementWithNames, SsaRef};

/// What a movement says (date, stock, kind, quantities): the import compares
/// a re-sent line's with the stored one's.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MovementContent {
    pub settled_on: String,
    pub stock_code: String,
    pub kind: String,
    pub quantity_in: i64,
    pub quantity_out: i64,
}

/// A stored movement found by its SSA and reference.
#[derive(sqlx::FromRow)]
pub(crate) struct StoredMovement {
    pub participant_id: String,
    pub ssa_number: String,
    pub reference: String,
    #[sqlx(flatten)]
    pub row: MovementContent,
}

/// One movement to append.
pub(crate) struct NewMovement {
    pub participant_id: String,
    pub ssa_number: String,
    pub settled_on: String,
    pub stock_code: String,
    pub kind: &'static str,
    pub quantity_in: i64,
    pub quantity_out: i64,
    pub reference: String,
}

/// Which balance: one stock in one SSA.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct BalanceKey {
    pub participant_id: ParticipantId,
    pub ssa_number: SsaNumber,
    pub stock_code: StockCode,
}

/// A stock's closing balance in an SSA on a date.
pub(crate) struct ClosingBalance {
    pub key: BalanceKey,
    pub settled_on: String,
    pub closing: i64,
}

/// Rows a multi-row statement carries (9 columns each stays far below
/// either backend's limit on arguments).
const ROWS_PER_STATEMENT: usize = 500;

/// `rows` groups of `columns` numbered arguments: `($1, $2), ($3, $4)`.
fn argument_rows(rows: usize, columns: usize) -> String {
    let mut text = String::with_capacity(rows * columns * 6);
    for r in 0..rows {
        if r > 0 {
            text.push_str(", ");
        }
        text.push('(');
        for c in 0..columns {
            if c > 0 {
                text.push_str(", ");
            }
            text.push_str(&format!("${}", r * columns + c + 1));
        }
        text.push(')');
    }
    text
}

impl Tx {
    /// The first statement of an import: a write, so SQLite takes its write
    /// lock now (never upgrading a read lock later) and PostgreSQL holds the
    /// one row of `import_lock`, so two imports run one after the other and
    /// neither reads a balance the other is changing.
    pub(crate) async fn lock_for_import(&mut self, now: i64) -> sqlx::Result<()> {
        self.execute(sql("UPDATE import_lock SET last_import_at = $1 WHERE id = 1").arg(now))
            .await
            .map(|_| ())
    }

    pub(crate) async fn ssa_known(
        &mut self,
        participant_id: &str,
        ssa_number: &str,
    ) -> sqlx::Result<bool> {
        let row: Option<(i64,)> = self
            .fetch_optional(
                sql("SELECT id FROM basic_accounts WHERE participant_id = $1 AND ssa_number = $2 LIMIT 1")
                    .arg(participant_id)
                    .arg(ssa_number),
            )
            .await?;
        Ok(row.is_some())
    }

    pub(crate) async fn stock_names(
        &mut self,
        code: &str,
    ) -> sqlx::Result<Option<(String, String, String)>> {
        self.fetch_optional(
            sql("SELECT name_en, name_zh_hk, name_zh_cn FROM stocks WHERE stock_code = $1")
                .arg(code),
        )
        .await
    }

    /// Adds a stock or renames it (a name change applies from then on).
    pub(crate) async fn put_stock(
        &mut self,
        code: &str,
        names: [&str; 3],
        now: i64,
    ) -> sqlx::Result<()> {
        self.execute(
            sql(
                "INSERT INTO stocks (stock_code, name_en, name_zh_hk, name_zh_cn, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (stock_code) DO UPDATE SET name_en = excluded.name_en, \
                 name_zh_hk = excluded.name_zh_hk, name_zh_cn = excluded.name_zh_cn, \
                 updated_at = excluded.updated_at",
            )
            .arg(code)
            .arg(names[0])
            .arg(names[1])
            .arg(names[2])
            .arg(now),
        )
        .await
        .map(|_| ())
    }

    /// PostgreSQL: refreshes the planner's statistics of the statement
    /// tables, this transaction's rows included. Without them (a new table,
    /// or one that grew inside this import) the planner cannot tell the
    /// (SSA, reference) index from the other (SSA, ...) indexes and may look
    /// each reference up by scanning the SSA's every movement. Without the
    /// right to analyze, PostgreSQL skips it with a warning.
    pub(crate) async fn refresh_statistics(&mut self) -> sqlx::Result<()> {
        if let TxConn::Postgres(tx) = &mut self.conn {
            sqlx::query("ANALYZE movements, balances")
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// The stored movements among `keys` (Participant ID, SSA Number,
    /// reference), found many at a time: the keys drive the join, so each
    /// is one seek in the unique (SSA, reference) index.
    pub(crate) async fn movements_by_reference(
        &mut self,
        keys: &[(String, String, String)],
    ) -> sqlx::Result<Vec<StoredMovement>> {
        if let TxConn::Postgres(tx) = &mut self.conn {
            // Three arrays, not thousands of arguments: cheap to plan, and
            // planned for the table as it is now (a plan cached while the
            // import's table was small would scan it as it grows).
            let column = |pick: fn(&(String, String, String)) -> &String| {
                keys.iter()
                    .map(|k| pick(k).clone())
                    .collect::<Vec<String>>()
            };
            // And as a nested loop over the keys, each a seek in the unique
            // index: with one SSA's rows all alike in their first two
            // columns, a merge or hash join on (SSA) alone compares every
            // key with every row.
            for setting in [
                "SET LOCAL plan_cache_mode = force_custom_plan",
                "SET LOCAL enable_mergejoin = off",
                "SET LOCAL enable_hashjoin = off",
            ] {
                sqlx::query(setting).execute(&mut **tx).await?;
            }
            let found = sqlx::query_as::<_, StoredMovement>(
                "SELECT m.participant_id, m.ssa_number, m.reference, m.settled_on, m.stock_code, \
                 m.kind, m.quantity_in, m.quantity_out \
                 FROM unnest($1::text[], $2::text[], $3::text[]) AS wanted(p, s, r) \
                 JOIN movements m ON m.participant_id = wanted.p AND m.ssa_number = wanted.s \
                 AND m.reference = wanted.r",
            )
            .bind(column(|k| &k.0))
            .bind(column(|k| &k.1))
            .bind(column(|k| &k.2))
            .fetch_all(&mut **tx)
            .await?;
            for setting in [
                "SET LOCAL plan_cache_mode = auto",
                "SET LOCAL enable_mergejoin = on",
                "SET LOCAL enable_hashjoin = on",
            ] {
                sqlx::query(setting).execute(&mut **tx).await?;
            }
            return Ok(found);
        }
        let mut found = Vec::new();
        for part in keys.chunks(ROWS_PER_STATEMENT) {
            // CROSS JOIN keeps SQLite's join order: the keys outside.
            let mut q = sql(format!(
                "WITH wanted(p, s, r) AS (VALUES {}) \
                 SELECT m.participant_id, m.ssa_number, m.reference, m.settled_on, m.stock_code, \
                 m.kind, m.quantity_in, m.quantity_out FROM wanted \
                 CROSS JOIN movements m \
                 WHERE m.participant_id = wanted.p AND m.ssa_number = wanted.s \
                 AND m.reference = wanted.r",
                argument_rows(part.len(), 3)
            ));
            for (p, s, r) in part {
                q = q.arg(p.as_str()).arg(s.as_str()).arg(r.as_str());
            }
            found.extend(self.fetch_all::<StoredMovement>(q).await?);
        }
        Ok(found)
    }

    /// The date of the SSA's latest movement.
    pub(crate) async fn latest_movement_date(
        &mut self,
        participant_id: &str,
        ssa_number: &str,
    ) -> sqlx::Result<Option<String>> {
        let row: Option<(String,)> = self
            .fetch_optional(
                sql("SELECT settled_on FROM movements WHERE participant_id = $1 AND ssa_number = $2 \
                     ORDER BY settled_on DESC, id DESC LIMIT 1")
                .arg(participant_id)
                .arg(ssa_number),
            )
            .await?;
        Ok(row.map(|(d,)| d))
    }

    /// The stock's latest closing balance in the SSA, if it ever moved.
    pub(crate) async fn latest_balance(
        &mut self,
        participant_id: &str,
        ssa_number: &str,
        stock_code: &str,
    ) -> sqlx::Result<Option<i64>> {
        let row: Option<(i64,)> = self
            .fetch_optional(balance_on_or_before(
                participant_id,
                ssa_number,
                stock_code,
                "9999-12-31",
            ))
            .await?;
        Ok(row.map(|(b,)| b))
    }

    /// Appends movements, many a statement. A reference already used in
    /// its SSA fails the statement: the import looks them up first.
    pub(crate) async fn append_movements(
        &mut self,
        rows: &[NewMovement],
        imported_at: i64,
    ) -> sqlx::Result<()> {
        for part in rows.chunks(ROWS_PER_STATEMENT) {
            let mut q = sql(format!(
                "INSERT INTO movements (participant_id, ssa_number, settled_on, stock_code, kind, \
                 quantity_in, quantity_out, reference, imported_at) VALUES {}",
                argument_rows(part.len(), 9)
            ));
            for m in part {
                q = q
                    .arg(m.participant_id.as_str())
                    .arg(m.ssa_number.as_str())
                    .arg(m.settled_on.as_str())
                    .arg(m.stock_code.as_str())
                    .arg(m.kind)
                    .arg(m.quantity_in)
                    .arg(m.quantity_out)
                    .arg(m.reference.as_str())
                    .arg(imported_at);
            }
            self.execute(q).await?;
        }
        Ok(())
    }

    /// Sets closing balances, many a statement; `rows` names each
    /// (SSA, stock, date) once.
    pub(crate) async fn set_closing_balances(
        &mut self,
        rows: &[ClosingBalance],
    ) -> sqlx::Result<()> {
        for part in rows.chunks(ROWS_PER_STATEMENT) {
            let mut q = sql(format!(
                "INSERT INTO balances (participant_id, ssa_number, stock_code, settled_on, closing) \
                 VALUES {} ON CONFLICT (participant_id, ssa_number, stock_code, settled_on) \
                 DO UPDATE SET closing = excluded.closing",
                argument_rows(part.len(), 5)
            ));
            for b in part {
                q = q
                    .arg(b.key.participant_id.as_str())
                    .arg(b.key.ssa_number.as_str())
                    .arg(b.key.stock_code.as_str())
                    .arg(b.settled_on.as_str())
                    .arg(b.closing);
            }
            self.execute(q).await?;
        }
        Ok(())
    }
}

/// The closing balance on or before a date: the newest balance row up to it.
pub(crate) fn balance_on_or_before(
    participant_id: &str,
    ssa_number: &str,
    stock_code: &str,
    date: &str,
) -> Sql {
    sql("SELECT closing FROM balances \
         WHERE participant_id = $1 AND ssa_number = $2 AND stock_code = $3 AND settled_on <= $4 \
         ORDER BY settled_on DESC LIMIT 1")
    .arg(participant_id)
    .arg(ssa_number)
    .arg(stock_code)
    .arg(date)
}
