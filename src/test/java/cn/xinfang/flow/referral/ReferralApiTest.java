package cn.xinfang.flow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A referral seen from outside: the referral and urging letters as documents the unit and the office
 * can open and print, and the appraisal ledger with its totals. (Same context as PetitionApiTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:petition-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class ReferralApiTest {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldShowLettersToTheUnitAndTheOfficeAndTotalTheUnitsPoints() throws Exception {
    clock(LocalDateTime.of(2026, 3, 2, 10, 0));
    HttpResponse<String> created = send("POST", "/api/petitions", "reception1:demo", """
        {"channel":"VISIT","category":"URBAN","subject":"小区违建","content":"小区内有违章建筑","realName":true,
         "headcount":1,"sourceLevel":"SELF","petitionerName":"周八","petitionerPhone":"13600007777"}""");
    String caseNumber = json.readTree(created.body()).path("caseNumber").asText();
    String intake = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .processDefinitionKey("petition-intake").singleResult().getId();
    Task accept = tasks.createTaskQuery().processInstanceId(intake).singleResult();
    tasks.complete(accept.getId(), Map.of("acceptanceDecision", "REFER", "handlingUnit", "unit-chengguan",
        "acceptanceNote", "已受理，转城关镇调查处理"));
    String referral = runtime.createProcessInstanceQuery().superProcessInstanceId(intake).singleResult().getId();

    clock(LocalDateTime.of(2026, 4, 3, 9, 0)); // the month ended on 2 April
    for (int i = 0; i < 5; i++) {
      for (Job job : management.createJobQuery().processInstanceId(referral).executable().list()) {
        management.executeJob(job.getId());
      }
    }

    JsonNode documents = json.readTree(send("GET", "/api/documents?caseNumber=" + caseNumber, "chengguan1:demo", null).body());
    // the unit handling the case reads all of the case's documents (receipt, notices) as it reads the case
    assertThat(documents.findValuesAsText("kind")).contains("REFERRAL_LETTER", "URGING_LETTER");
    String letter = documents.findValuesAsText("number").stream().filter(n -> n.startsWith("ZB-")).findFirst().orElseThrow();
    HttpResponse<String> page = send("GET", "/api/documents/" + letter, "chengguan1:demo", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("转办函", letter, caseNumber, "城关镇", "2026年4月2日");
    assertThat(send("GET", "/api/documents/" + letter, "office1:demo", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/documents/" + letter, "hr1:demo", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/documents/" + letter, null, null).statusCode()).isEqualTo(401);

    JsonNode appraisal = json.readTree(send("GET", "/api/appraisal?unit=unit-chengguan&year=2026", "supervisor1:demo", null)
        .body());
    assertThat(appraisal.path("totalPoints").asInt()).isEqualTo(-2);
    assertThat(appraisal.path("entries").get(0).path("caseNumber").asText()).isEqualTo(caseNumber);
    assertThat(appraisal.path("entries").get(0).path("reasonLabel").asText()).isEqualTo("转办件逾期");
    assertThat(send("GET", "/api/appraisal?unit=unit-chengguan&year=2026", "chengguan1:demo", null).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/api/appraisal?unit=unit-chengguan&year=2026", "hr1:demo", null).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = send("GET", "/api/appraisal?unit=&year=twenty", "supervisor1:demo", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"unit\"", "\"year\"");
  }

  static void clock(LocalDateTime beijing) {
    ClockUtil.setCurrentTime(Date.from(beijing.atZone(CHINA).toInstant()));
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (credentials != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
