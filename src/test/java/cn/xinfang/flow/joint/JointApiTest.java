package cn.xinfang.flow.joint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/joint/summary} against cases run through the engine. (Same context as PetitionApiTest.) */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:petition-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class JointApiTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldSumUpTheYearsJointInvestigations() throws Exception {
    int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    JsonNode before = summary(year);
    conclude("CASE_OPENED", 50000, 20000, 1);
    conclude("PETITION_CLOSED", 0, 0, 0);
    JsonNode after = summary(year);
    assertThat(after.path("takenUp").asInt() - before.path("takenUp").asInt()).isEqualTo(2);
    assertThat(after.path("concluded").asInt() - before.path("concluded").asInt()).isEqualTo(2);
    assertThat(after.path("byOutcome").path("CASE_OPENED").asInt() - before.path("byOutcome").path("CASE_OPENED").asInt())
        .isEqualTo(1);
    assertThat(after.path("moneyCollected").decimalValue().subtract(before.path("moneyCollected").decimalValue()))
        .isEqualByComparingTo("50000");
    assertThat(after.path("lossesRecovered").decimalValue().subtract(before.path("lossesRecovered").decimalValue()))
        .isEqualByComparingTo("20000");
    assertThat(send("/api/joint/summary?year=" + year, "hr1:demo").statusCode()).isEqualTo(403);
    assertThat(send("/api/joint/summary?year=" + year, "jointlead2:demo").statusCode()).isEqualTo(200); // a joint group
    assertThat(send("/api/joint/summary?year=abc", "joint1:demo").statusCode()).isEqualTo(400);
  }

  void conclude(String outcome, double money, double losses, int contracts) {
    identity.setAuthentication("joint1", List.of("joint-office"));
    ProcessInstance pi;
    try {
      pi = runtime.startProcessInstanceByKey(JointProcess.KEY, Map.of("subject", "联查 " + System.nanoTime(),
          "areaCode", "331082101", "reasonText", "提请", "criterionUrgent", true));
    } finally {
      identity.clearAuthentication();
    }
    complete(pi, Map.of("proposalDecision", "PROPOSE", "proposalOpinion", "拟办", "investigationFocus", "重点"));
    complete(pi, Map.of("jointApproval", "APPROVE", "approvalComment", "同意"));
    complete(pi, Map.of("jointOutcome", outcome, "findings", "调查情况", "moneyCollected", money,
        "lossesRecovered", losses, "contractsEnded", contracts));
  }

  void complete(ProcessInstance pi, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(), variables);
  }

  JsonNode summary(int year) throws Exception {
    HttpResponse<String> r = send("/api/joint/summary?year=" + year, "joint1:demo");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  HttpResponse<String> send(String path, String credentials) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
