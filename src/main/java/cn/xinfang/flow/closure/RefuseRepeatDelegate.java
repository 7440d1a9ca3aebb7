package cn.xinfang.flow.closure;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.notification.NotificationService;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.JournalActor;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 告知不再受理: a new petition repeats a case that is already final (条例 第35条末款). The case is
 * closed as not accepted, the journal keeps the notice to the petitioner, and the office gets a notice
 * to deliver it. Registration has already counted the repeat on the final case. Once per case.
 */
@Component("refuseRepeat")
class RefuseRepeatDelegate implements JavaDelegate {

  private final PetitionLedger ledger;
  private final ClosureLedger closure;
  private final NotificationService notifications;

  RefuseRepeatDelegate(PetitionLedger ledger, ClosureLedger closure, NotificationService notifications) {
    this.ledger = ledger;
    this.closure = closure;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = execution.getProcessBusinessKey();
    String original = (String) execution.getVariable(REPEAT_OF_CASE);
    ClosureLedger.Closure finalCase = closure.closure(original).orElseThrow(
        () -> new IllegalStateException("重复信访所指的原信访件 " + original + " 不在台账中"));
    String when = finalCase.finalAt() == null ? "" : "于 " + finalCase.finalAt().atZone(DeadlineService.CHINA).toLocalDate() + " ";
    String notice = "您反映的「" + execution.getVariable(SUBJECT) + "」事项，已" + when + "办理终结（信访件 " + original + "，"
        + finalCase.finalBasisLabel() + "）。依据《信访工作条例》第三十五条，信访人仍以同一事实和理由提出信访的，不再受理。";
    ledger.close(caseNumber, PetitionStatus.REJECTED);
    execution.getProcessInstance().setVariable(ACCEPTANCE_NOTE, notice);
    ledger.recordEvent(caseNumber, "NOT_REACCEPTED", "NOT_REACCEPTED", JournalActor.of(execution),
        "重复信访已终结事项 " + original + "，不再受理。告知信访人：" + notice);
    notifications.notifyGroup("NOT_REACCEPTED:" + caseNumber, OrganizationDirectory.PETITION_OFFICE, caseNumber,
        "NOT_REACCEPTED", "信访件 " + caseNumber + " 是已终结事项 " + original + " 的重复信访，系统已登记不再受理，"
            + "请将不再受理告知送达信访人：" + notice);
  }
}
