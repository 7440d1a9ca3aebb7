package cn.xinfang.flow.joint;

import cn.xinfang.flow.petition.JournalActor;
import static cn.xinfang.flow.joint.JointProcess.Var.*;

import cn.xinfang.flow.appraisal.AppraisalLedger;
import cn.xinfang.flow.petition.PetitionLedger;
import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Writes the joint investigation's steps ({@code step} input): not taken up, rejected, and the outcome
 * (立案 / 结案 / 正核, amounts recovered), which goes back to the petition case's journal and earns the
 * group its on-time point.
 */
@Component("recordJointStep")
class RecordJointStepDelegate implements JavaDelegate {

  static final Map<String, String> OUTCOMES = Map.of("CASE_OPENED", "立案审查", "PETITION_CLOSED", "信访件了结",
      "VERIFYING", "正在核实");

  private final JointLedger joint;
  private final PetitionLedger ledger;
  private final AppraisalLedger appraisal;

  RecordJointStepDelegate(JointLedger joint, PetitionLedger ledger, AppraisalLedger appraisal) {
    this.joint = joint;
    this.ledger = ledger;
    this.appraisal = appraisal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String jointNumber = (String) execution.getVariable(JOINT_NUMBER);
    String caseNumber = execution.getProcessBusinessKey();
    boolean petition = caseNumber.startsWith("XF-");
    switch ((String) execution.getVariable("step")) {
      case "DECLINE" -> joint.status(jointNumber, "DECLINED");
      case "REJECT" -> joint.status(jointNumber, "REJECTED");
      case "OUTCOME" -> {
        String outcome = (String) execution.getVariable(OUTCOME);
        String group = (String) execution.getVariable(GROUP);
        Date due = (Date) execution.getVariable("jointInvestigationDueAt");
        boolean onTime = due == null || !ClockUtil.getCurrentTime().after(due);
        joint.conclude(jointNumber, outcome, amount(execution.getVariable(MONEY)), amount(execution.getVariable(LOSSES)),
            execution.getVariable(CONTRACTS) instanceof Number n ? n.intValue() : 0, onTime);
        if (onTime) {
          appraisal.charge(jointNumber + ":" + group + ":JOINT_ON_TIME", group, caseNumber, "JOINT_ON_TIME",
              "联查件 " + jointNumber + " 按期查结");
        }
        if (petition) {
          ledger.recordEvent(caseNumber, "JOINT_CONCLUDED:" + jointNumber, "JOINT_CONCLUDED", JournalActor.of(execution),
              "联查结果（" + jointNumber + "）：" + OUTCOMES.getOrDefault(outcome, outcome) + "。" + execution.getVariable(FINDINGS));
        }
      }
      default -> throw new IllegalArgumentException("未知的联查环节 step: " + execution.getVariable("step"));
    }
  }

  private static BigDecimal amount(Object value) {
    return value instanceof Number n ? new BigDecimal(n.toString()).setScale(2, java.math.RoundingMode.HALF_UP)
        : BigDecimal.ZERO;
  }
}
