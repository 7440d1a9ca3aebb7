package cn.xinfang.flow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Deadlines for the diagrams: {@code camunda:dueDate="${deadlines.dueAt(execution, 'HANDLING')}"} and
 * the timers beside it. The first call for a stage computes and stores the due date; later calls
 * (the boundary timers, a task re-entered after a return) read the stored value, so a case keeps its
 * deadline until an approved extension moves it.
 */
@Component("deadlines")
public class DeadlineService {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** Shown on every task's case summary. */
  public static final String CURRENT_DUE_LABEL = "currentDueLabel";
  /** Reminders go out at the start of a working day, never at night. */
  static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final DeadlinePolicy policy;
  private final WorkingCalendar calendar;

  DeadlineService(DeadlinePolicy policy, WorkingCalendar calendar) {
    this.policy = policy;
    this.calendar = calendar;
  }

  public Date dueAt(DelegateExecution execution, String stageName) {
    DeadlineStage stage = DeadlineStage.of(stageName);
    Object stored = execution.getVariable(stage.dueVariable());
    if (stored instanceof Date due) {
      return due;
    }
    // a discipline report (检举控告) is accepted or referred within its own, shorter limit
    String row = stage == DeadlineStage.ACCEPTANCE && Boolean.TRUE.equals(execution.getVariable("confidential"))
        ? DeadlineStage.DISCIPLINE_ACCEPTANCE : stage.policyRow();
    DeadlinePolicy.Rule rule = policy.rule(row);
    LocalDate start = today();
    if (stage.countedFrom() != null) {
      start = dueAt(execution, stage.countedFrom().name()).toInstant().atZone(CHINA).toLocalDate();
    }
    LocalDate lastDay = calendar.lastDay(start, rule.amount(), rule.unit());
    return store(execution, stage, lastDay, rule.remindDaysBefore());
  }

  public Date remindAt(DelegateExecution execution, String stageName) {
    DeadlineStage stage = DeadlineStage.of(stageName);
    dueAt(execution, stageName);
    return (Date) execution.getVariable(stage.remindVariable());
  }

  /**
   * Sets a stage's due date {@code days} calendar days from today (a case returned for
   * re-investigation with a new deadline) and re-plans its reminder and what is counted from it.
   */
  public Date restart(VariableScope execution, DeadlineStage stage, int days) {
    LocalDate lastDay = calendar.view(today(), today().plusDays(days + 40)).nextWorkingDayFrom(today().plusDays(days));
    forgetDependents(execution, stage);
    return store(execution, stage, lastDay, policy.rule(stage.policyRow()).remindDaysBefore());
  }

  /**
   * For the diagrams: {@code <camunda:executionListener expression="${deadlines.clear(execution, 'JOINT_APPROVAL')}"
   * event="end"/>} on a task that may be visited again, so that each visit gets a deadline of its own.
   */
  public void clear(DelegateExecution execution, String stageName) {
    forget(execution, DeadlineStage.of(stageName));
  }

  /** Forgets a stage's deadline, so that the next {@link #dueAt} counts it afresh from today. */
  public void forget(VariableScope execution, DeadlineStage stage) {
    execution.removeVariable(stage.dueVariable());
    execution.removeVariable(stage.remindVariable());
    forgetDependents(execution, stage);
  }

  private static void forgetDependents(VariableScope execution, DeadlineStage stage) {
    for (DeadlineStage other : DeadlineStage.values()) {
      if (other.countedFrom() == stage) {
        execution.removeVariable(other.dueVariable());
        execution.removeVariable(other.remindVariable());
      }
    }
  }

  /**
   * Sets a stage's last day as a person fixed it (the owning leader's 包案时限), with the reminder its
   * policy row asks for.
   */
  public Date fixLastDay(VariableScope execution, DeadlineStage stage, LocalDate lastDay) {
    return store(execution, stage, lastDay, policy.rule(stage.policyRow()).remindDaysBefore());
  }

  /** Moves a stage's due date by {@code days} (an approved extension) and re-plans its reminder. */
  public Date extend(VariableScope execution, DeadlineStage stage, int days) {
    forgetDependents(execution, stage);
    Date current = (Date) execution.getVariable(stage.dueVariable());
    LocalDate base = current != null ? current.toInstant().atZone(CHINA).toLocalDate() : today();
    LocalDate lastDay = calendar.view(base, base.plusDays(days + 40)).nextWorkingDayFrom(base.plusDays(days));
    return store(execution, stage, lastDay, policy.rule(stage.policyRow()).remindDaysBefore());
  }

  /** The longest extension of the handling deadline, in days (条例 第32条: 30). */
  /** 2026年3月17日: how a deadline is written for staff (Beijing time). */
  public static String chineseDate(Date date) {
    return LABEL.format(date.toInstant().atZone(CHINA));
  }

  public int maxExtensionDays() {
    return policy.rule(DeadlineStage.EXTENSION).amount();
  }

  private Date store(VariableScope execution, DeadlineStage stage, LocalDate lastDay, int remindDaysBefore) {
    // a limit ends at the end of its last day, Beijing time
    Date due = Date.from(lastDay.plusDays(1).atStartOfDay(CHINA).minusSeconds(1).toInstant());
    execution.setVariable(stage.dueVariable(), due);
    execution.setVariable(stage.remindVariable(), reminderFor(lastDay, remindDaysBefore));
    if (stage.isTaskDeadline()) {
      execution.setVariable(CURRENT_DUE_LABEL, stage.label() + "时限至 " + LABEL.format(lastDay));
    }
    return due;
  }

  /** 09:00 on the working day {@code before} days ahead of the last day (or the last working day before). */
  private Date reminderFor(LocalDate lastDay, int before) {
    WorkingCalendar.View view = calendar.view(today().minusDays(14), lastDay.plusDays(14));
    LocalDate day = view.previousWorkingDayFrom(lastDay.minusDays(before));
    ZonedDateTime at = day.atTime(REMINDER_TIME).atZone(CHINA);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // a limit too short for its reminder offset is reminded at the next 09:00 instead of in the past
    if (at.toInstant().isBefore(now)) {
      LocalDate next = view.nextWorkingDayFrom(today().plusDays(1));
      at = next.atTime(REMINDER_TIME).atZone(CHINA);
      if (!next.isBefore(lastDay)) {
        at = lastDay.atTime(REMINDER_TIME).atZone(CHINA);
      }
    }
    return Date.from(at.toInstant());
  }

  public static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
  }
}
