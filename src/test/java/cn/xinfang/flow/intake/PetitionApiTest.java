package cn.xinfang.flow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/petitions} and {@code /engine-rest} over HTTP, as other systems and Camunda Modeler call them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:petition-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class PetitionApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.camunda.bpm.engine.TaskService tasks;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  static int petitioner = 0;

  @Test
  void shouldRefuseAnonymousCalls() throws Exception {
    HttpResponse<String> api = send("POST", "/api/petitions", null, body("匿名调用"), null);
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    assertThat(send("GET", "/engine-rest/process-definition", null, null, null).statusCode()).isEqualTo(401);
    // a user no other test logs in as: a wrong password counts in the login throttle for that user
    assertThat(send("GET", "/engine-rest/process-definition", "reception2:wrong", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRegisterAndAnswerWithTheCaseNumber() throws Exception {
    HttpResponse<String> response = send("POST", "/api/petitions", "reception1:demo", body("欠薪"), null);
    assertThat(response.statusCode()).isEqualTo(201);
    String caseNumber = json.readTree(response.body()).path("caseNumber").asText();
    assertThat(caseNumber).matches("XF-\\d{4}-\\d{6}");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/petitions/" + caseNumber);

    JsonNode shown = json.readTree(send("GET", "/api/petitions/" + caseNumber, "office1:demo", null, null).body());
    assertThat(shown.path("caseOwner").asText()).isEqualTo("reception1");
    assertThat(shown.path("status").asText()).isEqualTo("OPEN");
    // a unit that does not handle the case does not even learn that it exists
    assertThat(send("GET", "/api/petitions/" + caseNumber, "hr1:demo", null, null).statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("OPEN");
    assertThat(json.readTree(response.body()).has("linkedCaseNumber")).isFalse();

    // the same petitioner on the same matter again: the answer says it was taken into the open case
    String petition = body("欠薪");
    String again = send("POST", "/api/petitions", "reception1:demo", petition, null).body();
    String sameMatter = send("POST", "/api/petitions", "reception1:demo", petition, null).body();
    JsonNode linked = json.readTree(sameMatter);
    assertThat(linked.path("status").asText()).isEqualTo("LINKED");
    assertThat(linked.path("linkedCaseNumber").asText()).isEqualTo(json.readTree(again).path("caseNumber").asText());
  }

  @Test
  void shouldNameEveryBadFieldAndStoreNothing() throws Exception {
    int before = petitions();
    String bad = """
        {"channel":"FAX","category":"LABOR","subject":"%s","content":"内容","realName":true,"headcount":0,
         "sourceLevel":"SELF","petitionerName":"张三","petitionerPhone":"12345","petitionerIdNumber":"110105194912310021"}
        """.formatted("长".repeat(101));
    HttpResponse<String> response = send("POST", "/api/petitions", "reception1:demo", bad, null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
    List<String> fields = new ArrayList<>();
    json.readTree(response.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("channel", "subject", "headcount", "petitionerPhone", "petitionerIdNumber");
    assertThat(response.body()).contains("最多 100 字");
    assertThat(petitions()).isEqualTo(before);
  }

  @Test
  void shouldRefuseMalformedJsonAndUnknownFields() throws Exception {
    HttpResponse<String> malformed = send("POST", "/api/petitions", "reception1:demo", "{\"channel\": \"VISIT\",", null);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("JSON");
    HttpResponse<String> unknown = send("POST", "/api/petitions", "reception1:demo",
        body("多字段").replace("{", "{\"petitionerEmail\":\"a@b.cn\","), null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("petitionerEmail");
  }

  @Test
  void shouldNotRegisterTwiceWhenAClientRetriesWithTheSameIdempotencyKey() throws Exception {
    String request = body("重复提交");
    HttpResponse<String> first = send("POST", "/api/petitions", "reception1:demo", request, "portal-4711");
    HttpResponse<String> retry = send("POST", "/api/petitions", "reception1:demo", request, "portal-4711");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(json.readTree(retry.body()).path("caseNumber").asText())
        .isEqualTo(json.readTree(first.body()).path("caseNumber").asText());
    assertThat(retry.headers().firstValue("Idempotent-Replay")).hasValue("true");

    HttpResponse<String> reused = send("POST", "/api/petitions", "reception1:demo", body("另一件事"), "portal-4711");
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("Idempotency-Key");
  }

  @Test
  void shouldGiveFiftyParallelRegistrationsFiftyDifferentCaseNumbers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String request = body("并发登记" + i);
      calls.add(() -> send("POST", "/api/petitions", "reception1:demo", request, null));
    }
    Set<String> numbers = new HashSet<>();
    for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
      HttpResponse<String> r = f.get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      numbers.add(json.readTree(r.body()).path("caseNumber").asText());
    }
    pool.shutdown();
    assertThat(numbers).hasSize(50);
  }

  @Test
  void shouldLetOnlyAdministratorsDeploy() throws Exception {
    String boundary = "----xinfang";
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"probe\" "
        + "isExecutable=\"true\" camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/></process></definitions>";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"probe.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(multipart));
    HttpResponse<String> clerk = http.send(request.copy().header("Authorization", basic("reception1:demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(clerk.statusCode()).isEqualTo(403);
    HttpResponse<String> admin = http.send(request.copy().header("Authorization", basic("admin:demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
  }

  @Test
  void shouldLetOnlyTheDesksRecordARepeatVisit() throws Exception {
    HttpResponse<String> created = send("POST", "/api/petitions", "reception1:demo", body("重复来访"), null);
    String caseNumber = json.readTree(created.body()).path("caseNumber").asText();
    String visit = "{\"requestNote\":\"信访人再次来访\"}";
    assertThat(send("POST", "/api/petitions/" + caseNumber + "/repeat-visits", "hr1:demo", visit, null).statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/api/petitions/" + caseNumber + "/repeat-visits", "reception1:demo", visit, null).statusCode())
        .isEqualTo(202);
    HttpResponse<String> notYet = send("POST", "/api/petitions/" + caseNumber + "/review-requests", "reception1:demo",
        "{\"requestNote\":\"申请复查\"}", null);
    assertThat(notYet.statusCode()).isEqualTo(409);
    assertThat(notYet.body()).contains("复查申请期");
    assertThat(send("POST", "/api/petitions/XF-2026-999999/repeat-visits", "reception1:demo", visit, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void shouldAnswerAMessageForAClosedCaseWithConflictAndItsStatus() throws Exception {
    HttpResponse<String> created = send("POST", "/api/petitions", "reception1:demo", body("已结案件"), null);
    String caseNumber = json.readTree(created.body()).path("caseNumber").asText();
    var accept = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey("task_accept_petition")
        .singleResult();
    tasks.complete(accept.getId(), java.util.Map.of("acceptanceDecision", "REJECT", "acceptanceNote", "不属于信访事项"));

    HttpResponse<String> visit = send("POST", "/api/petitions/" + caseNumber + "/repeat-visits", "reception1:demo",
        "{\"requestNote\":\"信访人再次来访\"}", null);
    assertThat(visit.statusCode()).isEqualTo(409);
    assertThat(visit.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    JsonNode problem = json.readTree(visit.body());
    assertThat(problem.path("status").asInt()).isEqualTo(409);
    assertThat(problem.path("caseStatus").asText()).isEqualTo("REJECTED");
    assertThat(problem.path("caseStatusLabel").asText()).isEqualTo("不予受理");
    assertThat(problem.path("detail").asText()).contains(caseNumber, "已结案");
  }

  // ---------------------------------------------------------------- helpers

  String body(String subject) {
    petitioner++;
    return """
        {"channel":"ONLINE","category":"LABOR","subject":"%s","content":"某公司拖欠工资","realName":true,"headcount":1,
         "sourceLevel":"SELF","petitionerName":"李四","petitionerPhone":"139%08d"}
        """.formatted(subject, petitioner + (int) (System.nanoTime() % 1000) * 1000);
  }

  HttpResponse<String> send(String method, String path, String credentials, String body, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (credentials != null) {
      b.header("Authorization", basic(credentials));
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  int petitions() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class);
  }
}
