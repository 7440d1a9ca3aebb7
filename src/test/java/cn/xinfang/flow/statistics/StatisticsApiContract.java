package cn.xinfang.flow.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 统计分析 over HTTP on a generated ledger: every rate, count and table checked against values computed here
 * with Java streams over the generated cases (the definitions in {@link Rate} restated, not the same SQL);
 * the Excel export read back; who sees which unit; bad parameters. Run on H2 ({@link StatisticsApiTest}) and
 * PostgreSQL ({@link StatisticsPostgresTest}). The fixtures live in 2031, a year no other test registers in.
 */
abstract class StatisticsApiContract {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** The moment of the report: some deadlines of the generated cases have passed, others not yet. */
  static final Instant NOW = LocalDateTime.of(2031, 9, 15, 12, 0).atZone(CHINA).toInstant();
  static final List<String> UNITS = List.of("unit-hr", "unit-land", "unit-chengguan", "unit-qiaotou", "petition-office");
  /** The demo organization's areas (organization/demo-organization.yaml): departments county-wide, towns their own. */
  static final Map<String, String> AREA = Map.of("unit-hr", "331082", "unit-land", "331082", "unit-chengguan", "331082101",
      "unit-qiaotou", "331082102");
  static final List<String> CHANNELS = List.of("LETTER", "VISIT", "PHONE", "ONLINE", "EMAIL");
  static final List<String> CATEGORIES = List.of("LABOR", "LAND", "URBAN", "HEALTH", "OTHER");
  static final List<String> LEVELS = List.of("SELF", "COUNTY", "PREFECTURE", "PROVINCE");
  static final List<String> RESULTS = List.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED", "UNREACHABLE");

  /** One generated case as the test knows it. */
  record Fx(String caseNumber, Instant registered, String status, String unit, String channel, String category,
      String level, Instant acceptedAt, Instant acceptanceDue, Instant handlingDue, Instant repliedAt, Instant closedAt,
      int repeatVisits, String related, String linked, String evaluation, int overdueEvents, int escalations) {

    boolean isCase() {
      return !"LINKED".equals(status);
    }

    Instant done() {
      return unit == null ? null : repliedAt != null ? repliedAt : closedAt;
    }

    LocalDate day() {
      return registered.atZone(CHINA).toLocalDate();
    }
  }

  record Points(String unit, Instant at, int points) {}

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  static List<Fx> cases;
  static List<Points> points;

  /** Each database (H2, PostgreSQL) gets its own fixtures: the fields are static only to share them between tests. */
  @BeforeAll
  static void forgetFixturesOfAnotherDatabase() {
    cases = null;
    points = null;
  }

  @BeforeEach
  void generateOnce() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    if (cases != null) {
      return;
    }
    Random random = new Random(20311);
    cases = new ArrayList<>();
    int serial = 900000;
    // the edges of the period in Beijing time: 2030-12-31 23:30 is out, 2031-01-01 00:30 and 2031-06-30 23:59 are in
    List<Instant> edges = List.of(LocalDateTime.of(2030, 12, 31, 23, 30).atZone(CHINA).toInstant(),
        LocalDateTime.of(2031, 1, 1, 0, 30).atZone(CHINA).toInstant(),
        LocalDateTime.of(2031, 6, 30, 23, 59).atZone(CHINA).toInstant(),
        LocalDateTime.of(2031, 7, 1, 0, 0).atZone(CHINA).toInstant());
    for (int i = 0; i < 700; i++) {
      Instant registered = i < edges.size() ? edges.get(i)
          : LocalDateTime.of(2031, 1, 1, 0, 0).atZone(CHINA).toInstant().plusSeconds(random.nextInt(260 * 86400));
      String number = "XF-2031-" + (serial++);
      String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
      String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
      String level = LEVELS.get(random.nextInt(LEVELS.size()));
      Instant acceptanceDue = registered.plus(Duration.ofDays(15));
      if (random.nextInt(10) == 0) {
        // merged into an open case: never accepted, a repeat visit counted there
        cases.add(new Fx(number, registered, "LINKED", null, channel, category, level, null, acceptanceDue, null, null,
            null, 0, null, "XF-2031-000001", null, 0, 0));
        continue;
      }
      Instant accepted = random.nextInt(8) == 0 ? null : registered.plus(Duration.ofHours(random.nextInt(20 * 24)));
      if (accepted != null && random.nextInt(12) == 0) {
        accepted = acceptanceDue; // exactly on the last moment: still on time
      }
      if (accepted != null && accepted.isAfter(NOW)) {
        accepted = null;
      }
      String unit = null;
      String status = "OPEN";
      Instant handlingDue = null;
      Instant replied = null;
      Instant closed = null;
      String evaluation = null;
      if (accepted != null) {
        int decision = random.nextInt(10);
        if (decision == 0) {
          status = "REJECTED";
          closed = accepted;
        } else if (decision == 1) {
          status = "FORWARDED";
          closed = accepted;
        } else {
          unit = UNITS.get(random.nextInt(UNITS.size()));
          handlingDue = accepted.plus(Duration.ofDays(random.nextInt(5) == 0 ? 90 : 60));
          int outcome = random.nextInt(10);
          if (outcome < 7) {
            Instant at = accepted.plus(Duration.ofHours(random.nextInt(100 * 24)));
            if (random.nextInt(15) == 0) {
              at = handlingDue;
            }
            if (!at.isAfter(NOW)) {
              replied = at;
              status = "REPLIED";
              if (random.nextBoolean()) {
                status = "ARCHIVED";
                closed = at.plus(Duration.ofDays(3));
              }
              if (random.nextInt(10) < 6) {
                evaluation = RESULTS.get(random.nextInt(RESULTS.size()));
              }
            }
          } else if (outcome == 7) {
            // a referral filed: archived without a reply of its own
            Instant at = accepted.plus(Duration.ofDays(random.nextInt(80)));
            if (!at.isAfter(NOW)) {
              status = "ARCHIVED";
              closed = at;
            }
          }
        }
      }
      int repeats = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
      String related = random.nextInt(20) == 0 ? "XF-2030-000123" : null;
      int overdue = random.nextInt(7) == 0 ? 1 + random.nextInt(2) : 0;
      int escalations = overdue > 0 && random.nextBoolean() ? 1 + random.nextInt(2) : 0;
      cases.add(new Fx(number, registered, status, unit, channel, category, level, accepted, acceptanceDue, handlingDue,
          replied, closed, repeats, related, null, evaluation, overdue, escalations));
    }
    for (Fx c : cases) {
      jdbc.update("""
          INSERT INTO xf_petition (case_number, channel, category, subject, content, real_name, headcount, source_level,
            related_case_number, linked_case_number, case_owner, status, confidential, major_case, repeat_visits,
            handling_unit, registered_at, accepted_at, replied_at, closed_at, acceptance_due_at, handling_due_at)
          VALUES (?, ?, ?, '统计测试', '统计测试', TRUE, 1, ?, ?, ?, 'reception1', ?, FALSE, FALSE, ?, ?, ?, ?, ?, ?, ?, ?)""",
          c.caseNumber(), c.channel(), c.category(), c.level(), c.related(), c.linked(), c.status(), c.repeatVisits(),
          c.unit(), ts(c.registered()), ts(c.acceptedAt()), ts(c.repliedAt()), ts(c.closedAt()), ts(c.acceptanceDue()),
          ts(c.handlingDue()));
      if (c.evaluation() != null) {
        jdbc.update("INSERT INTO xf_evaluation (case_number, source, result, handling_unit, recorded_by, recorded_at) "
            + "VALUES (?, 'CALLBACK', ?, ?, 'hr1', ?)", c.caseNumber(), c.evaluation(), c.unit(), ts(c.repliedAt()));
      }
      for (int e = 0; e < c.overdueEvents(); e++) {
        event(c, "OVERDUE", e);
      }
      for (int e = 0; e < c.escalations(); e++) {
        event(c, "ESCALATION", e);
      }
      // other journal entries are not counted
      event(c, "REGISTERED", 0);
    }
    points = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Points p = new Points(UNITS.get(random.nextInt(4)), LocalDateTime.of(2030, 12, 25, 0, 0).atZone(CHINA).toInstant()
          .plusSeconds(random.nextInt(200 * 86400)), 1 + random.nextInt(5));
      points.add(p);
      jdbc.update("INSERT INTO xf_appraisal_entry (entry_key, unit, case_number, appraisal_year, reason, points, "
          + "created_at) VALUES (?, ?, 'XF-2031-900010', 2031, 'OVERDUE', ?, ?)", "stats-test-" + i, p.unit(), p.points(),
          ts(p.at()));
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private void event(Fx c, String type, int n) {
    jdbc.update("INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, occurred_at) "
        + "VALUES (?, ?, ?, 'system', '统计测试', ?)", c.caseNumber(), type + ":" + n, type,
        ts(c.registered().plus(Duration.ofDays(20 + n))));
  }

  static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  // ---- the rates, restated over the fixtures (what Rate's javadoc says, in Java)

  /** {numerator, denominator} of each rate for a set of cases. */
  static Map<String, long[]> expectedRates(List<Fx> set) {
    Map<String, long[]> m = new HashMap<>();
    Predicate<Fx> acceptanceDue = c -> c.isCase() && (c.acceptedAt() != null || c.acceptanceDue().isBefore(NOW));
    Predicate<Fx> dueForCompletion = c -> c.unit() != null && c.isCase()
        && (c.done() != null || c.handlingDue().isBefore(NOW));
    Predicate<Fx> done = c -> c.unit() != null && c.done() != null;
    Predicate<Fx> evaluated = c -> c.evaluation() != null && !c.evaluation().equals("UNREACHABLE");
    m.put("TIMELY_ACCEPTANCE", pair(set, acceptanceDue.and(c -> c.acceptedAt() != null
        && !c.acceptedAt().isAfter(c.acceptanceDue())), acceptanceDue));
    m.put("ON_TIME_COMPLETION", pair(set, dueForCompletion.and(c -> c.done() != null
        && !c.done().isAfter(c.handlingDue())), dueForCompletion));
    m.put("REPLY", pair(set, dueForCompletion.and(c -> c.done() != null), dueForCompletion));
    m.put("REPEAT", pair(set, c -> c.isCase() && (c.repeatVisits() > 0 || c.related() != null), Fx::isCase));
    m.put("PARTICIPATION", pair(set, done.and(evaluated), done));
    m.put("SATISFACTION", pair(set, c -> evaluated.test(c) && !c.evaluation().equals("UNSATISFIED"), evaluated));
    return m;
  }

  static long[] pair(List<Fx> set, Predicate<Fx> numerator, Predicate<Fx> denominator) {
    return new long[] {set.stream().filter(numerator).count(), set.stream().filter(denominator).count()};
  }

  static List<Fx> between(LocalDate from, LocalDate to) {
    return cases.stream().filter(c -> !c.day().isBefore(from) && !c.day().isAfter(to)).toList();
  }

  static long pointsOf(String unit, LocalDate from, LocalDate to) {
    return points.stream().filter(p -> unit == null || p.unit().equals(unit))
        .filter(p -> !p.at().atZone(CHINA).toLocalDate().isBefore(from) && !p.at().atZone(CHINA).toLocalDate().isAfter(to))
        .mapToLong(Points::points).sum();
  }

  void assertFigures(JsonNode row, List<Fx> set, long appraisalPoints, String what) {
    assertThat(row.path("registrations").asLong()).as(what + " 登记件次").isEqualTo(set.size());
    assertThat(row.path("cases").asLong()).as(what + " 信访件数").isEqualTo(set.stream().filter(Fx::isCase).count());
    assertThat(row.path("overdue").asLong()).as(what + " 逾期件").isEqualTo(set.stream().filter(c -> c.overdueEvents() > 0).count());
    assertThat(row.path("escalated").asLong()).as(what + " 督办升级件").isEqualTo(set.stream().filter(c -> c.escalations() > 0).count());
    assertThat(row.path("unsatisfied").asLong()).as(what + " 不满意").isEqualTo(
        set.stream().filter(c -> "UNSATISFIED".equals(c.evaluation())).count());
    assertThat(row.path("appraisalPoints").asLong()).as(what + " 考核计分").isEqualTo(appraisalPoints);
    expectedRates(set).forEach((key, expected) -> {
      JsonNode r = row.path("rates").path(key);
      assertThat(new long[] {r.path("numerator").asLong(), r.path("denominator").asLong()}).as(what + " " + key)
          .containsExactly(expected);
      if (expected[1] == 0) {
        assertThat(r.path("rate").isNull()).as(what + " " + key + " without denominator").isTrue();
      } else {
        assertThat(r.path("rate").asDouble()).as(what + " " + key).isCloseTo((double) expected[0] / expected[1], within(1e-9));
      }
    });
  }

  // ---- the tests

  @Test
  void shouldComputeEveryRateCountAndTableAsDefined() throws Exception {
    LocalDate from = LocalDate.of(2031, 1, 1);
    LocalDate to = LocalDate.of(2031, 9, 30);
    HttpResponse<String> r = get("/api/statistics?from=" + from + "&to=" + to + "&period=month", "office1");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode report = json.readTree(r.body());
    List<Fx> set = between(from, to);
    // the fixtures exercise every branch: a rate with an empty numerator or denominator would prove little
    expectedRates(set).forEach((key, e) -> assertThat(e[0]).as(key).isPositive().isLessThan(e[1]));
    assertThat(set).hasSize(cases.size() - 1); // the case of 2030-12-31 23:30 Beijing time is outside
    assertFigures(report.path("total"), set, pointsOf(null, from, to), "合计");

    // per unit, with the row of cases no unit handles
    Map<String, List<Fx>> byUnit = set.stream().collect(Collectors.groupingBy(c -> Objects.requireNonNullElse(c.unit(), "")));
    assertThat(report.path("byUnit")).hasSize(byUnit.size());
    for (JsonNode row : report.path("byUnit")) {
      String unit = row.path("unit").isNull() ? "" : row.path("unit").asText();
      assertFigures(row, byUnit.get(unit), unit.isEmpty() ? 0 : pointsOf(unit, from, to), "单位 " + unit);
    }
    JsonNode hr = find(report.path("byUnit"), "unit", "unit-hr");
    assertThat(hr.path("unitName").asText()).isEqualTo("县人力资源和社会保障局");
    assertThat(hr.path("areaName").asText()).isEqualTo("全县（县直部门）");

    // per month: nine months, each case in the month of its Beijing date
    assertThat(report.path("byPeriod")).hasSize(9);
    for (JsonNode row : report.path("byPeriod")) {
      LocalDate start = LocalDate.parse(row.path("from").asText());
      YearMonth month = YearMonth.from(start);
      assertThat(row.path("label").asText()).isEqualTo("2031年" + month.getMonthValue() + "月");
      assertFigures(row, between(month.atDay(1), month.atEndOfMonth()), pointsOf(null, month.atDay(1), month.atEndOfMonth()),
          month.toString());
    }

    // counts by channel, category, source level and township
    assertCounts(report.path("counts").path("channel"), set, Fx::channel);
    assertCounts(report.path("counts").path("category"), set, Fx::category);
    assertCounts(report.path("counts").path("sourceLevel"), set, Fx::level);
    assertCounts(report.path("counts").path("township"), set, c -> c.unit() == null ? null : AREA.get(c.unit()));
    JsonNode town = find(report.path("counts").path("township"), "code", "331082101");
    assertThat(town.path("label").asText()).isEqualTo("城关镇");
    assertThat(find(report.path("counts").path("channel"), "code", "LETTER").path("label").asText()).isEqualTo("来信");
    // the definitions travel with the figures
    assertThat(report.path("definitions")).hasSize(Rate.values().length);
    assertThat(report.path("definitions").get(0).path("label").asText()).isEqualTo("及时受理率");
  }

  @Test
  void shouldSplitByQuarterAndYearAndFilterByUnit() throws Exception {
    LocalDate from = LocalDate.of(2031, 2, 15);
    LocalDate to = LocalDate.of(2031, 8, 10);
    JsonNode quarters = json.readTree(get("/api/statistics?from=" + from + "&to=" + to + "&period=quarter&unit=unit-land",
        "supervisor1").body());
    List<Fx> land = between(from, to).stream().filter(c -> "unit-land".equals(c.unit())).toList();
    assertFigures(quarters.path("total"), land, pointsOf("unit-land", from, to), "unit-land");
    assertThat(quarters.path("byUnit")).hasSize(1);
    List<String> labels = new ArrayList<>();
    quarters.path("byPeriod").forEach(p -> labels.add(p.path("label").asText() + " " + p.path("from").asText() + "~"
        + p.path("to").asText()));
    // the first and last quarter cut at the period's own days
    assertThat(labels).containsExactly("2031年第1季度 2031-02-15~2031-03-31", "2031年第2季度 2031-04-01~2031-06-30",
        "2031年第3季度 2031-07-01~2031-08-10");
    assertFigures(quarters.path("byPeriod").get(1), land.stream().filter(c -> c.day().getMonthValue() >= 4
        && c.day().getMonthValue() <= 6).toList(), pointsOf("unit-land", LocalDate.of(2031, 4, 1), LocalDate.of(2031, 6, 30)), "Q2");

    JsonNode year = json.readTree(get("/api/statistics?from=2031-01-01&to=2031-12-31&period=year", "head").body());
    assertThat(year.path("byPeriod")).hasSize(1);
    assertFigures(year.path("byPeriod").get(0), between(LocalDate.of(2031, 1, 1), LocalDate.of(2031, 12, 31)),
        pointsOf(null, LocalDate.of(2031, 1, 1), LocalDate.of(2031, 12, 31)), "2031");
  }

  @Test
  void shouldShowAUnitOnlyItsOwnFigures() throws Exception {
    LocalDate from = LocalDate.of(2031, 1, 1);
    LocalDate to = LocalDate.of(2031, 9, 30);
    JsonNode own = json.readTree(get("/api/statistics?from=" + from + "&to=" + to, "hr1").body());
    List<Fx> hr = between(from, to).stream().filter(c -> "unit-hr".equals(c.unit())).toList();
    assertFigures(own.path("total"), hr, pointsOf("unit-hr", from, to), "hr1 本单位");
    assertThat(own.path("byUnit")).hasSize(1);
    assertThat(own.path("byUnit").get(0).path("unit").asText()).isEqualTo("unit-hr");
    assertThat(own.path("units")).hasSize(1);
    assertThat(own.path("units").get(0).path("id").asText()).isEqualTo("unit-hr");
    for (JsonNode count : own.path("counts").path("channel")) {
      assertThat(count.path("count").asLong()).isEqualTo(hr.stream().filter(c -> c.channel().equals(count.path("code").asText())).count());
    }
    // explicitly its own unit: the same
    assertThat(get("/api/statistics?from=" + from + "&to=" + to + "&unit=unit-hr", "hr1").statusCode()).isEqualTo(200);

    // another unit's figures: refused, naming the parameter; the export too
    for (String path : List.of("/api/statistics?unit=unit-land", "/api/statistics/export?unit=unit-land")) {
      HttpResponse<String> refused = get(path, "hr1");
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).contains("unit").contains("县自然资源局").contains("无权查看");
    }
    // someone who handles no cases (the reception window) sees no figures
    HttpResponse<String> reception = get("/api/statistics", "reception1");
    assertThat(reception.statusCode()).isEqualTo(403);
    assertThat(reception.body()).contains("统计分析只对");
    // an unknown unit is a bad parameter, for everybody
    for (String user : List.of("office1", "hr1")) {
      HttpResponse<String> unknown = get("/api/statistics?unit=unit-nowhere", user);
      assertThat(unknown.statusCode()).as(user).isEqualTo(400);
      assertThat(json.readTree(unknown.body()).path("errors").get(0).path("field").asText()).isEqualTo("unit");
      assertThat(unknown.body()).contains("没有编号为「unit-nowhere」的单位");
    }
    // and no figures without a login
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/statistics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRefuseBadParametersNamingThem() throws Exception {
    Map<String, String> bad = Map.of(
        "/api/statistics?from=2031-02-30", "from",
        "/api/statistics?to=31.12.2031", "to",
        "/api/statistics?period=week", "period",
        "/api/statistics?from=2031-05-01&to=2031-04-30", "to",
        "/api/statistics?from=2020-01-01&to=2031-12-31", "to",
        "/api/statistics/export?period=day", "period");
    for (var e : bad.entrySet()) {
      HttpResponse<String> r = get(e.getKey(), "office1");
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      JsonNode problem = json.readTree(r.body());
      assertThat(problem.path("errors").get(0).path("field").asText()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(problem.path("errors").get(0).path("message").asText()).as(e.getKey()).containsPattern("[\\u4e00-\\u9fa5]");
    }
    // all problems at once
    JsonNode two = json.readTree(get("/api/statistics?from=x&period=y", "office1").body());
    assertThat(two.path("errors")).hasSize(2);
  }

  @Test
  void shouldExportTheMonthlyTableAsExcel() throws Exception {
    LocalDate from = LocalDate.of(2031, 3, 1);
    LocalDate to = LocalDate.of(2031, 3, 31);
    HttpResponse<byte[]> r = http.send(request("/api/statistics/export?from=" + from + "&to=" + to, "office1").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    List<Fx> set = between(from, to);
    Map<String, long[]> total = expectedRates(set);
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(text(rows.get(0), 0)).isEqualTo("信访室信访情况统计表");
      assertThat(text(rows.get(1), 0)).contains("2031年3月1日至2031年3月31日").contains("全部单位");
      assertThat(text(rows.get(2), 5)).isEqualTo("受理");
      assertThat(text(rows.get(3), 7)).isEqualTo("及时受理率");
      assertThat(text(rows.get(2), 1)).isEqualTo("单位");
      Row hr = rows.stream().filter(row -> "县人力资源和社会保障局".equals(text(row, 1))).findFirst().orElseThrow();
      List<Fx> hrCases = set.stream().filter(c -> "unit-hr".equals(c.unit())).toList();
      Map<String, long[]> hrRates = expectedRates(hrCases);
      assertThat(number(hr, 3)).isEqualTo(hrCases.size());
      assertThat(number(hr, 6)).isEqualTo(hrRates.get("TIMELY_ACCEPTANCE")[0]);
      assertRate(hr, 7, hrRates.get("TIMELY_ACCEPTANCE"));
      assertRate(hr, 10, hrRates.get("ON_TIME_COMPLETION"));
      Row sum = rows.stream().filter(row -> "合计".equals(text(row, 0))).findFirst().orElseThrow();
      assertThat(number(sum, 3)).isEqualTo(set.size());
      assertRate(sum, 7, total.get("TIMELY_ACCEPTANCE"));
      assertRate(sum, 10, total.get("ON_TIME_COMPLETION"));
      assertRate(sum, 12, total.get("REPLY"));
      assertRate(sum, 14, total.get("REPEAT"));
      assertRate(sum, 17, total.get("PARTICIPATION"));
      assertRate(sum, 19, total.get("SATISFACTION"));
      assertThat(number(sum, 24)).isEqualTo(pointsOf(null, from, to));
      // the definitions under the table
      assertThat(rows.stream().map(row -> text(row, 0)).filter(t -> t.startsWith("按期办结率 = "))).hasSize(1);
      List<Row> periods = workbook.getSheets().skip(1).findFirst().orElseThrow().read();
      assertThat(text(periods.get(1), 0)).isEqualTo("2031年3月");
      assertThat(number(periods.get(1), 1)).isEqualTo(set.size());
    }
  }

  @Test
  void shouldServeThePageAndItsChartLibraryFromTheJar() throws Exception {
    HttpResponse<String> page = get("/statistics", "office1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("统计分析").contains("/webjars/echarts/5.3.1/dist/echarts.min.js");
    HttpResponse<String> echarts = get("/webjars/echarts/5.3.1/dist/echarts.min.js", "office1");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.body()).contains("echarts");
  }

  @Test
  void shouldKeepTheAcceptanceAndHandlingDeadlinesOfARegisteredCaseInTheLedgerAndMoveThemWithAnExtension() throws Exception {
    ClockUtil.reset();
    HttpResponse<String> created = post("/api/petitions", "reception1", """
        {"channel":"VISIT","category":"LABOR","subject":"统计期限测试","content":"某公司拖欠工资三个月，要求支付","realName":true,
         "headcount":1,"sourceLevel":"SELF","petitionerName":"钱七","petitionerPhone":"13700009999",
         "petitionerAddress":"城关镇人民路 1 号"}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String n = json.readTree(created.body()).path("caseNumber").asText();
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(n).singleResult();
    Date acceptanceDue = (Date) runtime.getVariable(pi.getId(), "acceptanceDueAt");
    assertThat(acceptanceDue).isNotNull();
    assertThat(jdbc.queryForObject("SELECT acceptance_due_at FROM xf_petition WHERE case_number = ?", Timestamp.class, n)
        .toInstant()).isEqualTo(acceptanceDue.toInstant());
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("task_accept_petition")
        .singleResult().getId(), Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", "unit-hr",
        "acceptanceNote", "您的信访事项已受理"));
    Date handlingDue = (Date) runtime.getVariable(pi.getId(), "handlingDueAt");
    assertThat(handlingDue).isNotNull();
    assertThat(jdbc.queryForObject("SELECT handling_due_at FROM xf_petition WHERE case_number = ?", Timestamp.class, n)
        .toInstant()).isEqualTo(handlingDue.toInstant());

    // an approved extension moves the limit the statistics measure against, with the task's due date
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("task_handle_petition")
        .singleResult().getId(), Map.of("handlingAction", "EXTEND", "extensionDays", 20, "extensionReason", "需要调取社保记录"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("task_approve_extension")
        .singleResult().getId(), Map.of("extensionDecision", "APPROVE", "approvalComment", "同意"));
    Date extended = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("task_handle_petition")
        .singleResult().getDueDate();
    assertThat(extended).isAfter(handlingDue);
    assertThat(jdbc.queryForObject("SELECT handling_due_at FROM xf_petition WHERE case_number = ?", Timestamp.class, n)
        .toInstant()).isEqualTo(extended.toInstant());
  }

  // ---- helpers

  void assertCounts(JsonNode counts, List<Fx> set, Function<Fx, String> dimension) {
    Map<String, Long> expected = set.stream().collect(Collectors.groupingBy(c -> Objects.requireNonNullElse(dimension.apply(c), "∅"),
        Collectors.counting()));
    Map<String, Long> actual = new HashMap<>();
    counts.forEach(c -> actual.merge(c.path("code").isNull() ? "∅" : c.path("code").asText(), c.path("count").asLong(), Long::sum));
    // the township table keeps 未交办 and 信访室 (no area) apart: both have no area code
    assertThat(actual).isEqualTo(expected);
  }

  static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.path(field).asText())) {
        return n;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }

  static String text(Row row, int c) {
    return c < row.getCellCount() && row.getCell(c) != null ? row.getCell(c).getText() : "";
  }

  static long number(Row row, int c) {
    return row.getCellAsNumber(c).orElseThrow().longValue();
  }

  static void assertRate(Row row, int c, long[] expected) {
    if (expected[1] == 0) {
      assertThat(text(row, c)).isEqualTo("—");
    } else {
      assertThat(row.getCellAsNumber(c).orElseThrow().doubleValue()).isCloseTo((double) expected[0] / expected[1], within(1e-9));
    }
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String user, String body) throws Exception {
    return http.send(request(path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
