package cn.xinfang.flow.exchange;

import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.StateConflictException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving side of 上下级交换, for a message whose sender is authenticated: the message and its effect
 * are stored in one transaction, keyed by (partner, message id). A message seen before is answered as it was
 * the first time and changes nothing; two copies arriving at once collide on the key and the loser answers
 * as a duplicate.
 *
 * <ul>
 *   <li>交办 starts a referral at the diagram's message start event 收到上级交办 (ExchangeAssigned);</li>
 *   <li>报结 and 退回 are correlated to the case waiting for them (ExchangeReported, ExchangeReturned), and
 *       only if that case was assigned to this partner;</li>
 *   <li>备案 is recorded and told to the leaders.</li>
 * </ul>
 */
@Service
class ExchangeInbox {

  /** The answer to a message (the same for its duplicates). */
  record Receipt(String messageId, String kind, String caseNumber, boolean duplicate) {}

  private static final Set<String> PETITION_FIELDS = Set.of("channel", "category", "subject", "content", "realName",
      "headcount", "sourceLevel", "petitionerName", "petitionerPhone", "petitionerIdNumber", "petitionerAddress");

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final NotificationService notifications;
  private final TransactionTemplate tx;

  ExchangeInbox(JdbcTemplate jdbc, RuntimeService runtime, NotificationService notifications,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.notifications = notifications;
    this.tx = new TransactionTemplate(transactions);
  }

  Receipt receive(ExchangeProperties.Partner partner, Map<String, Object> message, String body) {
    String messageId = (String) message.get("messageId");
    Optional<Receipt> seen = seen(partner.id(), messageId);
    if (seen.isPresent()) {
      return seen.get();
    }
    try {
      return tx.execute(s -> apply(partner, message, body));
    } catch (DataIntegrityViolationException e) {
      // the same message arrived twice at once and the other copy was stored first
      return seen(partner.id(), messageId).orElseThrow(() -> e);
    }
  }

  private Optional<Receipt> seen(String partnerId, String messageId) {
    return jdbc.query("SELECT kind, case_number FROM xf_exchange_inbox WHERE partner_id = ? AND message_id = ?",
        (rs, i) -> new Receipt(messageId, rs.getString(1), rs.getString(2), true), partnerId, messageId).stream()
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private Receipt apply(ExchangeProperties.Partner partner, Map<String, Object> message, String body) {
    ExchangeKind kind = ExchangeKind.parse(message.get("kind")).orElseThrow();
    Map<String, Object> payload = message.get("payload") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    String remoteCase = text(message.get("caseNumber"));
    String replyTo = text(message.get("replyTo"));
    String subject = null;
    String caseNumber;
    switch (kind) {
      case ASSIGN -> {
        if (!partner.upper()) {
          throw new InvalidInputException("kind", "只有上级机关可以交办；" + name(partner) + " 未配置为上级（upper: true）");
        }
        caseNumber = assign(partner, payload, remoteCase);
        subject = text(payload.get("subject"));
      }
      case REPORT -> {
        Map<String, Object> variables = new HashMap<>();
        variables.put("referralAction", "REPORT");
        variables.put("reportOutcome", payload.get("outcome"));
        variables.put("reportFacts", payload.get("facts"));
        variables.put("reportReasons", payload.get("reasons"));
        caseNumber = answer(partner, replyTo, ExchangeRules.Message.REPORTED, variables, "报结");
      }
      case RETURN -> {
        Map<String, Object> variables = new HashMap<>();
        variables.put("objectionReason", "（" + name(partner) + "退回）" + text(payload.get("reason")));
        caseNumber = answer(partner, replyTo, ExchangeRules.Message.RETURNED, variables, "退回");
      }
      case FILE -> {
        if (partner.upper()) {
          throw new InvalidInputException("kind", "备案只能由下级机关报来");
        }
        subject = text(payload.get("subject"));
        if (remoteCase == null || subject == null) {
          throw new InvalidInputException("payload.subject", "备案须写明下级案件编号 caseNumber 和信访事项 subject");
        }
        caseNumber = null;
        notifications.notifyGroup("EXCHANGE_FILED:" + partner.id() + ":" + message.get("messageId"), "leaders", null,
            "FILED_UPWARD", name(partner) + "报来重大信访事项备案：" + remoteCase + "（" + subject + "）"
                + (payload.get("reason") != null ? "。" + payload.get("reason") : ""));
      }
      default -> throw new IllegalStateException();
    }
    jdbc.update("INSERT INTO xf_exchange_inbox (partner_id, message_id, kind, remote_case_number, case_number, subject, "
        + "body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", partner.id(), message.get("messageId"), kind.name(),
        remoteCase, caseNumber, subject == null || subject.length() <= 200 ? subject : subject.substring(0, 200), body,
        Timestamp.from(PetitionLedger.now()));
    return new Receipt((String) message.get("messageId"), kind.name(), caseNumber, false);
  }

  /** 交办: the referral's message start event registers the petition here and numbers it. */
  private String assign(ExchangeProperties.Partner partner, Map<String, Object> payload, String remoteCase) {
    List<FieldProblem> problems = new ArrayList<>();
    if (remoteCase == null) {
      problems.add(new FieldProblem("caseNumber", "交办须写明交办机关的案件编号"));
    }
    if (text(payload.get("letterNumber")) == null) {
      problems.add(new FieldProblem("payload.letterNumber", "交办须写明转办函文号"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("交办消息不完整，未登记", problems);
    }
    Map<String, Object> variables = new HashMap<>();
    for (String field : PETITION_FIELDS) {
      if (payload.get(field) != null) {
        variables.put(field, payload.get(field));
      }
    }
    variables.put("handlingUnit", payload.get("handlingUnit"));
    variables.put("referralRequest", payload.get("referralRequest"));
    variables.put("receivedBy", partner.receivedBy());
    variables.put("sourceBody", name(partner));
    variables.put("sourceLetterNumber", payload.get("letterNumber"));
    variables.put(ExchangeRules.Var.PARTNER, partner.id());
    variables.put(ExchangeRules.Var.REMOTE_CASE, remoteCase);
    // the start event's listener registers the petition and makes the new case number the business key
    return runtime.createMessageCorrelation(ExchangeRules.Message.ASSIGNED).setVariables(variables)
        .correlateStartMessage().getBusinessKey();
  }

  private String answer(ExchangeProperties.Partner partner, String replyTo, String messageName,
      Map<String, Object> variables, String what) {
    if (replyTo == null) {
      throw new InvalidInputException("replyTo", what + "须写明本机关交办的案件编号 replyTo");
    }
    try {
      runtime.createMessageCorrelation(messageName).processInstanceBusinessKey(replyTo)
          .processInstanceVariableEquals(ExchangeRules.Var.ASSIGNED_TO, partner.id()).setVariables(variables)
          .correlateWithResult();
      return replyTo;
    } catch (MismatchingMessageCorrelationException e) {
      throw new StateConflictException("案件 " + replyTo + " 没有在等待" + name(partner) + "的" + what);
    }
  }

  private static String name(ExchangeProperties.Partner partner) {
    return partner.name() == null ? partner.id() : partner.name();
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s.strip() : null;
  }
}
