package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an administrator opening processes/ in Camunda Modeler, or a clerk opening a task in Tasklist,
 * relies on: every user task has a form that exists, candidate groups and a Chinese name; every
 * process and decision has a history time to live; every element is laid out in the diagram; every
 * form field has a Chinese label and a key.
 */
class ModelFilesTest {

  static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
  static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "select", "radio", "checkbox",
      "checklist", "datetime", "taglist");

  static Map<String, JsonNode> forms = new HashMap<>();
  static List<Path> diagrams;

  @BeforeAll
  static void load() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode form = new ObjectMapper().readTree(f.toFile());
        forms.put(form.path("id").asText(), form);
        assertThat(form.path("id").asText()).as("form id of %s", f).isEqualTo(f.getFileName().toString().replace(".form", ""));
      }
    }
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      diagrams = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    assertThat(diagrams).isNotEmpty();
  }

  @Test
  void everyUserTaskHasAnExistingFormCandidatesAndAChineseName() {
    List<String> problems = new ArrayList<>();
    for (Path path : diagrams) {
      BpmnModelInstance model = Bpmn.readModelFromFile(path.toFile());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String where = path.getFileName() + " " + task.getId();
        if (task.getCamundaFormRef() == null || !forms.containsKey(task.getCamundaFormRef())) {
          problems.add(where + ": form '" + task.getCamundaFormRef() + "' not in forms/");
        }
        if (task.getCamundaCandidateGroups() == null || task.getCamundaCandidateGroups().isBlank()) {
          problems.add(where + ": no candidate groups");
        }
        if (task.getName() == null || !CHINESE.matcher(task.getName()).find()) {
          problems.add(where + ": no Chinese name");
        }
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        boolean blankTopLevel = start.getEventDefinitions().isEmpty() && start.getParentElement() instanceof Process;
        if (blankTopLevel && !forms.containsKey(start.getCamundaFormRef())) {
          problems.add(path.getFileName() + " " + start.getId() + ": start event without an existing form");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyProcessAndDecisionHasAHistoryTimeToLive() throws IOException {
    for (Path path : diagrams) {
      for (Process process : Bpmn.readModelFromFile(path.toFile()).getModelElementsByType(Process.class)) {
        assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", process.getId())
            .isNotBlank();
      }
    }
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path path : files.filter(p -> p.toString().endsWith(".dmn")).toList()) {
        DmnModelInstance dmn = Dmn.readModelFromFile(path.toFile());
        for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
          assertThat(decision.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive of %s", decision.getId())
              .isNotBlank();
        }
      }
    }
  }

  @Test
  void everyElementIsLaidOutInTheDiagram() {
    List<String> missing = new ArrayList<>();
    for (Path path : diagrams) {
      BpmnModelInstance model = Bpmn.readModelFromFile(path.toFile());
      Set<BaseElement> shaped = new java.util.HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(s -> shaped.add(s.getBpmnElement()));
      model.getModelElementsByType(BpmnEdge.class).forEach(e -> shaped.add(e.getBpmnElement()));
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        if (!shaped.contains(node)) {
          missing.add(path.getFileName() + " " + node.getId());
        }
        if (node.getName() == null && !(node instanceof org.camunda.bpm.model.bpmn.instance.Gateway)) {
          missing.add(path.getFileName() + " " + node.getId() + " (no name)");
        }
      }
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        if (!shaped.contains(flow)) {
          missing.add(path.getFileName() + " " + flow.getId());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyFormFieldHasAKeyAndAChineseLabel() {
    List<String> problems = new ArrayList<>();
    forms.forEach((id, form) -> walk(form.path("components"), component -> {
      if (INPUT_TYPES.contains(component.path("type").asText())) {
        if (component.path("key").asText().isBlank()) {
          problems.add(id + ": a " + component.path("type").asText() + " without key");
        }
        if (!CHINESE.matcher(component.path("label").asText()).find()) {
          problems.add(id + ": field " + component.path("key").asText() + " without Chinese label");
        }
      }
    }));
    assertThat(problems).isEmpty();
    assertThat(forms).hasSizeGreaterThanOrEqualTo(10);
  }

  private static void walk(JsonNode components, java.util.function.Consumer<JsonNode> visit) {
    for (JsonNode c : components) {
      visit.accept(c);
      walk(c.path("components"), visit);
    }
  }
}
