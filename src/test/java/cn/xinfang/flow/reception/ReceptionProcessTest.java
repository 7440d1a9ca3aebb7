package cn.xinfang.flow.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xinfang.flow.ProcessTests;
import cn.xinfang.flow.intake.IntakeProcess;
import cn.xinfang.flow.ownership.OwnershipProcess;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Leader reception days in petition-intake: a visit registered during a published slot carries the
 * receiving leader, who owns the case by the ownership table's rule 领导接访日接待; no slot, no such
 * owner; a joint reception's first leader owns; the clerk's 领导接访日 mark without a slot is refused.
 * Early warnings (集体访, 越级访) reach the day's leaders on duty once, however often the step runs.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:reception-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ReceptionProcessTest extends ProcessTests {

  static final AtomicInteger PETITIONERS = new AtomicInteger();

  @Autowired ReceptionSchedule schedule;
  @Autowired ReceptionLedger reception;
  @Autowired PetitionLedger ledger;

  @BeforeEach
  void setUp() {
    // each test publishes its own slots on its own day; nothing from another test runs then
    jdbc.update("DELETE FROM xf_reception_leader");
    jdbc.update("DELETE FROM xf_reception_unit");
    jdbc.update("DELETE FROM xf_reception_day");
  }

  @Test
  void shouldMakeTheReceivingLeaderTheOwnerOfAVisitRegisteredDuringTheSlot() {
    clock(LocalDateTime.of(2026, 3, 2, 8, 0));
    long slot = publish("2026-03-05", "09:00", "11:30", List.of("deputy2"), List.of()); // a Thursday (周四挂牌接待)

    clock(LocalDateTime.of(2026, 3, 5, 10, 15));
    ProcessInstance pi = register(Map.of()); // not marked: the running slot is found all the same
    assertThat(pi).hasPassed(IntakeProcess.Element.RECEPTION_CHECK).isWaitingAt(IntakeProcess.Element.ACCEPT);
    assertThat(pi).variables().containsEntry(ReceptionProcess.Var.RECEPTION_LEADER, "deputy2")
        .containsEntry(ReceptionProcess.Var.RECEPTION_DAY_ID, slot).containsEntry(ReceptionProcess.Var.RECEPTION_KIND, "LEADER");
    assertThat(reception.visitsOf(slot)).isEqualTo(1);

    accept(pi, "unit-hr"); // 人社局's supervising leader is deputy1: the rule, not the unit, names deputy2
    ProcessInstance owned = ownership(pi.getBusinessKey());
    assertThat(owned).isNotNull();
    assertThat(runtime.getVariables(owned.getId())).containsEntry(OwnershipProcess.Var.OWNER_LEADER, "deputy2")
        .containsEntry(OwnershipProcess.Var.OWNER_ROLE, ReceptionProcess.RECEIVING_LEADER_ROLE);
    assertThat(ledger.events(pi.getBusinessKey())).extracting(PetitionLedger.PetitionEvent::eventType)
        .containsSubsequence("REGISTERED", "RECEPTION_DAY").contains("OWNERSHIP_PROPOSED", "OWNED");
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("OWNERSHIP_PROPOSED"))
        .extracting(PetitionLedger.PetitionEvent::detail).singleElement().asString().contains("领导接访日", "孙海燕");

    // the month per leader: one visit received and one case owned, nothing signed off yet
    ReceptionLedger.LeaderMonth month = reception.month(YearMonth.of(2026, 3)).stream()
        .filter(m -> m.leader().equals("deputy2")).findFirst().orElseThrow();
    assertThat(month.visits()).isEqualTo(1);
    assertThat(month.owned()).isGreaterThanOrEqualTo(1);
    assertThat(month.resolved()).isZero();
  }

  @Test
  void shouldLeaveAVisitOutsideEverySlotToTheOrdinaryRules() {
    clock(LocalDateTime.of(2026, 3, 2, 8, 0));
    publish("2026-03-05", "09:00", "11:30", List.of("deputy2"), List.of());

    clock(LocalDateTime.of(2026, 3, 5, 14, 0)); // the afternoon: the slot is over
    ProcessInstance pi = register(Map.of());
    // no leader received it: the case carries no leader at all (a missing variable reads as none)
    assertThat(pi).variables().doesNotContainKey(ReceptionProcess.Var.RECEPTION_LEADER);
    accept(pi, "unit-hr");
    assertThat(ownership(pi.getBusinessKey())).as("an ordinary first visit needs no owner").isNull();
    assertThat(ledger.events(pi.getBusinessKey())).extracting(PetitionLedger.PetitionEvent::eventType)
        .doesNotContain("RECEPTION_DAY", "OWNED");

    // a letter is not received at the window, even while a slot runs
    clock(LocalDateTime.of(2026, 3, 5, 10, 0));
    ProcessInstance letter = register(Map.of("channel", "LETTER"));
    assertThat(letter).variables().doesNotContainKey(ReceptionProcess.Var.RECEPTION_LEADER);
  }

  @Test
  void shouldRefuseTheReceptionDayMarkWhenNoSlotRunsOrTheChannelIsNotAVisit() {
    clock(LocalDateTime.of(2026, 3, 9, 10, 0));
    int before = jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class);
    assertThatThrownBy(() -> register(Map.of(ReceptionProcess.Var.LEADER_RECEPTION, true)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(FieldProblem::field)
            .containsExactly(ReceptionProcess.Var.LEADER_RECEPTION))
        .hasMessageContaining("没有正在进行的领导接访日");
    publish("2026-03-09", "09:00", "11:00", List.of("deputy1"), List.of());
    assertThatThrownBy(() -> register(Map.of(ReceptionProcess.Var.LEADER_RECEPTION, true, "channel", "PHONE")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("来访");
    // refused whole: no case number, no ledger row
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class)).isEqualTo(before);
  }

  @Test
  void shouldGiveAJointReceptionCaseToItsFirstLeaderAndNameTheOthersInTheJournal() {
    clock(LocalDateTime.of(2026, 3, 2, 8, 0));
    long slot = publish("2026-03-10", "08:30", "12:00", List.of("head", "deputy1"), List.of("unit-hr", "unit-land"));
    assertThat(reception.find(slot).orElseThrow().kind()).isEqualTo("JOINT");

    clock(LocalDateTime.of(2026, 3, 10, 9, 0)); // 每周二党组集体接待
    ProcessInstance pi = register(Map.of(ReceptionProcess.Var.LEADER_RECEPTION, true, "category", "LAND",
        "subject", "征地补偿"));
    assertThat(pi).variables().containsEntry(ReceptionProcess.Var.RECEPTION_LEADER, "head")
        .containsEntry(ReceptionProcess.Var.RECEPTION_KIND, "JOINT");
    assertThat(ledger.events(pi.getBusinessKey())).filteredOn(e -> e.eventType().equals("RECEPTION_DAY"))
        .extracting(PetitionLedger.PetitionEvent::detail).singleElement().asString()
        .contains("联合接访", "陈建国", "共同接访：赵立新", "县人力资源和社会保障局", "县自然资源局");
    accept(pi, "unit-land");
    assertThat(runtime.getVariables(ownership(pi.getBusinessKey()).getId()))
        .containsEntry(OwnershipProcess.Var.OWNER_LEADER, "head");
  }

  @Test
  void shouldWarnTheLeadersOnDutyOfACollectiveVisitOnceEvenWhenTheStepRunsAgain() {
    clock(LocalDateTime.of(2026, 3, 2, 8, 0));
    publish("2026-03-12", "14:00", "17:00", List.of("deputy1"), List.of());
    publish("2026-03-12", "09:00", "11:00", List.of("deputy2"), List.of());

    clock(LocalDateTime.of(2026, 3, 12, 11, 30)); // between the two slots: the day's leaders are on duty
    ProcessInstance pi = register(Map.of("headcount", 6));
    String caseNumber = pi.getBusinessKey();
    assertThat(pi).variables().containsEntry(ReceptionProcess.Var.WARNING_LABELS, "集体访")
        .doesNotContainKey(ReceptionProcess.Var.RECEPTION_LEADER);
    assertThat(warnings(caseNumber, "deputy1")).isEqualTo(1);
    assertThat(warnings(caseNumber, "deputy2")).isEqualTo(1);
    assertThat(warnings(caseNumber, "head")).isZero();
    assertThat(jdbc.queryForObject("SELECT message FROM xf_notification WHERE case_number = ? AND kind = 'WARNING' "
        + "AND recipient_user = 'deputy1'", String.class, caseNumber)).contains("苗头预警【集体访】", "5人及以上");

    // the step runs a second time on the same case (a retry, a moved token): no second notice, row or journal line
    runtime.createProcessInstanceModification(pi.getId()).startBeforeActivity(IntakeProcess.Element.RECEPTION_CHECK)
        .execute();
    assertThat(warnings(caseNumber, "deputy1")).isEqualTo(1);
    assertThat(warnings(caseNumber, "deputy2")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_early_warning WHERE case_number = ?", Integer.class,
        caseNumber)).isEqualTo(1);
    assertThat(ledger.events(caseNumber)).filteredOn(e -> e.eventType().equals("EARLY_WARNING")).hasSize(1);
    runtime.deleteProcessInstance(pi.getId(), "测试结束");
  }

  @Test
  void shouldWarnTheBureauHeadOfASkipLevelVisitOnADayWithoutReceptionAndNotWarnAnOrdinaryOne() {
    clock(LocalDateTime.of(2026, 3, 13, 10, 0));
    ProcessInstance skipped = register(Map.of("sourceLevel", "PROVINCE"));
    assertThat(skipped).variables().containsEntry(ReceptionProcess.Var.WARNING_LABELS, "越级访");
    assertThat(warnings(skipped.getBusinessKey(), "head")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT kind FROM xf_early_warning WHERE case_number = ?", String.class,
        skipped.getBusinessKey())).isEqualTo("SKIP_LEVEL");

    ProcessInstance both = register(Map.of("sourceLevel", "CENTRAL", "headcount", 8));
    assertThat(both).variables().containsEntry(ReceptionProcess.Var.WARNING_LABELS, "集体访、越级访");
    assertThat(warnings(both.getBusinessKey(), "head")).isEqualTo(2);

    ProcessInstance ordinary = register(Map.of("sourceLevel", "COUNTY", "headcount", 4));
    assertThat(ordinary).variables().doesNotContainKey(ReceptionProcess.Var.WARNING_LABELS);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'WARNING'",
        Integer.class, ordinary.getBusinessKey())).isZero();
  }

  @Test
  void shouldRefuseAScheduleThatIsPastOverlapsOrNamesSomeoneWhoIsNoLeader() {
    clock(LocalDateTime.of(2026, 3, 2, 8, 0));
    publish("2026-03-19", "09:00", "11:30", List.of("deputy2"), List.of());
    assertThat(fields(() -> publish("2026-03-01", "09:00", "11:00", List.of("head"), List.of())))
        .containsExactly("receptionDate");
    assertThat(fields(() -> publish("2026-03-19", "11:00", "12:00", List.of("head", "deputy2"), List.of())))
        .containsExactly("leaders"); // deputy2 is booked until 11:30
    assertThat(fields(() -> publish("2026-03-19", "11:30", "12:00", List.of("hr1"), List.of("unit-nowhere"))))
        .containsExactly("leaders", "units");
    assertThat(fields(() -> publish("2026-03-19", "10:00", "09:00", List.of(), List.of())))
        .containsExactly("endTime", "leaders");
    assertThat(fields(() -> schedule.publish(new ReceptionSchedule.Request("3月19日", "9点", "11:00", " ", null,
        List.of("head"), null), "office1"))).containsExactly("receptionDate", "startTime", "place");
    // right after the booked slot is free again
    assertThat(publish("2026-03-19", "11:30", "12:00", List.of("deputy2"), List.of())).isPositive();
  }

  // ------------------------------------------------------------------ helpers

  long publish(String date, String start, String end, List<String> leaders, List<String> units) {
    return schedule.publish(new ReceptionSchedule.Request(date, start, end, "县信访局接待大厅", "征地拆迁、劳动社保",
        leaders, units), "office1");
  }

  static List<String> fields(Runnable action) {
    try {
      action.run();
    } catch (InvalidInputException e) {
      return e.problems().stream().map(FieldProblem::field).distinct().toList();
    }
    throw new AssertionError("not refused");
  }

  ProcessInstance register(Map<String, Object> overrides) {
    Map<String, Object> v = new HashMap<>();
    v.put("channel", "VISIT");
    v.put("category", "LABOR");
    v.put("subject", "拖欠工资");
    v.put("content", "某建筑公司拖欠农民工工资三个月，多次讨要未果。");
    v.put("realName", true);
    v.put("headcount", 1);
    v.put("sourceLevel", "SELF");
    v.put("petitionerName", "李接访");
    v.put("petitionerPhone", String.format("1391234%04d", PETITIONERS.incrementAndGet()));
    v.putAll(overrides);
    return as("reception1", List.of("reception"), () -> runtime.startProcessInstanceByKey(IntakeProcess.KEY, v));
  }

  void accept(ProcessInstance pi, String unit) {
    complete(pi, IntakeProcess.Element.ACCEPT, Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", unit,
        "acceptanceNote", "您的信访事项已受理"));
  }

  ProcessInstance ownership(String caseNumber) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(OwnershipProcess.KEY)
        .processInstanceBusinessKey(caseNumber).singleResult();
  }

  int warnings(String caseNumber, String user) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'WARNING' "
        + "AND recipient_user = ?", Integer.class, caseNumber, user);
  }
}
