package cn.xinfang.flow.petition;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 结案: on a terminate end event ({@code <camunda:executionListener delegateExpression="${closeCase}"
 * event="start"/>}), writes in the journal how the instance ended and which open tasks the end
 * cancels (a 督办 still open when the case is archived), so nobody wonders where that work went. The
 * terminate end event itself then cancels every task, timer and message subscription of the
 * instance and of the instances it called. Once per instance and end event.
 */
@Component("closeCase")
class CaseClosure implements ExecutionListener {

  private final PetitionLedger ledger;
  private final TaskService tasks;
  private final RuntimeService runtime;

  CaseClosure(PetitionLedger ledger, TaskService tasks, RuntimeService runtime) {
    this.ledger = ledger;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    if (caseNumber == null) {
      return;
    }
    List<String> open = new ArrayList<>();
    for (String instanceId : withCalledInstances(execution.getProcessInstanceId())) {
      for (Task task : tasks.createTaskQuery().processInstanceId(instanceId).list()) {
        open.add(task.getName());
      }
    }
    String end = execution.getCurrentActivityName();
    String detail = "流程结束（" + end + "）" + (open.isEmpty() ? "，无未办事项。" : "，撤销仍在办的：" + String.join("、", open) + "。");
    ledger.recordEvent(caseNumber, "CLOSED:" + execution.getProcessDefinitionId().split(":")[0] + ":"
        + execution.getProcessInstanceId(), "CLOSED", PetitionLedger.SYSTEM, detail);
  }

  private List<String> withCalledInstances(String instanceId) {
    List<String> ids = new ArrayList<>(List.of(instanceId));
    for (int i = 0; i < ids.size(); i++) {
      for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()) {
        ids.add(called.getId());
      }
    }
    return ids;
  }
}
