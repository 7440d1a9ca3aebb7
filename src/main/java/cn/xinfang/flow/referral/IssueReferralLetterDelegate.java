package cn.xinfang.flow.referral;

import cn.xinfang.flow.petition.JournalActor;
import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.documents.DocumentIssuer;
import cn.xinfang.flow.documents.DocumentStore;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 出具转办函: a numbered referral letter to the unit (what is asked, by when, to whom to report), a
 * fresh one-month deadline and objection period, the unit notified. Issued again when the office
 * gives the case to another unit after an objection. The letter never names a discipline reporter.
 */
@Component("issueReferralLetter")
class IssueReferralLetterDelegate implements JavaDelegate {

  private final DocumentIssuer documents;
  private final ReferralLedger referrals;
  private final DeadlineService deadlines;
  private final OrganizationDirectory organization;
  private final NotificationService notifications;
  private final PetitionLedger ledger;

  IssueReferralLetterDelegate(DocumentIssuer documents, ReferralLedger referrals, DeadlineService deadlines,
      OrganizationDirectory organization, NotificationService notifications, PetitionLedger ledger) {
    this.documents = documents;
    this.referrals = referrals;
    this.deadlines = deadlines;
    this.organization = organization;
    this.notifications = notifications;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    String unit = (String) execution.getVariable("handlingUnit");
    String unitName = organization.nameOf(unit);
    if (execution.getVariable(LETTER_NUMBER) instanceof String previous) {
      referrals.status(previous, "REASSIGNED");
    }
    // a new letter starts the month and the objection period afresh
    deadlines.forget(execution, DeadlineStage.REFERRAL);
    deadlines.forget(execution, DeadlineStage.OBJECTION);
    Date due = deadlines.dueAt(execution, DeadlineStage.REFERRAL.name());
    Date objectionDue = deadlines.dueAt(execution, DeadlineStage.OBJECTION.name());
    String request = String.valueOf(execution.getVariable(REFERRAL_REQUEST));
    String office = organization.nameOf(OrganizationDirectory.PETITION_OFFICE);
    // the text is the administrators' template (documents/DocumentTemplates); the petitioner is named as on
    // every document (a discipline reporter never by name)
    DocumentStore.Document letter = documents.issue("REFERRAL_LETTER:" + caseNumber + ":" + execution.getActivityInstanceId(),
        DocumentStore.Kind.REFERRAL_LETTER, caseNumber, unit, office, Map.of("主送单位", unitName,
            "转办要求", request, "报告期限", day(due), "异议期限", day(objectionDue)));
    referrals.open(letter.number(), caseNumber, unit, request, due);
    execution.setVariable(LETTER_NUMBER, letter.number());
    execution.setVariable(LETTER_TEXT, letter.addressee() + "：\n\n" + letter.body());
    execution.setVariable(REFERRED_UNIT, unit);
    execution.setVariable(ACTION, "REPORT");
    execution.removeVariable(RETURN_REASON);
    execution.removeVariable(EXTENSION_DECISION_LABEL);
    execution.removeVariable(REROUTE_NOTE);
    ledger.recordEvent(caseNumber, "REFERRED:" + letter.number(), "REFERRED", JournalActor.of(execution),
        "转办 " + unitName + "，转办函 " + letter.number() + "，限 " + day(due) + " 前报告结果");
    notifications.notifyGroup("REFERRED:" + letter.number(), unit, caseNumber, "REFERRAL",
        "收到转办函 " + letter.number() + "（信访件 " + caseNumber + "），请于 " + day(due) + " 前调查处理并报告结果。");
  }

  static String day(Date date) {
    return DeadlineService.chineseDate(date);
  }
}
