package cn.xinfang.flow.referral;

import cn.xinfang.flow.ProcessTests;
import static cn.xinfang.flow.referral.ReferralProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.system.InvalidInputException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * Every path of petition-referral (转办督办), started on its own as a case referred to us from above:
 * report and filing, objection, extension, reminder, overdue escalation and its points, the second
 * escalation to the supervising leader, return for re-investigation.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:referral-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    // 上下级交换: the housing bureau works its cases in its own system; the city assigns cases to us
    "xinfang.exchange.partners[0].id=housing", "xinfang.exchange.partners[0].name=县住建局",
    "xinfang.exchange.partners[0].base-url=http://localhost:9", "xinfang.exchange.partners[0].secret=housing-secret-0123456789abcdef0123",
    "xinfang.exchange.partners[0].units[0]=unit-housing",
    "xinfang.exchange.partners[1].id=city", "xinfang.exchange.partners[1].name=市信访局",
    "xinfang.exchange.partners[1].base-url=http://localhost:9", "xinfang.exchange.partners[1].secret=city-secret-0123456789abcdef012345",
    "xinfang.exchange.partners[1].upper=true"})
@Import({ProcessEngineCoverageConfiguration.class, ReferralProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ReferralProcessTest extends ProcessTests {

  @TestConfiguration
  static class Coverage {
    /** Primary: the library registers a default of its own, which would otherwise hide this one. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(0.9)
          .excludeProcessDefinitionKeys("petition-intake", "petition-request", "joint-investigation", "leader-ownership").build();
    }
  }

  /** Monday 2 March 2026, 10:00 Beijing time. */
  static final LocalDateTime START = LocalDateTime.of(2026, 3, 2, 10, 0);
  static final AtomicInteger PETITIONERS = new AtomicInteger();

  @Autowired PetitionLedger ledger;

  @BeforeEach
  void setUp() {
    clock(START);
  }

  @Test
  void shouldFileAReportOnTimeAndCloseTheCaseReferredFromAbove() {
    ProcessInstance pi = refer("unit-chengguan");
    String caseNumber = pi.getBusinessKey();
    assertThat(caseNumber).matches("XF-2026-\\d{6}");
    assertThat(pi).isWaitingAt(INVESTIGATE).task().hasCandidateGroup("unit-chengguan");
    // one month from 2 March: Thursday 2 April
    assertThat(task(pi, INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2026, 4, 2));
    String letter = (String) runtime.getVariable(pi.getId(), "referralLetterNumber");
    assertThat(letter).matches("ZB-2026-\\d{6}");
    assertThat((String) runtime.getVariable(pi.getId(), "referralLetterText"))
        .contains("城关镇", caseNumber, "2026年4月2日", "2026年3月9日"); // five working days to object
    assertThat(referralStatus(letter)).isEqualTo("OPEN");

    report(pi);
    assertThat(pi).isWaitingAt(REVIEW_REPORT).task().hasCandidateGroup("petition-office");
    assertThat(runtime.getVariable(pi.getId(), "reportOutcomeLabel")).isEqualTo("解释说明");
    complete(pi, REVIEW_REPORT, Map.of("reviewDecision", "FILE"));
    assertThat(pi).hasPassed(FILE, END_FILED).isEnded();
    assertNothingLeft(pi);
    assertThat(referralStatus(letter)).isEqualTo("FILED");
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.ARCHIVED);
    assertThat(points(pi, "unit-chengguan")).isZero();
  }

  @Test
  void shouldGiveTheCaseToAnotherUnitWhenTheObjectionIsAccepted() {
    ProcessInstance pi = refer("unit-chengguan");
    String firstLetter = (String) runtime.getVariable(pi.getId(), "referralLetterNumber");
    clock(START.plusDays(4)); // Friday 6 March: within five working days
    complete(pi, INVESTIGATE, Map.of("referralAction", "OBJECT", "objectionReason", "该事项属县自然资源局职责"));
    assertThat(pi).isWaitingAt(REROUTE).task().hasCandidateGroup("petition-office");
    complete(pi, REROUTE, Map.of("rerouteDecision", "REASSIGN", "handlingUnit", "unit-land", "rerouteNote", "改交自然资源局"));
    assertThat(pi).isWaitingAt(INVESTIGATE).task().hasCandidateGroup("unit-land");
    String secondLetter = (String) runtime.getVariable(pi.getId(), "referralLetterNumber");
    assertThat(secondLetter).isNotEqualTo(firstLetter);
    assertThat(referralStatus(firstLetter)).isEqualTo("REASSIGNED");
    // the new unit gets a month of its own from the new letter
    assertThat(task(pi, INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2026, 4, 7));
  }

  @Test
  void shouldKeepTheUnitWhenTheObjectionIsRejected() {
    ProcessInstance pi = refer("unit-chengguan");
    complete(pi, INVESTIGATE, Map.of("referralAction", "OBJECT", "objectionReason", "不属于本镇"));
    assertThatThrownBy(() -> complete(pi, REROUTE, Map.of("rerouteDecision", "REASSIGN", "handlingUnit", "unit-chengguan",
        "rerouteNote", "x"))).hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("相同");
    complete(pi, REROUTE, Map.of("rerouteDecision", "KEEP", "rerouteNote", "事发地在城关镇，请依职责办理"));
    assertThat(pi).isWaitingAt(INVESTIGATE).task().hasCandidateGroup("unit-chengguan");
    assertThat(runtime.getVariable(pi.getId(), "rerouteNote")).isEqualTo("事发地在城关镇，请依职责办理");
  }

  @Test
  void shouldRefuseAnObjectionAfterFiveWorkingDays() {
    ProcessInstance pi = refer("unit-chengguan");
    clock(LocalDateTime.of(2026, 3, 10, 9, 0));
    assertThatThrownBy(() -> complete(pi, INVESTIGATE, Map.of("referralAction", "OBJECT", "objectionReason", "不属于本镇")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("异议期已过");
    assertThat(pi).isWaitingAt(INVESTIGATE);
  }

  @Test
  void shouldMoveTheDeadlineWhenSupervisionApprovesAnExtension() {
    ProcessInstance pi = refer("unit-chengguan");
    complete(pi, INVESTIGATE, Map.of("referralAction", "EXTEND", "referralExtensionDays", 10,
        "referralExtensionReason", "需要现场勘查"));
    assertThat(pi).isWaitingAt(DECIDE_EXTENSION).task().hasCandidateGroup("supervision");
    complete(pi, DECIDE_EXTENSION, Map.of("referralExtensionDecision", "APPROVE", "referralExtensionComment", "同意"));
    assertThat(pi).isWaitingAt(INVESTIGATE);
    assertThat(task(pi, INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2026, 4, 13)); // 2 April + 10 days = Sunday 12 → Monday
    assertThat(runtime.getVariable(pi.getId(), "referralAction")).isEqualTo("REPORT");
  }

  @Test
  void shouldKeepTheDeadlineWhenTheExtensionIsRefused() {
    ProcessInstance pi = refer("unit-chengguan");
    complete(pi, INVESTIGATE, Map.of("referralAction", "EXTEND", "referralExtensionDays", 10,
        "referralExtensionReason", "人手不足"));
    complete(pi, DECIDE_EXTENSION, Map.of("referralExtensionDecision", "REFUSE", "referralExtensionComment", "理由不充分"));
    assertThat(task(pi, INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2026, 4, 2));
    assertThat((String) runtime.getVariable(pi.getId(), "referralExtensionDecisionLabel")).startsWith("不同意延期");
  }

  @Test
  void shouldRemindTheUnitBeforeTheMonthEnds() {
    ProcessInstance pi = refer("unit-chengguan");
    clock(LocalDateTime.of(2026, 3, 27, 8, 59)); // five days before 2 April is Saturday 28 March: Friday 09:00
    runDueJobs(pi);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isZero();
    clock(LocalDateTime.of(2026, 3, 27, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND, END_REMINDED).isWaitingAt(INVESTIGATE);
    assertThat(notifications(pi.getBusinessKey(), "REMINDER")).isEqualTo(1);
  }

  @Test
  void shouldEscalateAnOverdueReferralOnceWithAnUrgingLetterAndPoints() {
    ProcessInstance pi = refer("unit-chengguan");
    clock(LocalDateTime.of(2026, 4, 3, 9, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(INVESTIGATE, SUPERVISE);
    assertThat(task(pi, SUPERVISE)).isNotNull();
    String urging = (String) runtime.getVariable(pi.getId(), "urgingLetterNumber");
    assertThat(urging).matches("DB-2026-\\d{6}");
    assertThat(points(pi, "unit-chengguan")).isEqualTo(-2);

    // the overdue job runs again for the same deadline (a retry, a second node): no second task, no second charge
    runtime.createProcessInstanceModification(pi.getId()).startBeforeActivity(RECORD_OVERDUE).execute();
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_ALREADY_SUPERVISED);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(SUPERVISE).count()).isEqualTo(1);
    assertThat(points(pi, "unit-chengguan")).isEqualTo(-2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_document WHERE kind = 'URGING_LETTER' AND case_number = ?",
        Integer.class, pi.getBusinessKey())).isEqualTo(1);

    complete(pi, SUPERVISE, Map.of("overdueJustified", "UNJUSTIFIED", "supervisionMeasure", "LETTER",
        "supervisionOpinion", "已发督办函"));
    assertThat(points(pi, "unit-chengguan")).isEqualTo(-5);
    runDueJobs(pi); // criterion 5 of joint investigation: proposed to the joint office
    assertThat(pi).hasPassed(CHARGE_UNJUSTIFIED, PROPOSE_JOINT, END_UNJUSTIFIED_CHARGED);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("joint-investigation")
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).isEqualTo(1);
  }

  @Test
  void shouldChargeNothingMoreWhenTheDelayIsJustified() {
    ProcessInstance pi = refer("unit-qiaotou");
    clock(LocalDateTime.of(2026, 4, 3, 9, 0));
    runDueJobs(pi);
    complete(pi, SUPERVISE, Map.of("overdueJustified", "JUSTIFIED", "supervisionMeasure", "URGE",
        "supervisionOpinion", "因汛期抢险延误，理由正当"));
    assertThat(pi).hasPassed(END_SUPERVISED);
    assertThat(points(pi, "unit-qiaotou")).isEqualTo(-2);
  }

  @Test
  void shouldEscalateToTheSupervisingLeaderWhenStillOverdueAfterTheFurtherPeriod() {
    ProcessInstance pi = refer("unit-qiaotou");
    clock(LocalDateTime.of(2026, 4, 3, 9, 0));
    runDueJobs(pi);
    clock(LocalDateTime.of(2026, 4, 13, 9, 0)); // 2 April + 10 days = Sunday 12 April → end of Monday 13
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(INVESTIGATE, SUPERVISE);
    clock(LocalDateTime.of(2026, 4, 14, 0, 1));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(INVESTIGATE, SUPERVISE, LEADER_ESCALATION);
    assertThat(task(pi, LEADER_ESCALATION).getAssignee()).isEqualTo("deputy2"); // 桥头镇's supervising leader

    runtime.createProcessInstanceModification(pi.getId()).startBeforeActivity(RECORD_ESCALATION).execute();
    runDueJobs(pi);
    assertThat(pi).hasPassed(END_SECOND_ALREADY);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(LEADER_ESCALATION).count())
        .isEqualTo(1);
    complete(pi, LEADER_ESCALATION, Map.of("leaderInstruction", "请桥头镇镇长三日内办结"));
    assertThat(pi).hasPassed(END_LEADER_ESCALATED);
  }

  @Test
  void shouldReturnAReportForReinvestigationWithANewDeadlineAndAPoint() {
    ProcessInstance pi = refer("unit-shanxia");
    report(pi);
    complete(pi, REVIEW_REPORT, Map.of("reviewDecision", "RETURN", "referralReturnReason", "未核实关键事实",
        "returnDays", 15));
    assertThat(pi).hasPassed(RETURN).isWaitingAt(INVESTIGATE);
    assertThat(task(pi, INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2026, 3, 17)); // 15 days from 2 March
    assertThat(runtime.getVariable(pi.getId(), "referralReturnReason")).isEqualTo("未核实关键事实");
    assertThat(points(pi, "unit-shanxia")).isEqualTo(-1);
    report(pi);
    complete(pi, REVIEW_REPORT, Map.of("reviewDecision", "FILE"));
    assertThat(pi).isEnded();
  }

  // ---------------------------------------------------------------- every deadline chased (issue 11)

  @Test
  void shouldEscalateAMissedSupervisionToTheTeamLeaderAndTheLeadersEscalationToTheBureauHead() {
    ProcessInstance pi = refer("unit-qiaotou");
    clock(LocalDateTime.of(2026, 4, 3, 9, 0));
    runDueJobs(pi);
    assertThat(task(pi, SUPERVISE).getDueDate()).isEqualTo(endOfDay(2026, 4, 10));
    clock(LocalDateTime.of(2026, 4, 8, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_SUPERVISE_REFERRAL, END_SUPERVISE_REFERRAL_REMINDED);
    clock(LocalDateTime.of(2026, 4, 11, 8, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_SUPERVISE_REFERRAL, END_SUPERVISE_REFERRAL_ESCALATED);
    assertThat(task(pi, SUPERVISE).getAssignee()).isEqualTo("deputy1"); // 督办组's leader

    clock(LocalDateTime.of(2026, 4, 14, 0, 1));
    runDueJobs(pi);
    assertThat(task(pi, LEADER_ESCALATION).getAssignee()).isEqualTo("deputy2");
    assertThat(task(pi, LEADER_ESCALATION).getDueDate()).isEqualTo(endOfDay(2026, 4, 21));
    clock(LocalDateTime.of(2026, 4, 19, 9, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_LEADER_ESCALATION, END_LEADER_ESCALATION_REMINDED);
    clock(LocalDateTime.of(2026, 4, 22, 8, 0));
    runDueJobs(pi);
    assertThat(pi).hasPassed(ESCALATE_LEADER_ESCALATION, END_LEADER_ESCALATION_ESCALATED);
    assertThat(task(pi, LEADER_ESCALATION).getAssignee()).isEqualTo("head");
  }

  @Test
  void shouldFileAReportWhileASupervisionIsOpenAndLeaveNothingBehind() {
    ProcessInstance pi = refer("unit-chengguan");
    clock(LocalDateTime.of(2026, 4, 3, 9, 0));
    runDueJobs(pi);
    assertThat(pi).isWaitingAt(INVESTIGATE, SUPERVISE);
    as("chengguan1", List.of("unit-chengguan"), () -> {
      report(pi);
      return null;
    });
    as("office1", List.of("petition-office"), () -> {
      complete(pi, REVIEW_REPORT, Map.of("reviewDecision", "FILE"));
      return null;
    });
    assertThat(pi).hasPassed(END_FILED).isEnded();
    assertNothingLeft(pi);
    var journal = ledger.events(pi.getBusinessKey());
    assertThat(journal).filteredOn(e -> e.eventType().equals("REFERRAL_REPORTED"))
        .extracting(PetitionLedger.PetitionEvent::actor).containsExactly("chengguan1");
    assertThat(journal).filteredOn(e -> e.eventType().equals("REFERRAL_FILED"))
        .extracting(PetitionLedger.PetitionEvent::actor).containsExactly("office1");
    assertThat(journal).filteredOn(e -> e.eventType().equals("CLOSED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("督办逾期转办件"));
  }

  @Test
  void shouldChaseTheOfficesReviewExtensionDecisionAndObjection() {
    ProcessInstance pi = refer("unit-chengguan");
    report(pi);
    clock(LocalDateTime.of(2026, 3, 10, 9, 0)); // five working days from 2 March end on Monday 9 March
    runDueJobs(pi);
    assertThat(pi).hasPassed(REMIND_REFERRAL_REVIEW, ESCALATE_REFERRAL_REVIEW, END_REFERRAL_REVIEW_REMINDED,
        END_REFERRAL_REVIEW_ESCALATED).isWaitingAt(REVIEW_REPORT);
    assertThat(task(pi, REVIEW_REPORT).getDueDate()).isEqualTo(endOfDay(2026, 3, 9));

    ProcessInstance extension = refer("unit-qiaotou");
    complete(extension, INVESTIGATE, Map.of("referralAction", "EXTEND", "referralExtensionDays", 10,
        "referralExtensionReason", "需要现场勘查"));
    clock(LocalDateTime.of(2026, 3, 20, 9, 0));
    runDueJobs(extension);
    assertThat(extension).hasPassed(REMIND_REFERRAL_EXTENSION, ESCALATE_REFERRAL_EXTENSION, END_REFERRAL_EXTENSION_REMINDED,
        END_REFERRAL_EXTENSION_ESCALATED);

    clock(START);
    ProcessInstance objection = refer("unit-shanxia");
    complete(objection, INVESTIGATE, Map.of("referralAction", "OBJECT", "objectionReason", "不属于本乡"));
    clock(LocalDateTime.of(2026, 3, 20, 9, 0));
    runDueJobs(objection);
    assertThat(objection).hasPassed(REMIND_REFERRAL_REROUTE, ESCALATE_REFERRAL_REROUTE, END_REFERRAL_REROUTE_REMINDED,
        END_REFERRAL_REROUTE_ESCALATED).isWaitingAt(REROUTE);
  }

  @Test
  void shouldRefuseAnIncompleteReferralAndStoreNothing() {
    int before = jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class);
    Map<String, Object> bad = referralVariables("unit-chengguan");
    bad.remove("sourceBody");
    bad.put("handlingUnit", "leaders");
    assertThatThrownBy(() -> start(bad)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("sourceBody").hasMessageContaining("handlingUnit");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class)).isEqualTo(before);
  }

  // ---------------------------------------------------------------- helpers

  // ------------------------------------------------------------ levels above and below (上下级交换)

  @Test
  void shouldAssignDownToAUnitWithItsOwnSystemAndContinueWhenItsReportArrives() {
    ProcessInstance pi = refer("unit-housing");
    assertThat(pi).hasPassed(REMOTE_UNIT, SEND_ASSIGN).isWaitingAt(AWAIT_LOWER);
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(outbox(pi, "ASSIGN")).containsExactly("housing:PENDING");
    assertThat(runtime.getVariable(pi.getId(), "exchangeAssignedTo")).isEqualTo("housing");
    // what the exchange API does with the unit's 报结 (exchange/ExchangeInbox)
    runtime.createMessageCorrelation("ExchangeReported").processInstanceBusinessKey(pi.getBusinessKey())
        .processInstanceVariableEquals("exchangeAssignedTo", "housing")
        .setVariables(Map.of("referralAction", "REPORT", "reportOutcome", "SUPPORT", "reportFacts", "已维修",
            "reportReasons", "依据物业管理条例"))
        .correlateWithResult();
    assertThat(pi).hasPassed(CATCH_REPORTED, RECORD_REPORT).isWaitingAt(REVIEW_REPORT);
    complete(pi, REVIEW_REPORT, Map.of("reviewDecision", "FILE"));
    assertThat(pi).hasPassed(FILE, END_FILED).hasNotPassed(SEND_REPORT).isEnded();
    assertNothingLeft(pi);
  }

  @Test
  void shouldTakeUpAUnitsReturnAtTheRerouteTaskAndAssignAgainWhenKept() {
    ProcessInstance pi = refer("unit-housing");
    runtime.createMessageCorrelation("ExchangeReturned").processInstanceBusinessKey(pi.getBusinessKey())
        .processInstanceVariableEquals("exchangeAssignedTo", "housing")
        .setVariable("objectionReason", "（县住建局退回）不属本局职责").correlateWithResult();
    assertThat(pi).hasPassed(CATCH_RETURNED).isWaitingAt(REROUTE);
    complete(pi, REROUTE, Map.of("rerouteDecision", "KEEP", "rerouteNote", "属住建局职责，请依法办理"));
    assertThat(pi).isWaitingAt(AWAIT_LOWER);
    // a second 交办, with a message id of its own
    assertThat(outbox(pi, "ASSIGN")).containsExactly("housing:PENDING", "housing:PENDING");
  }

  @Test
  void shouldRegisterACaseAssignedFromAboveAndReportItUpWhenFiled() {
    ProcessInstance pi = assignedFromAbove();
    assertThat(pi).hasPassed(START_ASSIGNED, ISSUE_LETTER).isWaitingAt(INVESTIGATE).task()
        .hasCandidateGroup("unit-chengguan");
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().caseOwner()).isEqualTo("office1");
    report(pi);
    complete(pi, REVIEW_REPORT, Map.of("reviewDecision", "FILE"));
    assertThat(pi).hasPassed(FILE, SEND_REPORT, END_REPORTED).isEnded();
    assertNothingLeft(pi);
    assertThat(outbox(pi, "REPORT")).containsExactly("city:PENDING");
    assertThat(jdbc.queryForObject("SELECT body FROM xf_exchange_outbox WHERE case_number = ? AND kind = 'REPORT'",
        String.class, pi.getBusinessKey())).contains("\"replyTo\":\"XF-2026-900001\"", "\"outcome\":\"EXPLAIN\"");
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.ARCHIVED);
  }

  @Test
  void shouldReturnUpACaseAssignedFromAboveThatIsNotOurs() {
    ProcessInstance pi = assignedFromAbove();
    complete(pi, INVESTIGATE, Map.of("referralAction", "OBJECT", "objectionReason", "该地块属邻县管辖"));
    complete(pi, REROUTE, Map.of("rerouteDecision", "RETURN_UP", "rerouteNote", "该地块属邻县管辖，请改交"));
    assertThat(pi).hasPassed(SEND_RETURN, END_RETURNED_UP).isEnded();
    assertNothingLeft(pi);
    assertThat(outbox(pi, "RETURN")).containsExactly("city:PENDING");
    assertThat(ledger.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(PetitionStatus.FORWARDED);
  }

  @Test
  void shouldRefuseToReturnUpACaseNobodyAssignedToUs() {
    ProcessInstance pi = refer("unit-chengguan");
    complete(pi, INVESTIGATE, Map.of("referralAction", "OBJECT", "objectionReason", "不属于本镇"));
    assertThatThrownBy(() -> complete(pi, REROUTE, Map.of("rerouteDecision", "RETURN_UP", "rerouteNote", "退回")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("不是上级交办件");
    assertThat(pi).isWaitingAt(REROUTE);
  }

  /** What the exchange API does with a 交办 from the city (exchange/ExchangeInbox). */
  ProcessInstance assignedFromAbove() {
    Map<String, Object> v = referralVariables("unit-chengguan");
    v.put("sourceBody", "市信访局");
    v.put("receivedBy", "office1");
    v.put("exchangePartner", "city");
    v.put("exchangeRemoteCase", "XF-2026-900001");
    return runtime.createMessageCorrelation("ExchangeAssigned").setVariables(v).correlateStartMessage();
  }

  /** The case's outbox messages of one kind, as partner:status, oldest first. */
  List<String> outbox(ProcessInstance pi, String kind) {
    return jdbc.queryForList("SELECT partner_id || ':' || status FROM xf_exchange_outbox WHERE case_number = ? "
        + "AND kind = ? ORDER BY id", String.class, pi.getBusinessKey(), kind);
  }

  Map<String, Object> referralVariables(String unit) {
    Map<String, Object> v = new HashMap<>();
    v.put("sourceBody", "市信访局");
    v.put("sourceLetterNumber", "市信转〔2026〕12号");
    v.put("channel", "LETTER");
    v.put("category", "LAND");
    v.put("subject", "征地补偿款未发放");
    v.put("content", "村民反映征地补偿款至今未发放到位。");
    v.put("realName", true);
    v.put("headcount", 1);
    v.put("sourceLevel", "PREFECTURE");
    v.put("petitionerName", "孙七");
    v.put("petitionerPhone", String.format("1371234%04d", PETITIONERS.incrementAndGet()));
    v.put("handlingUnit", unit);
    v.put("referralRequest", "请调查核实并依法处理，报告结果。");
    return v;
  }

  ProcessInstance refer(String unit) {
    return start(referralVariables(unit));
  }

  ProcessInstance start(Map<String, Object> variables) {
    identity.setAuthentication("office1", List.of("petition-office"));
    try {
      return runtime.startProcessInstanceByKey(ReferralProcess.KEY, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  void report(ProcessInstance pi) {
    complete(pi, INVESTIGATE, Map.of("referralAction", "REPORT", "reportOutcome", "EXPLAIN",
        "reportFacts", "经核实，补偿款已于近日拨付", "reportReasons", "依据征地补偿安置方案"));
  }




  String referralStatus(String letter) {
    return jdbc.queryForObject("SELECT status FROM xf_referral WHERE letter_number = ?", String.class, letter);
  }

  /** The unit's points charged for this case (other tests' cases charge the same units). */
  int points(ProcessInstance pi, String unit) {
    return jdbc.queryForObject("SELECT COALESCE(SUM(points), 0) FROM xf_appraisal_entry WHERE unit = ? AND case_number = ?",
        Integer.class, unit, pi.getBusinessKey());
  }

  int notifications(String caseNumber, String kind) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = ?",
        Integer.class, caseNumber, kind);
  }



}
