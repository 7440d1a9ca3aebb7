package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Prepares what a task shows before anyone opens it. The case number, subject and deadline are
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
      task.setVariable("suggestedUnitName", unit instanceof String u ? organization.nameOf(u) : "（无建议）");
      task.setVariable(HANDLING_UNIT_NAME, "（待分办）");
    } else if (unit instanceof String u) {
      task.setVariable(HANDLING_UNIT_NAME, organization.nameOf(u));
    }
    for (String name : new String[] {CASE_NUMBER, SUBJECT, DeadlineService.CURRENT_DUE_LABEL}) {
      task.setVariableLocal(name, task.getVariable(name));
    }
  }
}
