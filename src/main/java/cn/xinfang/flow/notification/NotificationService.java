package cn.xinfang.flow.notification;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Notices to staff (催办, 督办): stored once per key, so a retried job or a second node never sends
 * the same notice twice. Delivery channels (SMS, e-mail) read from this table.
 */
@Service
public class NotificationService {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

  private final InsertIfAbsent insertIfAbsent;

  NotificationService(InsertIfAbsent insertIfAbsent) {
    this.insertIfAbsent = insertIfAbsent;
  }

  /** @return true if the notice is new, false if it had been sent already */
  public boolean notifyGroup(String key, String group, String caseNumber, String kind, String message) {
    boolean sent = insertIfAbsent.insert("SELECT COUNT(*) FROM xf_notification WHERE notification_key = ?",
        new Object[] {key},
        "INSERT INTO xf_notification (notification_key, recipient_group, case_number, kind, message, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?)",
        key, group, caseNumber, kind, message, Timestamp.from(PetitionLedger.now()));
    if (sent) {
      LOG.info("Notice {} to group {} for case {}: {}", kind, group, caseNumber, message);
    }
    return sent;
  }
}
