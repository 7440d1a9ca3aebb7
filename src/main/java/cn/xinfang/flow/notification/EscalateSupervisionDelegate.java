package cn.xinfang.flow.notification;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * 督办逾期上报: a supervision task missed its level's deadline. The open task goes one level up
 * (team → its leader → bureau head) with the next level's deadline; at the top it stays there and the
 * miss is recorded. Inputs: {@code deadlineStage}, {@code supervisedTask} (the task's id in the
 * diagram), {@code notifyGroup}. Once per level: the journal entry's key guards a retried job.
 */
@Component("escalateSupervision")
class EscalateSupervisionDelegate implements JavaDelegate {

  private final SupervisionEscalation escalation;
  private final PetitionLedger ledger;
  private final NotificationService notifications;
  private final OrganizationDirectory organization;
  private final TaskService tasks;

  EscalateSupervisionDelegate(SupervisionEscalation escalation, PetitionLedger ledger,
      NotificationService notifications, OrganizationDirectory organization, TaskService tasks) {
    this.escalation = escalation;
    this.ledger = ledger;
    this.notifications = notifications;
    this.organization = organization;
    this.tasks = tasks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeadlineStage stage = SupervisionEscalation.supervision((String) execution.getVariable("deadlineStage"));
    String taskKey = (String) execution.getVariable("supervisedTask");
    String group = (String) execution.getVariable("notifyGroup");
    String caseNumber = execution.getProcessBusinessKey();
    if (execution.getVariable(stage.chainVariable()) == null || !(execution.getVariable(stage.dueVariable()) instanceof Date)) {
      return; // the supervision was completed between the timer and this step
    }
    List<String> chain = escalation.chain(execution, stage.name(), null, null);
    int level = escalation.level(execution, stage);
    Date due = (Date) execution.getVariable(stage.dueVariable());
    String dueText = DeadlineService.chineseDate(due);
    if (level >= chain.size() - 1) {
      String who = organization.displayName(chain.get(chain.size() - 1));
      String message = "信访件 " + caseNumber + " 的" + stage.label() + "已由最高一级（" + who + "）督办，仍超过时限（"
          + dueText + "）未办结。";
      String key = "ESCALATE:" + stage + ":TOP:" + due.getTime();
      if (ledger.recordEvent(caseNumber, key, "ESCALATION", PetitionLedger.SYSTEM, message)) {
        notifications.notifyGroup(key + ":" + caseNumber, group, caseNumber, "ESCALATION", message);
      }
      return;
    }
    int next = level + 1;
    String person = chain.get(next);
    Date nextDue = Date.from(due.toInstant().plus(Duration.ofDays(escalation.daysPerLevel())));
    String message = "信访件 " + caseNumber + " 的" + stage.label() + "超过时限（" + dueText + "）未办结，已上报"
        + organization.displayName(person) + "督办，时限至 " + DeadlineService.chineseDate(nextDue) + "。";
    String key = "ESCALATE:" + stage + ":" + next + ":" + due.getTime();
    if (!ledger.recordEvent(caseNumber, key, "ESCALATION", PetitionLedger.SYSTEM, message)) {
      return; // this level was escalated already (a retried job)
    }
    execution.setVariable(stage.levelVariable(), next);
    execution.setVariable(stage.dueVariable(), nextDue);
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskKey).list()) {
      task.setAssignee(person);
      task.setDueDate(nextDue);
      tasks.saveTask(task);
    }
    notifications.notifyGroup(key + ":" + caseNumber, group, caseNumber, "ESCALATION", message);
  }
}
