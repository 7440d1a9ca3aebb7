-- 案件查询 benchmark data (bench/search.sh): :cases ledger rows with the spread of a city's three years —
-- petitioner names from common surnames and given names, unique phones and ID numbers, subjects made of
-- the words clerks search for, eight categories, ten handling units, six statuses, registration dates over
-- three years, four registering clerks, 5% discipline reports (confidential) — and their journal: a
-- REGISTERED entry each and an OVERDUE entry for 4%. Written straight into the ledger's tables; only for a
-- benchmark database.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE sb_surname (i INT, s TEXT);
INSERT INTO sb_surname SELECT ordinality - 1, s FROM unnest(ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周',
  '徐','孙','马','朱','胡','郭','何','高','林','罗','郑','梁','谢','宋','唐','许','韩','冯','邓','曹']) WITH ORDINALITY s;
CREATE TEMP TABLE sb_given (i INT, s TEXT);
INSERT INTO sb_given SELECT ordinality - 1, s FROM unnest(ARRAY['伟','芳','娜','秀英','敏','静','丽','强','磊','军',
  '洋','勇','艳','杰','娟','涛','明','超','秀兰','霞','平','刚','桂英','小明','建国','海燕','立新','志强','淑珍','玉兰']) WITH ORDINALITY s;
CREATE TEMP TABLE sb_word (i INT, s TEXT);
INSERT INTO sb_word SELECT ordinality - 1, s FROM unnest(ARRAY['拖欠工资','征地补偿','物业纠纷','房屋拆迁','医疗纠纷',
  '社保缴纳','噪音扰民','道路施工','违章建筑','子女入学','土地承包','退休待遇','安置补助','环境污染','供暖不足',
  '停车收费','垃圾清运','农民工工资','商品房质量','低保申请']) WITH ORDINALITY s;
CREATE TEMP TABLE sb_unit (i INT, s TEXT);
INSERT INTO sb_unit VALUES (0,'unit-hr'),(1,'unit-health'),(2,'unit-land'),(3,'unit-housing'),(4,'unit-chengguan'),
  (5,'unit-qiaotou'),(6,'unit-shanxia'),(7,'petition-office'),(8,'unit-hr'),(9,'unit-housing');

INSERT INTO xf_petition (case_number, process_instance_id, channel, category, subject, content, real_name, headcount,
    source_level, petitioner_name, petitioner_phone, petitioner_id_number, case_owner, status, confidential,
    handling_unit, registered_at, closed_at)
SELECT 'XF-' || (2023 + n / 100000) || '-' || lpad((n % 100000)::text, 6, '0'),
       'sb-' || n,
       (ARRAY['VISIT','LETTER','ONLINE','PHONE'])[1 + n % 4],
       (ARRAY['PERSONNEL','HEALTH','LAND','LABOR','URBAN','LITIGATION','OTHER','DISCIPLINE'])[1 + (n / 7) % 8],
       w1.s || '，' || w2.s || '问题（' || n || '）',
       '基准数据：' || w1.s || '。',
       n % 20 <> 0, 1 + n % 3, 'SELF',
       su.s || gi.s,
       '1' || (3 + n % 7) || lpad((n * 7919 % 1000000000)::text, 9, '0'),
       '3301' || lpad((19500101 + n % 400000)::text, 8, '0') || lpad((n % 100000)::text, 5, '0') || 'X',
       (ARRAY['reception1','reception2','office1','office2'])[1 + n % 4],
       (ARRAY['OPEN','OPEN','REPLIED','ARCHIVED','ARCHIVED','ARCHIVED','FORWARDED','REJECTED','LINKED','ARCHIVED'])[1 + (n / 3) % 10],
       n % 20 = 0,
       un.s,
       now() - ((n * 37) % (3 * 365 * 24)) * interval '1 hour',
       NULL
FROM generate_series(1, :cases) n
JOIN sb_surname su ON su.i = n % 30
JOIN sb_given gi ON gi.i = (n / 30) % 30
JOIN sb_word w1 ON w1.i = n % 20
JOIN sb_word w2 ON w2.i = (n / 20) % 20
JOIN sb_unit un ON un.i = (n / 11) % 10;

INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, 'REGISTERED', 'REGISTERED', case_owner, '基准数据', registered_at
  FROM xf_petition WHERE process_instance_id LIKE 'sb-%';
INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at)
  SELECT case_number, 'OVERDUE:HANDLING', 'OVERDUE', 'system', '基准数据', registered_at + interval '61 days'
  FROM xf_petition WHERE process_instance_id LIKE 'sb-%' AND id % 25 = 0;
COMMIT;
ANALYZE xf_petition; ANALYZE xf_petition_event;
