-- Indexes for the ledger's list and report queries that had none (issue 12). Portable: PostgreSQL and H2.
-- The engine's own tables get theirs from EngineIndexes at start: on a new database the engine creates its
-- tables after these migrations have run.

-- joint investigation report: proposals of a year by status (JointLedger.yearFigures)
CREATE INDEX ix_xf_joint_case_proposed ON xf_joint_case (proposed_at);
-- a unit's appraisal entries of a year, newest first (AppraisalLedger.entries)
CREATE INDEX ix_xf_appraisal_unit_year_created ON xf_appraisal_entry (unit, appraisal_year, created_at);
-- open cases for the metrics and the statistics (status without a unit)
CREATE INDEX ix_xf_petition_status ON xf_petition (status, registered_at);
-- a case's journal in order (PetitionLedger.events); the unique key serves lookups by event key only
CREATE INDEX ix_xf_petition_event_case ON xf_petition_event (case_number, occurred_at);
