package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.system.VariableWrites;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Prepares what a task shows before anyone opens it. The case number, subject, petitioner and deadline are
 * copied onto the task itself: Tasklist's task cards show them, and a clerk may read a task's own
 * variables without being allowed to read the whole case. The unit name is resolved for the summary.
 */
@Component("caseSummary")
class CaseSummaryListener implements TaskListener {

  private final OrganizationDirectory organization;

  CaseSummaryListener(OrganizationDirectory organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    Object unit = task.getVariable(HANDLING_UNIT);
    if (IntakeProcess.Element.ACCEPT.equals(task.getTaskDefinitionKey())) {
      // before acceptance the unit is only triage's suggestion
      VariableWrites.setIfChanged(task, SUGGESTED_UNIT_NAME, unit instanceof String u ? organization.nameOf(u) : "（无建议）");
      VariableWrites.setIfChanged(task, HANDLING_UNIT_NAME, "（待分办）");
      // kept to tell the suggestion from a unit the caller sent (a unit's own case must stay with it)
      task.setVariableLocal(SUGGESTED_UNIT, unit);
    } else if (unit instanceof String u && !IntakeProcess.Element.SUPERVISE_ACCEPTANCE.equals(task.getTaskDefinitionKey())) {
      // each task of the case resolves it again; the name is written only when the unit changed. Not the supervision
      // of an overdue acceptance: the case is still unaccepted, the unit only triage's suggestion (（待分办） stays)
      VariableWrites.setIfChanged(task, HANDLING_UNIT_NAME, organization.nameOf(u));
    }
    for (String name : new String[] {CASE_NUMBER, SUBJECT, DeadlineService.CURRENT_DUE_LABEL}) {
      task.setVariableLocal(name, task.getVariable(name));
    }
    // the task card shows the petitioner as everyone may see them (masked for a discipline reporter)
    if (task.getVariable(PETITIONER_DISPLAY) instanceof String shown) {
      task.setVariableLocal(PETITIONER_DISPLAY, shown);
    }
    if (IntakeProcess.Element.SEND_REPLY.equals(task.getTaskDefinitionKey()) && task.getDueDate() != null) {
      // the reply's own deadline, not the handling unit's 调查处理时限 the case carried until now
      task.setVariableLocal(DeadlineService.CURRENT_DUE_LABEL, DeadlineService.replyLabel(task.getDueDate(),
          Boolean.TRUE.equals(task.getVariable(DeadlineStage.HANDLING.provisionalVariable()))));
    }
  }
}
