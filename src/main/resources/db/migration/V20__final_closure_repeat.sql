-- Final closure (三级终结) and repeat petitions (重复信访), issue 16 item 2. Portable SQL (PostgreSQL and H2).

-- When a case became final (条例 第35、36条): after 复核, or when the 复查/复核 request window passed unused.
-- final_basis: REREVIEW 复核终结 · REVIEW_WINDOW 答复后未申请复查 · REREVIEW_WINDOW 复查后未申请复核.
-- A case that is final is never re-accepted on the same facts (第35条末款: 不再受理).
ALTER TABLE xf_petition ADD COLUMN final_at TIMESTAMP;
ALTER TABLE xf_petition ADD COLUMN final_basis VARCHAR(24);

-- The earlier case of the same petitioner on the same facts that registration found (open cases are merged
-- through linked_case_number instead); repeat_of_final: that case was final, so this one was not re-accepted.
ALTER TABLE xf_petition ADD COLUMN repeat_of_case_number VARCHAR(20);
ALTER TABLE xf_petition ADD COLUMN repeat_of_final BOOLEAN DEFAULT FALSE NOT NULL;

-- The petitioner's profile (/petitioners/...) and the repeat check list one petitioner's cases newest first.
CREATE INDEX ix_closure_petitioner_cases ON xf_petition (petitioner_key, registered_at);
-- repeat petitions per period for the statistics (重复信访率)
CREATE INDEX ix_closure_repeat_of ON xf_petition (repeat_of_case_number);
