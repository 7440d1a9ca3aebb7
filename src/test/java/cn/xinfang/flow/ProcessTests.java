package cn.xinfang.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every process test does: complete a case's tasks, run the jobs that are due, move the
 * engine's clock in Beijing time, act as a logged-in user.
 */
public abstract class ProcessTests {

  protected static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected ManagementService management;
  @Autowired protected IdentityService identity;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected HistoryService history;

  @BeforeEach
  void initAssertions() {
    init(engine);
  }

  @AfterEach
  void resetClockAndLogin() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  protected Task task(ProcessInstance pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  protected void complete(ProcessInstance pi, String key, Map<String, Object> variables) {
    Task task = task(pi, key);
    assertThat(task).as("open task %s", key).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  /** Executes every job of the instance that is due now, including the ones those jobs create. */
  protected void runDueJobs(ProcessInstance pi) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = management.createJobQuery().processInstanceId(pi.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      // a job may end the case (terminate end) and so delete others of this list, e.g. the call-back's timers
      due.stream().filter(job -> management.createJobQuery().jobId(job.getId()).count() > 0)
          .forEach(job -> management.executeJob(job.getId()));
    }
  }

  /**
   * The case has ended and left nothing behind: no execution, task, job or event subscription of the
   * instance or of any instance it called (issue 11: every end ends).
   */
  protected void assertNothingLeft(ProcessInstance pi) {
    assertNothingLeft(pi.getId());
  }

  protected void assertNothingLeft(String processInstanceId) {
    List<String> ids = new java.util.ArrayList<>(List.of(processInstanceId));
    for (int i = 0; i < ids.size(); i++) {
      history.createHistoricProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
          .forEach(called -> ids.add(called.getId()));
    }
    for (String id : ids) {
      assertThat(runtime.createExecutionQuery().processInstanceId(id).count()).as("executions of %s", id).isZero();
      assertThat(tasks.createTaskQuery().processInstanceId(id).count()).as("open tasks of %s", id).isZero();
      assertThat(management.createJobQuery().processInstanceId(id).count()).as("jobs of %s", id).isZero();
      assertThat(runtime.createEventSubscriptionQuery().processInstanceId(id).count()).as("subscriptions of %s", id)
          .isZero();
    }
  }

  /** Does something as a logged-in user of the given groups, as Tasklist would. */
  protected <T> T as(String user, List<String> groups, Supplier<T> action) {
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  protected static void clock(LocalDateTime beijing) {
    ClockUtil.setCurrentTime(Date.from(beijing.atZone(CHINA).toInstant()));
  }

  protected static Date endOfDay(int year, int month, int day) {
    return Date.from(LocalDateTime.of(year, month, day, 23, 59, 59).atZone(CHINA).toInstant());
  }
}
