-- Statement imports serialise on this one row (each import's first write)
-- instead of on a row of `meta`, which holds the pepper's check value: the
-- role that imports (the owner or the import role, docs/postgres-roles.md)
-- then needs no right over `meta`.
CREATE TABLE import_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_import_at BIGINT NOT NULL
);
INSERT INTO import_lock (id, last_import_at) VALUES (1, 0);
DELETE FROM meta WHERE key = 'statement_import';
