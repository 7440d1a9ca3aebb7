package cn.xinfang.flow.notification;

import java.util.List;

/**
 * A way a notice leaves the service (e-mail, a webhook for a 政务钉钉/企业微信 robot or an SMS gateway).
 * A channel that is not configured is simply absent.
 */
interface NotificationChannel {

  /** Short stable name, stored with each delivery: {@code MAIL}, {@code WEBHOOK}. */
  String name();

  boolean enabled();

  /**
   * Sends one notice. Throws on failure: the engine's job retries it (five runs, ten minutes apart)
   * and then shows it to the administrators as an incident.
   *
   * @return a short description of who it went to, kept with the delivery record
   */
  String deliver(Notice notice, List<Recipient> recipients) throws Exception;

  record Notice(long id, String key, String kind, String caseNumber, String message, String group, String user,
      java.time.Instant createdAt) {}

  record Recipient(String userId, String name, String email) {}
}
