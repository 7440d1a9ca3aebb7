package cn.xinfang.flow.exchange;

import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.OutboundHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one outbox message to its partner, as an engine job (the approach of the notices'
 * NoticeDeliveryJobHandler): the job executor runs it on one node at a time; a failed attempt is written to
 * the outbox row (attempts, last error) and the next attempt is a job of its own after
 * {@code xinfang.exchange.retry-delay}; the last one fails into an incident, which Cockpit shows and
 * JobIncidentReporter tells the administrators about. Delivery is recorded in the job's transaction, so a
 * delivered message is not sent again; should that transaction fail after the partner accepted the message,
 * the retry sends it again and the partner's inbox answers it as a duplicate without a second effect.
 */
@Component
class ExchangeDeliveryJobHandler extends AbstractProcessEnginePlugin
    implements JobHandler<ExchangeDeliveryJobHandler.Target> {

  static final String TYPE = "xf-exchange-delivery";
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeDeliveryJobHandler.class);

  record Target(long outboxId, int attempt) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return outboxId + ":" + attempt;
    }
  }

  private final JdbcTemplate jdbc;
  private final ExchangeProperties properties;
  private final TransactionTemplate separately;
  private final OutboundHttp http = new OutboundHttp(Duration.ofSeconds(10));

  ExchangeDeliveryJobHandler(JdbcTemplate jdbc, ExchangeProperties properties, PlatformTransactionManager tx) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.separately = new TransactionTemplate(tx);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT partner_id, body, status, kind, case_number FROM xf_exchange_outbox WHERE id = ?", target.outboxId());
    if (rows.isEmpty() || "DELIVERED".equals(rows.get(0).get("status"))) {
      return; // removed, or delivered by an earlier run
    }
    Map<String, Object> row = rows.get(0);
    String partnerId = (String) value(row, "partner_id");
    String body = (String) value(row, "body");
    String what = ExchangeKind.valueOf((String) value(row, "kind")).label() + "消息（案件 " + value(row, "case_number")
        + "）发往 " + partnerId;
    String failure;
    try {
      var partner = properties.partner(partnerId)
          .orElseThrow(() -> new IllegalStateException("交换对象 " + partnerId + " 已不在配置中"));
      HttpResponse<String> response = post(partner, body);
      if (response.statusCode() / 100 == 2) {
        jdbc.update("UPDATE xf_exchange_outbox SET status = 'DELIVERED', attempts = ?, last_error = NULL, "
            + "delivered_at = ? WHERE id = ?", target.attempt(), Timestamp.from(PetitionLedger.now()), target.outboxId());
        return;
      }
      failure = "对方答复 HTTP " + response.statusCode() + "：" + abbreviate(response.body(), 300);
    } catch (Exception e) {
      failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : "：" + e.getMessage());
    }
    String text = what + " 第 " + target.attempt() + " 次投递失败：" + failure;
    if (target.attempt() >= properties.attempts()) {
      // kept although the job's transaction rolls back: the administrators see the last error beside the incident
      separately.executeWithoutResult(s -> jdbc.update("UPDATE xf_exchange_outbox SET status = 'FAILED', attempts = ?, "
          + "last_error = ? WHERE id = ?", target.attempt(), abbreviate(text, 1000), target.outboxId()));
      throw new IllegalStateException(text);
    }
    LOG.warn("{}；{} 后重试", text, properties.retryDelay());
    jdbc.update("UPDATE xf_exchange_outbox SET attempts = ?, last_error = ? WHERE id = ?", target.attempt(),
        abbreviate(text, 1000), target.outboxId());
    schedule(context, target.outboxId(), target.attempt() + 1,
        new Date(ClockUtil.getCurrentTime().getTime() + properties.retryDelay().toMillis()), properties.attempts());
  }

  private HttpResponse<String> post(ExchangeProperties.Partner partner, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(ClockUtil.getCurrentTime().getTime() / 1000);
    String base = partner.baseUrl().endsWith("/") ? partner.baseUrl().substring(0, partner.baseUrl().length() - 1)
        : partner.baseUrl();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + ExchangeSignature.PATH))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json; charset=utf-8")
        .header(ExchangeSignature.PARTNER_HEADER, properties.selfId())
        .header(ExchangeSignature.TIMESTAMP_HEADER, timestamp)
        .header(ExchangeSignature.SIGNATURE_HEADER,
            ExchangeSignature.sign(partner.secret(), "POST", ExchangeSignature.PATH, timestamp, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static Object value(Map<String, Object> row, String column) {
    return row.get(column); // JdbcTemplate's row map ignores case (H2 answers upper-case names, PostgreSQL lower)
  }

  private static String abbreviate(String s, int max) {
    return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Hands one delivery attempt to the engine, in the current transaction. */
  static void schedule(CommandContext context, long outboxId, int attempt, Date due, int attempts) {
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(TYPE);
    job.setJobHandlerConfigurationRaw(new Target(outboxId, attempt).toCanonicalString());
    // a due date always: the job executor acquires by due date and ignores jobs without one
    // (ensureJobDueDateNotNull, see application.yaml), so "now" rather than null for the first attempt
    job.setDuedate(due != null ? due : ClockUtil.getCurrentTime());
    // the last attempt fails straight into an incident; earlier ones retry on their own schedule (above)
    job.setRetries(attempt >= attempts ? 1 : context.getProcessEngineConfiguration().getDefaultNumberOfRetries());
    context.getJobManager().send(job);
  }

  @Override
  public Target newConfiguration(String canonical) {
    String[] parts = canonical.split(":");
    return new Target(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
  }

  @Override
  public void onDelete(Target configuration, JobEntity jobEntity) {
    // the outbox row stays: it is the record of what was sent
  }
}
