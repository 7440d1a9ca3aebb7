package cn.xinfang.flow.closure;

import cn.xinfang.flow.intake.IntakeProcess;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 查询是否已评价: a call-back is needed only while the case has no evaluation (one per case: the
 * petitioner may have evaluated on their own page) and no call-back of an earlier reply is still open.
 * The answer is local to this call-back's sub-process, so two replies do not overwrite each other.
 */
@Component("checkEvaluation")
class CheckEvaluationDelegate implements JavaDelegate {

  private final Evaluations evaluations;
  private final PetitionLedger ledger;
  private final TaskService tasks;

  CheckEvaluationDelegate(Evaluations evaluations, PetitionLedger ledger, TaskService tasks) {
    this.evaluations = evaluations;
    this.ledger = ledger;
    this.tasks = tasks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    var existing = evaluations.find(caseNumber);
    boolean open = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(IntakeProcess.Element.CALLBACK).count() > 0;
    execution.setVariableLocal(IntakeProcess.Var.CALLBACK_NEEDED, existing.isEmpty() && !open);
    if (existing.isPresent()) {
      ledger.recordEvent(caseNumber, "CALLBACK_SKIPPED:" + execution.getActivityInstanceId(), "CALLBACK_SKIPPED",
          PetitionLedger.SYSTEM, "无需回访：已有评价（" + existing.get().sourceLabel() + "：" + existing.get().resultLabel() + "）。");
    }
  }
}
