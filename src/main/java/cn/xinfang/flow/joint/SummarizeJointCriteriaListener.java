package cn.xinfang.flow.joint;

import static cn.xinfang.flow.joint.JointProcess.Var.*;

import java.util.Collection;
import java.util.LinkedHashSet;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** After the criteria table: which of the eight criteria hold, for the forms, the gateway and the ledger. */
@Component("summarizeJointCriteria")
class SummarizeJointCriteriaListener implements ExecutionListener {

  private final JointLedger joint;

  SummarizeJointCriteriaListener(JointLedger joint) {
    this.joint = joint;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object result = execution.getVariable(CRITERIA_RESULT);
    // two rows may name the same criterion (a collective visit is criterion 2 by itself)
    LinkedHashSet<String> labels = new LinkedHashSet<>();
    if (result instanceof Collection<?> list) {
      list.forEach(l -> labels.add(String.valueOf(l)));
    }
    String joined = labels.isEmpty() ? "（不符合联查条件）" : String.join("；", labels);
    execution.setVariable(CRITERIA_LABELS, joined);
    execution.setVariable(QUALIFIES, !labels.isEmpty());
    execution.removeVariable(CRITERIA_RESULT);
    joint.criteria((String) execution.getVariable(JOINT_NUMBER), joined, !labels.isEmpty());
  }
}
