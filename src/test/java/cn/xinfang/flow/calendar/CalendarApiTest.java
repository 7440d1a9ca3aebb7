package cn.xinfang.flow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The calendar as staff and other systems ask it, with the shipped 2025 and 2026 holiday data, and
 * the deadline policy as an administrator changes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:calendar-api-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class CalendarApiTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void reset() {
    ClockUtil.reset();
  }

  @Test
  void shouldCountDaysAsTheLawDoes() throws Exception {
    // 15 days from Sunday 20 September end on 5 October, inside the National Day holiday: next working day
    assertThat(due("2026-09-20", 15, "DAYS")).isEqualTo("2026-10-08");
    // a limit ending on a Saturday moves to Monday
    assertThat(due("2026-03-02", 5, "DAYS")).isEqualTo("2026-03-09");
    // working days skip the holiday and count the adjusted working Saturday 10 October
    assertThat(due("2026-09-30", 5, "WORKING_DAYS")).isEqualTo("2026-10-13");
    assertThat(due("2025-01-20", 5, "WORKING_DAYS")).isEqualTo("2025-01-26");
    // a month ends on the same date next month, or the month's last day; 28 Feb 2026 is a worked Saturday
    assertThat(due("2026-01-31", 1, "MONTHS")).isEqualTo("2026-02-28");
    assertThat(due("2026-03-31", 1, "MONTHS")).isEqualTo("2026-04-30");
    // one month from 18 December 2025 ends on 18 January 2026, a Sunday: Monday 19 January
    assertThat(due("2025-12-18", 1, "MONTHS")).isEqualTo("2026-01-19");
  }

  @Test
  void shouldTellWhetherEachDayIsAWorkingDay() throws Exception {
    JsonNode days = json.readTree(get("/api/calendar/days?from=2026-10-07&to=2026-10-11", "office1:demo").body());
    assertThat(days).hasSize(5);
    assertThat(days.get(0).path("kind").asText()).isEqualTo("HOLIDAY");
    assertThat(days.get(0).path("name").asText()).isEqualTo("国庆节");
    assertThat(days.get(1).path("workingDay").asBoolean()).isTrue();
    assertThat(days.get(3).path("kind").asText()).isEqualTo("ADJUSTED_WORKDAY");
    assertThat(days.get(3).path("workingDay").asBoolean()).isTrue();
    assertThat(days.get(4).path("kind").asText()).isEqualTo("WEEKEND");
    assertThat(days.get(4).path("workingDay").asBoolean()).isFalse();
  }

  @Test
  void shouldExplainBadQuestions() throws Exception {
    HttpResponse<String> bad = get("/api/calendar/deadline?start=2026/10/01&amount=x&unit=WEEKS", "office1:demo");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"start\"", "\"amount\"", "\"unit\"", "YYYY-MM-DD");
    assertThat(get("/api/calendar/days?from=2026-01-01&to=2027-06-01", "office1:demo").statusCode()).isEqualTo(400);
    assertThat(get("/api/calendar/deadline?start=2026-10-01&amount=5&unit=DAYS", null).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldLetAnAdministratorAddANewYearAndRefuseABadFileWithoutChangingAnything() throws Exception {
    String year2027 = """
        years:
          - year: 2027
            holidays:
              - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
            workdays:
              - { name: 元旦调休, date: 2027-01-04 }
        """;
    // no 2027 data yet: 1 January is 元旦 by law all the same, so Monday 4 January, provisional
    assertThat(due("2026-12-31", 1, "DAYS")).isEqualTo("2027-01-04");
    assertThat(put("/api/calendar/holidays", "office1:demo", year2027).statusCode()).isEqualTo(403);
    HttpResponse<String> ok = put("/api/calendar/holidays", "admin:demo", year2027);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(due("2026-12-31", 1, "DAYS")).isEqualTo("2027-01-04"); // 1-3 Jan off now: Monday 4 January

    String broken = year2027.replace("2027-01-04 }", "2027-01-02 }");
    HttpResponse<String> refused = put("/api/calendar/holidays", "admin:demo", broken);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("2027-01-02 既是「元旦」（假日）");
    // the old data stays in force
    assertThat(due("2026-12-31", 1, "DAYS")).isEqualTo("2027-01-04");
    JsonNode years = json.readTree(get("/api/calendar/years", "office1:demo").body());
    assertThat(years.findValuesAsText("year")).contains("2025", "2026", "2027");
  }

  @Test
  void shouldPublishThePolicyInForce() throws Exception {
    JsonNode policy = json.readTree(get("/api/calendar/policy", "office1:demo").body());
    Map<String, String> rows = new java.util.HashMap<>();
    policy.forEach(r -> rows.put(r.path("stage").asText(), r.path("amount").asInt() + " " + r.path("unit").asText()));
    assertThat(rows).containsEntry("ACCEPTANCE", "15 DAYS").containsEntry("HANDLING", "60 DAYS")
        .containsEntry("EXTENSION", "30 DAYS").containsEntry("REVIEW", "30 DAYS").containsEntry("REREVIEW", "30 DAYS")
        .containsEntry("OBJECTION", "5 WORKING_DAYS").containsEntry("DISCIPLINE_ACCEPTANCE", "5 WORKING_DAYS")
        .containsEntry("REALNAME_FEEDBACK", "15 WORKING_DAYS").containsEntry("REFERRAL", "1 MONTHS")
        .containsEntry("SCREENING", "20 DAY_OF_MONTH").containsEntry("SUPERVISION", "7 DAYS")
        .containsEntry("OFFICE_DECISION", "5 WORKING_DAYS");
  }

  @Test
  void shouldApplyAChangedPolicyToNewCasesOnly() throws Exception {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 3, 2).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
    ProcessInstance before = register("政策调整前");
    String changed;
    try (InputStream in = getClass().getResourceAsStream("/processes/deadline-policy.dmn")) {
      changed = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("<outputEntry id=\"amount_acceptance\"><text>15</text>", "<outputEntry id=\"amount_acceptance\"><text>10</text>");
    }
    assertThat(changed).contains("<text>10</text>");
    Deployment deployment = repository.createDeployment().name("policy change")
        .addString("deadline-policy.dmn", changed).deploy();
    try {
      ProcessInstance after = register("政策调整后");
      assertThat(dueOfAcceptance(after)).isEqualTo("2026-03-12");   // 10 days
      assertThat(dueOfAcceptance(before)).isEqualTo("2026-03-17");  // still 15 days
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  // ---------------------------------------------------------------- helpers

  ProcessInstance register(String subject) {
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      return runtime.startProcessInstanceByKey("petition-intake", Map.of("channel", "VISIT", "category", "OTHER",
          "subject", subject, "content", "内容", "realName", false, "headcount", 1, "sourceLevel", "SELF"));
    } finally {
      identity.clearAuthentication();
    }
  }

  String dueOfAcceptance(ProcessInstance pi) {
    Date due = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getDueDate();
    return due.toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
  }

  String due(String start, int amount, String unit) throws Exception {
    HttpResponse<String> r = get("/api/calendar/deadline?start=" + start + "&amount=" + amount + "&unit=" + unit,
        "reception1:demo");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body()).path("due").asText();
  }

  HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (credentials != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> put(String path, String credentials, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
