-- Benchmark data for bench/statistics.sh: :cases ledger rows registered in :year, written straight into the
-- ledger's tables (the engine is not involved in the statistics). A county's mix: nine handling units, 90% of
-- cases accepted (10% of those rejected or forwarded), most replied, some late, some overdue and escalated in
-- the journal, 60% of replies evaluated, appraisal points. Only for a benchmark database.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_units (i INT, g VARCHAR(64));
INSERT INTO bench_units VALUES (0,'petition-office'),(1,'unit-hr'),(2,'unit-health'),(3,'unit-land'),(4,'unit-housing'),
  (5,'unit-chengguan'),(6,'unit-qiaotou'),(7,'unit-shanxia'),(8,'unit-hr');

CREATE TEMP TABLE bench_cases AS
  SELECT n, 'XF-' || :year || '-' || lpad(n::text, 6, '0') AS case_number,
    make_timestamp(:year, 1, 1, 0, 0, 0) + (random() * 364.99) * interval '1 day' AS registered_at,
    (ARRAY['LETTER','VISIT','PHONE','ONLINE','EMAIL'])[1 + n % 5] AS channel,
    (ARRAY['LABOR','LAND','URBAN','HEALTH','PERSONNEL','LITIGATION','OTHER','DISCIPLINE'])[1 + (n / 5) % 8] AS category,
    (ARRAY['SELF','SELF','SELF','COUNTY','PREFECTURE','PROVINCE','CENTRAL'])[1 + (n / 7) % 7] AS source_level,
    random() AS r_accept, random() AS r_decision, random() AS r_reply, random() AS r_eval, random() AS r_misc,
    u.g AS unit
  FROM generate_series(1, :cases) n JOIN bench_units u ON u.i = n % 9;

INSERT INTO xf_petition (case_number, channel, category, subject, content, real_name, headcount, source_level,
    related_case_number, linked_case_number, case_owner, status, confidential, major_case, repeat_visits,
    acceptance_decision, handling_unit, registered_at, accepted_at, replied_at, closed_at, acceptance_due_at,
    handling_due_at)
  SELECT case_number, channel, category, '基准测试事项', '基准测试内容', TRUE, 1, source_level,
    CASE WHEN r_misc < 0.04 THEN 'XF-2024-000001' END,
    CASE WHEN r_decision > 0.97 THEN 'XF-2024-000002' END,
    'reception1',
    CASE WHEN r_decision > 0.97 THEN 'LINKED'
         WHEN r_accept > 0.9 THEN 'OPEN'
         WHEN r_decision < 0.05 THEN 'REJECTED' WHEN r_decision < 0.1 THEN 'FORWARDED'
         WHEN r_reply < 0.45 THEN 'ARCHIVED' WHEN r_reply < 0.85 THEN 'REPLIED' ELSE 'OPEN' END,
    category = 'DISCIPLINE', FALSE, CASE WHEN r_misc > 0.93 THEN 1 ELSE 0 END,
    CASE WHEN r_decision > 0.97 OR r_accept > 0.9 THEN NULL WHEN r_decision < 0.05 THEN 'REJECT'
         WHEN r_decision < 0.1 THEN 'FORWARD' ELSE 'ASSIGN' END,
    CASE WHEN r_decision > 0.97 OR r_accept > 0.9 OR r_decision < 0.1 THEN NULL ELSE unit END,
    registered_at,
    CASE WHEN r_decision > 0.97 OR r_accept > 0.9 THEN NULL ELSE registered_at + (r_accept * 20) * interval '1 day' END,
    CASE WHEN r_decision > 0.97 OR r_accept > 0.9 OR r_decision < 0.1 OR r_reply >= 0.85 THEN NULL
         ELSE registered_at + (r_accept * 20 + 10 + r_reply * 80) * interval '1 day' END,
    CASE WHEN r_decision > 0.97 OR r_accept > 0.9 THEN NULL
         WHEN r_decision < 0.1 THEN registered_at + (r_accept * 20) * interval '1 day'
         WHEN r_reply < 0.45 THEN registered_at + (r_accept * 20 + 13 + r_reply * 80) * interval '1 day' END,
    registered_at + interval '15 days',
    CASE WHEN r_decision > 0.97 OR r_accept > 0.9 OR r_decision < 0.1 THEN NULL
         ELSE registered_at + (r_accept * 20 + CASE WHEN r_misc > 0.8 THEN 90 ELSE 60 END) * interval '1 day' END
  FROM bench_cases;

-- the journal: every case registered and (if so) accepted and replied; 12% overdue, half of those escalated
INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, 'REGISTERED', 'REGISTERED', 'reception1', '登记', registered_at FROM bench_cases;
INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, 'ACCEPTED', 'ACCEPTED', 'office1', '受理', registered_at + interval '5 days'
  FROM bench_cases WHERE r_accept <= 0.9 AND r_decision <= 0.97;
INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, 'OVERDUE:1', 'OVERDUE', 'system', '逾期', registered_at + interval '61 days'
  FROM bench_cases WHERE r_misc BETWEEN 0.1 AND 0.22;
INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, 'ESCALATE:1', 'ESCALATION', 'system', '升级督办', registered_at + interval '64 days'
  FROM bench_cases WHERE r_misc BETWEEN 0.1 AND 0.16;

INSERT INTO xf_evaluation (case_number, source, result, handling_unit, recorded_by, recorded_at)
  SELECT case_number, CASE WHEN r_eval < 0.3 THEN 'PETITIONER' ELSE 'CALLBACK' END,
    CASE WHEN r_eval < 0.35 THEN 'SATISFIED' WHEN r_eval < 0.5 THEN 'BASICALLY_SATISFIED'
         WHEN r_eval < 0.55 THEN 'UNSATISFIED' ELSE 'UNREACHABLE' END,
    unit, 'hr1', registered_at + interval '100 days'
  FROM bench_cases WHERE r_decision BETWEEN 0.1 AND 0.97 AND r_accept <= 0.9 AND r_reply < 0.85 AND r_eval < 0.6;

INSERT INTO xf_appraisal_entry (entry_key, unit, case_number, appraisal_year, reason, points, detail, created_at)
  SELECT case_number || ':bench', unit, case_number, :year, 'OVERDUE', 2, '基准', registered_at + interval '61 days'
  FROM bench_cases WHERE r_misc BETWEEN 0.1 AND 0.22 AND r_decision BETWEEN 0.1 AND 0.97 AND r_accept <= 0.9;
COMMIT;
ANALYZE xf_petition;
ANALYZE xf_petition_event;
ANALYZE xf_evaluation;
ANALYZE xf_appraisal_entry;
