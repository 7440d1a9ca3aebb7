package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 报县信访局: a unit's own first-visit case it cannot solve (不能解决的…向县信访局反映) goes to the office's
 * acceptance review, with the same acceptance deadline. The journal says who sent it up and why, and the
 * office hears of it once: the journal entry's key makes a second run (retry, other node) write nothing.
 * From here on the office accepts and answers, as for a case registered at its window.
 */
@Component("escalateToOffice")
class EscalateToOfficeDelegate implements JavaDelegate {

  private final PetitionLedger ledger;
  private final NotificationService notifications;
  private final OrganizationDirectory organization;

  EscalateToOfficeDelegate(PetitionLedger ledger, NotificationService notifications, OrganizationDirectory organization) {
    this.ledger = ledger;
    this.notifications = notifications;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    String caseNumber = execution.getProcessBusinessKey();
    String unitName = organization.nameOf((String) execution.getVariable(REGISTERING_UNIT));
    String message = unitName + "报县信访局：信访件 " + caseNumber + "「" + execution.getVariable(SUBJECT)
        + "」本单位不能解决。理由：" + execution.getVariable(ESCALATION_REASON);
    if (ledger.recordEvent(caseNumber, "ESCALATED_TO_OFFICE", "ESCALATED_TO_OFFICE", JournalActor.of(execution), message)) {
      notifications.notifyGroup("ESCALATED_TO_OFFICE:" + caseNumber, OrganizationDirectory.PETITION_OFFICE, caseNumber,
          "ESCALATED_TO_OFFICE", message + "。请在任务列表“本组待办”中受理审查。");
    }
    instance.setVariable(ACCEPTANCE_GROUP, OrganizationDirectory.PETITION_OFFICE);
    instance.setVariable(REPLY_GROUP, OrganizationDirectory.PETITION_OFFICE);
    // the office answers now; the unit's clerk stays 首问 in the ledger but no longer holds the reply
    instance.setVariable(REPLY_ASSIGNEE, null);
    // the office decides afresh: no unit decision carries over into its acceptance form
    instance.removeVariable(ACCEPTANCE_DECISION);
  }
}
