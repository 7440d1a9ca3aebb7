package cn.xinfang.flow.notification;

import cn.xinfang.flow.calendar.DeadlinePolicy;
import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.organization.OrganizationDirectory;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The escalation chain of a supervision task (督办): the supervising team as a group, then the team's
 * leader, then the bureau head — one level up each time a level's deadline is missed, never above the
 * top. A task that starts with a named leader (分管领导督办, 上级领导督办包案) has that leader, then the
 * bureau head. Every level has the policy row {@code SUPERVISION}'s days (calendar days, so that one
 * repeating timer on the task fires at each level's deadline):
 * <pre>
 * camunda:assignee="${escalation.assignee(execution, 'SUPERVISE_HANDLING', 'supervision', null)}"
 * camunda:dueDate="${escalation.dueAt(execution, 'SUPERVISE_HANDLING', 'supervision', null)}"
 * timeCycle ${escalation.overdueCycle(execution, 'SUPERVISE_HANDLING', 'supervision', null)}
 * </pre>
 * The chain and the level live in process variables of the stage, so every node and every retry
 * sees the same; {@link #clear} on the task's end forgets them for the next supervision.
 */
@Component("escalation")
public class SupervisionEscalation {

  private static final String SEPARATOR = ",";

  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;
  private final DeadlinePolicy policy;

  SupervisionEscalation(OrganizationDirectory organization, DeadlineService deadlines, DeadlinePolicy policy) {
    this.organization = organization;
    this.deadlines = deadlines;
    this.policy = policy;
  }

  /** Who supervises at each level, lowest first; "" stands for the team as a group. */
  public List<String> chain(VariableScope execution, String stageName, String team, String first) {
    DeadlineStage stage = supervision(stageName);
    if (execution.getVariable(stage.chainVariable()) instanceof String stored) {
      return Arrays.asList(stored.split(SEPARATOR, -1));
    }
    List<String> chain = new ArrayList<>();
    String top = organization.headOf(OrganizationDirectory.LEADERS);
    // EL passes a missing leader as "" (null coerced to a string)
    if (first == null || first.isBlank()) {
      chain.add("");
      chain.add(organization.headOf(team));
    } else {
      chain.add(first);
    }
    chain.add(top);
    List<String> distinct = new ArrayList<>();
    for (String person : chain) {
      if (!distinct.contains(person)) {
        distinct.add(person);
      }
    }
    execution.setVariable(stage.chainVariable(), String.join(SEPARATOR, distinct));
    return distinct;
  }

  public int level(VariableScope execution, DeadlineStage stage) {
    return execution.getVariable(stage.levelVariable()) instanceof Number n ? n.intValue() : 0;
  }

  /** The person who supervises now; null while the team as a group does. */
  public String assignee(DelegateExecution execution, String stageName, String team, String first) {
    List<String> chain = chain(execution, stageName, team, first);
    String person = chain.get(Math.min(level(execution, supervision(stageName)), chain.size() - 1));
    return person.isEmpty() ? null : person;
  }

  /** The first level's deadline (later levels are set by {@code escalateSupervision}). */
  public Date dueAt(DelegateExecution execution, String stageName, String team, String first) {
    chain(execution, stageName, team, first);
    return deadlines.dueAt(execution, stageName);
  }

  /** Fires at each level's deadline: once per level, the last at the top level's. */
  public String overdueCycle(DelegateExecution execution, String stageName, String team, String first) {
    return cycle(chain(execution, stageName, team, first).size(), dueAt(execution, stageName, team, first), stageName);
  }

  /** Fires the policy's days before each level's deadline. */
  public String reminderCycle(DelegateExecution execution, String stageName, String team, String first) {
    int levels = chain(execution, stageName, team, first).size();
    return cycle(levels, deadlines.remindAt(execution, stageName), stageName);
  }

  /** Forgets the chain, level and deadline when the task ends, so a later supervision starts at the bottom. */
  public void clear(DelegateExecution execution, String stageName) {
    DeadlineStage stage = supervision(stageName);
    execution.removeVariable(stage.chainVariable());
    execution.removeVariable(stage.levelVariable());
    deadlines.forget(execution, stage);
  }

  /** Days of each level (policy row SUPERVISION, counted as calendar days). */
  public int daysPerLevel() {
    return policy.rule(DeadlineStage.SUPERVISION).amount();
  }

  private String cycle(int times, Date start, String stageName) {
    SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
    iso.setTimeZone(TimeZone.getTimeZone(DeadlineService.CHINA));
    // R<n> counts the repetitions after the start: n-1 of them give one firing per level
    return "R" + (times - 1) + "/" + iso.format(start) + "/P" + daysPerLevel() + "D";
  }

  static DeadlineStage supervision(String stageName) {
    DeadlineStage stage = DeadlineStage.of(stageName);
    if (!stage.isSupervision()) {
      throw new IllegalArgumentException("环节 " + stageName + " 不是督办环节（请检查流程图中 escalation 的取值）");
    }
    return stage;
  }
}
