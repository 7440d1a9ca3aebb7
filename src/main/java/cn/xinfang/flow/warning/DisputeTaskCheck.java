package cn.xinfang.flow.warning;

import static cn.xinfang.flow.warning.DisputeProcess.Var.*;

import cn.xinfang.flow.system.TaskInput;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Checks the input of the dispute table and the upward report before the task completes. */
@Component("checkDisputeInput")
class DisputeTaskCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    TaskInput in = new TaskInput(task);
    switch (task.getTaskDefinitionKey()) {
      case DisputeProcess.Element.FILL -> {
        if ("ENTRY".equals(in.choice(ACTION, "填报操作", Set.of("ENTRY", "ZERO")))) {
          in.text(SUBJECT, "矛盾纠纷事项", 500);
          in.text(PARTIES, "涉及当事人或群体", 500);
          in.number(HEADCOUNT, "涉及人数", 1, 99999);
          in.choice(RISK, "风险等级", Set.of("HIGH", "MEDIUM", "LOW"));
          in.text(OWNER_LEADER, "包案领导", 100);
          in.text(OPINION, "处理意见", 2000);
        }
      }
      case DisputeProcess.Element.REPORT_UPWARD -> {
        in.text(REPORT_TO, "上报单位", 200);
        in.optionalText(REPORT_NOTE, "上报说明", 2000);
      }
      default -> { }
    }
    in.throwIfAny(task.getName());
  }
}
