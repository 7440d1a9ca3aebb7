package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: every user task of every diagram either keeps a deadline — a due date, a
 * non-interrupting timer that reminds ({@code sendReminder}) before it and one that escalates after
 * it, on the task itself or on the sub-process around it — or says it has none:
 * {@code <camunda:property name="deadline" value="none"/>} with the reason in its documentation.
 */
class DeadlineRuleModelTest {

  static final String REMINDER = "${sendReminder}";

  @Test
  void everyUserTaskHasADeadlineRuleOrAnExplicitNone() throws IOException {
    List<String> problems = new ArrayList<>();
    int tasks = 0;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          tasks++;
          String problem = problem(model, task);
          if (problem != null) {
            problems.add(file.getFileName() + ": " + task.getId() + "（" + task.getName() + "）" + problem);
          }
        }
      }
    }
    assertThat(tasks).as("user tasks found").isGreaterThan(20);
    assertThat(problems).as("user tasks without a deadline rule").isEmpty();
  }

  static String problem(BpmnModelInstance model, UserTask task) {
    if (saysNone(task)) {
      String reason = task.getDocumentations().stream().map(Documentation::getTextContent)
          .filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
      return reason == null ? " 标明无时限（deadline=none），但没有在说明（documentation）中写明理由" : null;
    }
    if (task.getCamundaDueDate() == null || task.getCamundaDueDate().isBlank()) {
      return " 没有办理时限（camunda:dueDate），也没有标明无时限（deadline=none）及理由";
    }
    boolean reminds = false;
    boolean escalates = false;
    for (BoundaryEvent timer : watchingTimers(model, task)) {
      for (var flow : timer.getOutgoing()) {
        // a reminder goes to sendReminder; anything else after the deadline is its escalation
        if (flow.getTarget() instanceof ServiceTask service && REMINDER.equals(service.getCamundaDelegateExpression())) {
          reminds = true;
        } else {
          escalates = true;
        }
      }
    }
    if (!reminds) {
      return " 有办理时限，但没有到期前催办的定时器";
    }
    if (!escalates) {
      return " 有办理时限，但没有逾期后督办（上报）的定时器";
    }
    return null;
  }

  /** Timers on the task or on a sub-process that contains it (an escalation may also close the task). */
  static List<BoundaryEvent> watchingTimers(BpmnModelInstance model, UserTask task) {
    List<String> watched = new ArrayList<>();
    for (ModelElementInstance node = task; node != null; node = node.getParentElement()) {
      if (node == task || node instanceof SubProcess) {
        watched.add(((org.camunda.bpm.model.bpmn.instance.BaseElement) node).getId());
      }
    }
    return model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> watched.contains(b.getAttachedTo().getId()))
        .filter(b -> !b.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance).toList().isEmpty())
        .toList();
  }

  static boolean saysNone(UserTask task) {
    if (task.getExtensionElements() == null) {
      return false;
    }
    return task.getExtensionElements().getElementsQuery().filterByType(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream())
        .anyMatch(p -> "deadline".equals(p.getCamundaName()) && "none".equals(p.getCamundaValue()));
  }

  /**
   * Issue 11, item 3: an end event on a case's own path (not the end of a reminder or escalation branch,
   * not inside a sub-process) terminates the instance, so no task, timer or message subscription
   * outlives the case's end.
   */
  @Test
  void everyEndOfACaseTerminatesTheInstance() throws IOException {
    List<String> problems = new ArrayList<>();
    int ends = 0;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        if (model.getModelElementsByType(BoundaryEvent.class).isEmpty()
            && model.getModelElementsByType(SubProcess.class).isEmpty()) {
          continue; // a straight line of steps: its end has nothing else to end (bpmnlint: superfluous termination)
        }
        java.util.Set<String> sideBranches = new java.util.HashSet<>();
        java.util.Deque<org.camunda.bpm.model.bpmn.instance.FlowNode> todo = new java.util.ArrayDeque<>(
            model.getModelElementsByType(BoundaryEvent.class));
        while (!todo.isEmpty()) {
          var node = todo.pop();
          if (sideBranches.add(node.getId())) {
            node.getOutgoing().forEach(f -> todo.push(f.getTarget()));
          }
        }
        for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
          if (!(end.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process)
              || sideBranches.contains(end.getId())) {
            continue;
          }
          ends++;
          if (end.getEventDefinitions().stream().noneMatch(TerminateEventDefinition.class::isInstance)) {
            problems.add(file.getFileName() + ": " + end.getId() + "（" + end.getName() + "）不是终止结束事件");
          }
        }
      }
    }
    assertThat(ends).as("ends of cases found").isGreaterThan(10);
    assertThat(problems).as("ends that leave work open").isEmpty();
  }

  @Test
  void theRuleCatchesATaskWithADueDateNobodyWatches() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent().userTask("task_unwatched")
        .camundaDueDate("${now}").endEvent().done();
    UserTask task = model.getModelElementById("task_unwatched");
    assertThat(problem(model, task)).contains("没有到期前催办的定时器");
    BpmnModelInstance none = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="t"><process id="p" isExecutable="true"><userTask id="task_none"><extensionElements>
            <camunda:properties><camunda:property name="deadline" value="none"/></camunda:properties>
            </extensionElements></userTask></process></definitions>""".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(problem(none, none.getModelElementById("task_none"))).contains("没有在说明");
  }
}
