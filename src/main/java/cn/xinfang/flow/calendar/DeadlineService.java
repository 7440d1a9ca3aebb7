package cn.xinfang.flow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.VariableWrites;
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
  /** Written after a date counted through a year without holiday data: the 调休 may still move it. */
  public static final String PROVISIONAL_NOTE = "（节假日调休安排公布后可能调整）";
  /**
   * True on a case while any of its deadlines is provisional: what the re-count after an upload of
   * holiday data looks for, so that it need not read every open case.
   */
  public static final String PROVISIONAL_FLAG = "deadlinesProvisional";
  /** Reminders go out at the start of a working day, never at night. */
  static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final DeadlinePolicy policy;
  private final WorkingCalendar calendar;
  private final PetitionLedger ledger;

  /** A stage's deadline as stored on a case: its last day, the due and reminder times, whether provisional. */
  public record Deadline(DeadlineStage stage, LocalDate lastDay, Date dueAt, Date remindAt, boolean provisional) {}

  DeadlineService(DeadlinePolicy policy, WorkingCalendar calendar, PetitionLedger ledger) {
    this.policy = policy;
    this.calendar = calendar;
    this.ledger = ledger;
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
    String from = start.toString();
    if (stage.countedFrom() != null) {
      start = dueAt(execution, stage.countedFrom().name()).toInstant().atZone(CHINA).toLocalDate();
      from = "@" + stage.countedFrom().name();
    }
    WorkingCalendar.Due due = calendar.due(start, rule.amount(), rule.unit());
    String basis = from + " " + rule.amount() + " " + rule.unit() + " r" + rule.remindDaysBefore();
    return store(execution, stage, due, basis, rule.remindDaysBefore());
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
    // days counted, the last one moved to the next working day: a limit in DAYS
    WorkingCalendar.Due due = calendar.due(today(), days, WorkingCalendar.TimeUnit.DAYS);
    forgetDependents(execution, stage);
    int remind = policy.rule(stage.policyRow()).remindDaysBefore();
    return store(execution, stage, due, today() + " " + days + " DAYS r" + remind, remind);
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
    remove(execution, stage);
    forgetDependents(execution, stage);
  }

  private static void forgetDependents(VariableScope execution, DeadlineStage stage) {
    for (DeadlineStage other : DeadlineStage.values()) {
      if (other.countedFrom() == stage) {
        remove(execution, other);
      }
    }
  }

  private static void remove(VariableScope execution, DeadlineStage stage) {
    execution.removeVariable(stage.dueVariable());
    execution.removeVariable(stage.remindVariable());
    execution.removeVariable(stage.provisionalVariable());
    execution.removeVariable(stage.basisVariable());
  }

  /**
   * Sets a stage's last day as a person fixed it (the owning leader's 包案时限), with the reminder its
   * policy row asks for. A date a person chose is not re-counted when holiday data arrives (no basis).
   */
  public Date fixLastDay(VariableScope execution, DeadlineStage stage, LocalDate lastDay) {
    return store(execution, stage, new WorkingCalendar.Due(lastDay, false), null,
        policy.rule(stage.policyRow()).remindDaysBefore());
  }

  /** Moves a stage's due date by {@code days} (an approved extension) and re-plans its reminder. */
  public Date extend(VariableScope execution, DeadlineStage stage, int days) {
    forgetDependents(execution, stage);
    Date current = (Date) execution.getVariable(stage.dueVariable());
    LocalDate base = current != null ? current.toInstant().atZone(CHINA).toLocalDate() : today();
    WorkingCalendar.Due due = calendar.due(base, days, WorkingCalendar.TimeUnit.DAYS);
    int remind = policy.rule(stage.policyRow()).remindDaysBefore();
    // the extension is counted on from the deadline it extends: a re-count counts the chain again
    String basis = current != null && execution.getVariable(stage.basisVariable()) instanceof String b
        ? b + " +" + days : base + " " + days + " DAYS r" + remind;
    boolean provisional = due.provisional() || Boolean.TRUE.equals(execution.getVariable(stage.provisionalVariable()));
    return store(execution, stage, new WorkingCalendar.Due(due.lastDay(), provisional), basis, remind);
  }

  /** The longest extension of the handling deadline, in days (条例 第32条: 30). */
  /** 2026年3月17日: how a deadline is written for staff (Beijing time). */
  public static String chineseDate(Date date) {
    return LABEL.format(date.toInstant().atZone(CHINA));
  }

  public int maxExtensionDays() {
    return policy.rule(DeadlineStage.EXTENSION).amount();
  }

  private Date store(VariableScope execution, DeadlineStage stage, WorkingCalendar.Due due, String basis,
      int remindDaysBefore) {
    Deadline deadline = deadline(stage, due, remindDaysBefore);
    execution.setVariable(stage.dueVariable(), deadline.dueAt());
    execution.setVariable(stage.remindVariable(), deadline.remindAt());
    // the provisional flags are read as Boolean.TRUE.equals: a case whose deadlines are all confirmed (nearly
    // every case) carries no variable for "no" — one runtime and one history row less per deadline (issue 12)
    VariableWrites.setFlag(execution, stage.provisionalVariable(), deadline.provisional());
    // the basis serves only to count the deadline again when holiday data arrives, and only a provisional deadline is
    // ever counted again (ProvisionalDeadlines): a confirmed one (nearly every deadline) keeps none — one runtime and
    // one history row less per deadline (issue 12). A date a person fixed has none either
    VariableWrites.setIfChanged(execution, stage.basisVariable(), deadline.provisional() ? basis : null);
    if (stage.isTaskDeadline()) {
      execution.setVariable(CURRENT_DUE_LABEL, label(deadline));
    }
    boolean anyProvisional = false;
    for (DeadlineStage s : DeadlineStage.values()) {
      anyProvisional |= Boolean.TRUE.equals(execution.getVariable(s.provisionalVariable()));
    }
    VariableWrites.setFlag(execution, PROVISIONAL_FLAG, anyProvisional);
    recordInLedger(execution, stage, deadline.dueAt());
    return deadline.dueAt();
  }

  /**
   * The acceptance and handling limits also go into the ledger (xf_petition.acceptance_due_at, handling_due_at):
   * the statistics count 及时受理 and 按期办结 in SQL against the very date the case's timer watches.
   */
  private void recordInLedger(VariableScope execution, DeadlineStage stage, Date dueAt) {
    PetitionLedger.DueDate column = ledgerColumn(stage);
    if (column != null && execution instanceof DelegateExecution de && de.getProcessBusinessKey() != null) {
      ledger.recordDueAt(de.getProcessBusinessKey(), column, dueAt.toInstant());
    }
  }

  /** The ledger column that keeps a stage's deadline, or null for the stages the ledger does not keep. */
  public static PetitionLedger.DueDate ledgerColumn(DeadlineStage stage) {
    return switch (stage) {
      case ACCEPTANCE -> PetitionLedger.DueDate.ACCEPTANCE;
      case HANDLING -> PetitionLedger.DueDate.HANDLING;
      default -> null;
    };
  }

  private Deadline deadline(DeadlineStage stage, WorkingCalendar.Due due, int remindDaysBefore) {
    return new Deadline(stage, due.lastDay(), endOf(due.lastDay()), reminderFor(due.lastDay(), remindDaysBefore),
        due.provisional());
  }

  /** A limit ends at the end of its last day, Beijing time. */
  static Date endOf(LocalDate lastDay) {
    return Date.from(lastDay.plusDays(1).atStartOfDay(CHINA).minusSeconds(1).toInstant());
  }

  /** The variables that hold a stage's deadline on a case. */
  public static Map<String, Object> variables(Deadline d) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(d.stage().dueVariable(), d.dueAt());
    vars.put(d.stage().remindVariable(), d.remindAt());
    vars.put(d.stage().provisionalVariable(), d.provisional());
    return vars;
  }

  /**
   * What the reply task (审核并答复信访人) shows as its deadline: its own due date, as 答复时限至 …; the
   * stage label would name the unit's 调查处理 although the reply is the owner's task.
   */
  public static String replyLabel(Date due, boolean provisional) {
    return REPLY_LABEL_PREFIX + chineseDate(due) + (provisional ? PROVISIONAL_NOTE : "");
  }

  public static final String REPLY_LABEL_PREFIX = "答复时限至 ";

  /** What the task list shows: 调查处理时限至 2027年1月4日, with the note while the date is provisional. */
  public static String label(Deadline d) {
    return d.stage().label() + "时限至 " + LABEL.format(d.lastDay()) + (d.provisional() ? PROVISIONAL_NOTE : "");
  }

  /** The deadline a case holds for a stage, read from its variables; null if it has none. */
  public static Deadline stored(DeadlineStage stage, Map<String, Object> variables) {
    if (!(variables.get(stage.dueVariable()) instanceof Date due)) {
      return null;
    }
    return new Deadline(stage, due.toInstant().atZone(CHINA).toLocalDate(), due,
        variables.get(stage.remindVariable()) instanceof Date r ? r : null,
        Boolean.TRUE.equals(variables.get(stage.provisionalVariable())));
  }

  /**
   * Counts a stage's deadline again, the way it was first counted (its basis variable), on the
   * holiday data stored now. Null if the case holds no basis for it (a date a leader fixed by hand).
   */
  public Deadline recount(DeadlineStage stage, Map<String, Object> variables) {
    if (!(variables.get(stage.basisVariable()) instanceof String basis)) {
      return null;
    }
    String[] parts = basis.strip().split("\\s+");
    LocalDate start;
    if (parts[0].startsWith("@")) {
      Deadline from = stored(DeadlineStage.of(parts[0].substring(1)), variables);
      if (from == null) {
        return null;
      }
      start = from.lastDay();
    } else {
      start = LocalDate.parse(parts[0]);
    }
    WorkingCalendar.Due due = calendar.due(start, Integer.parseInt(parts[1]), WorkingCalendar.TimeUnit.valueOf(parts[2]));
    int remind = 0;
    for (int i = 3; i < parts.length; i++) {
      if (parts[i].startsWith("r")) {
        remind = Integer.parseInt(parts[i].substring(1));
      } else if (parts[i].startsWith("+")) {
        WorkingCalendar.Due extended = calendar.due(due.lastDay(), Integer.parseInt(parts[i].substring(1)),
            WorkingCalendar.TimeUnit.DAYS);
        due = new WorkingCalendar.Due(extended.lastDay(), due.provisional() || extended.provisional());
      }
    }
    if (parts[0].startsWith("@")) {
      Deadline from = stored(DeadlineStage.of(parts[0].substring(1)), variables);
      due = new WorkingCalendar.Due(due.lastDay(), due.provisional() || from.provisional());
    }
    return deadline(stage, due, remind);
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
