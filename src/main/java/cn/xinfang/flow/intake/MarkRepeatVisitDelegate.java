package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A repeat visit on an open case: counts it, marks the case as repeat and names the leader who must
 * come on duty (主要领导值班): the handling unit's head, or the petition office's head before the case
 * is assigned. If that leader is already on duty for the case, the visit is only recorded.
 */
@Component("markRepeatVisit")
class MarkRepeatVisitDelegate implements JavaDelegate {

  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final TaskService tasks;

  MarkRepeatVisitDelegate(PetitionLedger ledger, OrganizationDirectory organization, TaskService tasks) {
    this.ledger = ledger;
    this.organization = organization;
    this.tasks = tasks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    // the event sub-process instance is the visit: one count per visit, even if this runs again
    int count = ledger.countRepeatVisit(caseNumber, execution.getParentActivityInstanceId(), null,
        (String) execution.getVariable(REPEAT_VISIT_NOTE));
    // until the office has accepted and assigned the case, handlingUnit is only the triage suggestion
    boolean assigned = execution.getVariable(ACCEPTANCE_DECISION) != null;
    String unit = assigned && execution.getVariable(HANDLING_UNIT) instanceof String u ? u : OrganizationDirectory.PETITION_OFFICE;
    DelegateExecution instance = execution.getProcessInstance();
    instance.setVariable(REPEAT_VISIT, true);
    instance.setVariable(REPEAT_COUNT, count);
    // local to this visit's sub-process: two visits in a row do not overwrite each other
    execution.setVariableLocal(DUTY_GROUP, unit);
    execution.setVariableLocal(DUTY_LEADER, organization.headOf(unit));
    execution.setVariableLocal(DUTY_ALREADY_OPEN, tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(IntakeProcess.Element.LEADER_ON_DUTY).count() > 0);
  }
}
