-- The back office: messages in three languages with an end date and a
-- withdrawal, special maintenance windows, the public-holiday calendar.
ALTER TABLE broadcast_messages ADD COLUMN subject_zh_hk TEXT;
ALTER TABLE broadcast_messages ADD COLUMN body_zh_hk    TEXT;
ALTER TABLE broadcast_messages ADD COLUMN subject_zh_cn TEXT;
ALTER TABLE broadcast_messages ADD COLUMN body_zh_cn    TEXT;
-- Not shown from this moment on (UTC ms); NULL: shown until withdrawn.
ALTER TABLE broadcast_messages ADD COLUMN ends_at       INTEGER;
ALTER TABLE broadcast_messages ADD COLUMN withdrawn_at  INTEGER;

CREATE TABLE special_maintenance (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    cancelled_at INTEGER,
    CHECK (ends_at > starts_at)
);
CREATE INDEX special_maintenance_ends ON special_maintenance(ends_at);

-- One row a public holiday (Hong Kong date, YYYY-MM-DD).
CREATE TABLE public_holidays (
    day        TEXT PRIMARY KEY,
    name_en    TEXT NOT NULL,
    name_zh_hk TEXT,
    name_zh_cn TEXT
);
