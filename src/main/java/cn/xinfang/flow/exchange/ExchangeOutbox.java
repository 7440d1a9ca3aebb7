package cn.xinfang.flow.exchange;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The outbox of 上下级交换: a message is stored in the transaction of the step that sends it (a referral's
 * send task, the 报上级备案 of a major case) together with an engine job that delivers it. Should the step
 * roll back, neither exists; once it commits, the job executor delivers the message on whichever node, retries
 * while the partner is down, and leaves a lasting failure to the administrators (Cockpit incident and notice,
 * {@code GET /api/exchange/outbox}).
 */
@Service
public class ExchangeOutbox {

  /** One message as the administrators' list shows it. */
  public record Sent(long id, String messageId, String partnerId, String kind, String kindLabel, String caseNumber,
      String status, int attempts, String lastError, java.time.Instant createdAt, java.time.Instant deliveredAt) {}

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;
  private final ObjectMapper json;
  private final ExchangeProperties properties;
  private final ObjectProvider<ProcessEngine> engine;
  private final PetitionLedger ledger;

  ExchangeOutbox(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent, ObjectMapper json, ExchangeProperties properties,
      ObjectProvider<ProcessEngine> engine, PetitionLedger ledger) {
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
    this.json = json;
    this.properties = properties;
    this.engine = engine;
  }

  /**
   * Stores a message for a partner and schedules its delivery, once per message id (a step run twice stores
   * nothing twice).
   *
   * @param caseNumber our case the message is about
   * @param replyTo the partner's case this message answers (报结, 退回), else null
   * @return true if the message is new
   */
  public boolean enqueue(String messageId, String partnerId, ExchangeKind kind, String caseNumber, String replyTo,
      Map<String, Object> payload) {
    if (properties.partner(partnerId).isEmpty()) {
      throw new IllegalStateException("交换对象 " + partnerId + " 未在 xinfang.exchange.partners 中配置");
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("messageId", messageId);
    message.put("kind", kind.name());
    message.put("from", properties.selfId());
    message.put("sentAt", PetitionLedger.now().atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
    message.put("caseNumber", caseNumber);
    message.put("replyTo", replyTo);
    message.put("payload", payload);
    String body;
    try {
      body = json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("交换消息无法序列化", e);
    }
    boolean stored = insertIfAbsent.insert("message_id",
        new Object[] {messageId},
        "INSERT INTO xf_exchange_outbox (message_id, partner_id, kind, case_number, body, status, attempts, created_at) "
            + "VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)",
        messageId, partnerId, kind.name(), caseNumber, body, Timestamp.from(PetitionLedger.now()));
    if (stored) {
      long id = jdbc.queryForObject("SELECT id FROM xf_exchange_outbox WHERE message_id = ?", Long.class, messageId);
      CommandContext context = Context.getCommandContext();
      if (context != null) {
        ExchangeDeliveryJobHandler.schedule(context, id, 1, null, properties.attempts());
      } else {
        ((ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration())
            .getCommandExecutorTxRequired().execute(c -> {
              ExchangeDeliveryJobHandler.schedule(c, id, 1, null, properties.attempts());
              return null;
            });
      }
    }
    return stored;
  }

  /**
   * 报上级备案: a major case is filed with every office configured as the level above (none configured: the
   * own leaders' notice is all there is). Once per case and partner.
   */
  public void fileUpward(String caseNumber, String reason) {
    var petition = ledger.find(caseNumber).orElseThrow();
    for (ExchangeProperties.Partner upper : properties.upperPartners()) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("subject", petition.subject());
      payload.put("category", petition.category());
      payload.put("channel", petition.channel());
      payload.put("headcount", petition.headcount());
      payload.put("registeredAt", petition.registeredAt().toString());
      payload.put("reason", reason);
      String messageId = java.util.UUID.nameUUIDFromBytes(("FILE:" + caseNumber + ":" + upper.id())
          .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
      enqueue(messageId, upper.id(), ExchangeKind.FILE, caseNumber, null, payload);
    }
  }

  /** The newest messages first, one page; optionally only those with one status. */
  public List<Sent> list(String status, int page, int size) {
    String where = status == null ? "" : " WHERE status = ?";
    Object[] args = status == null ? new Object[] {size, (long) page * size}
        : new Object[] {status, size, (long) page * size};
    return jdbc.query("SELECT id, message_id, partner_id, kind, case_number, status, attempts, last_error, created_at, "
        + "delivered_at FROM xf_exchange_outbox" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (rs, i) -> new Sent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            ExchangeKind.valueOf(rs.getString(4)).label(), rs.getString(5), rs.getString(6), rs.getInt(7),
            rs.getString(8), rs.getTimestamp(9).toInstant(),
            rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()), args);
  }
}
