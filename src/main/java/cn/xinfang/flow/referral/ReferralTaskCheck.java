package cn.xinfang.flow.referral;

import static cn.xinfang.flow.referral.ReferralProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.TaskInput;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Checks what the referral's tasks are completed with; a refused completion leaves the task as it was. */
@Component("checkReferralInput")
class ReferralTaskCheck implements TaskListener {

  private static final Set<String> OUTCOMES = Set.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT");

  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;
  private final PetitionLedger ledger;

  ReferralTaskCheck(OrganizationDirectory organization, DeadlineService deadlines, PetitionLedger ledger) {
    this.ledger = ledger;
    this.organization = organization;
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskInput in = new TaskInput(task);
    switch (task.getTaskDefinitionKey()) {
      case ReferralProcess.Element.INVESTIGATE -> {
        String action = in.choice(ACTION, "办理操作", Set.of("REPORT", "OBJECT", "EXTEND"));
        if ("REPORT".equals(action)) {
          in.choice(REPORT_OUTCOME, "处理意见", OUTCOMES);
          in.text(REPORT_FACTS, "查明事实", 4000);
          in.text(REPORT_REASONS, "处理意见及依据", 4000);
        } else if ("OBJECT".equals(action)) {
          in.text(OBJECTION_REASON, "异议理由", 1000);
          Object until = task.getVariable(DeadlineStage.OBJECTION.dueVariable());
          if (until instanceof Date d && ClockUtil.getCurrentTime().after(d)) {
            in.problem(ACTION, "异议期已过（截至 " + IssueReferralLetterDelegate.day(d) + "），请调查处理并报告结果，或申请延期");
          }
        } else if ("EXTEND".equals(action)) {
          // counted in the ledger, out of reach of whoever holds the task
          int used = ledger.totalExtendedDays(task.getExecution().getProcessBusinessKey());
          int left = deadlines.maxExtensionDays() - used;
          if (left <= 0) {
            in.problem(ACTION, "本件已延期 " + used + " 日，达到延期上限，不能再申请延期");
          } else {
            in.number(EXTENSION_DAYS, "申请延长天数", 1, left);
          }
          in.text(EXTENSION_REASON, "延期理由", 1000);
        }
      }
      case ReferralProcess.Element.REROUTE -> {
        String decision = in.choice(REROUTE_DECISION, "异议处理", Set.of("REASSIGN", "KEEP", "RETURN_UP"));
        if ("RETURN_UP".equals(decision) && task.getVariable("exchangePartner") == null) {
          // only a case assigned to us by an office above (交办) has somewhere to go back to
          in.problem(REROUTE_DECISION, "本件不是上级交办件，不能退回上级；请改交其他单位或维持原承办单位");
        }
        if ("REASSIGN".equals(decision)) {
          Object unit = task.getVariable("handlingUnit");
          if (!(unit instanceof String u) || !u.startsWith("unit-") || !organization.canHandleCases(u)) {
            in.problem("handlingUnit", "请选择新的承办单位（组织机构中的部门或乡镇）");
          } else if (u.equals(task.getVariable(REFERRED_UNIT))) {
            in.problem("handlingUnit", "新的承办单位与提出异议的单位相同；如维持原单位，请选择「维持原承办单位」");
          }
        }
        in.text(REROUTE_NOTE, "说明", 1000);
      }
      case ReferralProcess.Element.DECIDE_EXTENSION -> {
        in.choice(EXTENSION_DECISION, "审批决定", Set.of("APPROVE", "REFUSE"));
        in.text(EXTENSION_COMMENT, "审批意见", 1000);
      }
      case ReferralProcess.Element.REVIEW_REPORT -> {
        if ("RETURN".equals(in.choice(REVIEW_DECISION, "审结意见", Set.of("FILE", "RETURN")))) {
          in.text(RETURN_REASON, "退回原因", 1000);
          in.number(RETURN_DAYS, "重查期限（日）", 1, 30);
        }
      }
      case ReferralProcess.Element.SUPERVISE -> {
        in.choice(OVERDUE_JUSTIFIED, "逾期认定", Set.of("JUSTIFIED", "UNJUSTIFIED"));
        in.choice("supervisionMeasure", "督办措施", Set.of("URGE", "LETTER", "INTERVIEW"));
        in.text("supervisionOpinion", "督办意见", 2000);
      }
      case ReferralProcess.Element.LEADER_ESCALATION -> in.text("leaderInstruction", "领导批示", 2000);
      default -> { }
    }
    in.throwIfAny(task.getName());
  }
}
