package cn.xinfang.flow.closure;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 不满意通报信访室: the office hears of every 不满意 at once (kind UNSATISFIED, under the bell and on
 * the configured channels); the statistics count them per unit from {@code xf_evaluation}. One notice
 * per case: the evaluation itself is one per case.
 */
@Component("notifyUnsatisfied")
class NotifyUnsatisfiedDelegate implements JavaDelegate {

  private final NotificationService notifications;
  private final OrganizationDirectory organization;
  private final PetitionLedger ledger;

  NotifyUnsatisfiedDelegate(NotificationService notifications, OrganizationDirectory organization, PetitionLedger ledger) {
    this.notifications = notifications;
    this.organization = organization;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    Object unit = execution.getVariable(HANDLING_UNIT);
    String message = "信访件 " + caseNumber + "「" + execution.getVariable(SUBJECT) + "」回访评价为不满意（承办单位："
        + (unit instanceof String u ? organization.nameOf(u) : "—") + "）。信访人意见：" + execution.getVariable(CALLBACK_COMMENT);
    if (notifications.notifyGroup("UNSATISFIED:" + caseNumber, OrganizationDirectory.PETITION_OFFICE, caseNumber,
        "UNSATISFIED", message)) {
      ledger.recordEvent(caseNumber, "UNSATISFIED_NOTIFIED", "UNSATISFIED_NOTIFIED", PetitionLedger.SYSTEM,
          "不满意评价已通报信访室。");
    }
  }
}
