package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.TaskInput;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks what a user task is completed with, whatever sent it (Tasklist form, REST, API). The forms
 * check the same rules in the browser; this is the check that cannot be bypassed. A refused
 * completion leaves the task open with everything as it was.
 */
@Component("checkTaskInput")
class TaskInputCheck implements TaskListener {

  private static final Set<String> DECISIONS = Set.of("HANDLE", "ASSIGN", "REFER", "FORWARD", "REJECT");
  private static final Set<String> UNIT_DECISIONS = Set.of("HANDLE", "ESCALATE");
  private static final Set<String> OUTCOMES = Set.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT");

  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;
  private final org.camunda.bpm.engine.IdentityService identity;
  private final PetitionLedger ledger;

  TaskInputCheck(OrganizationDirectory organization, DeadlineService deadlines,
      org.camunda.bpm.engine.IdentityService identity, PetitionLedger ledger) {
    this.organization = organization;
    this.deadlines = deadlines;
    this.identity = identity;
    this.ledger = ledger;
  }

  /**
   * 单位首问: the registering unit handles its case itself or sends it up to the office; it neither hands it
   * to another unit nor forwards or refers it (those are the office's decisions). The handling unit is
   * its own, whatever was sent.
   */
  private void checkUnitAcceptance(DelegateTask task, TaskInput in, String unit) {
    String decision = in.choice(ACCEPTANCE_DECISION, "受理意见", UNIT_DECISIONS);
    if (decision == null && DECISIONS.contains(task.getVariable(ACCEPTANCE_DECISION))) {
      in.problem(ACCEPTANCE_DECISION, "单位首问件只能选择“本机关直接办理”（由本单位办理）或“报县信访局”：交办、转办、转送和不予受理由县信访局决定");
    }
    // the acceptance task keeps triage's suggestion as it was at creation: any other unit was sent by the caller
    Object chosen = task.getVariable(HANDLING_UNIT);
    if (chosen != null && !unit.equals(chosen) && !chosen.equals(task.getVariableLocal(SUGGESTED_UNIT))) {
      in.problem(HANDLING_UNIT, "承办单位只能是本单位（" + organization.nameOf(unit) + "），不能交由其他单位办理；"
          + "本单位不能解决的，请选择“报县信访局”");
    }
    if ("HANDLE".equals(decision)) {
      in.text(ACCEPTANCE_NOTE, "告知信访人内容", 2000);
    } else if ("ESCALATE".equals(decision)) {
      in.text(ESCALATION_REASON, "报县信访局理由", 1000);
    }
  }

  @Override
  public void notify(DelegateTask task) {
    TaskInput in = new TaskInput(task);
    switch (task.getTaskDefinitionKey()) {
      case IntakeProcess.Element.ACCEPT -> {
        Object acceptanceGroup = task.getVariable(ACCEPTANCE_GROUP);
        if (acceptanceGroup instanceof String unit && !OrganizationDirectory.PETITION_OFFICE.equals(unit)) {
          checkUnitAcceptance(task, in, unit);
          break;
        }
        String decision = in.choice(ACCEPTANCE_DECISION, "受理意见", DECISIONS);
        if ("ASSIGN".equals(decision) || "REFER".equals(decision)) {
          Object unit = task.getVariable(HANDLING_UNIT);
          if (!(unit instanceof String u) || !u.startsWith("unit-") || !organization.canHandleCases(u)) {
            in.problem(HANDLING_UNIT, "请选择承办单位（组织机构中的部门或乡镇）");
          }
        }
        if ("ASSIGN".equals(decision) && Boolean.TRUE.equals(task.getVariable(IntakeProcess.Var.CONFIDENTIAL))) {
          // a discipline report becomes a lead of the commission (discipline-lead); a unit could be the one reported on
          in.problem(ACCEPTANCE_DECISION, "检举控告件不交办给承办单位：请选择“办理”，由县纪委按问题线索处置（不得交由被反映单位办理）");
        }
        if ("FORWARD".equals(decision)) {
          in.text(FORWARD_BODY, "转送机关", 100);
        }
        in.text(ACCEPTANCE_NOTE, "告知信访人内容", 2000);
      }
      case IntakeProcess.Element.HANDLE -> {
        String action = in.choice(HANDLING_ACTION, "办理操作", Set.of("REPORT", "EXTEND"));
        if ("EXTEND".equals(action)) {
          // the count comes from the ledger: a variable could have been rewritten by whoever holds a task
          int used = ledger.totalExtendedDays(task.getExecution().getProcessBusinessKey());
          int left = deadlines.maxExtensionDays() - used;
          if (left <= 0) {
            in.problem(HANDLING_ACTION, "本件已延期 " + used + " 日，达到延期上限，不能再申请延期");
          } else {
            in.number(EXTENSION_DAYS, "申请延长天数", 1, left);
          }
          in.text(EXTENSION_REASON, "延期理由", 1000);
        } else if ("REPORT".equals(action)) {
          in.choice(OUTCOME, "处理意见", OUTCOMES);
          in.text(FACTS, "查明事实", 4000);
          in.text(REASONS, "处理意见及依据", 4000);
        }
      }
      case IntakeProcess.Element.APPROVE_EXTENSION -> {
        in.choice(EXTENSION_DECISION, "审批意见", Set.of("APPROVE", "REFUSE"));
        in.text(APPROVAL_COMMENT, "审批说明", 1000);
      }
      case IntakeProcess.Element.SEND_REPLY -> {
        String decision = in.choice(REPLY_DECISION, "审核意见", Set.of("SEND", "RETURN"));
        if ("SEND".equals(decision)) {
          in.choice(REPLY_METHOD, "答复方式", Set.of("WRITTEN", "PHONE", "VISIT"));
          in.text(REPLY_TEXT, "答复内容", 4000);
        } else if ("RETURN".equals(decision)) {
          in.text(RETURN_REASON, "退回原因", 1000);
        }
      }
      case IntakeProcess.Element.DECIDE_REVIEW -> {
        in.choice(REVIEW_OUTCOME, "复查结论", IntakeProcess.ReviewOutcome.VALUES);
        in.text(REVIEW_OPINION, "复查意见", 4000);
      }
      case IntakeProcess.Element.DECIDE_REREVIEW -> {
        in.choice(REREVIEW_OUTCOME, "复核结论", IntakeProcess.ReviewOutcome.VALUES);
        in.text(REREVIEW_OPINION, "复核意见", 4000);
      }
      case IntakeProcess.Element.SUPERVISE_ACCEPTANCE, IntakeProcess.Element.SUPERVISE_HANDLING -> {
        in.choice("supervisionMeasure", "督办措施", Set.of("URGE", "LETTER", "INTERVIEW"));
        in.text("supervisionOpinion", "督办意见", 2000);
      }
      case IntakeProcess.Element.LEADER_ON_DUTY -> {
        in.choice("dutyResult", "协调结果", Set.of("SETTLED", "STABILIZED"));
        in.text("coordinationRecord", "协调处理记录", 4000);
      }
      case IntakeProcess.Element.CALLBACK -> {
        in.choice(CALLBACK_RESULT, "回访评价", cn.xinfang.flow.closure.EvaluationResult.VALUES);
        in.text(CALLBACK_COMMENT, "回访情况", 1000);
      }
      default -> { }
    }
    in.throwIfAny(task.getName());
    // who decided, for the ledger's journal
    var auth = identity.getCurrentAuthentication();
    task.setVariable("completedBy", auth != null ? auth.getUserId() : task.getAssignee());
  }
}
