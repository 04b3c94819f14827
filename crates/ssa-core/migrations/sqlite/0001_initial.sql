-- SSA Desktop schema, SQLite. Times are UTC milliseconds since the epoch.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE basic_accounts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    basic_user_id       TEXT    NOT NULL,
    participant_id      TEXT    NOT NULL,
    ssa_number          TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    password_is_initial BOOLEAN NOT NULL,
    failed_attempts     INTEGER NOT NULL DEFAULT 0,
    locked              BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          INTEGER NOT NULL,
    CONSTRAINT basic_account_triple UNIQUE (basic_user_id, participant_id, ssa_number)
);

CREATE TABLE basic_password_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    basic_account_id INTEGER NOT NULL REFERENCES basic_accounts(id),
    password_hash    TEXT    NOT NULL,
    set_at           INTEGER NOT NULL
);
CREATE INDEX basic_password_history_account ON basic_password_history(basic_account_id, id);

CREATE TABLE internet_users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    internet_user_id    TEXT    NOT NULL,
    id_key              TEXT    NOT NULL,
    basic_account_id    INTEGER NOT NULL REFERENCES basic_accounts(id),
    password_hash       TEXT    NOT NULL,
    password_changed_at INTEGER NOT NULL,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked              BOOLEAN NOT NULL DEFAULT FALSE,
    cancelled_at        INTEGER,
    last_login_at       INTEGER,
    created_at          INTEGER NOT NULL,
    CONSTRAINT internet_user_id_unique UNIQUE (id_key)
);
-- At most one live Internet User ID per SSA basic account.
CREATE UNIQUE INDEX one_live_internet_user_per_account
    ON internet_users(basic_account_id) WHERE cancelled_at IS NULL;

CREATE TABLE internet_password_history (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    internet_user_id INTEGER NOT NULL REFERENCES internet_users(id),
    password_hash    TEXT    NOT NULL,
    set_at           INTEGER NOT NULL
);
CREATE INDEX internet_password_history_user ON internet_password_history(internet_user_id, id);

CREATE TABLE broadcast_messages (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT    NOT NULL UNIQUE,
    posted_at INTEGER NOT NULL,
    subject   TEXT    NOT NULL,
    body      TEXT    NOT NULL
);

CREATE TABLE message_reads (
    internet_user_id INTEGER NOT NULL REFERENCES internet_users(id),
    message_id       INTEGER NOT NULL REFERENCES broadcast_messages(id),
    read_at          INTEGER NOT NULL,
    PRIMARY KEY (internet_user_id, message_id)
);

CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms            INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    internet_user_id TEXT,
    basic_user_id    TEXT,
    outcome          TEXT    NOT NULL
);
-- Append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
