-- Working-day calendar: the State Council's public holidays and adjusted working days (调休) per year.
-- Weekends need no rows; a row makes a day a holiday (HOLIDAY) or a working day (WORKDAY).
CREATE TABLE xf_calendar_year (
  calendar_year  INTEGER      PRIMARY KEY,
  source         VARCHAR(16)  NOT NULL,   -- FILE (shipped or configured file) or API (uploaded by an administrator)
  content_hash   VARCHAR(64)  NOT NULL,
  loaded_at      TIMESTAMP    NOT NULL,
  loaded_by      VARCHAR(64)
);

CREATE TABLE xf_calendar_day (
  calendar_day   DATE         PRIMARY KEY,
  calendar_year  INTEGER      NOT NULL,
  kind           VARCHAR(16)  NOT NULL,
  name           VARCHAR(50)  NOT NULL
);
CREATE INDEX ix_xf_calendar_day_year ON xf_calendar_day (calendar_year);
