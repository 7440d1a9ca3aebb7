package cn.xinfang.flow.calendar;

import cn.xinfang.flow.calendar.DeadlineService.Deadline;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.TrustedEngineCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * When a year's holiday data arrives (uploaded, or in the holidays file at start), the open cases whose
 * deadlines were counted on the statutory holidays alone are counted again: the deadline variables,
 * the due dates of their open user tasks, the timers (reminder and overdue) that watch them, the task
 * list's label, and a journal entry with the old and the new date.
 *
 * <p>Only cases flagged {@link DeadlineService#PROVISIONAL_FLAG} are read, a page at a time; each case
 * is changed in one transaction. Safe to run twice and on two nodes at once: a case done is no longer
 * flagged, a journal entry is written once per change, and two nodes changing one case collide on
 * the engine's optimistic lock, the loser leaving the case for the next run.
 */
@Service
public class ProvisionalDeadlines {

  private static final Logger LOG = LoggerFactory.getLogger(ProvisionalDeadlines.class);
  /** A diagram's deadline expression: {@code ${deadlines.dueAt(execution, 'HANDLING')}}, {@code remindAt(…)}. */
  private static final Pattern EXPRESSION = Pattern.compile("deadlines\\.(\\w+)\\(\\s*execution\\s*,\\s*'(\\w+)'\\s*\\)");

  /** How many cases were read, how many deadlines moved. */
  public record Result(int cases, int moved) {}

  private record CaseResult(boolean stillProvisional, int moved) {}

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final RepositoryService repository;
  private final DeadlineService deadlines;
  private final PetitionLedger ledger;
  private final TrustedEngineCalls trusted;
  private final int pageSize;

  ProvisionalDeadlines(RuntimeService runtime, TaskService tasks, ManagementService management,
      RepositoryService repository, DeadlineService deadlines, PetitionLedger ledger, TrustedEngineCalls trusted,
      @Value("${xinfang.calendar.recount-page-size:50}") int pageSize) {
    this.pageSize = pageSize;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.repository = repository;
    this.deadlines = deadlines;
    this.ledger = ledger;
    this.trusted = trusted;
  }

  /** Counts again every open case's provisional deadlines on the holiday data stored now. */
  public Result recountOpenCases() {
    int kept = 0;
    int cases = 0;
    int moved = 0;
    while (true) {
      // cases done drop out of the query; the ones still provisional stay in front, so skip those
      int offset = kept;
      List<String> page = trusted.call(() -> runtime.createProcessInstanceQuery().active()
          .variableValueEquals(DeadlineService.PROVISIONAL_FLAG, true).orderByProcessInstanceId().asc()
          .listPage(offset, pageSize)).stream().map(ProcessInstance::getId).toList();
      if (page.isEmpty()) {
        break;
      }
      for (String id : page) {
        cases++;
        try {
          CaseResult result = trusted.call(() -> recount(id));
          moved += result.moved();
          kept += result.stillProvisional() ? 1 : 0;
        } catch (RuntimeException e) {
          // a case busy on another node (optimistic lock) or broken: left flagged for the next run
          kept++;
          LOG.warn("期限重新计算未完成，流程实例 {}：{}（下次上传节假日数据或载入新年度数据时再算）", id, e.toString());
        }
      }
    }
    if (cases > 0) {
      LOG.info("Provisional deadlines counted again: {} cases read, {} deadlines moved", cases, moved);
    }
    return new Result(cases, moved);
  }

  private CaseResult recount(String processInstanceId) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      return new CaseResult(false, 0);
    }
    Map<String, Object> variables = new HashMap<>(runtime.getVariables(processInstanceId));
    Map<String, Object> updates = new HashMap<>();
    List<Task> openTasks = tasks.createTaskQuery().processInstanceId(processInstanceId).list();
    List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
    BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
    boolean stillProvisional = false;
    int moved = 0;
    // in the enum's order: a stage counted from another (转办逾期督办 from 转办) comes after it
    for (DeadlineStage stage : DeadlineStage.values()) {
      Deadline before = DeadlineService.stored(stage, variables);
      if (before == null || !before.provisional()) {
        continue;
      }
      Deadline after = deadlines.recount(stage, variables);
      if (after == null) {
        // no basis to count it again (a case from before this version): drop the flag, keep the date
        after = new Deadline(stage, before.lastDay(), before.dueAt(), before.remindAt(), false);
      }
      Map<String, Object> changed = DeadlineService.variables(after);
      variables.putAll(changed);
      updates.putAll(changed);
      stillProvisional |= after.provisional();
      String oldLabel = DeadlineService.label(before);
      String newLabel = DeadlineService.label(after);
      if (oldLabel.equals(variables.get(DeadlineService.CURRENT_DUE_LABEL))) {
        variables.put(DeadlineService.CURRENT_DUE_LABEL, newLabel);
        updates.put(DeadlineService.CURRENT_DUE_LABEL, newLabel);
      }
      for (Task task : openTasks) {
        if (stage.name().equals(stageOf(model, task)) && Objects.equals(task.getDueDate(), before.dueAt())
            && !Objects.equals(before.dueAt(), after.dueAt())) {
          task.setDueDate(after.dueAt());
          tasks.saveTask(task);
          if (tasks.getVariableLocal(task.getId(), DeadlineService.CURRENT_DUE_LABEL) instanceof String own
              && own.startsWith(DeadlineService.REPLY_LABEL_PREFIX)) {
            // the reply task's label is its own due date (DeadlineService.replyLabel)
            tasks.setVariableLocal(task.getId(), DeadlineService.CURRENT_DUE_LABEL,
                DeadlineService.replyLabel(after.dueAt(), after.provisional()));
          }
        }
        if (oldLabel.equals(tasks.getVariableLocal(task.getId(), DeadlineService.CURRENT_DUE_LABEL))) {
          tasks.setVariableLocal(task.getId(), DeadlineService.CURRENT_DUE_LABEL, newLabel);
        }
      }
      for (Job timer : timers) {
        Matcher watched = timerExpression(model, timer);
        if (watched == null || !stage.name().equals(watched.group(2))) {
          continue;
        }
        java.util.Date when = watched.group(1).startsWith("remind") ? after.remindAt() : after.dueAt();
        if (when != null && !when.equals(timer.getDuedate())) {
          management.setJobDuedate(timer.getId(), when);
        }
      }
      if (!before.lastDay().equals(after.lastDay())) {
        moved++;
        // the ledger's copy of the acceptance/handling limit (the statistics) moves with the case's
        PetitionLedger.DueDate column = DeadlineService.ledgerColumn(stage);
        if (column != null && instance.getBusinessKey() != null) {
          ledger.recordDueAt(instance.getBusinessKey(), column, after.dueAt().toInstant());
        }
      }
      journal(instance.getBusinessKey(), before, after);
    }
    boolean anyProvisional = false;
    for (DeadlineStage stage : DeadlineStage.values()) {
      anyProvisional |= Boolean.TRUE.equals(variables.get(stage.provisionalVariable()));
    }
    updates.put(DeadlineService.PROVISIONAL_FLAG, anyProvisional);
    runtime.setVariables(processInstanceId, updates);
    return new CaseResult(stillProvisional, moved);
  }

  private void journal(String caseNumber, Deadline before, Deadline after) {
    if (caseNumber == null) {
      return;
    }
    String stage = before.stage().label();
    String oldDate = DeadlineService.chineseDate(before.dueAt());
    String newDate = DeadlineService.chineseDate(after.dueAt());
    String still = after.provisional() ? "（所涉年份仍无节假日安排，仍为暂定）" : "";
    if (before.lastDay().equals(after.lastDay())) {
      if (!after.provisional()) {
        ledger.recordEvent(caseNumber, "DEADLINE_CONFIRMED:" + before.stage() + ":" + before.lastDay(),
            "DEADLINE_CONFIRMED", "system", "节假日安排已公布，" + stage + "时限 " + newDate + " 经重新计算不变，不再为暂定");
      }
      return;
    }
    ledger.recordEvent(caseNumber, "DEADLINE_RECOUNTED:" + before.stage() + ":" + before.lastDay() + ">" + after.lastDay(),
        "DEADLINE_RECOUNTED", "system", "节假日安排公布后重新计算" + stage + "时限：由 " + oldDate + " 改为 " + newDate + still);
  }

  /** The stage a user task's due date comes from, read from its diagram; null if none. */
  private static String stageOf(BpmnModelInstance model, Task task) {
    ModelElementInstance element = model.getModelElementById(task.getTaskDefinitionKey());
    if (element instanceof UserTask userTask && userTask.getCamundaDueDate() != null) {
      Matcher m = EXPRESSION.matcher(userTask.getCamundaDueDate());
      return m.find() ? m.group(2) : null;
    }
    return null;
  }

  /** The deadline expression of a timer job's event; null if its date comes from elsewhere. */
  private Matcher timerExpression(BpmnModelInstance model, Job timer) {
    if (timer.getJobDefinitionId() == null) {
      return null;
    }
    JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
        .singleResult();
    ModelElementInstance element = definition == null ? null : model.getModelElementById(definition.getActivityId());
    if (!(element instanceof CatchEvent event)) {
      return null;
    }
    List<String> expressions = new ArrayList<>();
    for (var definitionOfEvent : event.getEventDefinitions()) {
      if (definitionOfEvent instanceof TimerEventDefinition t && t.getTimeDate() != null) {
        expressions.add(t.getTimeDate().getTextContent());
      }
    }
    for (String expression : expressions) {
      Matcher m = EXPRESSION.matcher(expression);
      if (m.find()) {
        return m;
      }
    }
    return null;
  }
}
