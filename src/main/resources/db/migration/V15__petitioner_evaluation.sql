-- The petitioner's evaluation of how a case was handled (参评/满意, 国信发〔2022〕11号): one row per case,
-- written either by the petitioner on the public case page or by the case owner's call-back (回访).
-- The statistics (参评率, 满意率, 不满意 per unit) read this table; the case file shows it.
CREATE TABLE xf_evaluation (
  case_number   VARCHAR(20)   NOT NULL,
  -- PETITIONER: the petitioner's own page; CALLBACK: recorded by staff after a phone call-back
  source        VARCHAR(16)   NOT NULL,
  -- SATISFIED 满意, BASICALLY_SATISFIED 基本满意, UNSATISFIED 不满意, UNREACHABLE 无法联系 (call-back only)
  result        VARCHAR(24)   NOT NULL,
  comment       VARCHAR(1000),
  -- the unit that handled the case when it was evaluated, so 不满意 is counted per unit
  handling_unit VARCHAR(64),
  recorded_by   VARCHAR(64)   NOT NULL,
  recorded_at   TIMESTAMP     NOT NULL,
  CONSTRAINT pk_xf_evaluation PRIMARY KEY (case_number),
  CONSTRAINT ck_xf_evaluation_source CHECK (source IN ('PETITIONER', 'CALLBACK')),
  CONSTRAINT ck_xf_evaluation_result CHECK (result IN ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED', 'UNREACHABLE'))
);
CREATE INDEX ix_xf_evaluation_unit ON xf_evaluation (handling_unit, result, recorded_at);
CREATE INDEX ix_xf_evaluation_recorded ON xf_evaluation (recorded_at);
