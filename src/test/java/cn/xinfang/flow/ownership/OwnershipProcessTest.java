package cn.xinfang.flow.ownership;

import cn.xinfang.flow.ProcessTests;
import static cn.xinfang.flow.ownership.OwnershipProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.StateConflictException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestExecutionListeners;

/**
 * leader-ownership (领导包案督办): started by the rules after acceptance and by a leader in Tasklist;
 * plan, periodic reports, adjustment, deadline escalation, sign-off refused while the case is open.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:ownership-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@Import({ProcessEngineCoverageConfiguration.class, OwnershipProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class OwnershipProcessTest extends ProcessTests {

  @TestConfiguration
  static class Coverage {
    /** Primary: the library registers a default of its own, which would otherwise hide this one. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(0.9)
          .excludeProcessDefinitionKeys("petition-intake", "petition-request", "petition-referral", "joint-investigation").build();
    }
  }

  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 10, 0);
  static final AtomicInteger PETITIONERS = new AtomicInteger();

  @Autowired FilterService filters;
  @Autowired PetitionLedger ledger;

  @BeforeEach
  void setUp() {
    clock(START);
  }

  @Test
  void shouldGiveACaseFromThePrefectureToTheHeadAndSignItOffAfterTheReply() {
    ProcessInstance intake = registerAndAssign(Map.of("sourceLevel", "PREFECTURE"), "unit-hr");
    ProcessInstance pi = ownershipOf(intake);
    assertThat(pi).isWaitingAt(DEFINE).task().isAssignedTo("head");
    assertThat(runtime.getVariable(pi.getId(), "ownershipReason")).asString().contains("主要负责人亲自包案");

    define(pi, "hr1", "2026-04-30");
    assertThat(pi).isWaitingAt(REPORT).task().isAssignedTo("hr1");
    assertThat(task(pi, REPORT).getDueDate()).isEqualTo(endOfDay(2026, 3, 9)); // reports every 7 days
    complete(pi, REPORT, Map.of("progressReport", "已约谈企业负责人"));
    assertThat(pi).isWaitingAt(READ).task().isAssignedTo("head");

    // the petition is still being handled: sign-off is refused, the task stays
    assertThatThrownBy(() -> complete(pi, READ, Map.of("leaderDecision", "SIGN_OFF", "leaderComment", "销号")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("尚未办结");
    as("head", List.of("leaders", "petition-office"), () -> {
      complete(pi, READ, Map.of("leaderDecision", "CONTINUE", "leaderComment", "继续跟进"));
      return null;
    });
    assertThat(pi).isWaitingAt(REPORT);
    // the journal names the leader who read the report
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("OWNERSHIP_READ"))
        .extracting(PetitionLedger.PetitionEvent::actor).containsExactly("head");

    // the unit reports and the owner replies: the case is resolved
    complete(intake, "task_handle_petition", Map.of("handlingAction", "REPORT", "outcome", "SUPPORT",
        "facts", "已补发工资", "reasons", "劳动合同法"));
    complete(intake, "task_send_reply", Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN", "replyText", "答复"));
    complete(pi, REPORT, Map.of("progressReport", "工资已补发", "resolvedProposal", true));
    complete(pi, READ, Map.of("leaderDecision", "SIGN_OFF", "leaderComment", "同意销号"));
    assertThat(pi).hasPassed(SIGN_OFF, END_SIGNED_OFF).isEnded();
    assertNothingLeft(pi);
  }

  @Test
  void shouldLetALeaderTakeOwnershipOfAnyOpenCaseFromTasklist() {
    ProcessInstance intake = registerAndAssign(Map.of(), "unit-hr");
    ProcessInstance pi = take("deputy1", intake.getBusinessKey(), "群众反映强烈，分管领导主动包案");
    assertThat(pi.getBusinessKey()).isEqualTo(intake.getBusinessKey());
    assertThat(pi).isWaitingAt(DEFINE).task().isAssignedTo("deputy1");
    // one owner at a time
    assertThatThrownBy(() -> take("deputy2", intake.getBusinessKey(), "也想包案"))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("已有领导包案");
    // only leaders take ownership
    assertThatThrownBy(() -> take("office1", intake.getBusinessKey(), "x")).isInstanceOf(Exception.class);
  }

  @Test
  void shouldRefuseOwnershipOfAClosedOrUnknownCase() {
    assertThatThrownBy(() -> take("deputy1", "XF-2026-999999", "包案"))
        .hasMessageContaining("没有编号为 XF-2026-999999");
    assertThatThrownBy(() -> take("deputy1", "XF-26-1", "包案")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void shouldLetTheLeaderAdjustPlanAndDeadline() {
    ProcessInstance pi = take("deputy1", registerAndAssign(Map.of(), "unit-hr").getBusinessKey(), "主动包案");
    define(pi, "hrhead", "2026-04-30");
    complete(pi, REPORT, Map.of("progressReport", "进展缓慢"));
    clock(START.plusDays(3));
    complete(pi, READ, Map.of("leaderDecision", "ADJUST", "newHandlingPlan", "联合劳动监察大队现场处理",
        "newOwnershipDeadline", "2026-05-29", "leaderComment", "调整方案，延长时限"));
    assertThat(pi).hasPassed(APPLY_READING).isWaitingAt(REPORT);
    assertThat(runtime.getVariable(pi.getId(), "handlingPlan")).isEqualTo("联合劳动监察大队现场处理");
    assertThat(runtime.getVariable(pi.getId(), "ownershipDueAt")).isEqualTo(endOfDay(2026, 5, 29));
    // the next report is due 7 days after this reading
    assertThat(task(pi, REPORT).getDueDate()).isEqualTo(endOfDay(2026, 3, 12));
    assertThatThrownBy(() -> complete(pi, READ, Map.of()))
        .isInstanceOf(AssertionError.class); // no reading before the next report
  }

  @Test
  void shouldRefuseAPastOrTooDistantDeadline() {
    ProcessInstance pi = take("deputy1", registerAndAssign(Map.of(), "unit-hr").getBusinessKey(), "主动包案");
    assertThatThrownBy(() -> define(pi, "hr1", "2026-03-01")).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("晚于今天");
    assertThatThrownBy(() -> define(pi, "hr1", "2027-03-01")).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("180");
    assertThatThrownBy(() -> define(pi, "health1", "2026-04-01")).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("调处责任人");
  }

  @Test
  void shouldEscalateAMissedDeadlineToTheNextLeaderUpOnce() {
    ProcessInstance pi = take("deputy1", registerAndAssign(Map.of(), "unit-hr").getBusinessKey(), "主动包案");
    define(pi, "hr1", "2026-03-20");
    clock(LocalDateTime.of(2026, 3, 21, 8, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(REPORT, ESCALATE);
    assertThat(task(pi, ESCALATE).getAssignee()).isEqualTo("head");
    // the round is entered again with the same, missed deadline: no second escalation
    complete(pi, REPORT, Map.of("progressReport", "仍在协调"));
    complete(pi, READ, Map.of("leaderDecision", "CONTINUE", "leaderComment", "加快"));
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_ALREADY);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(ESCALATE).count()).isEqualTo(1);
    complete(pi, ESCALATE, Map.of("escalationInstruction", "限期一周办结"));
    assertThat(pi).hasPassed(END_ESCALATED);
  }

  @Test
  void shouldListALeadersCasesInTheirFilter() {
    ProcessInstance pi = take("deputy2", registerAndAssign(Map.of(), "unit-hr").getBusinessKey(), "主动包案");
    define(pi, "hr1", "2026-04-30");
    String filter = filters.createFilterQuery().filterName("我的包案").singleResult().getId();
    identity.setAuthentication("deputy2", List.of("leaders", "joint-office"));
    try {
      List<Task> mine = filters.list(filter);
      assertThat(mine).extracting(Task::getProcessInstanceId).contains(pi.getId());
      assertThat(mine).extracting(Task::getName).contains("报告调处进展");
    } finally {
      identity.clearAuthentication();
    }
    // 我的包案 only where there is such work: a reception clerk does not get the filter at all
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      assertThat(filters.createFilterQuery().filterName("我的包案").count()).isZero();
      assertThat(filters.createFilterQuery().filterName("本组待办").count()).isOne();
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void shouldLeaveTheOrderToTasklistAndShowThePetitionerOnTaskCards() {
    for (org.camunda.bpm.engine.filter.Filter filter : filters.createFilterQuery().filterResourceType("Task").list()) {
      // the engine would put a filter's own order before the one Tasklist shows in its header
      org.camunda.bpm.engine.impl.TaskQueryImpl query = filter.getQuery();
      assertThat(query.getOrderingProperties()).as(filter.getName()).isEmpty();
      assertThat(filter.getProperties().get("variables").toString()).as(filter.getName()).contains("petitionerDisplay");
    }
  }

  // ---------------------------------------------------------------- every deadline chased (issue 11)

  @Test
  void shouldChaseAndEscalateAMissedProgressReportAndRemindBeforeTheOwnershipDeadline() {
    ProcessInstance pi = take("deputy1", registerAndAssign(Map.of(), "unit-hr").getBusinessKey(), "主动包案");
    define(pi, "hr1", "2026-03-20");
    // the report is due on 9 March; a day before is Sunday 8: reminded on Friday 6 March at 09:00
    clock(LocalDateTime.of(2026, 3, 6, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_PROGRESS_REPORT, END_PROGRESS_REPORT_REMINDED);
    clock(LocalDateTime.of(2026, 3, 10, 8, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_PROGRESS_REPORT, END_PROGRESS_REPORT_ESCALATED).isWaitingAt(REPORT);
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("OVERDUE"))
        .extracting(PetitionLedger.PetitionEvent::detail).anySatisfy(d -> assertThat(d).contains("进展报告"));
    // three days before the owner's deadline of 20 March
    clock(LocalDateTime.of(2026, 3, 17, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_OWNERSHIP, END_OWNERSHIP_REMINDED);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'REMINDER' "
        + "AND message LIKE '%包案调处%'", Integer.class, pi.getBusinessKey())).isEqualTo(1);
  }

  @Test
  void shouldChaseTheOwnersPlanAndReading() {
    ProcessInstance pi = take("deputy1", registerAndAssign(Map.of(), "unit-hr").getBusinessKey(), "主动包案");
    clock(LocalDateTime.of(2026, 3, 10, 9, 0)); // five working days from 2 March: 9 March
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_OWNERSHIP_PLAN, ESCALATE_OWNERSHIP_PLAN, END_OWNERSHIP_PLAN_REMINDED,
        END_OWNERSHIP_PLAN_ESCALATED).isWaitingAt(DEFINE);
    define(pi, "hr1", "2026-04-30");
    as("hr1", List.of("unit-hr"), () -> {
      complete(pi, REPORT, Map.of("progressReport", "已约谈"));
      return null;
    });
    clock(LocalDateTime.of(2026, 3, 20, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_PROGRESS_READING, ESCALATE_PROGRESS_READING, END_PROGRESS_READING_REMINDED,
        END_PROGRESS_READING_ESCALATED).isWaitingAt(READ);
  }

  @Test
  void shouldEscalateAMissedOwnershipSupervisionToTheTop() {
    ProcessInstance intake = registerAndAssign(Map.of("sourceLevel", "PREFECTURE"), "unit-hr");
    ProcessInstance pi = ownershipOf(intake);
    define(pi, "hr1", "2026-03-20");
    clock(LocalDateTime.of(2026, 3, 21, 8, 0));
    runDueJobs(pi);
    // the head owns the case: no one above, so the leadership as a group supervises, then the head again
    assertThat(task(pi, ESCALATE).getAssignee()).isNull();
    // seven days end on Saturday 28 March: the first level's deadline moves to Monday 30 March
    assertThat(task(pi, ESCALATE).getDueDate()).isEqualTo(endOfDay(2026, 3, 30));
    clock(LocalDateTime.of(2026, 3, 27, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_SUPERVISE_OWNERSHIP, END_SUPERVISE_OWNERSHIP_REMINDED);
    clock(LocalDateTime.of(2026, 3, 31, 8, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_SUPERVISE_OWNERSHIP, END_SUPERVISE_OWNERSHIP_ESCALATED);
    assertThat(task(pi, ESCALATE).getAssignee()).isEqualTo("head");
  }

  // ---------------------------------------------------------------- helpers

  ProcessInstance registerAndAssign(Map<String, Object> overrides, String unit) {
    Map<String, Object> v = new HashMap<>();
    v.put("channel", "VISIT");
    v.put("category", "LABOR");
    v.put("subject", "拖欠工资");
    v.put("content", "拖欠工资三个月");
    v.put("realName", true);
    v.put("headcount", 1);
    v.put("sourceLevel", "SELF");
    v.put("petitionerName", "吴十");
    v.put("petitionerPhone", String.format("1361234%04d", PETITIONERS.incrementAndGet()));
    v.putAll(overrides);
    identity.setAuthentication("reception1", List.of("reception"));
    ProcessInstance intake;
    try {
      intake = runtime.startProcessInstanceByKey("petition-intake", v);
    } finally {
      identity.clearAuthentication();
    }
    runDueJobs(intake);
    complete(intake, "task_accept_petition", Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", unit,
        "acceptanceNote", "已受理"));
    return intake;
  }

  ProcessInstance ownershipOf(ProcessInstance intake) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(OwnershipProcess.KEY)
        .processInstanceBusinessKey(intake.getBusinessKey()).singleResult();
  }

  ProcessInstance take(String leader, String caseNumber, String reason) {
    identity.setAuthentication(leader, identity.createGroupQuery().groupMember(leader).list().stream()
        .map(g -> g.getId()).toList());
    try {
      return runtime.startProcessInstanceByKey(OwnershipProcess.KEY, Map.of("caseNumber", caseNumber,
          "ownershipReason", reason));
    } finally {
      identity.clearAuthentication();
    }
  }

  void define(ProcessInstance pi, String responsible, String deadline) {
    complete(pi, DEFINE, Map.of("responsiblePerson", responsible, "handlingPlan", "约谈企业，督促补发工资",
        "ownershipDeadline", deadline));
  }






}
