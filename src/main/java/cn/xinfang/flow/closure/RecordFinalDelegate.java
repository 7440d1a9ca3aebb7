package cn.xinfang.flow.closure;

import cn.xinfang.flow.intake.IntakeProcess;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 记录终结 (三级终结): every way into the archive of petition-intake is a final case — 复核 upheld, or
 * the 复查/复核 request window closed unused (the timers on the diagram). The ledger keeps when and
 * why; the journal says so once per case. Safe to run twice: the first time and basis stay.
 */
@Component("recordFinal")
class RecordFinalDelegate implements JavaDelegate {

  private final ClosureLedger closure;
  private final PetitionLedger ledger;

  RecordFinalDelegate(ClosureLedger closure, PetitionLedger ledger) {
    this.closure = closure;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    FinalBasis basis = FinalBasis.after(execution.getVariable(IntakeProcess.Var.LAST_REVIEW_STEP));
    closure.recordFinal(caseNumber, basis);
    execution.getProcessInstance().setVariable(IntakeProcess.Var.FINAL_BASIS, basis.name());
    ledger.recordEvent(caseNumber, "FINAL", "FINAL", JournalActor.of(execution), "信访事项终结：" + basis.label()
        + "。信访人仍以同一事实和理由提出信访的，不再受理（《信访工作条例》第三十五条）。");
  }
}
