-- Spec 2 and 7: (Participant ID, SSA Number) names one SSA, and one SSA has
-- exactly one basic account; without this a second Basic User ID on the
-- same SSA would read the first one's whole statement history. A database
-- that already holds such a pair is refused before this runs, naming them
-- (store/mod.rs, refuse_shared_ssas).
CREATE UNIQUE INDEX basic_accounts_one_per_ssa ON basic_accounts (participant_id, ssa_number);
-- The unique index serves every look-up the plain one of 0003 did.
DROP INDEX basic_accounts_by_ssa;
