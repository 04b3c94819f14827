-- One name for the failure counter on both kinds of account: the store has
-- one counter, parameterised by what it counts (store/failures.rs).
ALTER TABLE internet_users RENAME COLUMN failed_logins TO failed_attempts;
