package cn.xinfang.flow.appraisal;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Charges the handling unit for the diagram's {@code appraisalReason}, once per case, reason and
 * current referral deadline.
 */
@Component("chargeAppraisal")
class ChargeAppraisalDelegate implements JavaDelegate {

  private final AppraisalLedger appraisal;

  ChargeAppraisalDelegate(AppraisalLedger appraisal) {
    this.appraisal = appraisal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reason = (String) execution.getVariable("appraisalReason");
    String unit = (String) execution.getVariable("handlingUnit");
    String caseNumber = execution.getProcessBusinessKey();
    Object due = execution.getVariable("referralDueAt");
    String deadline = due instanceof Date d ? String.valueOf(d.getTime()) : "-";
    appraisal.charge(caseNumber + ":" + unit + ":" + reason + ":" + deadline, unit, caseNumber, reason,
        appraisal.label(reason) + "（信访件 " + caseNumber + "）");
  }
}
