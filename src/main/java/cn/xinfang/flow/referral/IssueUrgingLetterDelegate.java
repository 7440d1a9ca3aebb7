package cn.xinfang.flow.referral;

import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.documents.DocumentIssuer;
import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 出具督办函: the supervision team's urging letter to an overdue unit, one per referral deadline. */
@Component("issueUrgingLetter")
class IssueUrgingLetterDelegate implements JavaDelegate {

  private final DocumentIssuer documents;
  private final OrganizationDirectory organization;
  private final NotificationService notifications;

  IssueUrgingLetterDelegate(DocumentIssuer documents, OrganizationDirectory organization,
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
        DocumentStore.Kind.URGING_LETTER, caseNumber, unit, organization.nameOf(OrganizationDirectory.PETITION_OFFICE),
        Map.of("主送单位", organization.nameOf(unit), "转办函编号", letter, "原办理期限", IssueReferralLetterDelegate.day(due)));
    execution.setVariable(URGING_LETTER_NUMBER, urging.number());
    execution.setVariable(URGING_LETTER_TEXT, urging.addressee() + "：\n\n" + urging.body());
    notifications.notifyGroup("URGING:" + urging.number(), unit, caseNumber, "URGING",
        "督办函 " + urging.number() + "：信访件 " + caseNumber + " 已逾期，请立即办理并报告结果。");
  }
}
