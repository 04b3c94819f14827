-- The audit log as a chain (issue 10): each entry from here on carries its
-- place (`seq`, gapless from 1) and a keyed MAC over the previous entry's MAC
-- and its own fields, under a key derived from the pepper. `audit_head` says
-- how long the chain is and what its last MAC is, itself under a MAC, so
-- that cutting the tail is found as well as editing, deleting or re-ordering
-- an entry. Entries written before this migration have no `seq`: they are
-- reported as before the chain. Appending takes the head first (a write), so
-- appenders from several kiosks take their places one after the other.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN mac TEXT;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

-- One row. An empty head_mac is a genesis not sealed yet: the service seals
-- it under the key on its first start.
CREATE TABLE audit_head (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    seq      INTEGER NOT NULL,
    mac      TEXT    NOT NULL,
    head_mac TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, mac, head_mac) VALUES (1, 0, '', '');
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'audit_head is kept'); END;
