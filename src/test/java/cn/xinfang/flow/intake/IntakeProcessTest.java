package cn.xinfang.flow.intake;

import cn.xinfang.flow.ProcessTests;
import static cn.xinfang.flow.intake.IntakeProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.intake.PetitionRequests.RequestType;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import cn.xinfang.flow.system.StateConflictException;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Every path of petition-intake (首问负责) and petition-request, driven through the real engine with
 * the real delegates and ledger: user tasks completed, jobs executed, the clock moved for timers.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:intake-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@Import({ProcessEngineCoverageConfiguration.class, IntakeProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class IntakeProcessTest extends ProcessTests {

  /** Flow nodes and sequence flows of both diagrams covered by this class, checked after the class. */
  @TestConfiguration
  static class Coverage {
    /** Primary: the library registers a default of its own, which would otherwise hide this one. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      // the referral and ownership it starts are covered by their own tests
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(0.9)
          .excludeProcessDefinitionKeys("petition-referral", "leader-ownership", "joint-investigation").build();
    }
  }

  /** Monday 2 March 2026, 10:00 in Beijing: no holiday near. */
  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 10, 0);

  @Autowired PetitionLedger ledger;
  @Autowired PetitionRequests requests;

  @BeforeEach
  void setUp() {
    clock(START);
  }

  // ---------------------------------------------------------------- paths

  @Test
  void shouldArchiveAssignedCaseWhenNoReviewIsRequested() {
    ProcessInstance pi = register(Map.of());
    String caseNumber = pi.getBusinessKey();
    assertThat(caseNumber).matches("XF-2026-\\d{6}");
    assertThat(pi).isWaitingAt(ACCEPT).task().hasCandidateGroup("petition-office");
    assertThat(pi).variables().containsEntry("handlingUnit", "unit-hr").containsEntry("majorCase", false)
        .containsEntry("caseOwner", "reception1");
    assertThat(task(pi, ACCEPT).getDueDate()).isEqualTo(endOfDay(2026, 3, 17)); // 15 days, a Tuesday

    accept(pi, "ASSIGN", "unit-hr");
    assertThat(pi).isWaitingAt(HANDLE).task().hasCandidateGroup("unit-hr");
    // 60 days end on 1 May, Labour Day: the holiday runs to 5 May, so the limit ends on Wednesday 6 May
    assertThat(task(pi, HANDLE).getDueDate()).isEqualTo(endOfDay(2026, 5, 6));

    report(pi, "EXPLAIN");
    assertThat(pi).isWaitingAt(SEND_REPLY).task().isAssignedTo("reception1");
    assertThat(pi).variables().containsEntry("outcomeLabel", "解释说明");
    // the reply task names its own deadline, and the task card shows the petitioner as allowed
    String reply = task(pi, SEND_REPLY).getId();
    assertThat(tasks.getVariableLocal(reply, "currentDueLabel")).isEqualTo("答复时限至 2026年5月6日");
    assertThat(tasks.getVariableLocal(task(pi, SEND_REPLY).getId(), "petitionerDisplay"))
        .isEqualTo(runtime.getVariable(pi.getId(), "petitionerDisplay")).isNotNull();
    sendReply(pi);
    assertThat(pi).isWaitingAt(REVIEW_WINDOW);
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.REPLIED);

    clock(START.plusDays(31));
    runDueJobs(pi); // the review window closes, then the archive save point
    assertThat(pi).hasPassed(TIMER_REVIEW_WINDOW, ARCHIVE).isEnded();
    assertNothingLeft(pi);
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.ARCHIVED);
    assertThat(ledger.events(caseNumber)).extracting(PetitionLedger.PetitionEvent::eventType)
        .containsSubsequence("REGISTERED", "ACCEPTED", "OUTCOME", "REPLIED", "ARCHIVED");
  }

  // ------------------------------------------------- 单位首问 (issue 16 item 4)

  @Test
  void shouldLetATownshipRegisterHandleAndAnswerItsOwnFirstVisitCase() {
    // a form value of registeringUnit or acceptanceGroup is no way in: the caller's groups decide
    ProcessInstance pi = startAs("chengguan1", "unit-chengguan", valid());
    String caseNumber = pi.getBusinessKey();
    assertThat(pi).isWaitingAt(ACCEPT).task().hasCandidateGroup("unit-chengguan");
    assertThat(pi).variables().containsEntry("registeringUnit", "unit-chengguan").containsEntry("caseOwner", "chengguan1");
    // the same acceptance limit as the office's
    assertThat(task(pi, ACCEPT).getDueDate()).isEqualTo(endOfDay(2026, 3, 17));

    accept(pi, "HANDLE", null);
    assertThat(pi).isWaitingAt(HANDLE).task().hasCandidateGroup("unit-chengguan");
    assertThat(task(pi, HANDLE).getDueDate()).isEqualTo(endOfDay(2026, 5, 6));
    assertThat(ledger.find(caseNumber).orElseThrow().handlingUnit()).isEqualTo("unit-chengguan");
    report(pi, "SUPPORT");
    assertThat(pi).isWaitingAt(SEND_REPLY).task().isAssignedTo("chengguan1");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(SEND_REPLY)
        .taskCandidateGroup("unit-chengguan").includeAssignedTasks().count()).isEqualTo(1);
    sendReply(pi);
    clock(START.plusDays(31));
    runDueJobs(pi);
    assertThat(pi).hasNotPassed(ESCALATE_TO_OFFICE).hasPassed(END_ARCHIVED).isEnded();
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.ARCHIVED);
    assertThat(ledger.events(caseNumber)).extracting(PetitionLedger.PetitionEvent::eventType)
        .containsSubsequence("REGISTERED", "UNIT_FIRST_VISIT", "ACCEPTED", "OUTCOME", "REPLIED", "ARCHIVED");
  }

  @Test
  void shouldSendAUnitsCaseItCannotSolveToTheOfficeOnceAndThenGoTheNormalWay() {
    ProcessInstance pi = startAs("hr1", "unit-hr", valid());
    String caseNumber = pi.getBusinessKey();
    as("hr1", List.of("unit-hr"), () -> {
      complete(pi, ACCEPT, Map.of("acceptanceDecision", "ESCALATE", "escalationReason", "涉及多个部门，本局无法协调解决"));
      return null;
    });
    assertThat(pi).hasPassed(ESCALATE_TO_OFFICE).isWaitingAt(ACCEPT).task().hasCandidateGroup("petition-office");
    // the deadline runs from registration, not from the escalation
    assertThat(task(pi, ACCEPT).getDueDate()).isEqualTo(endOfDay(2026, 3, 17));
    assertThat(ledger.events(caseNumber)).filteredOn(e -> e.eventType().equals("ESCALATED_TO_OFFICE"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo("hr1");
          assertThat(e.detail()).contains("县人力资源和社会保障局", "涉及多个部门，本局无法协调解决");
        });
    assertThat(notifications(caseNumber, "ESCALATED_TO_OFFICE")).isEqualTo(1);
    // the office cannot send it further up this way
    assertThatThrownBy(() -> complete(pi, ACCEPT, Map.of("acceptanceDecision", "ESCALATE", "escalationReason", "再报")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("acceptanceDecision");

    accept(pi, "ASSIGN", "unit-land");
    assertThat(pi).isWaitingAt(HANDLE).task().hasCandidateGroup("unit-land");
    report(pi, "EXPLAIN");
    // the office answers now, not the unit's clerk
    assertThat(pi).isWaitingAt(SEND_REPLY).task().hasCandidateGroup("petition-office").isNotAssigned();
    sendReply(pi);
    assertThat(pi).isWaitingAt(REVIEW_WINDOW);
    assertThat(notifications(caseNumber, "ESCALATED_TO_OFFICE")).isEqualTo(1);
  }

  @Test
  void shouldRefuseAUnitHandingItsOwnCaseToAnotherUnitOrAssigningIt() {
    ProcessInstance pi = startAs("hr1", "unit-hr", valid());
    String suggested = (String) runtime.getVariable(pi.getId(), "handlingUnit");
    String other = "unit-chengguan".equals(suggested) ? "unit-qiaotou" : "unit-chengguan";
    assertThatThrownBy(() -> accept(pi, "HANDLE", other))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("handlingUnit 承办单位只能是本单位（县人力资源和社会保障局）");
    for (String decision : List.of("ASSIGN", "REFER", "FORWARD", "REJECT")) {
      assertThatThrownBy(() -> complete(pi, ACCEPT, Map.of("acceptanceDecision", decision, "handlingUnit", "unit-hr",
          "forwardBody", "县法院", "acceptanceNote", "交办")))
          .as(decision).hasRootCauseInstanceOf(InvalidInputException.class)
          .hasMessageContaining("acceptanceDecision 单位首问件只能选择");
    }
    assertThatThrownBy(() -> complete(pi, ACCEPT, Map.of("acceptanceDecision", "ESCALATE")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("escalationReason 请填写报县信访局理由");
    assertThat(pi).isWaitingAt(ACCEPT);
    assertThat(runtime.getVariable(pi.getId(), "acceptanceDecision")).isNull();
    assertThat(runtime.getVariable(pi.getId(), "handlingUnit")).isEqualTo(suggested);
    assertThat(notifications(pi.getBusinessKey(), "ESCALATED_TO_OFFICE")).isZero();
  }

  @Test
  void shouldDecideReviewAndReReviewThenArchive() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "HANDLE", null);
    assertThat(pi).isWaitingAt(HANDLE).task().hasCandidateGroup("petition-office");
    report(pi, "NOT_SUPPORT");
    sendReply(pi);

    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "对处理意见不服，申请复查");
    // 复查 by the next higher body (条例 第35条), not the office's own leaders
    assertThat(pi).isWaitingAt(DECIDE_REVIEW).task(DECIDE_REVIEW).hasCandidateGroup("upper-review");
    // the demo's 复查 office sees it in its task list; the bureau head, who decided the case, does not
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("review1").count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("head").count()).isZero();
    assertThat(pi).variables().containsEntry("reviewRequestNote", "对处理意见不服，申请复查");
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "维持原处理意见"));
    assertThat(pi).isWaitingAt(REREVIEW_WINDOW);

    requests.submit(pi.getBusinessKey(), RequestType.REREVIEW, "仍不服，申请复核");
    assertThat(pi).isWaitingAt(DECIDE_REREVIEW).task(DECIDE_REREVIEW).hasCandidateGroup("upper-rereview");
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("rereview1").count()).isEqualTo(1);
    complete(pi, DECIDE_REREVIEW, Map.of("rereviewOutcome", "UPHOLD", "rereviewOpinion", "复核维持"));
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_ARCHIVED).isEnded();
    assertThat(ledger.events(pi.getBusinessKey())).extracting(PetitionLedger.PetitionEvent::eventType)
        .contains("REVIEWED", "REREVIEWED", "ARCHIVED").doesNotContain("REOPENED");
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("REVIEWED"))
        .extracting(PetitionLedger.PetitionEvent::detail).containsExactly("复查结论：维持。复查意见：维持原处理意见");
  }

  @Test
  void shouldReopenForReHandlingWhenReviewRevokesAndReReviewChanges() {
    ProcessInstance pi = register(Map.of());
    String caseNumber = pi.getBusinessKey();
    accept(pi, "HANDLE", null);
    Date firstHandlingDue = (Date) runtime.getVariable(pi.getId(), "handlingDueAt");
    report(pi, "NOT_SUPPORT");
    sendReply(pi);
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.REPLIED);

    clock(START.plusDays(10));
    requests.submit(caseNumber, RequestType.REVIEW, "申请复查");
    Date firstReviewDue = (Date) runtime.getVariable(pi.getId(), "reviewDueAt");
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "REVOKE", "reviewOpinion", "事实不清，撤销"));

    // back to 调查处理 of the handling unit, with a handling deadline of its own counted from the decision
    assertThat(pi).hasPassed(XOR_REVIEW_OUTCOME).isWaitingAt(HANDLE).task(HANDLE).hasCandidateGroup("petition-office");
    Date newHandlingDue = (Date) runtime.getVariable(pi.getId(), "handlingDueAt");
    assertThat(newHandlingDue).isAfter(firstHandlingDue)
        .isAfterOrEqualTo(endOfDay(START.plusDays(10 + 59).getYear(), START.plusDays(10 + 59).getMonthValue(),
            START.plusDays(10 + 59).getDayOfMonth()));
    assertThat(task(pi, HANDLE).getDueDate()).isEqualTo(newHandlingDue);
    assertThat(runtime.getVariable(pi.getId(), "reviewDueAt")).as("the next 复查 is counted afresh").isNull();
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.OPEN);

    report(pi, "SUPPORT");
    sendReply(pi);
    // the review windows open again: a second 复查 has a deadline of its own
    clock(START.plusDays(20));
    requests.submit(caseNumber, RequestType.REVIEW, "再次申请复查");
    assertThat((Date) runtime.getVariable(pi.getId(), "reviewDueAt")).isAfter(firstReviewDue);
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "维持"));
    requests.submit(caseNumber, RequestType.REREVIEW, "申请复核");
    complete(pi, DECIDE_REREVIEW, Map.of("rereviewOutcome", "CHANGE", "rereviewOpinion", "变更处理意见"));
    assertThat(pi).hasPassed(XOR_REREVIEW_OUTCOME).isWaitingAt(HANDLE);

    report(pi, "SUPPORT");
    sendReply(pi);
    clock(START.plusDays(60));
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_ARCHIVED).isEnded();
    assertNothingLeft(pi);
    assertThat(ledger.events(caseNumber)).extracting(PetitionLedger.PetitionEvent::eventType)
        .containsSubsequence("REPLIED", "REVIEWED", "REOPENED", "OUTCOME", "REPLIED", "REVIEWED", "REREVIEWED",
            "REOPENED", "OUTCOME", "REPLIED", "ARCHIVED");
    List<String> reopened = ledger.events(caseNumber).stream().filter(e -> e.eventType().equals("REOPENED"))
        .map(PetitionLedger.PetitionEvent::detail).toList();
    assertThat(reopened).hasSize(2).allSatisfy(d -> assertThat(d).contains("信访室 重新办理，办理时限至 "));
    assertThat(reopened.get(0)).startsWith("复查撤销原处理意见");
    assertThat(reopened.get(1)).startsWith("复核变更原处理意见");
  }

  @Test
  void shouldRefuseAReviewOutcomeOutsideTheForm() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "HANDLE", null);
    report(pi, "NOT_SUPPORT");
    sendReply(pi);
    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "申请复查");
    assertThatThrownBy(() -> complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "REVISE", "reviewOpinion", "变更")))
        .hasMessageContaining("复查结论");
    assertThat(pi).isWaitingAt(DECIDE_REVIEW);
  }

  @Test
  void shouldArchiveWhenReReviewIsNotRequestedInTime() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "HANDLE", null);
    report(pi, "SUPPORT");
    sendReply(pi);
    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "申请复查");
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "维持原处理意见"));

    clock(START.plusDays(20));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(REREVIEW_WINDOW);
    clock(START.plusDays(40));
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_REREVIEW_WINDOW, END_ARCHIVED).isEnded();
  }

  @Test
  void shouldReferToATownshipAndReplyWithItsFiledReport() {
    ProcessInstance pi = register(Map.of("category", "LAND"));
    accept(pi, "REFER", "unit-chengguan");
    assertThat(pi).isWaitingAt(CALL_REFERRAL);
    ProcessInstance referral = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    assertThat(referral.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    Task investigate = tasks.createTaskQuery().processInstanceId(referral.getId()).singleResult();
    assertThat(investigate.getTaskDefinitionKey()).isEqualTo("task_investigate_referral");
    assertThat(tasks.createTaskQuery().taskId(investigate.getId()).taskCandidateGroup("unit-chengguan").count()).isEqualTo(1);
    assertThat((String) runtime.getVariable(referral.getId(), "referralLetterText")).contains("您的信访事项已受理");

    tasks.complete(investigate.getId(), Map.of("referralAction", "REPORT", "reportOutcome", "SUPPORT",
        "reportFacts", "情况属实", "reportReasons", "已责令整改"));
    Task review = tasks.createTaskQuery().processInstanceId(referral.getId()).singleResult();
    tasks.complete(review.getId(), Map.of("reviewDecision", "FILE"));

    assertThat(pi).hasPassed(CALL_REFERRAL, RECORD_OUTCOME).isWaitingAt(SEND_REPLY);
    assertThat(pi).variables().containsEntry("outcome", "SUPPORT").containsEntry("facts", "情况属实")
        .containsEntry("outcomeLabel", "支持");
    // the referred case stays open in the ledger until the owner replies and it is archived
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.OPEN);
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().handlingUnit()).isEqualTo("unit-chengguan");
  }

  @Test
  void shouldForwardToCompetentBodyAndTellThePetitioner() {
    ProcessInstance pi = register(Map.of("category", "LITIGATION"));
    complete(pi, ACCEPT, Map.of("acceptanceDecision", "FORWARD", "forwardBody", "县人民法院",
        "acceptanceNote", "您反映的事项属法院职权范围，已转送县人民法院"));
    assertThat(pi).hasPassed(FORWARD).isEnded();
    assertThat(pi).hasPassed(END_FORWARDED);
    assertNothingLeft(pi);
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.FORWARDED);
  }

  @Test
  void shouldRejectWithWrittenReason() {
    ProcessInstance pi = register(Map.of());
    complete(pi, ACCEPT, Map.of("acceptanceDecision", "REJECT", "acceptanceNote", "已经复核终结，不再受理"));
    assertThat(pi).hasPassed(REJECT, END_REJECTED).isEnded();
    assertNothingLeft(pi);
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.REJECTED);
    assertThat(ledger.events(pi.getBusinessKey())).extracting(PetitionLedger.PetitionEvent::detail)
        .anyMatch(d -> d.contains("已经复核终结"));
  }

  @Test
  void shouldFileCollectiveVisitUpwardOnce() {
    ProcessInstance pi = register(Map.of("headcount", 8));
    assertThat(pi).isWaitingAt(FILE_UPWARD);
    runDueJobs(pi);
    assertThat(pi).hasPassed(FILE_UPWARD).isWaitingAt(ACCEPT);
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().majorCase()).isTrue();
    assertThat(notifications(pi.getBusinessKey(), "FILED_UPWARD")).isEqualTo(1);
  }

  @Test
  void shouldLinkSamePetitionerAndSubjectToTheOpenCaseAndCallTheLeaderOnDuty() {
    ProcessInstance open = register(Map.of("petitionerPhone", "13900000001"));
    ProcessInstance again = register(Map.of("channel", "PHONE", "subject", "  拖欠工资！ ", "petitionerPhone", "13900000001"));
    assertThat(again).isWaitingAt(LINK_TO_OPEN_CASE);
    assertThat(again).variables().containsEntry("linkedCaseNumber", open.getBusinessKey());
    runDueJobs(again);
    assertThat(again).hasPassed(END_LINKED).isEnded();
    assertNothingLeft(again);
    assertThat(ledger.find(again.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.LINKED);

    // before assignment, the petition office's head comes on duty
    assertThat(open).isWaitingAt(ACCEPT, LEADER_ON_DUTY);
    Task duty = task(open, LEADER_ON_DUTY);
    assertThat(duty.getAssignee()).isEqualTo("head");
    assertThat(open).variables().containsEntry("repeatVisit", true).containsEntry("repeatCount", 1);

    // another visit while the leader is on duty is recorded, not a second duty task
    requests.submit(open.getBusinessKey(), RequestType.REPEAT_VISIT, "再次到县信访局上访");
    assertThat(open).hasPassed(END_REPEAT_RECORDED);
    assertThat(tasks.createTaskQuery().processInstanceId(open.getId()).taskDefinitionKey(LEADER_ON_DUTY).count())
        .isEqualTo(1);
    assertThat(ledger.find(open.getBusinessKey()).orElseThrow().repeatVisits()).isEqualTo(2);

    complete(open, LEADER_ON_DUTY, Map.of("dutyResult", "SETTLED", "coordinationRecord", "局长接访，当场协调解决"));
    assertThat(open).hasPassed(END_REPEAT_SETTLED).isWaitingAt(ACCEPT);
  }

  @Test
  void shouldPutTheHandlingUnitsHeadOnDutyAfterAssignment() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    requests.submit(pi.getBusinessKey(), RequestType.REPEAT_VISIT, "到市里上访");
    assertThat(task(pi, LEADER_ON_DUTY).getAssignee()).isEqualTo("hrhead");
  }

  @Test
  void shouldMoveTheHandlingDeadlineWhenTheUnitHeadApprovesAnExtension() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    Date original = task(pi, HANDLE).getDueDate();
    complete(pi, HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 20, "extensionReason", "需要调取社保记录"));
    assertThat(pi).isWaitingAt(APPROVE_EXTENSION).task().isAssignedTo("hrhead");
    complete(pi, APPROVE_EXTENSION, Map.of("extensionDecision", "APPROVE", "approvalComment", "同意"));

    assertThat(pi).isWaitingAt(HANDLE);
    assertThat(task(pi, HANDLE).getDueDate()).isEqualTo(endOfDay(2026, 5, 26));
    assertThat(task(pi, HANDLE).getDueDate()).isAfter(original);
    assertThat(pi).variables().containsEntry("extensionDecisionLabel", "同意延长 20 日").containsEntry("handlingAction", "REPORT");
    assertThat(ledger.events(pi.getBusinessKey())).extracting(PetitionLedger.PetitionEvent::detail)
        .anyMatch(d -> d.contains("需要调取社保记录"));

    // 20 of 30 days used: asking for 15 more is refused with the days that are left, counted in the
    // ledger, so that even a process variable reset to 0 (by an administrator in Cockpit) wins nothing
    runtime.setVariable(pi.getId(), "extendedDays", 0);
    assertThatThrownBy(() -> complete(pi, HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 15,
        "extensionReason", "再延")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("1 至 10");
    assertThat(pi).isWaitingAt(HANDLE);
  }

  @Test
  void shouldKeepTheDeadlineWhenTheExtensionIsRefused() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    Date original = task(pi, HANDLE).getDueDate();
    complete(pi, HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 30, "extensionReason", "案情复杂"));
    complete(pi, APPROVE_EXTENSION, Map.of("extensionDecision", "REFUSE", "approvalComment", "事实清楚，按期办结"));
    assertThat(pi).isWaitingAt(HANDLE);
    assertThat(task(pi, HANDLE).getDueDate()).isEqualTo(original);
    assertThat(pi).variables().containsEntry("extensionDecisionLabel", "不同意延期");
  }

  @Test
  void shouldReturnToTheUnitWhenTheOwnerRejectsTheResult() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    report(pi, "EXPLAIN");
    complete(pi, SEND_REPLY, Map.of("replyDecision", "RETURN", "returnReason", "事实未查清"));
    assertThat(pi).isWaitingAt(HANDLE);
    assertThat(pi).variables().containsEntry("returnReason", "事实未查清");
    report(pi, "SUPPORT");
    assertThat(pi).isWaitingAt(SEND_REPLY);
    assertThat(runtime.getVariable(pi.getId(), "returnReason")).isNull();
  }

  @Test
  void shouldRemindBeforeAndEscalateAfterTheAcceptanceDeadline() {
    ProcessInstance pi = register(Map.of());
    clock(LocalDateTime.of(2026, 3, 13, 8, 59));
    runDueJobs(pi);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isZero();
    // three days before 17 March is a Saturday: the reminder goes out on Friday at 09:00
    clock(LocalDateTime.of(2026, 3, 13, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_ACCEPTANCE_REMINDER, REMIND_ACCEPTANCE, END_ACCEPTANCE_REMINDED).isWaitingAt(ACCEPT);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isEqualTo(1);

    clock(LocalDateTime.of(2026, 3, 18, 8, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(ACCEPT, SUPERVISE_ACCEPTANCE);
    assertThat(task(pi, SUPERVISE_ACCEPTANCE).getName()).isEqualTo("受理逾期督办");
    assertThat(tasks.createTaskQuery().taskDefinitionKey(SUPERVISE_ACCEPTANCE).processInstanceId(pi.getId())
        .taskCandidateGroup("leaders").count()).isEqualTo(1);
    assertThat(notifications(pi.getBusinessKey(), "OVERDUE")).isEqualTo(1);
    assertThat(pi).variables().containsEntry("currentDueLabel", "受理告知已逾期（时限 2026年3月17日）");
    // the open task's own copy, which the task list shows, says so too
    assertThat(tasks.getVariableLocal(task(pi, ACCEPT).getId(), "currentDueLabel")).isEqualTo("受理告知已逾期（时限 2026年3月17日）");

    complete(pi, SUPERVISE_ACCEPTANCE, Map.of("supervisionMeasure", "URGE", "supervisionOpinion", "请信访室当日受理"));
    assertThat(pi).hasPassed(END_ACCEPTANCE_SUPERVISED).isWaitingAt(ACCEPT);
  }

  @Test
  void shouldEscalateAMissedHandlingDeadlineOnceEvenWhenTheTaskIsReentered() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    clock(LocalDateTime.of(2026, 4, 24, 8, 59));
    runDueJobs(pi);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isZero();
    // ten days before 6 May is Sunday 26 April: the reminder goes out on Friday 24 April at 09:00
    clock(LocalDateTime.of(2026, 4, 24, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_HANDLING, END_HANDLING_REMINDED);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isEqualTo(1);

    clock(LocalDateTime.of(2026, 5, 7, 9, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(HANDLE, SUPERVISE_HANDLING);
    assertThat(tasks.createTaskQuery().taskDefinitionKey(SUPERVISE_HANDLING).taskCandidateGroup("supervision")
        .processInstanceId(pi.getId()).count()).isEqualTo(1);

    // the owner returns the late result: the task is entered again with the same, missed deadline
    report(pi, "EXPLAIN");
    complete(pi, SEND_REPLY, Map.of("replyDecision", "RETURN", "returnReason", "补充调查"));
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_ALREADY_SUPERVISED);
    assertThat(tasks.createTaskQuery().taskDefinitionKey(SUPERVISE_HANDLING).processInstanceId(pi.getId()).count())
        .isEqualTo(1);
    assertThat(notifications(pi.getBusinessKey(), "OVERDUE")).isEqualTo(1);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isEqualTo(1);
    complete(pi, SUPERVISE_HANDLING, Map.of("supervisionMeasure", "LETTER", "supervisionOpinion", "发出督办函"));
    assertThat(pi).hasPassed(END_HANDLING_SUPERVISED);
  }

  // ---------------------------------------------------------------- every deadline chased (issue 11)

  @Test
  void shouldEscalateAMissedHandlingSupervisionFromTheTeamToItsLeaderToTheBureauHeadAndNoFurther() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    clock(LocalDateTime.of(2026, 5, 7, 9, 0));
    runDueJobs(pi);
    Task supervision = task(pi, SUPERVISE_HANDLING);
    // the supervision team has seven days of its own: 7 May + 7 = 14 May
    assertThat(supervision.getAssignee()).isNull();
    assertThat(supervision.getDueDate()).isEqualTo(endOfDay(2026, 5, 14));

    clock(LocalDateTime.of(2026, 5, 12, 9, 0)); // two days before: the team is reminded
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_SUPERVISE_HANDLING, END_SUPERVISE_HANDLING_REMINDED);

    clock(LocalDateTime.of(2026, 5, 15, 8, 0)); // missed: the team's leader (副局长 deputy1) takes it over
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_SUPERVISE_HANDLING, END_SUPERVISE_HANDLING_ESCALATED);
    supervision = task(pi, SUPERVISE_HANDLING);
    assertThat(supervision.getAssignee()).isEqualTo("deputy1");
    assertThat(supervision.getDueDate()).isEqualTo(endOfDay(2026, 5, 21));

    clock(LocalDateTime.of(2026, 5, 22, 8, 0)); // missed again: the bureau head
    runDueJobs(pi);
    assertThat(task(pi, SUPERVISE_HANDLING).getAssignee()).isEqualTo("head");
    assertThat(task(pi, SUPERVISE_HANDLING).getDueDate()).isEqualTo(endOfDay(2026, 5, 28));

    clock(LocalDateTime.of(2026, 6, 30, 8, 0)); // the top misses too: recorded once, nobody above the head
    runDueJobs(pi);
    runDueJobs(pi);
    assertThat(task(pi, SUPERVISE_HANDLING).getAssignee()).isEqualTo("head");
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("ESCALATION"))
        .extracting(PetitionLedger.PetitionEvent::actor).containsExactly("system", "system", "system");
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("ESCALATION"))
        .extracting(PetitionLedger.PetitionEvent::detail)
        .anySatisfy(d -> assertThat(d).contains("赵立新"))
        .anySatisfy(d -> assertThat(d).contains("陈建国"))
        .anySatisfy(d -> assertThat(d).contains("最高一级"));
    assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().activityId(TIMER_SUPERVISE_HANDLING_OVERDUE)
        .count()).isZero();

    complete(pi, SUPERVISE_HANDLING, Map.of("supervisionMeasure", "LETTER", "supervisionOpinion", "局长督办"));
    assertThat(pi).hasPassed(END_HANDLING_SUPERVISED).isWaitingAt(HANDLE);
    assertThat(runtime.getVariable(pi.getId(), "superviseHandlingLevel")).isNull();
  }

  @Test
  void shouldEscalateAMissedAcceptanceSupervisionFromTheLeadersToTheBureauHead() {
    ProcessInstance pi = register(Map.of());
    clock(LocalDateTime.of(2026, 3, 18, 8, 0));
    runDueJobs(pi);
    assertThat(task(pi, SUPERVISE_ACCEPTANCE).getDueDate()).isEqualTo(endOfDay(2026, 3, 25));
    clock(LocalDateTime.of(2026, 3, 23, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_SUPERVISE_ACCEPTANCE, END_SUPERVISE_ACCEPTANCE_REMINDED);
    clock(LocalDateTime.of(2026, 3, 26, 8, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_SUPERVISE_ACCEPTANCE, END_SUPERVISE_ACCEPTANCE_ESCALATED);
    assertThat(task(pi, SUPERVISE_ACCEPTANCE).getAssignee()).isEqualTo("head");
  }

  @Test
  void shouldChaseTheReplyAndEscalateItToTheLeadersWhenTheCaseDeadlinePasses() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "HANDLE", null);
    report(pi, "EXPLAIN");
    assertThat(pi).isWaitingAt(SEND_REPLY);
    clock(LocalDateTime.of(2026, 4, 24, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_REPLY, END_REPLY_REMINDED);
    clock(LocalDateTime.of(2026, 5, 7, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_REPLY, END_REPLY_ESCALATED).isWaitingAt(SEND_REPLY);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'OVERDUE' "
        + "AND recipient_group = 'leaders'", Integer.class, pi.getBusinessKey())).isEqualTo(1);
    assertThat(pi).variables().containsEntry("currentDueLabel", "调查处理已逾期（时限 2026年5月6日）");
    assertThat(tasks.getVariableLocal(task(pi, SEND_REPLY).getId(), "currentDueLabel"))
        .isEqualTo("答复已逾期（时限 2026年5月6日）");
  }

  @Test
  void shouldChaseTheExtensionApprovalOnTheCaseDeadline() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    clock(LocalDateTime.of(2026, 4, 20, 10, 0));
    complete(pi, HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 20, "extensionReason", "需要调取社保记录"));
    clock(LocalDateTime.of(2026, 5, 7, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_EXTENSION_APPROVAL, ESCALATE_EXTENSION_APPROVAL, END_EXTENSION_APPROVAL_REMINDED,
        END_EXTENSION_APPROVAL_ESCALATED).isWaitingAt(APPROVE_EXTENSION);
    // the journal names the approver who acted
    identity.setAuthentication("hrhead", List.of("unit-hr"));
    try {
      complete(pi, APPROVE_EXTENSION, Map.of("extensionDecision", "APPROVE", "approvalComment", "同意"));
    } finally {
      identity.clearAuthentication();
    }
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("EXTENSION_GRANTED"))
        .extracting(PetitionLedger.PetitionEvent::actor).containsExactly("hrhead");
  }

  @Test
  void shouldChaseReviewAndReReviewDecisions() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "HANDLE", null);
    report(pi, "NOT_SUPPORT");
    sendReply(pi);
    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "申请复查");
    clock(START.plusDays(40));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_REVIEW, ESCALATE_REVIEW, END_REVIEW_REMINDED, END_REVIEW_ESCALATED)
        .isWaitingAt(DECIDE_REVIEW);
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "UPHOLD", "reviewOpinion", "维持"));
    requests.submit(pi.getBusinessKey(), RequestType.REREVIEW, "申请复核");
    clock(START.plusDays(80));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_REREVIEW, ESCALATE_REREVIEW, END_REREVIEW_REMINDED, END_REREVIEW_ESCALATED)
        .isWaitingAt(DECIDE_REREVIEW);
  }

  // ---------------------------------------------------------------- every end ends (issue 11)

  @Test
  void shouldReachTheReplyWhenAReferralIsFiledWhileItsSupervisionIsOpen() {
    ProcessInstance pi = register(Map.of("category", "LAND"));
    accept(pi, "REFER", "unit-chengguan");
    ProcessInstance referral = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    clock(LocalDateTime.of(2026, 4, 3, 9, 0)); // the referral's month has passed
    runDueJobs(referral);
    assertThat(tasks.createTaskQuery().processInstanceId(referral.getId()).taskDefinitionKey("task_supervise_referral")
        .count()).isEqualTo(1);
    Task investigate = tasks.createTaskQuery().processInstanceId(referral.getId())
        .taskDefinitionKey("task_investigate_referral").singleResult();
    tasks.complete(investigate.getId(), Map.of("referralAction", "REPORT", "reportOutcome", "SUPPORT",
        "reportFacts", "情况属实", "reportReasons", "已责令整改"));
    Task review = tasks.createTaskQuery().processInstanceId(referral.getId())
        .taskDefinitionKey("task_review_referral_report").singleResult();
    tasks.complete(review.getId(), Map.of("reviewDecision", "FILE"));
    // the filing ends the referral with its open supervision, and the intake goes on to the reply
    assertThat(referral).isEnded();
    assertThat(pi).isWaitingAt(SEND_REPLY);
    assertThat(tasks.createTaskQuery().processInstanceId(referral.getId()).count()).isZero();
    assertThat(management.createJobQuery().processInstanceId(referral.getId()).count()).isZero();
  }

  // ---------------------------------------------------------------- the case's handling clock (issue 11, item 2)

  @Test
  void shouldEscalateBothALateReferralAndTheCasesMissedHandlingLimitAndReturnTheReplyToTheReferredUnit() {
    ProcessInstance pi = register(Map.of("category", "LAND"));
    String caseNumber = pi.getBusinessKey();
    accept(pi, "REFER", "unit-chengguan");
    // the handling clock starts at acceptance (2 March): 60 days, the last one after the May holidays
    assertThat(runtime.getVariable(pi.getId(), "handlingDueAt")).isEqualTo(endOfDay(2026, 5, 6));
    ProcessInstance referral = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();

    clock(LocalDateTime.of(2026, 4, 3, 9, 0)); // the referral's month has passed
    runDueJobs(referral);
    runDueJobs(pi);
    assertThat(tasks.createTaskQuery().processInstanceId(referral.getId()).taskDefinitionKey("task_supervise_referral")
        .count()).isEqualTo(1);
    assertThat(pi).isWaitingAt(CALL_REFERRAL).hasNotPassed(RECORD_HANDLING_OVERDUE);

    clock(LocalDateTime.of(2026, 5, 7, 9, 0)); // the case's 60 days have passed while the referral still runs
    runDueJobs(referral);
    runDueJobs(pi);
    assertThat(pi).hasPassed(TIMER_REFERRAL_HANDLING_REMINDER, REMIND_REFERRAL_HANDLING, END_REFERRAL_HANDLING_REMINDED,
        TIMER_REFERRAL_HANDLING_OVERDUE,
        RECORD_HANDLING_OVERDUE).isWaitingAt(CALL_REFERRAL, SUPERVISE_HANDLING);
    List<String> overdue = ledger.events(caseNumber).stream().filter(e -> e.eventType().equals("OVERDUE"))
        .map(PetitionLedger.PetitionEvent::detail).toList();
    assertThat(overdue).anySatisfy(d -> assertThat(d).contains("转办件办理已超过时限"))
        .anySatisfy(d -> assertThat(d).contains("调查处理已超过时限（2026-05-06）"));

    Task investigate = tasks.createTaskQuery().processInstanceId(referral.getId())
        .taskDefinitionKey("task_investigate_referral").singleResult();
    tasks.complete(investigate.getId(), Map.of("referralAction", "REPORT", "reportOutcome", "SUPPORT",
        "reportFacts", "情况属实", "reportReasons", "已责令整改"));
    Task review = tasks.createTaskQuery().processInstanceId(referral.getId())
        .taskDefinitionKey("task_review_referral_report").singleResult();
    tasks.complete(review.getId(), Map.of("reviewDecision", "FILE"));
    // the reply is due on the case's clock, not counted afresh from the filing
    assertThat(pi).isWaitingAt(SEND_REPLY);
    assertThat(task(pi, SEND_REPLY).getDueDate()).isEqualTo(endOfDay(2026, 5, 6));

    // returned by the case owner: back into a new investigation by the referred unit, not the intake's 调查处理
    complete(pi, SEND_REPLY, Map.of("replyDecision", "RETURN", "returnReason", "事实未查清"));
    assertThat(pi).hasPassed(XOR_REPLY_RETURNED, JOIN_REFERRAL).hasNotPassed(HANDLE).isWaitingAt(CALL_REFERRAL);
    ProcessInstance again = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    assertThat(again.getId()).isNotEqualTo(referral.getId());
    Task reinvestigate = tasks.createTaskQuery().processInstanceId(again.getId()).singleResult();
    assertThat(reinvestigate.getTaskDefinitionKey()).isEqualTo("task_investigate_referral");
    assertThat(tasks.createTaskQuery().taskId(reinvestigate.getId()).taskCandidateGroup("unit-chengguan").count())
        .isEqualTo(1);
    assertThat((String) runtime.getVariable(again.getId(), "referralRequest")).isEqualTo("退回重办：事实未查清");
    // the case's overdue handling deadline is escalated once, not again on the second referral
    runDueJobs(pi);
    assertThat(ledger.events(caseNumber)).filteredOn(e -> e.eventType().equals("OVERDUE"))
        .filteredOn(e -> e.detail().contains("调查处理")).hasSize(1);
  }

  @Test
  void shouldCountAReferralExtensionAgainstTheCasesThirtyDays() {
    ProcessInstance pi = register(Map.of("category", "LAND"));
    accept(pi, "REFER", "unit-chengguan");
    ProcessInstance referral = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    Task investigate = tasks.createTaskQuery().processInstanceId(referral.getId()).singleResult();
    tasks.complete(investigate.getId(), Map.of("referralAction", "EXTEND", "referralExtensionDays", 20,
        "referralExtensionReason", "需要现场勘查"));
    Task decide = tasks.createTaskQuery().processInstanceId(referral.getId()).singleResult();
    tasks.complete(decide.getId(), Map.of("referralExtensionDecision", "APPROVE", "referralExtensionComment", "同意"));
    investigate = tasks.createTaskQuery().processInstanceId(referral.getId())
        .taskDefinitionKey("task_investigate_referral").singleResult();
    tasks.complete(investigate.getId(), Map.of("referralAction", "REPORT", "reportOutcome", "SUPPORT",
        "reportFacts", "情况属实", "reportReasons", "已责令整改"));
    Task review = tasks.createTaskQuery().processInstanceId(referral.getId())
        .taskDefinitionKey("task_review_referral_report").singleResult();
    tasks.complete(review.getId(), Map.of("reviewDecision", "FILE"));
    sendReply(pi);
    requests.submit(pi.getBusinessKey(), RequestType.REVIEW, "申请复查");
    complete(pi, DECIDE_REVIEW, Map.of("reviewOutcome", "CHANGE", "reviewOpinion", "变更"));
    assertThat(pi).isWaitingAt(HANDLE).task(HANDLE).hasCandidateGroup("unit-chengguan");

    // 20 days already granted on the referral letter: 10 are left of the 30, wherever they are asked for
    assertThat(ledger.totalExtendedDays(pi.getBusinessKey())).isEqualTo(20);
    assertThatThrownBy(() -> complete(pi, HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 15,
        "extensionReason", "补充调查")))
        .hasMessageContaining("申请延长天数应为 1 至 10 的整数");
    complete(pi, HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 10, "extensionReason", "补充调查"));
    assertThat(pi).isWaitingAt(APPROVE_EXTENSION);
  }

  @Test
  void shouldArchiveWithAnOpenSupervisionCancelledAndRefuseALaterRepeatVisit() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "ASSIGN", "unit-hr");
    clock(LocalDateTime.of(2026, 5, 7, 9, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(HANDLE, SUPERVISE_HANDLING);
    identity.setAuthentication("hr1", List.of("unit-hr"));
    try {
      report(pi, "EXPLAIN");
    } finally {
      identity.clearAuthentication();
    }
    sendReply(pi);
    clock(LocalDateTime.of(2026, 6, 20, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_ARCHIVED).isEnded();
    assertNothingLeft(pi);
    var journal = ledger.events(pi.getBusinessKey());
    assertThat(journal).filteredOn(e -> e.eventType().equals("CLOSED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("已办结归档", "办理逾期督办"))
        .satisfies(e -> assertThat(e.actor()).isEqualTo("system"));
    // the journal knows who: the unit's clerk reported, the owner replied (assignee), the timer archived
    assertThat(journal).filteredOn(e -> e.eventType().equals("OUTCOME")).extracting(PetitionLedger.PetitionEvent::actor)
        .containsExactly("hr1");
    assertThat(journal).filteredOn(e -> e.eventType().equals("REPLIED")).extracting(PetitionLedger.PetitionEvent::actor)
        .containsExactly("reception1");
    assertThat(journal).filteredOn(e -> e.eventType().equals("ARCHIVED")).extracting(PetitionLedger.PetitionEvent::actor)
        .containsExactly("system");

    assertThatThrownBy(() -> requests.submit(pi.getBusinessKey(), RequestType.REPEAT_VISIT, "又来了"))
        .isInstanceOfSatisfying(StateConflictException.class, e -> {
          assertThat(e.status()).isEqualTo("ARCHIVED");
          assertThat(e.getMessage()).contains("已归档");
        });
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(LEADER_ON_DUTY).count()).isZero();
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void shouldRefuseAnIncompleteRegistrationAndStoreNothing() {
    int before = petitions();
    long instancesBefore = runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY).count();
    Map<String, Object> bad = new HashMap<>(valid());
    bad.remove("subject");
    bad.put("petitionerPhone", "12345");
    assertThatThrownBy(() -> start(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("subject").hasMessageContaining("petitionerPhone");
    assertThat(petitions()).isEqualTo(before);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY).count())
        .isEqualTo(instancesBefore);
  }

  @Test
  void shouldRefuseAnAssignmentWithoutAUnitAndKeepTheTaskOpen() {
    ProcessInstance pi = register(Map.of());
    assertThatThrownBy(() -> complete(pi, ACCEPT, Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", "leaders",
        "acceptanceNote", "交办")))
        // the engine wraps a task listener's exception; the clerk reads our message inside it
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("handlingUnit 请选择承办单位");
    assertThat(pi).isWaitingAt(ACCEPT);
    assertThat(runtime.getVariable(pi.getId(), "acceptanceDecision")).isNull();
  }

  @Test
  void shouldGiveADisciplineReportFiveWorkingDaysForAcceptance() {
    clock(LocalDateTime.of(2026, 9, 28, 10, 0)); // Monday before the National Day holiday
    ProcessInstance pi = register(Map.of("category", "DISCIPLINE"));
    // 29, 30 September, then 1-7 October off, 8 and 9 October, and Saturday 10 October is worked (调休)
    assertThat(task(pi, ACCEPT).getDueDate()).isEqualTo(endOfDay(2026, 10, 10));
    // the ledger row carries the same, shorter limit from its insert (the statistics' 及时受理 counts against it)
    assertThat(jdbc.queryForObject("SELECT acceptance_due_at FROM xf_petition WHERE case_number = ?",
        java.sql.Timestamp.class, pi.getBusinessKey()).toInstant()).isEqualTo(endOfDay(2026, 10, 10).toInstant());
  }

  @Test
  void shouldMaskADisciplineReportersIdentityInVariablesButKeepItInTheLedger() {
    ProcessInstance pi = register(Map.of("category", "DISCIPLINE", "petitionerPhone", "13812345678",
        "petitionerIdNumber", "11010519491231002X",
        "petitionerAddress", "城关镇幸福路1号"));
    assertThat(pi).variables().containsEntry("petitionerName", "王**").containsEntry("petitionerPhone", "138****5678")
        .containsEntry("petitionerIdNumber", "1101**********002X").containsEntry("petitionerAddress", "（保密）")
        .containsEntry("confidential", true).containsEntry("handlingUnit", "petition-office");
    var stored = ledger.find(pi.getBusinessKey()).orElseThrow();
    assertThat(stored.petitionerName()).isEqualTo("王小明");
    assertThat(stored.petitionerIdNumber()).isEqualTo("11010519491231002X");
  }

  // ---------------------------------------------------------------- petition-request (the reception's form)

  @Test
  void shouldRecordAReviewRequestFromTheReceptionForm() {
    ProcessInstance pi = register(Map.of());
    accept(pi, "HANDLE", null);
    report(pi, "EXPLAIN");
    sendReply(pi);
    ProcessInstance request = startRequest(pi.getBusinessKey(), "REVIEW", "信访人到窗口申请复查");
    assertThat(request).hasPassed(REQUEST_FORWARD).isEnded();
    assertThat(request.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    assertThat(pi).isWaitingAt(DECIDE_REVIEW);
  }

  @Test
  void shouldRefuseARequestForAnUnknownOrClosedCase() {
    assertThatThrownBy(() -> startRequest("XF-2026-999999", "REPEAT_VISIT", "来访"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("XF-2026-999999");
    ProcessInstance pi = register(Map.of());
    complete(pi, ACCEPT, Map.of("acceptanceDecision", "REJECT", "acceptanceNote", "不属于信访事项"));
    assertThatThrownBy(() -> startRequest(pi.getBusinessKey(), "REVIEW", "申请复查"))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("不予受理");
    assertThatThrownBy(() -> startRequest(pi.getBusinessKey(), "SOMETHING", "x"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("requestType");
  }

  // ---------------------------------------------------------------- helpers

  /** A different petitioner per registration, so that tests do not link to each other's open cases. */
  static final java.util.concurrent.atomic.AtomicInteger PETITIONERS = new java.util.concurrent.atomic.AtomicInteger();

  static Map<String, Object> valid() {
    Map<String, Object> v = new HashMap<>();
    v.put("channel", "VISIT");
    v.put("category", "LABOR");
    v.put("subject", "拖欠工资");
    v.put("content", "某建筑公司拖欠农民工工资三个月，多次讨要未果。");
    v.put("realName", true);
    v.put("headcount", 1);
    v.put("sourceLevel", "SELF");
    v.put("petitionerName", "王小明");
    v.put("petitionerPhone", String.format("1381234%04d", PETITIONERS.incrementAndGet()));
    return v;
  }

  ProcessInstance register(Map<String, Object> overrides) {
    Map<String, Object> variables = valid();
    variables.putAll(overrides);
    return start(variables);
  }

  /** Starts as the reception clerk reception1, as Tasklist does. */
  ProcessInstance start(Map<String, Object> variables) {
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      return runtime.startProcessInstanceByKey(IntakeProcess.KEY, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Starts as a clerk of a department or township, as Tasklist does for 单位首问. */
  ProcessInstance startAs(String user, String group, Map<String, Object> variables) {
    return as(user, List.of(group), () -> runtime.startProcessInstanceByKey(IntakeProcess.KEY, variables));
  }

  ProcessInstance startRequest(String caseNumber, String type, String note) {
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      return runtime.startProcessInstanceByKey(IntakeProcess.REQUEST_KEY,
          Map.of("caseNumber", caseNumber, "requestType", type, "requestNote", note));
    } finally {
      identity.clearAuthentication();
    }
  }

  void accept(ProcessInstance pi, String decision, String unit) {
    Map<String, Object> v = new HashMap<>();
    v.put("acceptanceDecision", decision);
    v.put("acceptanceNote", "您的信访事项已受理");
    if (unit != null) {
      v.put("handlingUnit", unit);
    }
    complete(pi, ACCEPT, v);
  }

  void report(ProcessInstance pi, String outcome) {
    complete(pi, HANDLE, Map.of("handlingAction", "REPORT", "outcome", outcome, "facts", "经调查核实", "reasons", "依据相关规定"));
  }

  void sendReply(ProcessInstance pi) {
    complete(pi, SEND_REPLY, Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN", "replyText", "信访处理意见书"));
    runDueJobs(pi);
  }




  int notifications(String caseNumber, String kind) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = ?",
        Integer.class, caseNumber, kind);
  }

  int petitions() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class);
  }



}
