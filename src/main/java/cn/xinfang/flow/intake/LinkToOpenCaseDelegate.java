package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.intake.PetitionRequests.RequestType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A new registration by the same petitioner on the same matter as an open case: instead of a
 * parallel case, the open case gets a repeat visit (and its unit's leader comes on duty). Runs after
 * an async save point; if the open case closed in between, the job fails visibly as an incident.
 */
@Component("linkToOpenCase")
class LinkToOpenCaseDelegate implements JavaDelegate {

  private final PetitionRequests requests;

  LinkToOpenCaseDelegate(PetitionRequests requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String openCase = (String) execution.getVariable(LINKED_CASE_NUMBER);
    String note = "同一信访人就同一事项再次登记（新登记号 " + execution.getProcessBusinessKey() + "，"
        + execution.getVariable(CHANNEL_LABEL) + "）：" + execution.getVariable(CONTENT);
    requests.submit(openCase, RequestType.REPEAT_VISIT, note.length() > 2000 ? note.substring(0, 2000) : note);
  }
}
