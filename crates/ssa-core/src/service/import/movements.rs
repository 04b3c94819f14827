//! A movement file's lines checked against the store and each other, a
//! chunk at a time: SSAs and stocks known, references unused, dates in
//! order and settled, and each day's closing balance not below zero.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{ImportReport, MOVEMENT_HEADER};
use crate::domain::statements::{
    parse_date, parse_quantity, ImportRule, MovementKind, Reference, StockCode,
};
use crate::domain::{ParticipantId, SsaNumber};
use crate::error::Result;
use crate::store::{ymd, BalanceKey, ClosingBalance, MovementContent, NewMovement, Tx};

/// A stock's running balance in one SSA while the import reads: the closing
/// balance of its latest date is written when the next date begins (or at
/// the end), so a day of many movements costs one balance row. The balance
/// is a day's sum (spec 7.1), so it may dip below zero between two
/// movements of one day; only a day that closes below zero is refused,
/// at its last line.
pub(super) struct Balance {
    closing: Option<i64>,
    date: Option<String>,
    unwritten: bool,
    last_line: u64,
}

/// A closed day: its balance row to write, or (its last line, its closing)
/// when it closed below zero.
pub(super) type ClosedDay = std::result::Result<ClosingBalance, (u64, i64)>;

impl Balance {
    fn stored(closing: Option<i64>) -> Self {
        Self {
            closing,
            date: None,
            unwritten: false,
            last_line: 0,
        }
    }

    /// Moves the balance by a movement of `date` read on `line`; answers
    /// the earlier day this closes, if any.
    fn move_to(
        &mut self,
        key: &BalanceKey,
        date: &str,
        closing: i64,
        line: u64,
    ) -> Option<ClosedDay> {
        let mut closed = None;
        if self.date.as_deref() != Some(date) {
            closed = self.closed(key);
            self.date = Some(date.to_owned());
        }
        self.closing = Some(closing);
        self.unwritten = true;
        self.last_line = line;
        closed
    }

    /// The current day's closing, unless it is already written.
    pub(super) fn closed(&self, key: &BalanceKey) -> Option<ClosedDay> {
        match (self.unwritten, &self.date, self.closing) {
            (true, Some(_), Some(closing)) if closing < 0 => Some(Err((self.last_line, closing))),
            (true, Some(date), Some(closing)) => Some(Ok(ClosingBalance {
                key: key.clone(),
                settled_on: date.clone(),
                closing,
            })),
            _ => None,
        }
    }
}

/// What the import knows of one SSA while it reads.
pub(super) struct SsaSeen {
    known: bool,
    latest: Option<String>,
}

/// Lines read, looked up and written together.
pub(super) const CHUNK: usize = 1000;

/// A movement line that passed every format rule, as typed values.
pub(super) struct ParsedMovement {
    line: u64,
    date: NaiveDate,
    participant_id: ParticipantId,
    ssa_number: SsaNumber,
    stock: StockCode,
    kind: MovementKind,
    quantity_in: i64,
    quantity_out: i64,
    reference: Reference,
}

/// The line's fields checked one by one (every broken rule noted), or
/// `None` when any is broken.
pub(super) fn parse_movement(
    report: &mut ImportReport,
    line: u64,
    fields: &[String],
) -> Option<ParsedMovement> {
    let mut check = |column: usize, rule: std::result::Result<(), ImportRule>| {
        if let Err(rule) = rule {
            report.problem(line, MOVEMENT_HEADER[column], rule);
        }
    };
    let date = parse_date(&fields[0]);
    check(0, date.as_ref().map(|_| ()).map_err(Clone::clone));
    let participant =
        ParticipantId::parse(&fields[1]).map_err(|id_rule| ImportRule::IdFormat { id_rule });
    check(1, participant.as_ref().map(|_| ()).map_err(Clone::clone));
    let ssa_number =
        SsaNumber::parse(&fields[2]).map_err(|id_rule| ImportRule::IdFormat { id_rule });
    check(2, ssa_number.as_ref().map(|_| ()).map_err(Clone::clone));
    let stock = StockCode::parse(&fields[3]);
    check(3, stock.as_ref().map(|_| ()).map_err(Clone::clone));
    let kind = MovementKind::parse(&fields[4]);
    check(4, kind.as_ref().map(|_| ()).map_err(Clone::clone));
    let quantity_in = parse_quantity(&fields[5]);
    check(5, quantity_in.as_ref().map(|_| ()).map_err(Clone::clone));
    let quantity_out = parse_quantity(&fields[6]);
    check(6, quantity_out.as_ref().map(|_| ()).map_err(Clone::clone));
    let reference = Reference::parse(&fields[7]);
    check(7, reference.as_ref().map(|_| ()).map_err(Clone::clone));
    let (
        Ok(date),
        Ok(participant),
        Ok(ssa_number),
        Ok(stock),
        Ok(kind),
        Ok(quantity_in),
        Ok(quantity_out),
        Ok(reference),
    ) = (
        date,
        participant,
        ssa_number,
        stock,
        kind,
        quantity_in,
        quantity_out,
        reference,
    )
    else {
        return None;
    };
    if (quantity_in > 0) == (quantity_out > 0) {
        report.problem(line, "quantity_in", ImportRule::InOrOut);
        return None;
    }
    Some(ParsedMovement {
        line,
        date,
        participant_id: participant,
        ssa_number,
        stock,
        kind,
        quantity_in,
        quantity_out,
        reference,
    })
}

/// What one chunk adds: its movements and the closing balances of the
/// days it closed.
#[derive(Default)]
pub(super) struct ChunkWrites {
    pub(super) movements: Vec<NewMovement>,
    pub(super) balances: Vec<ClosingBalance>,
}

/// What the import has learnt of SSAs, stocks and balances so far (as many
/// entries as SSAs and stocks the file names, not lines).
#[derive(Default)]
pub(super) struct Known {
    /// Today in Hong Kong (YYYY-MM-DD): no movement is dated after it.
    today: String,
    ssas: HashMap<(String, String), SsaSeen>,
    stocks: HashMap<String, bool>,
    pub(super) balances: HashMap<BalanceKey, Balance>,
}

impl Known {
    /// Nothing known yet, on `today` (YYYY-MM-DD, Hong Kong).
    pub(super) fn on(today: String) -> Self {
        Self {
            today,
            ..Self::default()
        }
    }

    /// Checks a chunk's lines in file order against the store and the lines
    /// before them; answers what to write.
    pub(super) async fn check_chunk(
        &mut self,
        tx: &mut Tx,
        chunk: &[ParsedMovement],
        report: &mut ImportReport,
    ) -> Result<ChunkWrites> {
        let mut writes = ChunkWrites::default();
        let keys: Vec<(String, String, String)> = chunk
            .iter()
            .map(|m| {
                (
                    m.participant_id.as_str().to_owned(),
                    m.ssa_number.as_str().to_owned(),
                    m.reference.as_str().to_owned(),
                )
            })
            .collect();
        // References already stored, and those this chunk adds as it goes.
        let mut stored: HashMap<(String, String, String), MovementContent> = tx
            .movements_by_reference(&keys)
            .await?
            .into_iter()
            .map(|m| ((m.participant_id, m.ssa_number, m.reference), m.row))
            .collect();
        for (m, key) in chunk.iter().zip(keys) {
            let line = m.line;
            // The store's text forms, once.
            let date = ymd(m.date);
            let (participant, ssa_number) = (m.participant_id.as_str(), m.ssa_number.as_str());
            let stock = m.stock.as_str();
            let ssa_key = (participant.to_owned(), ssa_number.to_owned());
            if !self.ssas.contains_key(&ssa_key) {
                let known = tx.ssa_known(participant, ssa_number).await?;
                let latest = tx.latest_movement_date(participant, ssa_number).await?;
                self.ssas.insert(ssa_key.clone(), SsaSeen { known, latest });
            }
            let Some(seen) = self.ssas.get_mut(&ssa_key) else {
                continue;
            };
            if !seen.known {
                report.problem(line, "participant_id", ImportRule::UnknownSsa);
                continue;
            }
            let stock_known = match self.stocks.get(stock) {
                Some(known) => *known,
                None => {
                    let known = tx.stock_names(stock).await?.is_some();
                    self.stocks.insert(stock.to_owned(), known);
                    known
                }
            };
            if !stock_known {
                report.problem(line, "stock_code", ImportRule::UnknownStock);
                continue;
            }
            let balance_key = BalanceKey {
                participant_id: m.participant_id.clone(),
                ssa_number: m.ssa_number.clone(),
                stock_code: m.stock.clone(),
            };
            if !self.balances.contains_key(&balance_key) {
                let latest = tx.latest_balance(participant, ssa_number, stock).await?;
                self.balances
                    .insert(balance_key.clone(), Balance::stored(latest));
            }
            let Some(balance) = self.balances.get_mut(&balance_key) else {
                continue;
            };
            let previous = balance.closing;
            // Quantities are at most 10^15 each; a sum past i64 is refused as
            // a quantity no SSA can hold.
            let Some(closing) = previous
                .unwrap_or(0)
                .checked_add(m.quantity_in)
                .and_then(|b| b.checked_sub(m.quantity_out))
            else {
                report.problem(line, "quantity_in", ImportRule::QuantityFormat);
                continue;
            };
            let row = MovementContent {
                settled_on: date.clone(),
                stock_code: stock.to_owned(),
                kind: m.kind.code().to_owned(),
                quantity_in: m.quantity_in,
                quantity_out: m.quantity_out,
            };
            // A line already imported with the same content is "already
            // there" whatever else it would break now (a re-sent old line is
            // back-dated); one with other content reuses its reference.
            match stored.get(&key) {
                Some(before) if *before == row => {
                    report.already_there += 1;
                    continue;
                }
                Some(_) => {
                    report.problem(line, "reference", ImportRule::ReferenceReused);
                    continue;
                }
                None => {}
            }
            // A movement is settled before it is fed: one dated after today
            // would freeze the SSA's feed (every real line after it would be
            // back-dated, and nothing is ever deleted).
            if date.as_str() > self.today.as_str() {
                let today = self.today.clone();
                report.problem(line, "date", ImportRule::InFuture { today });
                continue;
            }
            if let Some(latest) = seen.latest.as_deref().filter(|l| date.as_str() < *l) {
                let latest = latest.to_owned();
                report.problem(line, "date", ImportRule::BackDated { latest });
                continue;
            }
            if m.kind == MovementKind::BroughtForward && previous.is_some() {
                report.problem(line, "kind", ImportRule::BroughtForwardNotFirst);
                continue;
            }
            match balance.move_to(&balance_key, &date, closing, line) {
                Some(Ok(day)) => writes.balances.push(day),
                Some(Err((short_line, short))) => report.problem(
                    short_line,
                    "quantity_out",
                    ImportRule::NegativeBalance { balance: short },
                ),
                None => {}
            }
            seen.latest = Some(date.clone());
            writes.movements.push(NewMovement {
                participant_id: participant.to_owned(),
                ssa_number: ssa_number.to_owned(),
                settled_on: date,
                stock_code: stock.to_owned(),
                kind: m.kind.code(),
                quantity_in: m.quantity_in,
                quantity_out: m.quantity_out,
                reference: m.reference.as_str().to_owned(),
            });
            stored.insert(key, row);
            report.added += 1;
        }
        Ok(writes)
    }
}
