package cn.xinfang.flow.intake;

import cn.xinfang.flow.exchange.ExchangeOutbox;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 报上级备案: a major case is recorded for the upper level and the leaders are told; where an office above is
 * configured as exchange partner (xinfang.exchange.partners, upper: true), a 备案 message goes there too
 * (exchange/ExchangeOutbox). Once per case, however often the job runs.
 */
@Component("fileUpward")
class FileUpwardDelegate implements JavaDelegate {

  private final PetitionLedger ledger;
  private final NotificationService notifications;
  private final ExchangeOutbox exchange;

  FileUpwardDelegate(PetitionLedger ledger, NotificationService notifications, ExchangeOutbox exchange) {
    this.ledger = ledger;
    this.notifications = notifications;
    this.exchange = exchange;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    String message = "重大信访事项 " + caseNumber + "（" + execution.getVariable(IntakeProcess.Var.SUBJECT)
        + "）已报上级备案。";
    ledger.markMajor(caseNumber);
    if (ledger.recordEvent(caseNumber, "FILED_UPWARD", "FILED_UPWARD", JournalActor.of(execution), message)) {
      notifications.notifyGroup("FILED_UPWARD:" + caseNumber, "leaders", caseNumber, "FILED_UPWARD", message);
      exchange.fileUpward(caseNumber, "重大信访事项");
    }
  }
}
