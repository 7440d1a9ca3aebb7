package cn.xinfang.flow.ownership;

import static cn.xinfang.flow.ownership.OwnershipProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlinePolicy;
import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.system.TaskInput;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Checks the ownership tasks' input. A leader cannot sign a case off (包案销号) while the petition
 * itself is still being handled: only a replied or closed case can be signed off.
 */
@Component("checkOwnershipInput")
class OwnershipTaskCheck implements TaskListener {

  private final PetitionLedger ledger;
  private final DeadlinePolicy policy;

  OwnershipTaskCheck(PetitionLedger ledger, DeadlinePolicy policy) {
    this.ledger = ledger;
    this.policy = policy;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskInput in = new TaskInput(task);
    switch (task.getTaskDefinitionKey()) {
      case OwnershipProcess.Element.DEFINE -> {
        String person = in.text(RESPONSIBLE, "调处责任人", 64);
        if (person != null && !isCandidate(task, person)) {
          in.problem(RESPONSIBLE, "调处责任人须从承办单位或信访室人员中选择");
        }
        in.text(PLAN, "调处方案", 4000);
        deadline(in, task.getVariable(DEADLINE), DEADLINE, true);
      }
      case OwnershipProcess.Element.REPORT -> in.text(PROGRESS, "调处进展", 4000);
      case OwnershipProcess.Element.READ -> {
        String decision = in.choice(DECISION, "阅示决定", Set.of("CONTINUE", "ADJUST", "SIGN_OFF"));
        in.text(COMMENT, "阅示意见", 2000);
        if ("ADJUST".equals(decision)) {
          in.optionalText(NEW_PLAN, "调整后的调处方案", 4000);
          deadline(in, task.getVariable(NEW_DEADLINE), NEW_DEADLINE, false);
        }
        if ("SIGN_OFF".equals(decision)) {
          PetitionStatus status = ledger.find(task.getExecution().getProcessBusinessKey()).orElseThrow().status();
          if (status == PetitionStatus.OPEN) {
            in.problem(DECISION, "信访事项尚未办结（" + status.label() + "），不能包案销号：待答复信访人后再销号");
          }
        }
      }
      case OwnershipProcess.Element.ESCALATE -> in.text("escalationInstruction", "督办意见", 2000);
      default -> { }
    }
    in.throwIfAny(task.getName());
  }

  /** A date the leader fixes: after today and within the policy's longest ownership period. */
  private void deadline(TaskInput in, Object value, String field, boolean required) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        in.problem(field, "请选择调处时限");
      }
      return;
    }
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(DeadlineService.CHINA).toLocalDate();
    int max = policy.rule(DeadlineStage.OWNERSHIP_MAX).amount();
    try {
      LocalDate date = LocalDate.parse(String.valueOf(value).substring(0, Math.min(10, String.valueOf(value).length())));
      if (!date.isAfter(today) || date.isAfter(today.plusDays(max))) {
        in.problem(field, "调处时限须晚于今天，且不超过 " + max + " 日（" + today.plusDays(max) + " 前）");
      }
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      in.problem(field, "调处时限日期格式应为 YYYY-MM-DD");
    }
  }

  private static boolean isCandidate(DelegateTask task, String person) {
    Object candidates = task.getVariable(RESPONSIBLE_CANDIDATES);
    if (candidates instanceof SpinJsonNode json) {
      return json.elements().stream().anyMatch(e -> person.equals(e.prop("value").stringValue()));
    }
    return false;
  }
}
