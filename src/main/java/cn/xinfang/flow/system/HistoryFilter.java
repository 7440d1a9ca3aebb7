package cn.xinfang.flow.system;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.intake.IntakeProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.variable.serializer.NullValueSerializer;
import org.springframework.stereotype.Component;

/**
 * What engine history leaves out: what nobody may read back (typed form fields) and what only repeats what history
 * or the ledger already keeps. Everything else the engine records (instances, activities, tasks, the variables' final values, the
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
 *       are made from what history or the ledger keeps (the codes, the unit ids, the due dates, the petitioner).
 *       Their history rows repeated those (seven of a registration's 33, and an update at most steps of a case); none
 *       is written, for
 *       any event of these names, so the handler never looks for a row that was not written. A database that ran an
 *       older version keeps the label rows it wrote then, with the value they had.</li>
 *   <li><b>A step's parameters.</b> The diagrams give our delegates their parameters as input mappings of the step
 *       (which deadline, whom to notify, which step of the journal: {@link #STEP_PARAMETERS}). Each is a variable of
 *       the step's own scope that lives for the step's few milliseconds, with the value the diagram gives it; history
 *       keeps the step itself (its activity instance). Three of an escalation's nine history rows and one of every
 *       recorded step were these. Only the step-local ones are left out: a process-level variable of such a name is
 *       kept as any other.</li>
 *   <li><b>What the ledger holds from the registration.</b> A petition's registration writes the case to the ledger
 *       ({@code xf_petition}: number, channel, category, subject, content, headcount, the petitioner's identity, the
 *       earlier and linked case numbers, the owner) and, in the same transaction, the same facts as variables of the
 *       new case, for the forms, gateways and expressions that read them ({@link #LEDGER_COPIES}). Their history rows
 *       only repeated the ledger row — twelve of a registration's 24 (issue 12) — and, for a discipline reporter, the
 *       identity in history was a masked copy of what the ledger keeps behind an audited action. So the values a
 *       registration gives these variables get no history row: only events of a case started in the current engine
 *       command (its process instance is new there) and of variables of the case itself, not of a task. A value given
 *       later (a clerk corrects the subject, an address added) is written as any other: the engine's handler inserts the
 *       row that update finds missing, so history holds every value that differs from the registered one.</li>
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
   * Labels derived from what history or the ledger keeps (codes, unit ids, dates, the petitioner), at any scope. Only names
   * whose value is made from other variables by the code: a label with a person's own words in it (a decision's
   * comment, a finding) is not one of them.
   */
  static final Set<String> DERIVED_LABELS = Set.of(IntakeProcess.Var.CATEGORY_LABEL, IntakeProcess.Var.CHANNEL_LABEL,
      IntakeProcess.Var.PETITIONER_DISPLAY, IntakeProcess.Var.REPEAT_OF_LABEL, IntakeProcess.Var.SUGGESTED_UNIT_NAME,
      IntakeProcess.Var.HANDLING_UNIT_NAME, IntakeProcess.Var.OUTCOME_LABEL, IntakeProcess.Var.EXTENSION_DECISION_LABEL,
      DeadlineService.CURRENT_DUE_LABEL);

  /**
   * Variables of a {@code petition-intake} case whose registered value the ledger row holds (intake.RegisterPetitionListener,
   * petition.PetitionLedger#insert). A variable set later in the case's life keeps its history (see the class comment).
   */
  static final Set<String> LEDGER_COPIES = Set.of(IntakeProcess.Var.CASE_NUMBER, IntakeProcess.Var.CASE_OWNER,
      IntakeProcess.Var.CHANNEL, IntakeProcess.Var.CATEGORY, IntakeProcess.Var.SUBJECT, IntakeProcess.Var.CONTENT,
      IntakeProcess.Var.REAL_NAME, IntakeProcess.Var.HEADCOUNT, IntakeProcess.Var.SOURCE_LEVEL,
      IntakeProcess.Var.CONFIDENTIAL, IntakeProcess.Var.PETITIONER_NAME, IntakeProcess.Var.PETITIONER_PHONE,
      IntakeProcess.Var.PETITIONER_ID_NUMBER, IntakeProcess.Var.PETITIONER_ADDRESS, IntakeProcess.Var.RELATED_CASE_NUMBER,
      IntakeProcess.Var.LINKED_CASE_NUMBER);

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
        if (LEDGER_COPIES.contains(variable.getVariableName()) && registeredNow(variable)) {
          return false;
        }
        // only the creation: an update to null must still reach the row of the value it replaces
        return !(variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
            && NULL.equals(variable.getSerializerName()));
      }
      return true;
    }

    /**
     * A creation or update of a case variable (not a task's) of a {@code petition-intake} case whose process instance
     * this engine command inserts: the registration's own values, which the ledger row of the same transaction holds.
     * Both kinds are left out, so that no update in that transaction looks for the row that was not written; a
     * deletion is passed on (the handler finds no row and does nothing).
     */
    static boolean registeredNow(HistoricVariableUpdateEventEntity variable) {
      if (!IntakeProcess.KEY.equals(variable.getProcessDefinitionKey()) || variable.getTaskId() != null
          || variable.getProcessInstanceId() == null || !variable.getProcessInstanceId().equals(variable.getExecutionId())
          || !(variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
              || variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE))) {
        return false;
      }
      CommandContext command = Context.getCommandContext();
      if (command == null) {
        return false;
      }
      // the engine's own cache of this command: the process instance is TRANSIENT there until the command's flush
      // inserts it, i.e. only in the transaction that starts the case
      ExecutionEntity instance = command.getDbEntityManager().getCachedEntity(ExecutionEntity.class,
          variable.getProcessInstanceId());
      return instance != null && command.getDbEntityManager().getDbEntityCache().isTransient(instance);
    }
  }
}
