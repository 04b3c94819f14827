-- Every audit entry written from now on has its place in the chain: a row
-- without `seq` or `mac` (say, inserted by the app's role with OVERRIDING
-- SYSTEM VALUE and an id below the chain's first, to pass for one written
-- before migration 0005) is refused. The service always writes both
-- (store/audit.rs); the app's role owns nothing, so it cannot drop this.
CREATE FUNCTION audit_log_entry_is_chained() RETURNS trigger AS $$
BEGIN
    IF NEW.seq IS NULL OR NEW.mac IS NULL THEN
        RAISE EXCEPTION 'an audit entry needs its place in the chain (seq and mac)';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_entries_are_chained BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_entry_is_chained();
