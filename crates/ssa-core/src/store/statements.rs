//! Stocks, movements and closing balances (spec 7). The import writes them
//! inside one transaction ([`Tx`]); a movement and its stock's closing
//! balance on that date are written together.

use super::{sql, Sql, Tx};

/// A stored movement, as the import compares a re-sent line with it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MovementRow {
    pub settled_on: String,
    pub stock_code: String,
    pub kind: String,
    pub quantity_in: i64,
    pub quantity_out: i64,
}

/// One movement to append.
pub(crate) struct NewMovement<'a> {
    pub participant_id: &'a str,
    pub ssa_number: &'a str,
    pub settled_on: &'a str,
    pub stock_code: &'a str,
    pub kind: &'a str,
    pub quantity_in: i64,
    pub quantity_out: i64,
    pub reference: &'a str,
    pub imported_at: i64,
}

impl Tx {
    /// The first statement of an import: a write, so SQLite takes its write
    /// lock now (never upgrading a read lock later) and PostgreSQL holds the
    /// row, so two imports run one after the other and neither reads a
    /// balance the other is changing.
    pub(crate) async fn lock_for_import(&mut self, now: i64) -> sqlx::Result<()> {
        self.execute(
            sql(
                "INSERT INTO meta (key, value) VALUES ('statement_import', $1) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .arg(now.to_string()),
        )
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

    pub(crate) async fn movement_by_reference(
        &mut self,
        participant_id: &str,
        ssa_number: &str,
        reference: &str,
    ) -> sqlx::Result<Option<MovementRow>> {
        self.fetch_optional(
            sql(
                "SELECT settled_on, stock_code, kind, quantity_in, quantity_out FROM movements \
                 WHERE participant_id = $1 AND ssa_number = $2 AND reference = $3",
            )
            .arg(participant_id)
            .arg(ssa_number)
            .arg(reference),
        )
        .await
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

    /// Appends a movement unless its reference is already used in its
    /// SSA; whether it was added.
    pub(crate) async fn append_movement(&mut self, m: &NewMovement<'_>) -> sqlx::Result<bool> {
        let added: Option<(i64,)> = self
            .fetch_optional(
                sql("INSERT INTO movements (participant_id, ssa_number, settled_on, stock_code, kind, \
                     quantity_in, quantity_out, reference, imported_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (participant_id, ssa_number, reference) DO NOTHING RETURNING id")
                .arg(m.participant_id)
                .arg(m.ssa_number)
                .arg(m.settled_on)
                .arg(m.stock_code)
                .arg(m.kind)
                .arg(m.quantity_in)
                .arg(m.quantity_out)
                .arg(m.reference)
                .arg(m.imported_at),
            )
            .await?;
        Ok(added.is_some())
    }

    /// Sets a stock's closing balance in an SSA on a date.
    pub(crate) async fn set_closing_balance(
        &mut self,
        participant_id: &str,
        ssa_number: &str,
        stock_code: &str,
        settled_on: &str,
        closing: i64,
    ) -> sqlx::Result<()> {
        self.execute(
            sql("INSERT INTO balances (participant_id, ssa_number, stock_code, settled_on, closing) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (participant_id, ssa_number, stock_code, settled_on) \
                 DO UPDATE SET closing = excluded.closing")
            .arg(participant_id)
            .arg(ssa_number)
            .arg(stock_code)
            .arg(settled_on)
            .arg(closing),
        )
        .await
        .map(|_| ())
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
