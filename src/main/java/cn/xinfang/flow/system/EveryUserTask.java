package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * One mechanism for what every user task of every diagram needs, whoever drew the diagram: a parse listener that the
 * engine runs on each user task it parses (at deployment and when it loads a deployed version into its cache), after
 * it has read the diagram's own listeners. A listener added with {@code addTaskListener} therefore runs after those the
 * diagram names, one added with {@code addBuiltInTaskListener} before them. Used by engine plugins in their
 * {@code preInit}.
 */
public final class EveryUserTask {

  private EveryUserTask() {}

  /** Applies {@code change} to the task definition of every user task the engine parses from now on. */
  public static void change(ProcessEngineConfigurationImpl configuration, Consumer<TaskDefinition> change) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        change.accept(((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition());
      }
    });
  }
}
