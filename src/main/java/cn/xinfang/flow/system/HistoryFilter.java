package cn.xinfang.flow.system;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.intake.IntakeProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.variable.serializer.NullValueSerializer;
import org.springframework.stereotype.Component;

/**
 * What engine history leaves out: what nobody may read back (typed form fields) and what only repeats what history
 * already keeps. Everything else the engine records (instances, activities, tasks, the variables' final values, the
 * operation log) is written as before. Applies at every door (Tasklist, {@code /engine-rest}, the Java API, jobs),
 * because it wraps the engine's own database history handler.
 *
 * <ul>
 *   <li><b>Typed form fields.</b> At history level {@code audit} the engine writes one {@code ACT_HI_DETAIL}
 *       "formField" row per field of every submitted start or task form, with the value as typed, forever. A
 *       discipline reporter's name, phone, ID number and address typed into the start form would stay there
 *       unmasked, although the registration masks the variables in the same transaction
 *       (intake.RegisterPetitionListener) and the ledger keeps the real values behind an audited action.</li>
 *   <li><b>A task's display copies.</b> Every task carries local copies of the case number, subject, petitioner
 *       (as everyone may see them) and deadline label, so that Tasklist's cards show them and a clerk may read them
 *       without reading the whole case (intake.CaseSummaryListener). Their history rows only repeated the case's
 *       own variables, which history keeps: four rows per task and more per label change (issue 12: variables were
 *       60 % of a registration's and an escalation's database time).</li>
 *   <li><b>A case's display labels.</b> The Chinese words the forms show beside a code — the category's and
 *       channel's names, the petitioner as everyone may see them, the handling and suggested units' names, the
 *       outcome's and extension decision's words, the earlier case found at registration, the deadline as a sentence —
 *       are made from variables history keeps (the codes, the unit ids, the due dates, the masked name). Their history
 *       rows repeated those (seven of a registration's 33, and an update at most steps of a case); none is written, for
 *       any event of these names, so the handler never looks for a row that was not written. A database that ran an
 *       older version keeps the label rows it wrote then, with the value they had.</li>
 *   <li><b>A step's parameters.</b> The diagrams give our delegates their parameters as input mappings of the step
 *       (which deadline, whom to notify, which step of the journal: {@link #STEP_PARAMETERS}). Each is a variable of
 *       the step's own scope that lives for the step's few milliseconds, with the value the diagram gives it; history
 *       keeps the step itself (its activity instance). Three of an escalation's nine history rows and one of every
 *       recorded step were these. Only the step-local ones are left out: a process-level variable of such a name is
 *       kept as any other.</li>
 *   <li><b>A variable created without a value.</b> A start form submits the fields nobody filled in (no ID
 *       number, no address, …) as null variables (a registration itself creates none); a history row saying "null"
 *       tells nothing. If such a variable gets a value later, the engine's handler writes its history row then (it
 *       inserts the row an update finds missing), so history still holds every value a variable had at the end.</li>
 * </ul>
 */
@Component
class HistoryFilter extends AbstractProcessEnginePlugin {

  /** The task-local copies intake.CaseSummaryListener (and the label updates after it) put on every task. */
  static final Set<String> TASK_DISPLAY_COPIES = Set.of(IntakeProcess.Var.CASE_NUMBER, IntakeProcess.Var.SUBJECT,
      IntakeProcess.Var.PETITIONER_DISPLAY, DeadlineService.CURRENT_DUE_LABEL);

  /**
   * Labels derived from variables history keeps (codes, unit ids, dates, the masked name), at any scope. Only names
   * whose value is made from other variables by the code: a label with a person's own words in it (a decision's
   * comment, a finding) is not one of them.
   */
  static final Set<String> DERIVED_LABELS = Set.of(IntakeProcess.Var.CATEGORY_LABEL, IntakeProcess.Var.CHANNEL_LABEL,
      IntakeProcess.Var.PETITIONER_DISPLAY, IntakeProcess.Var.REPEAT_OF_LABEL, IntakeProcess.Var.SUGGESTED_UNIT_NAME,
      IntakeProcess.Var.HANDLING_UNIT_NAME, IntakeProcess.Var.OUTCOME_LABEL, IntakeProcess.Var.EXTENSION_DECISION_LABEL,
      DeadlineService.CURRENT_DUE_LABEL);

  /** The input parameters the diagrams give our delegates (step-local variables; see the class comment). */
  static final Set<String> STEP_PARAMETERS = Set.of("deadlineStage", "notifyGroup", "overdueStageLabel", "step",
      "supervisedTask", "appraisalReason", "appraisalUnit", "escalationScope", "exchangeKind");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    // the database handler first, as the engine would place it; other custom handlers keep their order
    handlers.add(new Filtered(new DbHistoryEventHandler()));
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** Passes every history event on except those the class comment names. */
  static final class Filtered implements HistoryEventHandler {

    private static final String NULL = new NullValueSerializer().getName();

    private final HistoryEventHandler database;

    Filtered(HistoryEventHandler database) {
      this.database = database;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (kept(event)) {
        database.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }

    static boolean kept(HistoryEvent event) {
      if (event instanceof HistoricFormPropertyEventEntity) {
        return false;
      }
      if (event instanceof HistoricVariableUpdateEventEntity variable) {
        // every event of a display copy (create, update, delete, migrate) is left out alike, so the handler never
        // looks for a row that was not written
        if (variable.getTaskId() != null && TASK_DISPLAY_COPIES.contains(variable.getVariableName())) {
          return false;
        }
        if (DERIVED_LABELS.contains(variable.getVariableName())) {
          return false;
        }
        if (STEP_PARAMETERS.contains(variable.getVariableName()) && variable.getExecutionId() != null
            && !variable.getExecutionId().equals(variable.getProcessInstanceId())) {
          return false;
        }
        // only the creation: an update to null must still reach the row of the value it replaces
        return !(variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
            && NULL.equals(variable.getSerializerName()));
      }
      return true;
    }
  }
}
