-- Sessions a server keeps for the investors at home (issue 19): any
-- instance answers any request, and a restart logs no one out. The token
-- itself is never stored: only a digest keyed by the pepper.
CREATE TABLE sessions (
    token_digest TEXT PRIMARY KEY,
    internet_user_row BIGINT NOT NULL REFERENCES internet_users (id),
    kind TEXT NOT NULL,
    previous_login_ms BIGINT,
    last_activity_ms BIGINT NOT NULL,
    ended BOOLEAN NOT NULL DEFAULT FALSE
);
