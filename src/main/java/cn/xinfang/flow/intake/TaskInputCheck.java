package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
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

  private static final Set<String> DECISIONS = Set.of("HANDLE", "ASSIGN", "FORWARD", "REJECT");
  private static final Set<String> OUTCOMES = Set.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT");

  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;

  TaskInputCheck(OrganizationDirectory organization, DeadlineService deadlines) {
    this.organization = organization;
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    List<FieldProblem> problems = new ArrayList<>();
    Input in = new Input(task, problems);
    switch (task.getTaskDefinitionKey()) {
      case IntakeProcess.Element.ACCEPT -> {
        String decision = in.choice(ACCEPTANCE_DECISION, "受理意见", DECISIONS);
        if ("ASSIGN".equals(decision)) {
          Object unit = task.getVariable(HANDLING_UNIT);
          if (!(unit instanceof String u) || !u.startsWith("unit-") || !organization.canHandleCases(u)) {
            problems.add(new FieldProblem(HANDLING_UNIT, "请选择承办单位（组织机构中的部门或乡镇）"));
          }
        }
        if ("FORWARD".equals(decision)) {
          in.text(FORWARD_BODY, "转送机关", 100);
        }
        in.text(ACCEPTANCE_NOTE, "告知信访人内容", 2000);
      }
      case IntakeProcess.Element.HANDLE -> {
        String action = in.choice(HANDLING_ACTION, "办理操作", Set.of("REPORT", "EXTEND"));
        if ("EXTEND".equals(action)) {
          int used = task.getVariable("extendedDays") instanceof Number n ? n.intValue() : 0;
          int left = deadlines.maxExtensionDays() - used;
          if (left <= 0) {
            problems.add(new FieldProblem(HANDLING_ACTION, "本件已延期 " + used + " 日，达到延期上限，不能再申请延期"));
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
        in.choice(REVIEW_OUTCOME, "复查结论", Set.of("UPHOLD", "REVISE"));
        in.text(REVIEW_OPINION, "复查意见", 4000);
      }
      case IntakeProcess.Element.DECIDE_REREVIEW -> {
        in.choice(REREVIEW_OUTCOME, "复核结论", Set.of("UPHOLD", "REVISE"));
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
      default -> { }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("「" + task.getName() + "」填写不完整，任务未提交", problems);
    }
  }

  /** Reads and checks the task's variables, collecting every problem. */
  private record Input(DelegateTask task, List<FieldProblem> problems) {

    String choice(String name, String label, Set<String> allowed) {
      Object value = task.getVariable(name);
      if (value instanceof String s && allowed.contains(s)) {
        return s;
      }
      problems.add(new FieldProblem(name, "请选择" + label + (value == null ? "" : "（「" + value + "」不是可选项）")));
      return null;
    }

    void text(String name, String label, int max) {
      Object value = task.getVariable(name);
      if (!(value instanceof String s) || s.isBlank()) {
        problems.add(new FieldProblem(name, "请填写" + label));
      } else if (s.codePointCount(0, s.length()) > max) {
        problems.add(new FieldProblem(name, label + "过长：最多 " + max + " 字"));
      }
    }

    void number(String name, String label, int min, int max) {
      Object value = task.getVariable(name);
      if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
          || n.intValue() < min || n.intValue() > max) {
        problems.add(new FieldProblem(name, label + "应为 " + min + " 至 " + max + " 的整数"));
      }
    }
  }
}
