-- Statements (spec 7): stocks, movements per SSA, and the closing balance of
-- each stock of an SSA on each date it moved, so that a balance on any date
-- is one index look-up (the latest row on or before it).
CREATE TABLE stocks (
    stock_code TEXT PRIMARY KEY,
    name_en    TEXT NOT NULL,
    name_zh_hk TEXT NOT NULL,
    name_zh_cn TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE movements (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id TEXT    NOT NULL,
    ssa_number     TEXT    NOT NULL,
    settled_on     TEXT    NOT NULL,
    stock_code     TEXT    NOT NULL REFERENCES stocks(stock_code),
    kind           TEXT    NOT NULL,
    quantity_in    INTEGER NOT NULL,
    quantity_out   INTEGER NOT NULL,
    reference      TEXT    NOT NULL,
    imported_at    INTEGER NOT NULL,
    CONSTRAINT movement_reference_unique UNIQUE (participant_id, ssa_number, reference)
);
CREATE INDEX movements_by_date ON movements(participant_id, ssa_number, settled_on, id);
CREATE INDEX movements_by_stock ON movements(participant_id, ssa_number, stock_code, settled_on, id);
CREATE INDEX movements_by_arrival ON movements(participant_id, ssa_number, imported_at);

CREATE TABLE balances (
    participant_id TEXT    NOT NULL,
    ssa_number     TEXT    NOT NULL,
    stock_code     TEXT    NOT NULL REFERENCES stocks(stock_code),
    settled_on     TEXT    NOT NULL,
    closing        INTEGER NOT NULL CHECK (closing >= 0),
    PRIMARY KEY (participant_id, ssa_number, stock_code, settled_on)
);

-- An SSA is known when a basic account names it.
CREATE INDEX basic_accounts_by_ssa ON basic_accounts(participant_id, ssa_number);
