package cn.xinfang.flow.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/ownership/mine} for the owning leader. (Same context as PetitionApiTest.) */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:petition-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class OwnershipApiTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldListTheCasesALeaderOwnsWithStageAndNextDeadline() throws Exception {
    HttpResponse<String> created = send("POST", "/api/petitions", "reception1:demo", """
        {"channel":"LETTER","category":"HEALTH","subject":"医保报销","content":"医保报销被拒","realName":true,
         "headcount":1,"sourceLevel":"PROVINCE","petitionerName":"郑一","petitionerPhone":"13300004444"}""");
    String caseNumber = json.readTree(created.body()).path("caseNumber").asText();
    String intake = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .processDefinitionKey("petition-intake").singleResult().getId();
    // a province-level case: filed upward first, then accepted; the head owns it
    for (var job : management.createJobQuery().processInstanceId(intake).executable().list()) {
      management.executeJob(job.getId());
    }
    tasks.complete(tasks.createTaskQuery().processInstanceId(intake).singleResult().getId(),
        Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", "unit-health", "acceptanceNote", "已受理"));

    JsonNode mine = json.readTree(send("GET", "/api/ownership/mine", "head:demo", null).body());
    JsonNode row = null;
    for (JsonNode r : mine) {
      if (caseNumber.equals(r.path("caseNumber").asText())) {
        row = r;
      }
    }
    assertThat(row).as("the head owns %s: %s", caseNumber, mine).isNotNull();
    assertThat(row.path("stage").asText()).isEqualTo("明确包案责任人、调处方案和时限");
    assertThat(row.path("reason").asText()).contains("主要负责人");
    JsonNode theirs = json.readTree(send("GET", "/api/ownership/mine", "deputy1:demo", null).body());
    assertThat(theirs.findValuesAsText("caseNumber")).doesNotContain(caseNumber);
    assertThat(send("GET", "/api/ownership/mine?size=0", "head:demo", null).statusCode()).isEqualTo(400);
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
