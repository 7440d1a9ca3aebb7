package cn.xinfang.flow.referral;

import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 出具督办函: the supervision team's urging letter to an overdue unit, one per referral deadline. */
@Component("issueUrgingLetter")
class IssueUrgingLetterDelegate implements JavaDelegate {

  private final DocumentStore documents;
  private final OrganizationDirectory organization;
  private final NotificationService notifications;

  IssueUrgingLetterDelegate(DocumentStore documents, OrganizationDirectory organization,
      NotificationService notifications) {
    this.documents = documents;
    this.organization = organization;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    String unit = (String) execution.getVariable("handlingUnit");
    Date due = (Date) execution.getVariable("referralDueAt");
    String letter = (String) execution.getVariable(LETTER_NUMBER);
    DocumentStore.Document urging = documents.issue("URGING:" + caseNumber + ":" + letter + ":" + due.getTime(),
        DocumentStore.Kind.URGING_LETTER, caseNumber, unit, "关于督促办理信访件 " + caseNumber + " 的督办函",
        number -> """
            %s：

            我局于转办函 %s 转你单位调查处理的信访件 %s（%s），办理期限已于 %s 届满，至今未报告处理结果。

            请你单位主要负责人高度重视，立即组织调查处理，尽快书面报告结果；逾期无正当理由的，按规定计入年度考核。

            %s 督办组""".formatted(organization.nameOf(unit), letter, caseNumber, execution.getVariable("subject"),
            IssueReferralLetterDelegate.day(due), organization.nameOf(OrganizationDirectory.PETITION_OFFICE)));
    execution.setVariable(URGING_LETTER_NUMBER, urging.number());
    execution.setVariable(URGING_LETTER_TEXT, urging.body());
    notifications.notifyGroup("URGING:" + urging.number(), unit, caseNumber, "URGING",
        "督办函 " + urging.number() + "：信访件 " + caseNumber + " 已逾期，请立即办理并报告结果。");
  }
}
