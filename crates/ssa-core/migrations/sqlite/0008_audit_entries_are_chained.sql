-- Every audit entry written from now on has its place in the chain: a row
-- without `seq` or `mac` (say, inserted by hand with an id below the
-- chain's first, to pass for one written before migration 0005) is refused.
-- The service always writes both (store/audit.rs).
CREATE TRIGGER audit_log_entries_are_chained BEFORE INSERT ON audit_log
WHEN NEW.seq IS NULL OR NEW.mac IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an audit entry needs its place in the chain (seq and mac)');
END;
