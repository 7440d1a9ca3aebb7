package cn.xinfang.flow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.ProcessTests;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.referral.ReferralProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A year without holiday data (2027 in the shipped file): deadlines counted on its statutory holidays
 * and marked provisional, counted again when the year's data is uploaded, and the administrators told
 * once when next year's data is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:provisional-deadlines-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    // small pages, so that the re-count has to page through the open cases
    "xinfang.calendar.recount-page-size=2"})
class ProvisionalDeadlinesTest extends ProcessTests {

  /**
   * A made-up notice for 2027, chosen so that the date moves: 元旦 alone, and Saturday 2 January a
   * working day. (The real notice will differ; the point is that its data replaces the statutory count.)
   */
  static final String NOTICE_2027 = """
      years:
        - year: 2027
          holidays:
            - { name: 元旦, from: 2027-01-01, to: 2027-01-01 }
          workdays:
            - { name: 元旦调休, date: 2027-01-02 }
      """;

  static final java.util.concurrent.atomic.AtomicInteger PETITIONERS = new java.util.concurrent.atomic.AtomicInteger(800);

  @LocalServerPort int port;
  @Autowired PetitionLedger ledger;
  @Autowired CalendarNotices notices;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldCountTheStatutoryHolidaysOfAYearWithoutDataAndRecountWhenItsDataArrives() throws Exception {
    clock(LocalDateTime.of(2026, 12, 1, 10, 0)); // Tuesday
    ProcessInstance pi = refer();
    String caseNumber = pi.getBusinessKey();
    List<ProcessInstance> others = List.of(refer(), refer());
    // a case due in 2028, which the 2027 data does not settle
    clock(LocalDateTime.of(2027, 12, 1, 10, 0));
    ProcessInstance in2028 = refer();
    Date due2028 = task(in2028, ReferralProcess.Element.INVESTIGATE).getDueDate();
    assertThat(runtime.getVariable(in2028.getId(), "referralDueProvisional")).isEqualTo(true);
    clock(LocalDateTime.of(2026, 12, 1, 10, 0));
    Task task = task(pi, ReferralProcess.Element.INVESTIGATE);

    // one month ends on 1 January 2027, 元旦 (a Friday): the next working day is Monday 4 January
    assertThat(task.getDueDate()).isEqualTo(endOfDay(2027, 1, 4));
    assertThat(runtime.getVariable(pi.getId(), "referralDueProvisional")).isEqualTo(true);
    assertThat(runtime.getVariable(pi.getId(), DeadlineService.PROVISIONAL_FLAG)).isEqualTo(true);
    String provisionalLabel = "转办件办理时限至 2027年1月4日（节假日调休安排公布后可能调整）";
    assertThat(runtime.getVariable(pi.getId(), DeadlineService.CURRENT_DUE_LABEL)).isEqualTo(provisionalLabel);
    assertThat(tasks.getVariableLocal(task.getId(), DeadlineService.CURRENT_DUE_LABEL)).isEqualTo(provisionalLabel);
    // the five working days to object end in 2026, whose data is known: not provisional — and a confirmed
    // deadline carries no flag at all (read as "no"), while the provisional one carries true
    assertThat(runtime.getVariable(pi.getId(), "objectionDueAt")).isNotNull();
    assertThat(runtime.getVariables(pi.getId())).doesNotContainKey("objectionDueProvisional");
    // nor a basis to count it again: only a provisional deadline is ever counted again, and it keeps its basis
    assertThat(runtime.getVariables(pi.getId())).doesNotContainKey("objectionDueBasis")
        .containsEntry("referralDueBasis", "2026-12-01 1 MONTHS r5");
    // reminder 5 days ahead (Wednesday 30 December, 09:00), overdue at the end of 4 January, escalation 10 days later
    assertThat(timer(pi, ReferralProcess.Element.TIMER_REMINDER)).isEqualTo(at(2026, 12, 30, 9));
    assertThat(timer(pi, ReferralProcess.Element.TIMER_OVERDUE)).isEqualTo(endOfDay(2027, 1, 4));
    assertThat(timer(pi, ReferralProcess.Element.TIMER_ESCALATION)).isEqualTo(endOfDay(2027, 1, 14));

    // the API says the same
    JsonNode answer = json.readTree(get("/api/calendar/deadline?start=2026-12-01&amount=1&unit=MONTHS", "office1:demo").body());
    assertThat(answer.path("due").asText()).isEqualTo("2027-01-04");
    assertThat(answer.path("provisional").asBoolean()).isTrue();
    assertThat(answer.path("note").asText()).contains("（节假日调休安排公布后可能调整）");
    JsonNode notProvisional = json.readTree(get("/api/calendar/deadline?start=2026-11-02&amount=15&unit=DAYS", "office1:demo").body());
    assertThat(notProvisional.path("provisional").asBoolean()).isFalse();
    JsonNode years = json.readTree(get("/api/calendar/years", "office1:demo").body());
    assertThat(year(years, 2026).path("provisional").asBoolean()).isFalse();
    assertThat(year(years, 2027).path("provisional").asBoolean()).isTrue();
    assertThat(year(years, 2027).path("source").asText()).isEqualTo("STATUTORY");
    // the days of 2027: 除夕 on Friday 5 February, the weekend made up on Tuesday 9 February
    JsonNode days = json.readTree(get("/api/calendar/days?from=2027-02-05&to=2027-02-11", "office1:demo").body());
    assertThat(days.get(0).path("kind").asText()).isEqualTo("HOLIDAY");
    assertThat(days.get(0).path("name").asText()).isEqualTo("春节");
    assertThat(days.get(0).path("provisional").asBoolean()).isTrue();
    assertThat(days.get(4).path("name").asText()).isEqualTo("春节补假");
    assertThat(days.get(6).path("workingDay").asBoolean()).isTrue(); // Thursday 11 February

    clock(LocalDateTime.of(2026, 12, 10, 15, 0));
    try {
      HttpResponse<String> uploaded = put("/api/calendar/holidays", "admin:demo", NOTICE_2027);
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
      // three cases, two deadlines each (the referral's, and its escalation counted from it)
      assertThat(json.readTree(uploaded.body()).path("deadlinesMoved").asInt()).isEqualTo(6);
      for (ProcessInstance other : others) {
        assertThat(task(other, ReferralProcess.Element.INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2027, 1, 2));
        assertThat(recounted(other.getBusinessKey())).hasSize(2);
      }
      // 2028 still has no data: that case stays provisional, its date unchanged and not journaled
      assertThat(task(in2028, ReferralProcess.Element.INVESTIGATE).getDueDate()).isEqualTo(due2028);
      assertThat(runtime.getVariable(in2028.getId(), "referralDueProvisional")).isEqualTo(true);
      assertThat(runtime.getVariable(in2028.getId(), DeadlineService.PROVISIONAL_FLAG)).isEqualTo(true);
      assertThat(recounted(in2028.getBusinessKey())).isEmpty();

      // 1 January off, Saturday 2 January worked: the month now ends on the 2nd
      task = task(pi, ReferralProcess.Element.INVESTIGATE);
      assertThat(task.getDueDate()).isEqualTo(endOfDay(2027, 1, 2));
      assertThat(timer(pi, ReferralProcess.Element.TIMER_REMINDER)).isEqualTo(at(2026, 12, 28, 9));
      assertThat(timer(pi, ReferralProcess.Element.TIMER_OVERDUE)).isEqualTo(endOfDay(2027, 1, 2));
      assertThat(timer(pi, ReferralProcess.Element.TIMER_ESCALATION)).isEqualTo(endOfDay(2027, 1, 12));
      assertThat(runtime.getVariable(pi.getId(), "referralDueAt")).isEqualTo(endOfDay(2027, 1, 2));
      assertThat(runtime.getVariable(pi.getId(), "referralDueProvisional")).isEqualTo(false);
      assertThat(runtime.getVariable(pi.getId(), DeadlineService.PROVISIONAL_FLAG)).isEqualTo(false);
      String label = "转办件办理时限至 2027年1月2日";
      assertThat(runtime.getVariable(pi.getId(), DeadlineService.CURRENT_DUE_LABEL)).isEqualTo(label);
      assertThat(tasks.getVariableLocal(task.getId(), DeadlineService.CURRENT_DUE_LABEL)).isEqualTo(label);
      List<PetitionLedger.PetitionEvent> journal = recounted(caseNumber);
      assertThat(journal).extracting(PetitionLedger.PetitionEvent::detail).containsExactlyInAnyOrder(
          "节假日安排公布后重新计算转办件办理时限：由 2027年1月4日 改为 2027年1月2日",
          "节假日安排公布后重新计算转办件逾期督办时限：由 2027年1月14日 改为 2027年1月12日");
      assertThat(journal).allMatch(e -> "system".equals(e.actor()));

      // the same file again: nothing moves, nothing is journaled twice
      HttpResponse<String> again = put("/api/calendar/holidays", "admin:demo", NOTICE_2027);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(json.readTree(again.body()).path("deadlinesMoved").asInt()).isZero();
      assertThat(recounted(caseNumber)).hasSize(2);
      assertThat(task(pi, ReferralProcess.Element.INVESTIGATE).getDueDate()).isEqualTo(endOfDay(2027, 1, 2));
      assertThat(timer(pi, ReferralProcess.Element.TIMER_OVERDUE)).isEqualTo(endOfDay(2027, 1, 2));
      // a deadline counted now uses the uploaded data and is firm
      JsonNode firm = json.readTree(get("/api/calendar/deadline?start=2026-12-01&amount=1&unit=MONTHS", "office1:demo").body());
      assertThat(firm.path("due").asText()).isEqualTo("2027-01-02");
      assertThat(firm.path("provisional").asBoolean()).isFalse();
    } finally {
      // the other test of this class expects 2027 without data
      jdbc.update("DELETE FROM xf_calendar_day WHERE calendar_year = 2027");
      jdbc.update("DELETE FROM xf_calendar_year WHERE calendar_year = 2027");
    }
  }

  @Test
  void shouldTellTheAdministratorsOnceFromFirstNovemberThatNextYearIsMissing() {
    // as on a new database: the start of this test's application may have sent the notice already
    jdbc.update("DELETE FROM xf_notification WHERE kind = ?", CalendarNotices.KIND);
    clock(LocalDateTime.of(2026, 10, 31, 8, 0));
    assertThat(notices.check()).as("2027 is not due before November").isNull();
    clock(LocalDateTime.of(2026, 11, 1, 8, 0));
    assertThat(notices.check()).isEqualTo(2027);
    clock(LocalDateTime.of(2026, 11, 2, 8, 0));
    assertThat(notices.check()).as("once per year").isNull();
    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT recipient_group, message FROM xf_notification WHERE kind = ?", CalendarNotices.KIND);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("RECIPIENT_GROUP")).isEqualTo("camunda-admin");
    assertThat((String) rows.get(0).get("MESSAGE")).contains("2027", "PUT /api/calendar/holidays");
    // a year running without any data is reported at once, whatever the month
    clock(LocalDateTime.of(2028, 3, 1, 8, 0));
    assertThat(notices.check()).isEqualTo(2028);
    assertThat(notices.check()).isNull();
  }

  // ---------------------------------------------------------------- helpers

  ProcessInstance refer() {
    Map<String, Object> v = new HashMap<>();
    v.put("sourceBody", "市信访局");
    v.put("sourceLetterNumber", "市信转〔2026〕88号");
    v.put("channel", "LETTER");
    v.put("category", "LAND");
    v.put("subject", "征地补偿款未发放");
    v.put("content", "村民反映征地补偿款至今未发放到位。");
    v.put("realName", true);
    v.put("headcount", 1);
    v.put("sourceLevel", "PREFECTURE");
    v.put("petitionerName", "孙八");
    v.put("petitionerPhone", String.format("1371234%04d", PETITIONERS.incrementAndGet()));
    v.put("handlingUnit", "unit-chengguan");
    v.put("referralRequest", "请调查核实并依法处理，报告结果。");
    return as("office1", List.of("petition-office"), () -> runtime.startProcessInstanceByKey(ReferralProcess.KEY, v));
  }

  Date timer(ProcessInstance pi, String activityId) {
    String definition = management.createJobDefinitionQuery().processDefinitionId(pi.getProcessDefinitionId())
        .activityIdIn(activityId).singleResult().getId();
    Job job = management.createJobQuery().processInstanceId(pi.getId()).jobDefinitionId(definition).singleResult();
    assertThat(job).as("timer %s", activityId).isNotNull();
    return job.getDuedate();
  }

  static Date at(int year, int month, int day, int hour) {
    return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(CHINA).toInstant());
  }

  List<PetitionLedger.PetitionEvent> recounted(String caseNumber) {
    return ledger.events(caseNumber).stream().filter(e -> e.eventType().equals("DEADLINE_RECOUNTED")).toList();
  }

  static JsonNode year(JsonNode years, int year) {
    for (JsonNode y : years) {
      if (y.path("year").asInt() == year) {
        return y;
      }
    }
    throw new AssertionError("year " + year + " missing in " + years);
  }

  HttpResponse<String> get(String path, String credentials) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> put(String path, String credentials, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
