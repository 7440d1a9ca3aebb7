package cn.xinfang.flow.discipline;

import static cn.xinfang.flow.discipline.DisciplineLeadProcess.Var.*;

import cn.xinfang.flow.discipline.DisciplineLeadProcess.Disposal;
import cn.xinfang.flow.discipline.DisciplineLeadProcess.Element;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.TaskInput;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The server-side check of every discipline-lead task (complete listener: Tasklist, /engine-rest and
 * the Java API alike). Besides the fields, the recusal rule (回避): a lead is never routed to the unit
 * or the person reported on — not as handling unit, not as investigator — and nobody of that unit
 * completes the talk or the verification.
 */
@Component("checkLeadInput")
class DisciplineTaskCheck implements TaskListener {

  private final OrganizationDirectory organization;
  private final IdentityService identity;

  DisciplineTaskCheck(OrganizationDirectory organization, IdentityService identity) {
    this.organization = organization;
    this.identity = identity;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskInput in = new TaskInput(task);
    switch (task.getTaskDefinitionKey()) {
      case Element.ANALYSE -> analysis(task, in);
      case Element.APPROVE -> {
        String decision = in.choice(APPROVAL_DECISION, "审批意见", Set.of("APPROVE", "RETURN"));
        in.text(APPROVAL_COMMENT, "审批说明", 2000);
        if ("APPROVE".equals(decision)) {
          // the organization may have changed since the analysis: the recusal is checked again when approved
          recusal(task, in);
        }
      }
      case Element.INQUIRY -> {
        in.text(INQUIRY_RESPONSE, "被谈话（函询）人的说明情况", 4000);
        in.choice(INQUIRY_CONCLUSION, "谈话函询结论", DisciplineLeadProcess.INQUIRY_CONCLUSIONS.keySet());
        actorNotRecused(task, in);
      }
      case Element.VERIFY -> {
        in.text(REPORT, "初核情况报告", 8000);
        in.choice(FINDING, "初核结论", DisciplineLeadProcess.FINDINGS.keySet());
        actorNotRecused(task, in);
      }
      case Element.FEEDBACK -> {
        if (!Boolean.TRUE.equals(task.getVariable(APPROVED))) {
          in.problem(FEEDBACK_TEXT, "线索处置意见尚未经纪委领导批准，暂不能向检举人反馈：待审批后再反馈处理情况");
        }
        in.choice(FEEDBACK_METHOD, "反馈方式", Set.of("WRITTEN", "PHONE", "IN_PERSON"));
        in.text(FEEDBACK_TEXT, "反馈内容", 2000);
      }
      default -> { }
    }
    in.throwIfAny(task.getName());
  }

  private void analysis(DelegateTask task, TaskInput in) {
    in.text(REPORTED_PERSON, "被反映人", 100);
    in.text(REPORTED_UNIT, "被反映人所在单位", 64);
    in.text(ANALYSIS, "初查分析意见", 4000);
    Disposal disposal = Disposal.of(task.getVariable(DISPOSAL));
    if (disposal == null) {
      in.problem(DISPOSAL, "请选择处置方式（谈话函询、初步核实、暂存待查或予以了结）");
    } else if (disposal.needsInvestigators()) {
      in.text(LEAD_UNIT, "承办单位", 64);
      in.text(LEAD_INVESTIGATOR, "主办人", 64);
      in.text(SECOND_INVESTIGATOR, "协办人", 64);
      if (disposal == Disposal.TALK) {
        in.choice(INQUIRY_METHOD, "谈话或函询", Set.of("TALK", "LETTER"));
      } else {
        in.text(PLAN, "初步核实方案", 4000);
      }
      recusal(task, in);
    } else if (disposal == Disposal.PARK) {
      in.text(PARK_REASON, "暂存理由", 2000);
    } else {
      in.choice(CLOSE_REASON, "了结理由", DisciplineLeadProcess.CLOSE_REASONS.keySet());
      in.text(CLOSE_NOTE, "了结说明", 2000);
    }
  }

  /** 回避: neither the handling unit nor an investigator may be the unit or the person reported on. */
  private void recusal(DelegateTask task, TaskInput in) {
    Disposal disposal = Disposal.of(task.getVariable(DISPOSAL));
    if (disposal == null || !disposal.needsInvestigators()) {
      return;
    }
    String reportedUnit = str(task.getVariable(REPORTED_UNIT));
    String reportedPerson = str(task.getVariable(REPORTED_PERSON));
    String unit = str(task.getVariable(LEAD_UNIT));
    if (unit != null) {
      if (organization.unit(unit).isEmpty()) {
        in.problem(LEAD_UNIT, "承办单位「" + unit + "」不是本系统中的单位");
      } else if (unit.equals(reportedUnit)) {
        in.problem(LEAD_UNIT, "回避：承办单位「" + organization.nameOf(unit) + "」正是被反映单位，问题线索不得交由被反映单位办理，请另选承办单位");
      }
    }
    String first = str(task.getVariable(LEAD_INVESTIGATOR));
    String second = str(task.getVariable(SECOND_INVESTIGATOR));
    investigator(in, LEAD_INVESTIGATOR, "主办人", first, unit, reportedUnit, reportedPerson);
    investigator(in, SECOND_INVESTIGATOR, "协办人", second, unit, reportedUnit, reportedPerson);
    if (first != null && first.equals(second)) {
      in.problem(SECOND_INVESTIGATOR, "协办人不能与主办人是同一人：核查须两人以上进行");
    }
  }

  private void investigator(TaskInput in, String field, String label, String user, String unit, String reportedUnit,
      String reportedPerson) {
    if (user == null) {
      return;
    }
    if (identity.createUserQuery().userId(user).count() == 0) {
      in.problem(field, label + "「" + user + "」不是系统中的用户");
      return;
    }
    String name = organization.displayName(user);
    if (reportedUnit != null && organization.isMember(user, reportedUnit)) {
      in.problem(field, "回避：" + label + "「" + name + "」是被反映单位「" + organization.nameOf(reportedUnit)
          + "」的人员，不得参与核查，请另选" + label);
    } else if (reportedPerson != null && name != null && !name.isBlank() && reportedPerson.contains(name)) {
      in.problem(field, "回避：" + label + "「" + name + "」正是被反映人，不得参与核查，请另选" + label);
    } else if (unit != null && !organization.isMember(user, unit)) {
      in.problem(field, label + "「" + name + "」须为承办单位「" + organization.nameOf(unit) + "」的人员");
    }
  }

  /** Whoever completes a talk or a verification: not of the reported unit, not the reported person. */
  private void actorNotRecused(DelegateTask task, TaskInput in) {
    var auth = identity.getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return; // the engine itself (no person acting): nothing to recuse
    }
    String reportedUnit = str(task.getVariable(REPORTED_UNIT));
    String reportedPerson = str(task.getVariable(REPORTED_PERSON));
    String name = organization.displayName(auth.getUserId());
    if (reportedUnit != null && organization.isMember(auth.getUserId(), reportedUnit)) {
      in.problem(REPORTED_UNIT, "回避：您是被反映单位「" + organization.nameOf(reportedUnit) + "」的人员，不能办理本线索");
    } else if (reportedPerson != null && name != null && !name.isBlank() && reportedPerson.contains(name)) {
      in.problem(REPORTED_PERSON, "回避：您正是被反映人，不能办理本线索");
    }
  }

  private static String str(Object value) {
    return value instanceof String s && !s.isBlank() ? s.strip() : null;
  }
}
