-- Verification codes and the steps waiting for their Confirm live in the
-- database (issue 19): any instance of a server, and any kiosk of a branch,
-- checks a code another drew and confirms a step another began. Neither a
-- code's answer nor a step's token is stored: only digests keyed by the
-- pepper. (The code's id carries its answer sealed under a key derived from
-- the pepper, for Listen.)
CREATE TABLE codes (
    id_digest TEXT PRIMARY KEY,
    screen TEXT NOT NULL,
    station TEXT NOT NULL,
    answer_digest TEXT NOT NULL,
    drawn_at_ms BIGINT NOT NULL,
    used BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX codes_by_time ON codes (drawn_at_ms);

CREATE TABLE drafts (
    token_digest TEXT PRIMARY KEY,
    draft TEXT NOT NULL,
    begun_at_ms BIGINT NOT NULL
);
CREATE INDEX drafts_by_time ON drafts (begun_at_ms);

-- What a server's /metrics reports each scrape: the IDs and accounts
-- locked now, counted through these small indexes rather than a scan.
CREATE INDEX internet_users_locked ON internet_users (id) WHERE locked;
CREATE INDEX basic_accounts_locked ON basic_accounts (id) WHERE locked;
