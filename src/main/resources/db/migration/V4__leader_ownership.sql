-- Leader case-ownership (领导包案): who owns which case, who handles it, the plan and the deadline.
CREATE TABLE xf_ownership (
  case_number         VARCHAR(20)   PRIMARY KEY,
  process_instance_id VARCHAR(64)   NOT NULL,
  owner_leader        VARCHAR(64)   NOT NULL,
  owner_role          VARCHAR(32)   NOT NULL,
  reason              VARCHAR(1000),
  responsible_person  VARCHAR(64),
  handling_plan       VARCHAR(4000),
  deadline_at         TIMESTAMP,
  status              VARCHAR(16)   NOT NULL,  -- PLANNING, ACTIVE, SIGNED_OFF
  started_at          TIMESTAMP     NOT NULL,
  signed_off_at       TIMESTAMP
);
CREATE INDEX ix_xf_ownership_owner ON xf_ownership (owner_leader, status);
