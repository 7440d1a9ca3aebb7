package cn.xinfang.flow.intake;

import cn.xinfang.flow.petition.JournalActor;
import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.joint.JointProposals;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.ownership.OwnershipRules;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.petition.Vocabulary.AcceptanceDecision;
import cn.xinfang.flow.petition.Vocabulary.Outcome;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes a step of petition-intake into the ledger (台账) and its journal. The diagram names the
 * step ({@code step} input). Journal keys carry the activity instance, so a step run again after a
 * rollback writes once, and a step passed twice (a second reply after a return) writes twice.
 *
 * <p>The input mapping gives each of these tasks its own variable scope; variables meant for the
 * rest of the flow are therefore written on the process instance.
 */
@Component("recordStep")
class RecordStepDelegate implements JavaDelegate {

  enum Step { ACCEPTANCE, FORWARD, REJECT, EXTENSION, OUTCOME, REPLY, REVIEW, REREVIEW, ARCHIVE }

  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;
  private final OwnershipRules ownershipRules;
  private final cn.xinfang.flow.notification.NotificationService notifications;
  private final JointProposals jointProposals;

  RecordStepDelegate(PetitionLedger ledger, OrganizationDirectory organization, DeadlineService deadlines,
      OwnershipRules ownershipRules, JointProposals jointProposals,
      cn.xinfang.flow.notification.NotificationService notifications) {
    this.notifications = notifications;
    this.jointProposals = jointProposals;
    this.ledger = ledger;
    this.organization = organization;
    this.deadlines = deadlines;
    this.ownershipRules = ownershipRules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Step step = Step.valueOf((String) execution.getVariable(STEP));
    DelegateExecution instance = execution.getProcessInstance();
    String caseNumber = execution.getProcessBusinessKey();
    String key = step + ":" + execution.getActivityInstanceId();
    String actor = JournalActor.of(execution);
    switch (step) {
      case ACCEPTANCE -> {
        AcceptanceDecision decision = AcceptanceDecision.valueOf((String) execution.getVariable(ACCEPTANCE_DECISION));
        String unit = switch (decision) {
          // a unit's own first-visit case (单位首问) is handled by that unit; the office's by the office
          case HANDLE -> execution.getVariable(ACCEPTANCE_GROUP) instanceof String group
              && !OrganizationDirectory.PETITION_OFFICE.equals(group) ? group : OrganizationDirectory.PETITION_OFFICE;
          case ASSIGN, REFER -> (String) execution.getVariable(HANDLING_UNIT);
          case FORWARD, REJECT -> null;
        };
        instance.setVariable(HANDLING_UNIT, unit);
        instance.setVariable(HANDLING_UNIT_NAME, unit == null ? "—" : organization.nameOf(unit));
        ledger.recordAcceptance(caseNumber, decision.name(), unit);
        if (unit != null) {
          // the case's handling clock starts at acceptance on every path (条例 第33条): handled, assigned or
          // referred; the referral's month runs inside it and the reply task keeps the same deadline
          deadlines.dueAt(instance, DeadlineStage.HANDLING.name());
          ownershipRules.proposeFor(execution);
          jointProposals.proposeFromTriage(execution);
        }
        ledger.recordEvent(caseNumber, key, "ACCEPTED", actor, decision.label()
            + (unit != null ? "：" + organization.nameOf(unit) : "") + "。告知信访人：" + execution.getVariable(ACCEPTANCE_NOTE));
        if (decision == AcceptanceDecision.ASSIGN) {
          // the unit hears of its new case at once, not when someone opens 本组待办 (a referral has its letter's notice)
          notifications.notifyGroup("ASSIGNED:" + key, unit, caseNumber, "ASSIGNED", "新交办：信访件 " + caseNumber
              + "「" + execution.getVariable(SUBJECT) + "」交由" + organization.nameOf(unit) + "办理，请在任务列表“本组待办”中认领。");
        }
      }
      case FORWARD -> {
        ledger.close(caseNumber, PetitionStatus.FORWARDED);
        ledger.recordEvent(caseNumber, key, "FORWARDED", actor, "转送 " + execution.getVariable(FORWARD_BODY)
            + "。告知信访人：" + execution.getVariable(ACCEPTANCE_NOTE));
      }
      case REJECT -> {
        ledger.close(caseNumber, PetitionStatus.REJECTED);
        ledger.recordEvent(caseNumber, key, "REJECTED", actor, "不予受理。理由：" + execution.getVariable(ACCEPTANCE_NOTE));
      }
      case EXTENSION -> recordExtension(execution, instance, caseNumber, key);
      case OUTCOME -> {
        Outcome outcome = Outcome.valueOf((String) execution.getVariable(OUTCOME));
        instance.setVariable(OUTCOME_LABEL, outcome.label());
        instance.removeVariable(RETURN_REASON);
        ledger.recordOutcome(caseNumber, outcome.name());
        ledger.recordEvent(caseNumber, key, "OUTCOME", actor, "处理意见：" + outcome.label() + "。查明事实："
            + execution.getVariable(FACTS) + "。处理意见及依据：" + execution.getVariable(REASONS));
      }
      case REPLY -> {
        ledger.markReplied(caseNumber);
        instance.setVariable(LAST_REVIEW_STEP, "REPLY");
        // a new value starts the call-back (回访) sub-process: once per reply, a reply after a return included
        Object replies = instance.getVariable(REPLY_COUNT);
        instance.setVariable(REPLY_COUNT, (replies instanceof Number n ? n.intValue() : 0) + 1);
        ledger.recordEvent(caseNumber, key, "REPLIED", actor, "答复方式：" + execution.getVariable(REPLY_METHOD)
            + "。答复内容：" + execution.getVariable(REPLY_TEXT));
      }
      case REVIEW -> recordReview(execution, instance, caseNumber, key, actor, "REVIEWED", "复查",
          REVIEW_OUTCOME, REVIEW_OPINION);
      case REREVIEW -> recordReview(execution, instance, caseNumber, key, actor, "REREVIEWED", "复核",
          REREVIEW_OUTCOME, REREVIEW_OPINION);
      case ARCHIVE -> {
        ledger.close(caseNumber, PetitionStatus.ARCHIVED);
        ledger.recordEvent(caseNumber, "ARCHIVED", "ARCHIVED", actor, "办结归档");
      }
    }
  }

  /**
   * 复查/复核 decided by the next higher body. 撤销/变更 reopens the case: the handling unit handles it
   * again with a new handling deadline (counted afresh from today by the HANDLING row), and every later
   * window (reply, 复查, 复核) is counted again on the next pass, not kept from the first one.
   */
  private void recordReview(DelegateExecution execution, DelegateExecution instance, String caseNumber, String key,
      String actor, String type, String what, String outcomeVar, String opinionVar) {
    IntakeProcess.ReviewOutcome outcome = IntakeProcess.ReviewOutcome.valueOf((String) execution.getVariable(outcomeVar));
    // which review the case went through last: the basis of its final closure (closure.FinalBasis)
    instance.setVariable(LAST_REVIEW_STEP, "REVIEWED".equals(type) ? "REVIEW" : "REREVIEW");
    ledger.recordEvent(caseNumber, key, type, actor,
        what + "结论：" + outcome.label() + "。" + what + "意见：" + execution.getVariable(opinionVar));
    if (!outcome.reopens()) {
      return;
    }
    for (DeadlineStage stage : new DeadlineStage[] {DeadlineStage.HANDLING, DeadlineStage.REVIEW_REQUEST,
        DeadlineStage.REVIEW, DeadlineStage.REREVIEW_REQUEST, DeadlineStage.REREVIEW}) {
      deadlines.forget(instance, stage);
    }
    Date due = deadlines.dueAt(instance, DeadlineStage.HANDLING.name());
    // the new deadline is a deadline of its own: missed, it is escalated again
    instance.setVariable(IntakeProcess.Var.ALREADY_ESCALATED, false);
    ledger.reopen(caseNumber);
    ledger.recordEvent(caseNumber, key + ":REOPENED", "REOPENED", actor, what + outcome.label()
        + "原处理意见，交 " + organization.nameOf((String) execution.getVariable(HANDLING_UNIT)) + " 重新办理，办理时限至 "
        + due.toInstant().atZone(DeadlineService.CHINA).toLocalDate() + "。");
  }

  /** An approved extension moves the handling deadline; the reason is recorded for the petitioner (条例 第32条). */
  private void recordExtension(DelegateExecution execution, DelegateExecution instance, String caseNumber, String key) {
    boolean approved = "APPROVE".equals(execution.getVariable(EXTENSION_DECISION));
    int days = ((Number) execution.getVariable(EXTENSION_DAYS)).intValue();
    String comment = (String) execution.getVariable(APPROVAL_COMMENT);
    if (approved) {
      Date due = deadlines.extend(instance, DeadlineStage.HANDLING, days);
      // the total lives in the ledger: the limit is checked there, never against a variable a caller could set
      int total = ledger.grantExtension(caseNumber, PetitionLedger.Extension.HANDLING, key, "EXTENSION_GRANTED",
          JournalActor.of(execution), "延长办理期限 " + days + " 日，至 "
          + due.toInstant().atZone(DeadlineService.CHINA).toLocalDate() + "（累计延期 "
          + (ledger.extendedDays(caseNumber, PetitionLedger.Extension.HANDLING) + days) + " 日）。延期理由（告知信访人）："
          + execution.getVariable(EXTENSION_REASON) + "。审批意见：" + comment, days);
      instance.setVariable("extendedDays", total);
      instance.setVariable(EXTENSION_DECISION_LABEL, "同意延长 " + days + " 日");
    } else {
      instance.setVariable(EXTENSION_DECISION_LABEL, "不同意延期");
      ledger.recordEvent(caseNumber, key, "EXTENSION_REFUSED", JournalActor.of(execution), "延期申请未获批准：" + comment);
    }
    // the handler returns to the task to report, not to ask again
    instance.setVariable(HANDLING_ACTION, "REPORT");
  }

}
