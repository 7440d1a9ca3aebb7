-- Benchmark data, written straight into the engine's and the ledger's tables (seconds, not hours of
-- engine starts): :open open cases, each with one user task for a candidate group, its identity link and
-- the per-task authorization the engine itself creates for a candidate group (DefaultAuthorizationProvider:
-- group, TASK, task id, READ|UPDATE); and :finished finished cases with history (process instance, two
-- task instances) and ledger rows with three journal entries each. Only for a benchmark database.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_groups (i INT, g VARCHAR(64));
-- a county's mix: the petition office holds 20% of the open work, seven handling units, supervision
INSERT INTO bench_groups VALUES (0,'petition-office'),(1,'petition-office'),(2,'unit-hr'),(3,'unit-health'),
  (4,'unit-land'),(5,'unit-housing'),(6,'unit-chengguan'),(7,'unit-qiaotou'),(8,'unit-shanxia'),(9,'supervision');

CREATE TEMP TABLE bench_def AS
  SELECT id_ AS def_id FROM act_re_procdef WHERE key_ = 'petition-intake' ORDER BY version_ DESC LIMIT 1;

CREATE TEMP TABLE bench_open AS
  SELECT n, 'bo-' || n AS pi, 'bx-' || n AS ex, 'bt-' || n AS task,
         'XF-2025-' || lpad(n::text, 6, '0') AS case_number, g.g AS grp,
         (now() + ((n % 61) - 30) * interval '1 day' + (n % 997) * interval '1 minute') AS due
  FROM generate_series(1, :open) n JOIN bench_groups g ON g.i = n % 10;

INSERT INTO act_ru_execution (id_, rev_, root_proc_inst_id_, proc_inst_id_, business_key_, proc_def_id_, act_inst_id_,
    is_active_, is_concurrent_, is_scope_, is_event_scope_, suspension_state_, cached_ent_state_, sequence_counter_, proc_def_key_)
  SELECT pi, 1, pi, pi, case_number, (SELECT def_id FROM bench_def), pi, FALSE, FALSE, TRUE, FALSE, 1, 17, 1, 'petition-intake'
  FROM bench_open;
INSERT INTO act_ru_execution (id_, rev_, proc_inst_id_, parent_id_, proc_def_id_, act_id_, act_inst_id_,
    is_active_, is_concurrent_, is_scope_, is_event_scope_, suspension_state_, cached_ent_state_, sequence_counter_, proc_def_key_)
  SELECT ex, 1, pi, pi, (SELECT def_id FROM bench_def), 'task_handle_petition', 'task_handle_petition:' || ex,
    TRUE, FALSE, TRUE, FALSE, 1, 6, 2, 'petition-intake'
  FROM bench_open;
INSERT INTO act_ru_task (id_, rev_, execution_id_, proc_inst_id_, proc_def_id_, name_, task_def_key_, priority_,
    create_time_, due_date_, suspension_state_, task_state_, last_updated_)
  SELECT task, 1, ex, pi, (SELECT def_id FROM bench_def), '办理', 'task_handle_petition', 50,
    now() - (n % 30) * interval '1 day', due, 1, 'Created', now()
  FROM bench_open;
INSERT INTO act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
  SELECT 'bl-' || n, 1, grp, 'candidate', task FROM bench_open;
INSERT INTO act_ru_authorization (id_, rev_, type_, group_id_, resource_type_, resource_id_, perms_, root_proc_inst_id_)
  SELECT 'ba-' || n, 1, 1, grp, 7, task, 6, pi FROM bench_open;
INSERT INTO act_ru_variable (id_, rev_, type_, name_, execution_id_, proc_inst_id_, text_, var_scope_, sequence_counter_, is_concurrent_local_)
  SELECT 'bv-' || n, 1, 'string', 'caseNumber', pi, pi, case_number, pi, 1, FALSE FROM bench_open;
INSERT INTO act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, start_user_id_,
    start_act_id_, root_proc_inst_id_, state_)
  SELECT pi, pi, case_number, 'petition-intake', (SELECT def_id FROM bench_def), now() - (n % 30) * interval '1 day',
    'reception1', 'start_petition_registered', pi, 'ACTIVE' FROM bench_open;
INSERT INTO xf_petition (case_number, process_instance_id, channel, category, subject, content, real_name, headcount,
    source_level, case_owner, status, confidential, handling_unit, registered_at)
  SELECT case_number, pi, 'ONLINE', 'LABOR', '基准数据' || n, '基准数据', FALSE, 1, 'SELF', 'reception1', 'OPEN', FALSE,
    CASE WHEN grp LIKE 'unit-%' THEN grp END, now() - (n % 30) * interval '1 day' FROM bench_open;

CREATE TEMP TABLE bench_done AS
  SELECT n, 'bf-' || n AS pi, 'XF-' || (2020 + n / 100000) || '-' || lpad((n % 100000)::text, 6, '0') AS case_number,
         now() - interval '400 days' + (n % 360) * interval '1 day' AS started
  FROM generate_series(1, :finished) n;
INSERT INTO act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
    duration_, start_user_id_, start_act_id_, end_act_id_, root_proc_inst_id_, state_, removal_time_)
  SELECT pi, pi, case_number, 'petition-intake', (SELECT def_id FROM bench_def), started, started + interval '20 days',
    20 * 86400000, 'reception1', 'start_petition_registered', 'end_archived', pi, 'COMPLETED',
    started + interval '20 days' + interval '3650 days'
  FROM bench_done;
INSERT INTO act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_inst_id_, name_, assignee_, start_time_, end_time_, duration_, priority_, task_state_, delete_reason_, removal_time_)
  SELECT 'bh-' || k || '-' || n, CASE k WHEN 1 THEN 'task_accept_petition' ELSE 'task_handle_petition' END,
    'petition-intake', (SELECT def_id FROM bench_def), pi, pi, pi, 'a' || k || '-' || n,
    CASE k WHEN 1 THEN '受理审查与分办' ELSE '办理' END, 'office1', started, started + k * interval '5 days',
    k * 432000000, 50, 'Completed', 'completed', started + interval '3670 days'
  FROM bench_done CROSS JOIN generate_series(1, 2) k;
INSERT INTO xf_petition (case_number, process_instance_id, channel, category, subject, content, real_name, headcount,
    source_level, case_owner, status, confidential, handling_unit, registered_at, closed_at)
  SELECT case_number, pi, 'LETTER', 'URBAN', '已办结' || n, '基准数据', FALSE, 1, 'SELF', 'reception1', 'ARCHIVED', FALSE,
    'unit-housing', started, started + interval '20 days' FROM bench_done;
INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, e, e, 'office1', '基准数据', started FROM bench_done
  CROSS JOIN (VALUES ('REGISTERED'), ('ACCEPTED'), ('ARCHIVED')) v(e);
COMMIT;
ANALYZE act_ru_execution; ANALYZE act_ru_task; ANALYZE act_ru_identitylink; ANALYZE act_ru_authorization;
ANALYZE act_ru_variable; ANALYZE act_hi_procinst; ANALYZE act_hi_taskinst; ANALYZE xf_petition; ANALYZE xf_petition_event;
