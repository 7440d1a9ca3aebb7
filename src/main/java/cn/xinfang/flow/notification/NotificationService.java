package cn.xinfang.flow.notification;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Notices to staff (催办, 督办, 退回, 新交办, 运行异常): stored once per key, so a retried job or a second
 * node never creates the same notice twice. Each new notice is shown under the bell in Tasklist to its
 * recipients and, for every configured channel (e-mail, webhook), handed to the engine as a job in the
 * same transaction: the job executor delivers it on whichever node, retries a failure (five runs, ten
 * minutes apart) and shows a delivery that keeps failing to the administrators as an incident.
 */
@Service
public class NotificationService {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

  private final InsertIfAbsent insertIfAbsent;
  private final JdbcTemplate jdbc;
  private final ObjectProvider<ProcessEngine> engine;
  private final List<NotificationChannel> channels;

  NotificationService(InsertIfAbsent insertIfAbsent, JdbcTemplate jdbc, ObjectProvider<ProcessEngine> engine,
      List<NotificationChannel> channels) {
    this.insertIfAbsent = insertIfAbsent;
    this.jdbc = jdbc;
    this.engine = engine;
    this.channels = channels;
  }

  /** @return true if the notice is new, false if it had been sent already */
  public boolean notifyGroup(String key, String group, String caseNumber, String kind, String message) {
    return store(key, group, null, caseNumber, kind, message);
  }

  /** A notice to one person (a returned reply, a task given to them). */
  public boolean notifyUser(String key, String userId, String caseNumber, String kind, String message) {
    return store(key, null, userId, caseNumber, kind, message);
  }

  private boolean store(String key, String group, String user, String caseNumber, String kind, String message) {
    String text = message.length() > 1000 ? message.substring(0, 999) + "…" : message;
    boolean sent = insertIfAbsent.insert("notification_key",
        new Object[] {key},
        "INSERT INTO xf_notification (notification_key, recipient_group, recipient_user, case_number, kind, message, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        key, group, user, caseNumber, kind, text, Timestamp.from(PetitionLedger.now()));
    if (sent) {
      LOG.info("Notice {} to {} for case {}: {}", kind, group != null ? group : user, caseNumber, text);
      scheduleDelivery(key);
    }
    return sent;
  }

  /** One engine job per configured channel, in the transaction that stored the notice. */
  private void scheduleDelivery(String key) {
    List<NotificationChannel> active = channels.stream().filter(NotificationChannel::enabled).toList();
    ProcessEngine processEngine = engine.getIfAvailable();
    if (active.isEmpty() || processEngine == null) {
      return;
    }
    Long id = jdbc.queryForObject("SELECT id FROM xf_notification WHERE notification_key = ?", Long.class, key);
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    for (NotificationChannel channel : active) {
      configuration.getCommandExecutorTxRequired().execute(context -> {
        NoticeDeliveryJobHandler.schedule(context, id, channel.name(), 1, null);
        return null;
      });
    }
  }

  // ------------------------------------------------------------------ the bell

  /** One notice as the bell shows it. */
  public record Shown(long id, String kind, String kindLabel, String caseNumber, String message,
      java.time.Instant createdAt, boolean read) {}

  private static String visibleTo(List<String> groups) {
    StringBuilder where = new StringBuilder("(n.recipient_user = ?");
    if (!groups.isEmpty()) {
      where.append(" OR n.recipient_group IN (").append(String.join(",", groups.stream().map(g -> "?").toList()))
          .append(")");
    }
    return where.append(")").toString();
  }

  private static Object[] args(String user, List<String> groups, Object... more) {
    List<Object> all = new ArrayList<>();
    all.add(user);
    all.add(user);
    all.addAll(groups);
    all.addAll(List.of(more));
    return all.toArray();
  }

  /** The caller's and their groups' notices, newest first, one page. */
  public List<Shown> forUser(String user, List<String> groups, boolean unreadOnly, int page, int size) {
    String sql = "SELECT n.id, n.kind, n.case_number, n.message, n.created_at, r.read_at FROM xf_notification n "
        + "LEFT JOIN xf_notification_read r ON r.notification_id = n.id AND r.user_id = ? WHERE " + visibleTo(groups)
        + (unreadOnly ? " AND r.read_at IS NULL" : "") + " ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?";
    return jdbc.query(sql, (rs, i) -> new Shown(rs.getLong(1), rs.getString(2), kindLabel(rs.getString(2)),
        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) != null),
        args(user, groups, size, (long) page * size));
  }

  public long unreadCount(String user, List<String> groups) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification n LEFT JOIN xf_notification_read r "
        + "ON r.notification_id = n.id AND r.user_id = ? WHERE " + visibleTo(groups) + " AND r.read_at IS NULL",
        Long.class, args(user, groups));
    return count == null ? 0 : count;
  }

  /** Marks a notice read for this person; false if it is not theirs to see (the caller answers 404). */
  public boolean markRead(String user, List<String> groups, long id) {
    List<Object> params = new ArrayList<>(List.of(id, user));
    params.addAll(groups);
    Long visible = jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification n WHERE n.id = ? AND " + visibleTo(groups),
        Long.class, params.toArray());
    if (visible == null || visible == 0) {
      return false;
    }
    insertIfAbsent.insert("notification_id, user_id",
        new Object[] {id, user}, "INSERT INTO xf_notification_read (notification_id, user_id, read_at) VALUES (?, ?, ?)",
        id, user, Timestamp.from(PetitionLedger.now()));
    return true;
  }

  Optional<NotificationChannel.Notice> find(long id) {
    return jdbc.query("SELECT id, notification_key, kind, case_number, message, recipient_group, recipient_user, "
        + "created_at FROM xf_notification WHERE id = ?", (rs, i) -> new NotificationChannel.Notice(rs.getLong(1),
        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getTimestamp(8).toInstant()), id).stream().findFirst();
  }

  private static final Map<String, String> KIND_LABELS = Map.ofEntries(Map.entry("REMINDER", "催办"),
      Map.entry("OVERDUE", "逾期督办"), Map.entry("URGING", "督办函"), Map.entry("REFERRAL", "新交办"),
      Map.entry("FILED_UPWARD", "报上级备案"), Map.entry("INCIDENT", "运行异常"), Map.entry("CALENDAR_MISSING", "节假日数据"),
      Map.entry("RETURNED", "退回"), Map.entry("ASSIGNED", "新交办"), Map.entry("ESCALATED_TO_OFFICE", "单位报县信访局"),
      Map.entry("WARNING", "苗头预警"),
      // closure: an 不满意 evaluation from a call-back; a repeat of a final case not re-accepted
      Map.entry("UNSATISFIED", "不满意评价"), Map.entry("NOT_REACCEPTED", "不再受理"));

  static String kindLabel(String kind) {
    return KIND_LABELS.getOrDefault(kind, "通知");
  }
}
