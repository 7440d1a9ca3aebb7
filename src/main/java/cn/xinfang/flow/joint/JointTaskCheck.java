package cn.xinfang.flow.joint;

import static cn.xinfang.flow.joint.JointProcess.Var.*;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.organization.UnitKind;
import cn.xinfang.flow.system.TaskInput;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Checks the input of the screening and joint-investigation tasks. */
@Component("checkJointInput")
class JointTaskCheck implements TaskListener {

  private final OrganizationDirectory organization;
  private final JointLedger joint;

  JointTaskCheck(OrganizationDirectory organization, JointLedger joint) {
    this.organization = organization;
    this.joint = joint;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskInput in = new TaskInput(task);
    switch (task.getTaskDefinitionKey()) {
      case JointProcess.Element.FILE_SCREENING -> {
        if ("ENTRY".equals(in.choice(ACTION, "填报操作", Set.of("ENTRY", "ZERO")))) {
          in.text("entrySubject", "信访事项", 200);
          in.text("entryReason", "重要性说明", 2000);
          Object area = task.getVariable("entryAreaCode");
          if (!(area instanceof String a) || !organization.isAreaCode(a)) {
            in.problem("entryAreaCode", "请选择事发地");
          }
          Object number = task.getVariable("entryCaseNumber");
          if (number instanceof String n && !n.isBlank() && !n.strip().matches("XF-[0-9]{4}-[0-9]{6}")) {
            in.problem("entryCaseNumber", "信访件编号格式应为 XF-年份-6位序号（没有可留空）");
          }
        }
      }
      case JointProcess.Element.PROPOSE -> {
        if ("PROPOSE".equals(in.choice(PROPOSAL_DECISION, "拟办决定", Set.of("PROPOSE", "DECLINE")))) {
          in.text("investigationFocus", "调查重点", 2000);
        }
        in.text("proposalOpinion", "拟办意见", 2000);
      }
      case JointProcess.Element.APPROVE -> {
        in.choice(APPROVAL, "审批决定", Set.of("APPROVE", "REJECT", "RETURN"));
        in.text("approvalComment", "审批意见", 1000);
      }
      case JointProcess.Element.ASSIGN_MANUALLY -> {
        Object group = task.getVariable(GROUP);
        boolean known = group instanceof String g
            && organization.unit(g).map(u -> u.kind() == UnitKind.JOINT_GROUP).orElse(false);
        if (!known) {
          in.problem(GROUP, "请选择联查组");
        }
        in.text("assignmentReason", "指定理由", 1000);
        in.throwIfAny(task.getName());
        joint.assign((String) task.getVariable(JOINT_NUMBER), (String) group);
      }
      case JointProcess.Element.INVESTIGATE -> {
        in.choice(OUTCOME, "联查结果", Set.of("CASE_OPENED", "PETITION_CLOSED", "VERIFYING"));
        in.text(FINDINGS, "调查情况", 4000);
        amount(in, task.getVariable(MONEY), MONEY, "收缴违纪款");
        amount(in, task.getVariable(LOSSES), LOSSES, "挽回经济损失");
        Object contracts = task.getVariable(CONTRACTS);
        if (contracts != null) {
          in.number(CONTRACTS, "清理终止合同（份）", 0, 10000);
        }
      }
      case JointProcess.Element.SUPERVISE -> in.text("supervisionOpinion", "督办意见", 2000);
      case JointProcess.Element.REVIEW_SCREENING_SUMMARY -> {
        in.choice("screeningFollowUp", "后续安排", Set.of("NONE", "INTERVIEW_MISSING"));
        Object note = task.getVariable("screeningReviewNote");
        if (note instanceof String n && n.length() > 1000) {
          in.problem("screeningReviewNote", "阅知意见不超过 1000 字");
        }
      }
      default -> { }
    }
    in.throwIfAny(task.getName());
  }

  private static void amount(TaskInput in, Object value, String field, String label) {
    if (value != null && (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1e9)) {
      in.problem(field, label + "应为 0 至 10 亿元之间的金额");
    }
  }
}
