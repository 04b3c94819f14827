-- SSA Desktop schema, PostgreSQL. Times are UTC milliseconds since the epoch.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE basic_accounts (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    basic_user_id       TEXT    NOT NULL,
    participant_id      TEXT    NOT NULL,
    ssa_number          TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    password_is_initial BOOLEAN NOT NULL,
    failed_attempts     BIGINT  NOT NULL DEFAULT 0,
    locked              BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          BIGINT  NOT NULL,
    CONSTRAINT basic_account_triple UNIQUE (basic_user_id, participant_id, ssa_number)
);

CREATE TABLE basic_password_history (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    basic_account_id BIGINT NOT NULL REFERENCES basic_accounts(id),
    password_hash    TEXT   NOT NULL,
    set_at           BIGINT NOT NULL
);
CREATE INDEX basic_password_history_account ON basic_password_history(basic_account_id, id);

CREATE TABLE internet_users (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    internet_user_id    TEXT    NOT NULL,
    id_key              TEXT    NOT NULL,
    basic_account_id    BIGINT  NOT NULL REFERENCES basic_accounts(id),
    password_hash       TEXT    NOT NULL,
    password_changed_at BIGINT  NOT NULL,
    failed_logins       BIGINT  NOT NULL DEFAULT 0,
    locked              BOOLEAN NOT NULL DEFAULT FALSE,
    cancelled_at        BIGINT,
    last_login_at       BIGINT,
    created_at          BIGINT  NOT NULL,
    CONSTRAINT internet_user_id_unique UNIQUE (id_key)
);
-- At most one live Internet User ID per SSA basic account.
CREATE UNIQUE INDEX one_live_internet_user_per_account
    ON internet_users(basic_account_id) WHERE cancelled_at IS NULL;

CREATE TABLE internet_password_history (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    internet_user_id BIGINT NOT NULL REFERENCES internet_users(id),
    password_hash    TEXT   NOT NULL,
    set_at           BIGINT NOT NULL
);
CREATE INDEX internet_password_history_user ON internet_password_history(internet_user_id, id);

CREATE TABLE broadcast_messages (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference TEXT   NOT NULL UNIQUE,
    posted_at BIGINT NOT NULL,
    subject   TEXT   NOT NULL,
    body      TEXT   NOT NULL
);

CREATE TABLE message_reads (
    internet_user_id BIGINT NOT NULL REFERENCES internet_users(id),
    message_id       BIGINT NOT NULL REFERENCES broadcast_messages(id),
    read_at          BIGINT NOT NULL,
    PRIMARY KEY (internet_user_id, message_id)
);

CREATE TABLE audit_log (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms            BIGINT NOT NULL,
    kind             TEXT   NOT NULL,
    internet_user_id TEXT,
    basic_user_id    TEXT,
    outcome          TEXT   NOT NULL
);
-- Append-only.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
