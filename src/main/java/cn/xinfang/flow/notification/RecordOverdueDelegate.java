package cn.xinfang.flow.notification;

import cn.xinfang.flow.appraisal.AppraisalLedger;
import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.petition.PetitionLedger;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 逾期: records that a stage missed its deadline, notifies the escalation group and, where the diagram
 * names an {@code appraisalReason}, charges the handling unit. Sets
 * {@code alreadyEscalated} for diagrams that escalate once per deadline: a task re-entered
 * after its deadline passed finds this deadline already escalated and does not escalate again.
 */
@Component("recordOverdue")
class RecordOverdueDelegate implements JavaDelegate {

  private final NotificationService notifications;
  private final PetitionLedger ledger;
  private final AppraisalLedger appraisal;

  RecordOverdueDelegate(NotificationService notifications, PetitionLedger ledger, AppraisalLedger appraisal) {
    this.notifications = notifications;
    this.ledger = ledger;
    this.appraisal = appraisal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeadlineStage stage = DeadlineStage.of(execution.getVariable("deadlineStage"));
    String group = (String) execution.getVariable("notifyGroup");
    String caseNumber = execution.getProcessBusinessKey();
    if (!(execution.getVariable(stage.dueVariable()) instanceof Date)) {
      // the task was completed between the timer and this step, and its deadline forgotten: nothing is overdue
      execution.getProcessInstance().setVariable("alreadyEscalated", true);
      return;
    }
    String dueText = SendReminderDelegate.format((Date) execution.getVariable(stage.dueVariable()));
    // a deadline shared by several parties (each unit's monthly screening) is escalated once per party
    String scope = execution.getVariable("escalationScope") instanceof String s ? s : null;
    String key = "OVERDUE:" + stage + (scope != null ? ":" + scope : "") + ":" + dueText;
    String message = "信访件 " + caseNumber + " 的" + stage.label() + "已超过时限（" + dueText + "），请督办。";
    boolean first = ledger.recordEvent(caseNumber, key, "OVERDUE", PetitionLedger.SYSTEM, message);
    Object reason = execution.getVariable("appraisalReason");
    if (first && reason instanceof String r) {
      // 逾期计分, once for this deadline; the unit charged: the diagram may name it (a joint group), else the case's handling unit
      String unit = execution.getVariable("appraisalUnit") instanceof String u ? u
          : (String) execution.getVariable("handlingUnit");
      appraisal.charge(caseNumber + ":" + unit + ":" + r + ":" + ((Date) execution.getVariable(stage.dueVariable())).getTime(),
          unit, caseNumber, r, stage.label() + "逾期（时限 " + dueText + "）");
    }
    if (first) {
      notifications.notifyGroup("OVERDUE:" + caseNumber + ":" + stage + (scope != null ? ":" + scope : "") + ":" + dueText,
          group, caseNumber, "OVERDUE", scope != null ? message + "（" + scope + "）" : message);
      String label = stage.label() + "已逾期（时限 "
          + DeadlineService.chineseDate((Date) execution.getVariable(stage.dueVariable())) + "）";
      execution.getProcessInstance().setVariable(DeadlineService.CURRENT_DUE_LABEL, label);
      // open tasks carry their own copy for the task list: they show the overdue state too
      // the instance's tasks straight from the engine's own statement, as entities of this transaction: the
      // general task query (and a nested command per task variable) was a tenth of an escalation's time (issue 12)
      for (TaskEntity task : Context.getCommandContext().getTaskManager()
          .findTasksByProcessInstanceId(execution.getProcessInstanceId())) {
        Object own = task.getVariableLocal(DeadlineService.CURRENT_DUE_LABEL);
        if (own instanceof String ownLabel && ownLabel.startsWith(DeadlineService.REPLY_LABEL_PREFIX) && task.getDueDate() != null) {
          // the reply task names its own deadline (DeadlineService.replyLabel)
          task.setVariableLocal(DeadlineService.CURRENT_DUE_LABEL,
              "答复已逾期（时限 " + DeadlineService.chineseDate(task.getDueDate()) + "）");
        } else if (own != null) {
          task.setVariableLocal(DeadlineService.CURRENT_DUE_LABEL, label);
        }
      }
      execution.getProcessInstance().setVariable("overdue", true);
    }
    // the diagram's input mapping gives this task a scope of its own; the gateway after it reads the instance's
    execution.getProcessInstance().setVariable("alreadyEscalated", !first);
  }
}
