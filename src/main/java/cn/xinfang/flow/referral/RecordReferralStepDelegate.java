package cn.xinfang.flow.referral;

import cn.xinfang.flow.petition.JournalActor;
import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.appraisal.AppraisalLedger;
import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.petition.Vocabulary.Outcome;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes a step of the referral ({@code step} input) into the ledger: the unit's report, the
 * office's filing (审结备案), a return for re-investigation (charged in the appraisal, with a new
 * deadline), the supervision team's decision on an extension. The input mapping gives these tasks a
 * scope of their own, so variables for the rest of the flow are written on the process instance.
 */
@Component("recordReferralStep")
class RecordReferralStepDelegate implements JavaDelegate {

  private final ReferralLedger referrals;
  private final PetitionLedger ledger;
  private final DeadlineService deadlines;
  private final AppraisalLedger appraisal;

  RecordReferralStepDelegate(ReferralLedger referrals, PetitionLedger ledger, DeadlineService deadlines,
      AppraisalLedger appraisal) {
    this.referrals = referrals;
    this.ledger = ledger;
    this.deadlines = deadlines;
    this.appraisal = appraisal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    String caseNumber = execution.getProcessBusinessKey();
    String letter = (String) execution.getVariable(LETTER_NUMBER);
    String unit = (String) execution.getVariable("handlingUnit");
    String key = execution.getVariable("step") + ":" + execution.getActivityInstanceId();
    switch ((String) execution.getVariable("step")) {
      case "REPORT" -> {
        Outcome outcome = Vocabulary.parse(Outcome.class, execution.getVariable(REPORT_OUTCOME)).orElseThrow();
        instance.setVariable(REPORT_OUTCOME_LABEL, outcome.label());
        referrals.status(letter, "REPORTED");
        ledger.recordEvent(caseNumber, key, "REFERRAL_REPORTED", JournalActor.of(execution), "承办单位报告（" + letter + "）：" + outcome.label()
            + "。查明事实：" + execution.getVariable(REPORT_FACTS) + "。处理意见及依据：" + execution.getVariable(REPORT_REASONS));
      }
      case "FILE" -> {
        referrals.status(letter, "FILED");
        ledger.recordEvent(caseNumber, key, "REFERRAL_FILED", JournalActor.of(execution), "转办件审结备案（" + letter + "）");
        if (Boolean.TRUE.equals(execution.getVariable(STANDALONE))) {
          // a case referred to us from above ends here; its result goes back to the referring body
          ledger.recordOutcome(caseNumber, (String) execution.getVariable(REPORT_OUTCOME));
          ledger.close(caseNumber, PetitionStatus.ARCHIVED);
        }
      }
      case "RETURN" -> {
        int days = ((Number) execution.getVariable(RETURN_DAYS)).intValue();
        String reason = (String) execution.getVariable(RETURN_REASON);
        appraisal.charge(caseNumber + ":" + unit + ":RETURNED:" + execution.getActivityInstanceId(), unit, caseNumber,
            "RETURNED", "报告被退回重查（转办函 " + letter + "）：" + reason);
        Date due = deadlines.restart(instance, DeadlineStage.REFERRAL, days);
        referrals.returned(letter, due);
        instance.setVariable(ACTION, "REPORT");
        ledger.recordEvent(caseNumber, key, "REFERRAL_RETURNED", JournalActor.of(execution), "退回重查，限 "
            + IssueReferralLetterDelegate.day(due) + " 前重新报告。原因：" + reason);
      }
      case "EXTENSION" -> {
        boolean approved = "APPROVE".equals(execution.getVariable(EXTENSION_DECISION));
        int days = ((Number) execution.getVariable(EXTENSION_DAYS)).intValue();
        if (approved) {
          Date due = deadlines.extend(instance, DeadlineStage.REFERRAL, days);
          referrals.due(letter, due);
          int used = ledger.grantExtension(caseNumber, PetitionLedger.Extension.REFERRAL, key, "REFERRAL_EXTENDED",
              JournalActor.of(execution),
              "转办件延期 " + days + " 日：" + execution.getVariable(EXTENSION_REASON), days);
          instance.setVariable(EXTENDED_DAYS, used);
          instance.setVariable(EXTENSION_DECISION_LABEL, "同意延长 " + days + " 日，至 " + IssueReferralLetterDelegate.day(due));
        } else {
          instance.setVariable(EXTENSION_DECISION_LABEL, "不同意延期：" + execution.getVariable(EXTENSION_COMMENT));
          ledger.recordEvent(caseNumber, key, "REFERRAL_EXTENSION_REFUSED", JournalActor.of(execution),
              "转办件延期申请未获批准：" + execution.getVariable(EXTENSION_COMMENT));
        }
        instance.setVariable(ACTION, "REPORT");
      }
      default -> throw new IllegalArgumentException("未知的转办环节 step: " + execution.getVariable("step"));
    }
  }
}
