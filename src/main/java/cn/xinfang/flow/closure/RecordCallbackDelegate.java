package cn.xinfang.flow.closure;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 记录回访评价: stores the call-back's evaluation in {@code xf_evaluation} with the handling unit, unless
 * the case has one already — the petitioner may have evaluated on their own page while the task was
 * open; theirs stands and the call-back only goes into the journal. Only an evaluation this call-back
 * stored as 不满意 is reported to the office ({@code callbackUnsatisfied}, local to the sub-process).
 */
@Component("recordCallback")
class RecordCallbackDelegate implements JavaDelegate {

  private final Evaluations evaluations;
  private final PetitionLedger ledger;

  RecordCallbackDelegate(Evaluations evaluations, PetitionLedger ledger) {
    this.evaluations = evaluations;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    String result = (String) execution.getVariable(CALLBACK_RESULT);
    String comment = (String) execution.getVariable(CALLBACK_COMMENT);
    String actor = JournalActor.of(execution);
    boolean stored = evaluations.recordIfAbsent(caseNumber, Evaluations.CALLBACK, result, comment,
        (String) execution.getVariable(HANDLING_UNIT), actor);
    String detail = "电话回访：" + EvaluationResult.labelOf(result) + "。" + comment;
    if (!stored) {
      Evaluations.Evaluation kept = evaluations.find(caseNumber).orElseThrow();
      detail += "（" + kept.sourceLabel() + "已于 " + kept.recordedAt().atZone(DeadlineService.CHINA).toLocalDate()
          + " 评价为「" + kept.resultLabel() + "」，以该评价为准，回访结果未覆盖）";
    }
    ledger.recordEvent(caseNumber, "CALLBACK:" + execution.getActivityInstanceId(), "CALLBACK", actor, detail);
    execution.setVariableLocal(CALLBACK_UNSATISFIED, stored && EvaluationResult.UNSATISFIED.name().equals(result));
  }
}
