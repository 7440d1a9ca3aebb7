package cn.xinfang.flow.notification;

import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.petition.PetitionLedger;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 催办: reminds the group working a stage that its deadline is near. Inputs from the diagram:
 * {@code deadlineStage} and {@code notifyGroup}. Once per case, stage and due date.
 */
@Component("sendReminder")
class SendReminderDelegate implements JavaDelegate {

  private final NotificationService notifications;
  private final PetitionLedger ledger;

  SendReminderDelegate(NotificationService notifications, PetitionLedger ledger) {
    this.notifications = notifications;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeadlineStage stage = DeadlineStage.of(execution.getVariable("deadlineStage"));
    String group = (String) execution.getVariable("notifyGroup");
    String caseNumber = execution.getProcessBusinessKey();
    if (!(execution.getVariable(stage.dueVariable()) instanceof Date due)) {
      return; // the task was completed between the timer and this step: no one to remind
    }
    String dueText = format(due);
    // a deadline shared by several parties (each unit's monthly screening) is reminded once per party
    String scope = execution.getVariable("escalationScope") instanceof String s ? ":" + s : "";
    String key = "REMIND:" + caseNumber + ":" + stage + scope + ":" + dueText;
    String message = "信访件 " + caseNumber + " 的" + stage.label() + "时限将于 " + dueText + " 届满，请抓紧办理。";
    if (notifications.notifyGroup(key, group, caseNumber, "REMINDER", message)) {
      ledger.recordEvent(caseNumber, key, "REMINDER", PetitionLedger.SYSTEM, message);
    }
  }

  static String format(Date date) {
    SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd");
    f.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
    return f.format(date);
  }
}
