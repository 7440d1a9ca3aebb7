package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same rule for every user task of every deployed diagram, not only the ones the attack suite
 * walks to: each task is opened directly (the engine's instantiation "before" the task), and an
 * attempt to complete or save it with a case variable its form does not have is refused, leaving
 * the task open and the variable as it was. Each start event with a form refuses a preset business
 * key and fields its form does not have. Done as an administrator, who may otherwise do anything:
 * the form's fields bind everybody.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:every-task-door-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class EveryTaskDoorTest {

  /** The processes of the product (the timer-started screening included). */
  static final List<String> PROCESSES = List.of("petition-intake", "petition-request", "petition-referral",
      "leader-ownership", "joint-investigation", "monthly-screening", "discipline-lead",
      "dispute-screening");

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  final List<String> started = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    started.forEach(id -> {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test", true, true);
      }
    });
  }

  @Test
  void shouldRefuseFieldsOutsideEachTasksFormOnEveryUserTask() {
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (String key : PROCESSES) {
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      assertThat(definition).as("deployed %s", key).isNotNull();
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
        String taskKey = userTask.getId();
        ProcessInstance pi = runtime.createProcessInstanceById(definition.getId())
            .setVariables(caseVariables()).startBeforeActivity(taskKey).execute(true, true);
        started.add(pi.getId());
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        softly.assertThat(task).as("%s/%s opened", key, taskKey).isNotNull();
        if (task == null) {
          continue;
        }
        identity.setAuthentication("admin", List.of("camunda-admin"));
        try {
          softly.assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("caseOwner", "intruder")))
              .as("%s/%s complete with caseOwner", key, taskKey).isInstanceOf(FormInputRefused.class)
              .hasMessageContaining("caseOwner");
          softly.assertThatThrownBy(() -> tasks.setVariable(task.getId(), "extendedDays", 0))
              .as("%s/%s save extendedDays", key, taskKey).isInstanceOf(InvalidInputException.class)
              .hasMessageContaining("extendedDays");
        } finally {
          identity.clearAuthentication();
        }
        softly.assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("%s/%s still open", key, taskKey)
            .isEqualTo(1);
        softly.assertThat(runtime.getVariable(pi.getId(), "caseOwner")).as("%s/%s caseOwner", key, taskKey)
            .isEqualTo("reception1");
        softly.assertThat(runtime.getVariable(pi.getId(), "extendedDays")).as("%s/%s extendedDays", key, taskKey)
            .isNull();
        checked++;
      }
    }
    softly.assertAll();
    assertThat(checked).as("user tasks checked").isGreaterThan(20);
  }

  @Test
  void shouldRefuseAPresetBusinessKeyAndForeignFieldsOnEveryStartForm() {
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (String key : PROCESSES) {
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      boolean hasForm = model.getModelElementsByType(StartEvent.class).stream()
          .anyMatch(s -> s.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef") != null
              && s.getParentElement() == model.getModelElementById(key));
      if (!hasForm) {
        continue;
      }
      long before = runtime.createProcessInstanceQuery().processDefinitionKey(key).count();
      identity.setAuthentication("admin", List.of("camunda-admin"));
      try {
        softly.assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key, "XF-2026-000001"))
            .as("%s with a business key", key).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("businessKey");
        softly.assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key, Map.of("caseOwner", "intruder")))
            .as("%s with caseOwner", key).isInstanceOf(InvalidInputException.class).hasMessageContaining("caseOwner");
      } finally {
        identity.clearAuthentication();
      }
      softly.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).as("%s started", key)
          .isEqualTo(before);
      checked++;
    }
    softly.assertAll();
    assertThat(checked).as("start forms checked").isGreaterThanOrEqualTo(5);
  }

  /** What the tasks' assignment and due-date expressions read; a case as the flows leave it. */
  static Map<String, Object> caseVariables() {
    Map<String, Object> v = new HashMap<>();
    v.put("caseNumber", "XF-2026-900001");
    v.put("subject", "测试案件");
    v.put("caseOwner", "reception1");
    v.put("handlingUnit", "unit-hr");
    // petition-intake: who accepts and answers (the office here; a unit for its own 单位首问 case)
    v.put("acceptanceGroup", "petition-office");
    v.put("replyGroup", "petition-office");
    v.put("replyAssignee", "reception1");
    v.put("jointGroup", "joint-group-1");
    v.put("responsibleGroup", "unit-hr");
    v.put("responsiblePerson", "hr1");
    v.put("ownerLeader", "deputy1");
    v.put("screeningUnit", "unit-hr");
    v.put("screeningDueAt", new Date(System.currentTimeMillis() + 86_400_000L));
    v.put("ownershipDueAt", new Date(System.currentTimeMillis() + 30 * 86_400_000L));
    // a stored deadline comes with its reminder (the ownership round's reminder timer reads it)
    v.put("ownershipRemindAt", new Date(System.currentTimeMillis() + 27 * 86_400_000L));
    v.put("screeningRemindAt", new Date(System.currentTimeMillis() + 3_600_000L));
    v.put("disputeUnit", "unit-hr");
    v.put("disputeScreeningDueAt", new Date(System.currentTimeMillis() + 86_400_000L));
    v.put("disputeScreeningRemindAt", new Date(System.currentTimeMillis() + 3_600_000L));
    v.put("dutyGroup", "leaders");
    v.put("dutyLeader", "head");
    // discipline-lead: who talks to or verifies the person reported on
    v.put("leadHandlingUnit", "discipline-investigation");
    v.put("leadInvestigator", "investigator1");
    v.put("secondInvestigator", "investigator2");
    return v;
  }
}
