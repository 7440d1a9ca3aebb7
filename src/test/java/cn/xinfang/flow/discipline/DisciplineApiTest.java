package cn.xinfang.flow.discipline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authorization around a discipline lead, through the real doors: the reported unit does not see
 * the lead (case file, Tasklist's task query); the investigators see the case but never the
 * reporter's identity (case file, /engine-rest task variables); only the commission's leaders reveal
 * it, with a reason, and the reveal is on the timeline. (Same context as PetitionApiTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:discipline-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class DisciplineApiTest {

  static final String NAME = "孙悟能";
  static final String PHONE = "13955556666";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldKeepTheLeadFromTheReportedUnitAndTheIdentityFromEveryoneButAnAuditedLeader() throws Exception {
    HttpResponse<String> created = send("POST", "/api/petitions", "reception1:demo", """
        {"channel":"LETTER","category":"DISCIPLINE","subject":"举报自然资源局违规审批","content":"某副局长违规审批用地",
         "realName":true,"headcount":1,"sourceLevel":"SELF","petitionerName":"%s","petitionerPhone":"%s"}"""
        .formatted(NAME, PHONE));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String caseNumber = json.readTree(created.body()).path("caseNumber").asText();
    String intake = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .processDefinitionKey("petition-intake").singleResult().getId();
    for (var job : management.createJobQuery().processInstanceId(intake).executable().list()) {
      management.executeJob(job.getId());
    }
    tasks.complete(tasks.createTaskQuery().processInstanceId(intake).singleResult().getId(),
        Map.of("acceptanceDecision", "HANDLE", "acceptanceNote", "已受理"));
    String lead = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .processDefinitionKey(DisciplineLeadProcess.KEY).singleResult().getId();
    Map<String, Object> analysis = new HashMap<>(DisciplineLeadProcessTest.verify("unit-land", "investigation"));
    tasks.complete(task(lead, DisciplineLeadProcess.Element.ANALYSE).getId(), analysis);
    tasks.complete(task(lead, DisciplineLeadProcess.Element.APPROVE).getId(),
        Map.of("approvalDecision", "APPROVE", "approvalComment", "同意"));
    Task verify = task(lead, DisciplineLeadProcess.Element.VERIFY);

    // the reported unit: no case file, no task
    assertThat(send("GET", "/api/cases/" + caseNumber, "land1:demo", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/cases/" + caseNumber, "landhead:demo", null).statusCode()).isEqualTo(404);
    JsonNode landTasks = json.readTree(send("GET", "/engine-rest/task?processInstanceBusinessKey=" + caseNumber,
        "land1:demo", null).body());
    assertThat(landTasks.isArray()).isTrue();
    assertThat(landTasks).isEmpty();

    // the investigators: the case, masked; the task's variables without any identity
    HttpResponse<String> file = send("GET", "/api/cases/" + caseNumber, "investigator1:demo", null);
    assertThat(file.statusCode()).isEqualTo(200);
    JsonNode c = json.readTree(file.body());
    assertThat(c.path("confidential").asBoolean()).isTrue();
    assertThat(c.path("mayRevealReporter").asBoolean()).isFalse();
    assertThat(file.body()).doesNotContain(NAME).doesNotContain(PHONE);
    HttpResponse<String> vars = send("GET", "/engine-rest/task/" + verify.getId() + "/variables", "investigator1:demo", null);
    assertThat(vars.statusCode()).as(vars.body()).isEqualTo(200);
    assertThat(json.readTree(vars.body()).has("reporterDisplay")).isTrue();
    assertThat(vars.body()).doesNotContain(NAME).doesNotContain(PHONE).doesNotContain("petitionerName")
        .doesNotContain("petitionerPhone");

    // the reveal: refused for everyone but the commission's leaders, and only with a reason
    String path = "/api/cases/" + caseNumber + "/reporter-identity";
    assertThat(send("POST", path, "investigator1:demo", "{\"reason\":\"想知道\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", path, "office1:demo", "{\"reason\":\"想知道\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", path, "land1:demo", "{\"reason\":\"想知道\"}").statusCode()).isIn(403, 404);
    HttpResponse<String> noReason = send("POST", path, "discleader:demo", "{\"reason\":\"  \"}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason").contains("请填写查看检举人身份的理由");
    assertThat(json.readTree(send("GET", "/api/cases/" + caseNumber, "discleader:demo", null).body())
        .path("mayRevealReporter").asBoolean()).isTrue();
    HttpResponse<String> revealed = send("POST", path, "discleader:demo", "{\"reason\":\"核实线索细节，需约见检举人\"}");
    assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
    assertThat(json.readTree(revealed.body()).path("petitionerName").asText()).isEqualTo(NAME);
    assertThat(json.readTree(revealed.body()).path("petitionerPhone").asText()).isEqualTo(PHONE);

    // on the timeline: who, when, why — and still not the identity
    JsonNode timeline = json.readTree(send("GET", "/api/cases/" + caseNumber, "office1:demo", null).body()).path("timeline");
    JsonNode reveal = null;
    for (JsonNode t : timeline) {
      if ("REPORTER_REVEALED".equals(t.path("type").asText())) {
        reveal = t;
      }
    }
    assertThat(reveal).as("reveal on the timeline: %s", timeline).isNotNull();
    assertThat(reveal.path("actor").asText()).isEqualTo("discleader");
    assertThat(reveal.path("what").asText()).isEqualTo("查看检举人身份");
    assertThat(reveal.path("detail").asText()).contains("核实线索细节").doesNotContain(NAME);
    assertThat(reveal.path("at").isMissingNode()).isFalse();
    assertThat(timeline.toString()).doesNotContain(NAME).doesNotContain(PHONE);
    // refused attempts leave no trace of a reveal
    int reveals = 0;
    for (JsonNode t : timeline) {
      reveals += "REPORTER_REVEALED".equals(t.path("type").asText()) ? 1 : 0;
    }
    assertThat(reveals).isEqualTo(1);
  }

  Task task(String processInstanceId, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
