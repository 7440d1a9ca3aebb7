package cn.xinfang.flow.exchange;

import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The send tasks of petition-referral.bpmn ({@code exchangeKind} input): 交办 a case down to the partner
 * whose system works the unit, 报结 a filed case back up, 退回 a case up that is not ours to handle. The
 * message goes into the outbox in this step's transaction; its id is derived from the step, so the step run
 * twice sends nothing twice.
 */
@Component("sendExchange")
class SendExchangeMessageDelegate implements JavaDelegate {

  private final ExchangeOutbox outbox;
  private final ExchangeProperties properties;
  private final PetitionLedger ledger;

  SendExchangeMessageDelegate(ExchangeOutbox outbox, ExchangeProperties properties, PetitionLedger ledger) {
    this.outbox = outbox;
    this.properties = properties;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ExchangeKind kind = ExchangeKind.parse(execution.getVariable("exchangeKind"))
        .orElseThrow(() -> new IllegalArgumentException("未知的交换消息 exchangeKind: " + execution.getVariable("exchangeKind")));
    String caseNumber = execution.getProcessBusinessKey();
    String messageId = UUID.nameUUIDFromBytes((execution.getProcessInstanceId() + ":" + execution.getActivityInstanceId()
        + ":" + kind).getBytes(StandardCharsets.UTF_8)).toString();
    Map<String, Object> payload = new LinkedHashMap<>();
    String partnerId;
    String replyTo = null;
    String journal;
    switch (kind) {
      case ASSIGN -> {
        String unit = (String) execution.getVariable("handlingUnit");
        ExchangeProperties.Partner partner = properties.serving(unit)
            .orElseThrow(() -> new IllegalStateException("承办单位 " + unit + " 不由任何交换对象办理"));
        partnerId = partner.id();
        Petition p = ledger.find(caseNumber).orElseThrow();
        payload.put("handlingUnit", unit);
        payload.put("letterNumber", execution.getVariable(LETTER_NUMBER));
        payload.put("referralRequest", firstNonBlank((String) execution.getVariable(REFERRAL_REQUEST),
            "请依法调查处理，并在办理时限内报结。"));
        payload.put("sourceLevel", properties.selfLevel());
        payload.put("channel", p.channel());
        payload.put("category", p.category());
        payload.put("subject", p.subject());
        payload.put("content", p.content());
        payload.put("headcount", p.headcount());
        if (p.confidential()) {
          // a discipline reporter's identity never leaves this office's system: the lower office may be the unit
          // reported on, and its own masking is not ours to rely on. It registers the report as anonymous; the
          // real-name feedback stays with this office, which keeps the identity.
          payload.put("realName", false);
        } else {
          // the petitioner's identity from the ledger: the receiving office registers the petition like any other
          // and masks it by the same rules
          payload.put("realName", p.realName());
          payload.put("petitionerName", p.petitionerName());
          payload.put("petitionerPhone", p.petitionerPhone());
          payload.put("petitionerIdNumber", p.petitionerIdNumber());
          payload.put("petitionerAddress", p.petitionerAddress());
        }
        execution.getProcessInstance().setVariable(ExchangeRules.Var.ASSIGNED_TO, partnerId);
        execution.getProcessInstance().setVariable(ExchangeRules.Var.ASSIGN_MESSAGE, messageId);
        journal = "向" + nameOf(partner) + "交办（转办函 " + execution.getVariable(LETTER_NUMBER) + "，消息 " + messageId + "）"
            + (p.confidential() ? "；检举人身份不随交办外送" : "");
      }
      case REPORT -> {
        partnerId = (String) execution.getVariable(ExchangeRules.Var.PARTNER);
        replyTo = (String) execution.getVariable(ExchangeRules.Var.REMOTE_CASE);
        payload.put("outcome", execution.getVariable(REPORT_OUTCOME));
        payload.put("facts", execution.getVariable(REPORT_FACTS));
        payload.put("reasons", execution.getVariable(REPORT_REASONS));
        journal = "向上级报结（上级案件 " + replyTo + "，消息 " + messageId + "）";
      }
      case RETURN -> {
        partnerId = (String) execution.getVariable(ExchangeRules.Var.PARTNER);
        replyTo = (String) execution.getVariable(ExchangeRules.Var.REMOTE_CASE);
        String reason = firstNonBlank((String) execution.getVariable(REROUTE_NOTE),
            (String) execution.getVariable(OBJECTION_REASON));
        payload.put("reason", reason);
        journal = "退回上级（上级案件 " + replyTo + "，消息 " + messageId + "）：" + reason;
        // the case leaves this office: it is the assigning office's again
        ledger.close(caseNumber, PetitionStatus.FORWARDED);
      }
      default -> throw new IllegalArgumentException("流程中不发送" + kind.label() + "消息");
    }
    if (outbox.enqueue(messageId, partnerId, kind, caseNumber, replyTo, payload)) {
      ledger.recordEvent(caseNumber, "EXCHANGE_" + kind + ":" + messageId, "EXCHANGE_" + kind, JournalActor.of(execution),
          journal);
    }
  }

  private static String nameOf(ExchangeProperties.Partner partner) {
    return partner.name() == null ? partner.id() : partner.name();
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }
}
