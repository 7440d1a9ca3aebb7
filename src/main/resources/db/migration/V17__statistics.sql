-- Statistics (统计分析, issue 14): the deadlines the rates are measured against, kept in the ledger, and
-- indexes for the period and unit filters. Portable: PostgreSQL and H2.

-- The last moment of the acceptance limit (受理告知, 条例 第23条: 15 days; a discipline report 5 working days)
-- and of the handling limit (条例 第32条: 60 days from acceptance, moved by each approved extension, at most
-- +30 → 90; counted afresh when 复查/复核 reopens the case). Written by calendar/DeadlineService whenever it
-- stores the stage's deadline on the case, so the figures use the same date as the task's timer.
ALTER TABLE xf_petition ADD COLUMN acceptance_due_at TIMESTAMP;
ALTER TABLE xf_petition ADD COLUMN handling_due_at TIMESTAMP;

-- Cases from before this version: the statutory limits in calendar days (no holiday shift), the handling
-- limit with the extension days the ledger counted (at most 30). An approximation only for those old cases.
UPDATE xf_petition SET acceptance_due_at = registered_at + INTERVAL '15' DAY WHERE acceptance_due_at IS NULL;
UPDATE xf_petition
  SET handling_due_at = accepted_at + (60 + LEAST(extended_days + referral_extended_days, 30)) * INTERVAL '1' DAY
  WHERE handling_due_at IS NULL AND accepted_at IS NOT NULL AND handling_unit IS NOT NULL;

-- a unit's cases registered in a period (StatisticsQueries with unit=…; a unit's own view)
CREATE INDEX ix_xf_stats_petition_unit_registered ON xf_petition (handling_unit, registered_at);
-- appraisal points charged in a period, per unit
CREATE INDEX ix_xf_stats_appraisal_created ON xf_appraisal_entry (created_at, unit);
