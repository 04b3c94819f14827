-- The back office: messages in three languages with an end date and a
-- withdrawal, special maintenance windows, the public-holiday calendar.
ALTER TABLE broadcast_messages
    ADD COLUMN subject_zh_hk TEXT,
    ADD COLUMN body_zh_hk    TEXT,
    ADD COLUMN subject_zh_cn TEXT,
    ADD COLUMN body_zh_cn    TEXT,
    -- Not shown from this moment on (UTC ms); NULL: shown until withdrawn.
    ADD COLUMN ends_at       BIGINT,
    ADD COLUMN withdrawn_at  BIGINT;

CREATE TABLE special_maintenance (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    starts_at    BIGINT NOT NULL,
    ends_at      BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    cancelled_at BIGINT,
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
