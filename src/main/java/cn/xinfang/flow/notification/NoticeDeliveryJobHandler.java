package cn.xinfang.flow.notification;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers one notice by one channel, as an engine job: the job executor runs it on one node at a
 * time, retries a failure and turns a lasting one into an incident. A delivery is recorded in the same
 * transaction as the job's completion, so a notice that has gone out is never sent again by a retried
 * or re-acquired job. (Should the transaction fail after the mail or webhook call itself succeeded, the
 * retry sends again; the notice key travels as Message-ID / Idempotency-Key so a receiver can drop it.)
 */
@Component
class NoticeDeliveryJobHandler extends AbstractProcessEnginePlugin implements JobHandler<NoticeDeliveryJobHandler.Target> {

  static final String TYPE = "xf-notice-delivery";
  private static final Logger LOG = LoggerFactory.getLogger(NoticeDeliveryJobHandler.class);

  /** Delivery attempts in all before the failure is left to the administrators as an incident. */
  static final int ATTEMPTS = 5;

  record Target(long notificationId, String channel, int attempt) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return notificationId + ":" + channel + ":" + attempt;
    }
  }

  private final NotificationService notifications;
  private final List<NotificationChannel> channels;
  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;
  private final Duration retryDelay;

  NoticeDeliveryJobHandler(@Lazy NotificationService notifications, List<NotificationChannel> channels,
      JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent,
      @Value("${xinfang.notify.retry-delay:PT10M}") Duration retryDelay) {
    this.retryDelay = retryDelay;
    this.notifications = notifications;
    this.channels = channels;
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    cn.xinfang.flow.system.CustomJobHandlers.add(configuration, this);
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Target target, ExecutionEntity execution, CommandContext context, String tenantId) {
    Long done = jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification_delivery WHERE notification_id = ? "
        + "AND channel = ?", Long.class, target.notificationId(), target.channel());
    if (done != null && done > 0) {
      return; // delivered already
    }
    NotificationChannel channel = channels.stream().filter(c -> c.name().equals(target.channel())).findFirst()
        .orElse(null);
    var notice = notifications.find(target.notificationId()).orElse(null);
    if (channel == null || !channel.enabled() || notice == null) {
      return; // the channel was switched off or the notice removed since: nothing to deliver
    }
    List<NotificationChannel.Recipient> recipients = recipients(context, notice);
    String to;
    try {
      to = channel.deliver(notice, recipients);
    } catch (Exception e) {
      String failure = "通知 " + notice.key() + " 经 " + channel.name() + " 第 " + target.attempt() + " 次发送失败："
          + e.getMessage();
      if (target.attempt() >= ATTEMPTS) {
        throw new IllegalStateException(failure, e); // this job has one retry left: the failure becomes an incident
      }
      // an outage passes: the next attempt is a job of its own, due after the delay (the engine's standard
      // retry of a job without an activity would run again at once)
      LOG.warn("{}；{} 后重试", failure, retryDelay);
      schedule(context, target.notificationId(), target.channel(), target.attempt() + 1,
          new Date(ClockUtil.getCurrentTime().getTime() + retryDelay.toMillis()));
      return;
    }
    insertIfAbsent.insert("notification_id, channel",
        new Object[] {notice.id(), channel.name()},
        "INSERT INTO xf_notification_delivery (notification_id, channel, recipients, delivered_at) VALUES (?, ?, ?, ?)",
        notice.id(), channel.name(), to == null || to.length() <= 2000 ? to : to.substring(0, 2000),
        Timestamp.from(PetitionLedger.now()));
  }

  private static List<NotificationChannel.Recipient> recipients(CommandContext context, NotificationChannel.Notice n) {
    var users = context.getReadOnlyIdentityProvider().createUserQuery();
    List<User> found = n.user() != null ? users.userId(n.user()).list()
        : n.group() != null ? users.memberOfGroup(n.group()).list() : List.of();
    return found.stream().map(u -> new NotificationChannel.Recipient(u.getId(),
        (nz(u.getFirstName()) + nz(u.getLastName())).strip(), u.getEmail())).toList();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Hands one delivery attempt to the engine, in the current transaction. */
  static void schedule(CommandContext context, long notificationId, String channel, int attempt, Date due) {
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(TYPE);
    job.setJobHandlerConfigurationRaw(new Target(notificationId, channel, attempt).toCanonicalString());
    // at once when no later attempt time is given: the job executor acquires only jobs with a due date
    // (ensure-job-due-date-not-null, application.yaml)
    job.setDuedate(due != null ? due : ClockUtil.getCurrentTime());
    // the last attempt fails straight into an incident; earlier ones only on an unexpected error
    job.setRetries(attempt >= ATTEMPTS ? 1 : context.getProcessEngineConfiguration().getDefaultNumberOfRetries());
    context.getJobManager().send(job);
  }

  @Override
  public Target newConfiguration(String canonical) {
    String[] parts = canonical.split(":");
    return new Target(Long.parseLong(parts[0]), parts[1], parts.length > 2 ? Integer.parseInt(parts[2]) : 1);
  }

  @Override
  public void onDelete(Target configuration, JobEntity jobEntity) {
    // nothing kept beside the job
  }
}
