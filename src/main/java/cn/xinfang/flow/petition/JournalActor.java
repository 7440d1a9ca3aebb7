package cn.xinfang.flow.petition;

import cn.xinfang.flow.system.EveryUserTask;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Who acted, for the journal (台账流水): the person who completed the task that led to a step, or the
 * API caller, or {@value PetitionLedger#SYSTEM} when a timer or the engine did it. One mechanism for
 * every diagram: this plugin gives every user task a complete listener that keeps the completer in a
 * transient variable, which lives only as long as the transaction of that completion — a step reached
 * later by a timer or an asynchronous job finds none and is the system's.
 */
@Component
public class JournalActor extends AbstractProcessEnginePlugin {

  /** The transient variable holding the completer during the completion's transaction. */
  static final String COMPLETER = "journalCompleter";

  /** The person behind the step now being taken, or {@code system}. */
  public static String of(DelegateExecution execution) {
    if (execution.getVariable(COMPLETER) instanceof String who && !who.isBlank()) {
      return who;
    }
    var auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      return auth.getUserId();
    }
    return PetitionLedger.SYSTEM;
  }

  /** Keeps the completer: the logged-in user (Tasklist, the API), else the task's assignee. */
  static final TaskListener REMEMBER_COMPLETER = task -> {
    var auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String who = auth != null && auth.getUserId() != null ? auth.getUserId() : task.getAssignee();
    if (who != null) {
      rememberOn(task, who);
    }
  };

  private static void rememberOn(DelegateTask task, String who) {
    task.getExecution().getProcessInstance().setVariable(COMPLETER, Variables.stringValue(who, true));
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.change(configuration,
        task -> task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, REMEMBER_COMPLETER));
  }
}
