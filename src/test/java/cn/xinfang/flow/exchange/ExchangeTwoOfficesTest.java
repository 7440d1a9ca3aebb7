package cn.xinfang.flow.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.XinfangFlowApplication;
import cn.xinfang.flow.referral.ReferralProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two offices, two running services (two Spring contexts on their own ports, each with its own H2 database),
 * each configured with the other as exchange partner: the county assigns a case down (交办) while the
 * township's service is still down, the delivery is retried until the township is up; the township handles
 * the case and reports it filed (报结), and the county's case continues at its review. A duplicate delivery
 * has no second effect, a bad signature is refused with 401 and stores nothing, an unknown partner is refused;
 * a township's 退回 brings the county's case back to its reroute task; a township's 备案 reaches the county's
 * leaders.
 */
class ExchangeTwoOfficesTest {

  static final String SECRET = "county-township-shared-secret-0123456789";
  static final List<ConfigurableApplicationContext> RUNNING = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stop() {
    RUNNING.forEach(ConfigurableApplicationContext::close);
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static ConfigurableApplicationContext office(String name, int port, String... partner) {
    List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.jmx.enabled=false",
        "--spring.datasource.url=jdbc:h2:mem:exchange-" + name + ";DB_CLOSE_DELAY=-1",
        "--xinfang.data-dir=target/exchange-test-" + name, "--camunda.bpm.job-execution.max-wait=500",
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--xinfang.exchange.self-id=" + name, "--xinfang.exchange.retry-delay=PT2S",
        "--xinfang.exchange.attempts=30"));
    args.addAll(List.of(partner));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(XinfangFlowApplication.class)
        .run(args.toArray(String[]::new));
    RUNNING.add(context);
    return context;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant until = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for: %s", what).isBefore(until);
      Thread.sleep(200);
    }
  }

  @Test
  void shouldAssignDownReportUpAndRefuseWhatIsNotSignedOrNotNew() throws Exception {
    int countyPort = freePort();
    int townshipPort = freePort();
    // the county first: the township's service is not running yet
    ConfigurableApplicationContext county = office("county", countyPort,
        "--xinfang.exchange.partners[0].id=township", "--xinfang.exchange.partners[0].name=城关镇信访办",
        "--xinfang.exchange.partners[0].base-url=http://localhost:" + townshipPort,
        "--xinfang.exchange.partners[0].secret=" + SECRET,
        "--xinfang.exchange.partners[0].units[0]=unit-chengguan");
    JdbcTemplate countyDb = county.getBean(JdbcTemplate.class);
    RuntimeService countyRuntime = county.getBean(RuntimeService.class);

    ProcessInstance countyCase = countyRuntime.startProcessInstanceByKey(ReferralProcess.KEY, referral("孙七", "13712340001"));
    String countyCaseNumber = countyCase.getBusinessKey();
    assertThat(countyRuntime.getActiveActivityIds(countyCase.getId()))
        .containsExactly(ReferralProcess.Element.AWAIT_LOWER); // the event-based gateway: 报结 or 退回
    // no task for the unit here: the township works it in its own system
    assertThat(county.getBean(TaskService.class).createTaskQuery().processInstanceId(countyCase.getId()).count()).isZero();

    await("a failed delivery attempt while the township is down", () -> countyDb.queryForObject(
        "SELECT attempts FROM xf_exchange_outbox WHERE case_number = ?", Integer.class, countyCaseNumber) >= 1);
    assertThat(countyDb.queryForObject("SELECT status FROM xf_exchange_outbox WHERE case_number = ?", String.class,
        countyCaseNumber)).isEqualTo("PENDING");
    assertThat(countyDb.queryForObject("SELECT last_error FROM xf_exchange_outbox WHERE case_number = ?", String.class,
        countyCaseNumber)).contains("交办", "投递失败");

    ConfigurableApplicationContext township = office("township", townshipPort,
        "--xinfang.exchange.partners[0].id=county", "--xinfang.exchange.partners[0].name=县信访局",
        "--xinfang.exchange.partners[0].base-url=http://localhost:" + countyPort,
        "--xinfang.exchange.partners[0].secret=" + SECRET, "--xinfang.exchange.partners[0].upper=true",
        "--xinfang.exchange.partners[0].received-by=office1");
    JdbcTemplate townshipDb = township.getBean(JdbcTemplate.class);
    RuntimeService townshipRuntime = township.getBean(RuntimeService.class);
    TaskService townshipTasks = township.getBean(TaskService.class);

    await("the 交办 delivered on a retry", () -> "DELIVERED".equals(countyDb.queryForObject(
        "SELECT status FROM xf_exchange_outbox WHERE case_number = ?", String.class, countyCaseNumber)));
    String townshipCaseNumber = townshipDb.queryForObject(
        "SELECT case_number FROM xf_exchange_inbox WHERE kind = 'ASSIGN' AND remote_case_number = ?", String.class,
        countyCaseNumber);
    ProcessInstance townshipCase = townshipRuntime.createProcessInstanceQuery().processInstanceBusinessKey(townshipCaseNumber)
        .singleResult();
    Task investigate = townshipTasks.createTaskQuery().processInstanceId(townshipCase.getId())
        .taskDefinitionKey(ReferralProcess.Element.INVESTIGATE).taskCandidateGroup("unit-chengguan").singleResult();
    assertThat(investigate).isNotNull();
    Map<String, Object> received = townshipRuntime.getVariables(townshipCase.getId());
    assertThat(received).containsEntry("sourceBody", "县信访局").containsEntry("exchangePartner", "county")
        .containsEntry("exchangeRemoteCase", countyCaseNumber).containsEntry("subject", "征地补偿款未发放")
        .containsEntry("petitionerName", "孙七");
    assertThat(townshipDb.queryForObject("SELECT case_owner FROM xf_petition WHERE case_number = ?", String.class,
        townshipCaseNumber)).isEqualTo("office1");

    // a discipline report referred down: the reporter's identity stays in the county's system
    Map<String, Object> report = referral("周检举", "13712340009");
    report.put("category", "DISCIPLINE");
    report.put("subject", "反映某站所负责人违规收费");
    String reportCaseNumber = countyRuntime.startProcessInstanceByKey(ReferralProcess.KEY, report).getBusinessKey();
    await("the discipline 交办 delivered", () -> "DELIVERED".equals(countyDb.queryForObject(
        "SELECT status FROM xf_exchange_outbox WHERE case_number = ?", String.class, reportCaseNumber)));
    assertThat(countyDb.queryForObject("SELECT body FROM xf_exchange_outbox WHERE case_number = ?", String.class,
        reportCaseNumber)).doesNotContain("周检举").doesNotContain("13712340009").contains("\"realName\":false");
    String receivedReport = townshipDb.queryForObject(
        "SELECT case_number FROM xf_exchange_inbox WHERE kind = 'ASSIGN' AND remote_case_number = ?", String.class,
        reportCaseNumber);
    assertThat(townshipDb.queryForObject("SELECT COUNT(*) FROM xf_petition WHERE case_number = ? AND "
        + "(petitioner_name IS NOT NULL OR petitioner_phone IS NOT NULL)", Integer.class, receivedReport)).isZero();

    // the same message delivered again (a retry after a lost answer): answered as before, nothing new
    String assignBody = countyDb.queryForObject("SELECT body FROM xf_exchange_outbox WHERE case_number = ?", String.class,
        countyCaseNumber);
    long instancesBefore = townshipRuntime.createProcessInstanceQuery().processDefinitionKey(ReferralProcess.KEY).count();
    HttpResponse<String> again = post(townshipPort, "county", SECRET, assignBody);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicate\":true", townshipCaseNumber);
    assertThat(instancesBefore).as("the two cases sent down, once each").isEqualTo(2);
    assertThat(townshipRuntime.createProcessInstanceQuery().processDefinitionKey(ReferralProcess.KEY).count()).isEqualTo(2);
    assertThat(townshipDb.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class)).isEqualTo(2);

    // a bad signature: 401, nothing stored
    String forged = assignBody.replace(countyCaseNumber.substring(0, 8), countyCaseNumber.substring(0, 8))
        .replace("\"messageId\":\"", "\"messageId\":\"forged-");
    HttpResponse<String> badSignature = post(townshipPort, "county", "not-the-shared-secret-at-all-0000000000", forged);
    assertThat(badSignature.statusCode()).isEqualTo(401);
    assertThat(badSignature.body()).contains("签名无效");
    // an old timestamp, correctly signed: a replay outside the window is refused as well
    HttpResponse<String> stale = post(townshipPort, "county", SECRET, forged, Instant.now().minusSeconds(3600));
    assertThat(stale.statusCode()).isEqualTo(401);
    // an office nobody configured
    HttpResponse<String> stranger = post(townshipPort, "city", SECRET, forged);
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.body()).contains("未登记的交换对象");
    // nothing stored by the refused ones: still the two messages and cases received above
    assertThat(townshipDb.queryForObject("SELECT COUNT(*) FROM xf_exchange_inbox", Integer.class)).isEqualTo(2);
    assertThat(townshipDb.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class)).isEqualTo(2);

    // the township handles and files the case: 报结 goes up
    townshipTasks.complete(investigate.getId(), Map.of("referralAction", "REPORT", "reportOutcome", "EXPLAIN",
        "reportFacts", "经核实，补偿款已于近日拨付", "reportReasons", "依据征地补偿安置方案"));
    Task review = townshipTasks.createTaskQuery().processInstanceId(townshipCase.getId())
        .taskDefinitionKey(ReferralProcess.Element.REVIEW_REPORT).singleResult();
    townshipTasks.complete(review.getId(), Map.of("reviewDecision", "FILE"));
    assertThat(townshipRuntime.createProcessInstanceQuery().processInstanceId(townshipCase.getId()).count()).isZero();

    await("the county's case continues at its review", () -> !countyRuntime.createProcessInstanceQuery()
        .processInstanceId(countyCase.getId()).activityIdIn(ReferralProcess.Element.REVIEW_REPORT).list().isEmpty());
    assertThat(countyRuntime.getVariables(countyCase.getId())).containsEntry("reportOutcome", "EXPLAIN")
        .containsEntry("reportFacts", "经核实，补偿款已于近日拨付").containsEntry("reportOutcomeLabel", "解释说明");
    assertThat(countyDb.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? "
        + "AND event_type = 'REFERRAL_REPORTED'", Integer.class, countyCaseNumber)).isEqualTo(1);
    // the 报结 again: no second effect on the county's case
    String reportBody = townshipDb.queryForObject("SELECT body FROM xf_exchange_outbox WHERE kind = 'REPORT'",
        String.class);
    HttpResponse<String> reportAgain = post(countyPort, "township", SECRET, reportBody);
    assertThat(reportAgain.statusCode()).isEqualTo(200);
    assertThat(reportAgain.body()).contains("\"duplicate\":true");
    assertThat(countyDb.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? "
        + "AND event_type = 'REFERRAL_REPORTED'", Integer.class, countyCaseNumber)).isEqualTo(1);

    // a second case the township sends back (退回): the county's case returns to its reroute task
    ProcessInstance second = countyRuntime.startProcessInstanceByKey(ReferralProcess.KEY, referral("周八", "13712340002"));
    await("the second 交办 delivered", () -> "DELIVERED".equals(countyDb.queryForObject(
        "SELECT status FROM xf_exchange_outbox WHERE case_number = ?", String.class, second.getBusinessKey())));
    String secondTownship = townshipDb.queryForObject(
        "SELECT case_number FROM xf_exchange_inbox WHERE kind = 'ASSIGN' AND remote_case_number = ?", String.class,
        second.getBusinessKey());
    String secondPi = townshipRuntime.createProcessInstanceQuery().processInstanceBusinessKey(secondTownship)
        .singleResult().getId();
    townshipTasks.complete(townshipTasks.createTaskQuery().processInstanceId(secondPi)
        .taskDefinitionKey(ReferralProcess.Element.INVESTIGATE).singleResult().getId(),
        Map.of("referralAction", "OBJECT", "objectionReason", "该地块属桥头镇管辖"));
    townshipTasks.complete(townshipTasks.createTaskQuery().processInstanceId(secondPi)
        .taskDefinitionKey(ReferralProcess.Element.REROUTE).singleResult().getId(),
        Map.of("rerouteDecision", "RETURN_UP", "rerouteNote", "该地块属桥头镇管辖，请改交桥头镇"));
    await("the county's second case back at its reroute task", () -> !countyRuntime.createProcessInstanceQuery()
        .processInstanceId(second.getId()).activityIdIn(ReferralProcess.Element.REROUTE).list().isEmpty());
    assertThat((String) countyRuntime.getVariable(second.getId(), "objectionReason")).contains("城关镇信访办退回",
        "请改交桥头镇");

    // 备案 of a major case from the township reaches the county's leaders
    township.getBean(ExchangeOutbox.class).fileUpward(townshipCaseNumber, "重大信访事项");
    await("the 备案 recorded at the county", () -> countyDb.queryForObject(
        "SELECT COUNT(*) FROM xf_exchange_inbox WHERE kind = 'FILE'", Integer.class) == 1);
    assertThat(countyDb.queryForObject("SELECT message FROM xf_notification WHERE recipient_group = 'leaders' "
        + "AND notification_key LIKE 'EXCHANGE_FILED:%'", String.class)).contains("城关镇信访办", townshipCaseNumber,
        "征地补偿款未发放");
    HttpResponse<String> filings = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + countyPort
        + "/api/exchange/filings")).header("Authorization", basic("head", "demo")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(filings.statusCode()).isEqualTo(200);
    assertThat(filings.body()).contains(townshipCaseNumber, "城关镇信访办");
    // the administrators see the outbox, with the failed attempt of the first 交办
    HttpResponse<String> outbox = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + countyPort
        + "/api/exchange/outbox")).header("Authorization", basic("reception1", "demo")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(outbox.statusCode()).isEqualTo(403);
  }

  static Map<String, Object> referral(String name, String phone) {
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
    v.put("petitionerName", name);
    v.put("petitionerPhone", phone);
    v.put("handlingUnit", "unit-chengguan");
    v.put("referralRequest", "请调查核实并依法处理，报告结果。");
    v.put("registeredBy", "office1");
    return v;
  }

  HttpResponse<String> post(int port, String partner, String secret, String body) throws Exception {
    return post(port, partner, secret, body, Instant.now());
  }

  HttpResponse<String> post(int port, String partner, String secret, String body, Instant at) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(at.getEpochSecond());
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + ExchangeSignature.PATH))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header(ExchangeSignature.PARTNER_HEADER, partner).header(ExchangeSignature.TIMESTAMP_HEADER, timestamp)
        .header(ExchangeSignature.SIGNATURE_HEADER, ExchangeSignature.sign(secret, "POST", ExchangeSignature.PATH,
            timestamp, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }
}
