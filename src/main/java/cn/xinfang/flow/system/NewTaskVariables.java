package cn.xinfang.flow.system;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A user task the engine has just created has no variables of its own, yet the engine asks the database for them
 * the first time anything reads or writes one: every task's create listener does (intake.CaseSummaryListener puts the
 * case number, subject, petitioner and deadline on each task), so every registration, escalation and step paid one
 * {@code SELECT} on {@code ACT_RU_VARIABLE} that could only return nothing (issue 12). The engine already skips that
 * query for a new execution; for a task it has no such switch. So a built-in create listener — it runs before every
 * listener a diagram names — tells the new task's variable store that there is nothing to load.
 *
 * <p>Only at {@code create}, which the engine fires once, for the task it has just inserted in the same command:
 * no other command can have given it variables. The store is the engine's protected field; if a later engine version
 * renames it, tasks simply load their variables again as before (logged once at start, and
 * {@code CollisionsAndInputTest.shouldTellEveryNewTaskOfEveryDiagramThatItHasNoVariablesToLoad} fails, so the upgrade
 * notices).
 */
@Component
class NewTaskVariables extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(NewTaskVariables.class);

  /** The engine's variable store of a task, or null if this engine version has none by that name. */
  static final Field STORE = storeField();

  static final TaskListener NOTHING_TO_LOAD = task -> {
    if (STORE != null && task instanceof TaskEntity entity) {
      try {
        // a no-op once the store is initialized: then it holds what was loaded or set, as before
        @SuppressWarnings("unchecked")
        VariableStore<VariableInstanceEntity> store = (VariableStore<VariableInstanceEntity>) STORE.get(entity);
        store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (STORE == null) {
      return;
    }
    EveryUserTask.change(configuration,
        task -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, NOTHING_TO_LOAD));
  }

  private static Field storeField() {
    try {
      Field field = TaskEntity.class.getDeclaredField("variableStore");
      if (!VariableStore.class.isAssignableFrom(field.getType())) {
        throw new NoSuchFieldException("variableStore is a " + field.getType());
      }
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      LOG.warn("A new task's variables are loaded from the database as the engine does by default: {}", e.toString());
      return null;
    }
  }
}
