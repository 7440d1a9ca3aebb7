-- Notices reach people: who has read a notice (a group notice is read per person), and its delivery by
-- each external channel (e-mail, webhook), recorded once so that a retried job never sends twice.
CREATE TABLE xf_notification_read (
  notification_id  BIGINT       NOT NULL,
  user_id          VARCHAR(64)  NOT NULL,
  read_at          TIMESTAMP    NOT NULL,
  CONSTRAINT pk_xf_notification_read PRIMARY KEY (notification_id, user_id)
);

CREATE TABLE xf_notification_delivery (
  notification_id  BIGINT        NOT NULL,
  channel          VARCHAR(16)   NOT NULL,
  recipients       VARCHAR(2000),
  delivered_at     TIMESTAMP     NOT NULL,
  CONSTRAINT pk_xf_notification_delivery PRIMARY KEY (notification_id, channel)
);

-- the bell: a person's and their groups' newest notices
CREATE INDEX ix_xf_notification_group_new ON xf_notification (recipient_group, created_at);
CREATE INDEX ix_xf_notification_user_new ON xf_notification (recipient_user, created_at);
