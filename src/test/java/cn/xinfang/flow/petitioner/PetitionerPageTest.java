package cn.xinfang.flow.petitioner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.organization.OrganizationDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The petitioner's page over HTTP, as a phone would use it: the query code checked and throttled, an
 * unknown number answered like a wrong code, the stage and the notices of the one case, the
 * petitioner's copy without staff names, the evaluation and the 复查 request recorded once, CSRF and
 * tampered cookies refused. (Same context as StatutoryDocumentsTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:public-documents-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class PetitionerPageTest {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired OrganizationDirectory organization;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldRefuseWrongCodesAlikeForUnknownCasesAndThrottleThem() throws Exception {
    Registered r = register("黄节流");
    Petitioner p = new Petitioner();
    HttpResponse<String> wrong = p.login(r.caseNumber(), "AAAAAAAAAA");
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = p.login("XF-2026-999999", "AAAAAAAAAA");
    assertThat(unknown.statusCode()).isEqualTo(401);
    // the same answer: nothing tells whether the number exists
    assertThat(json.readTree(unknown.body()).path("detail").asText())
        .isEqualTo(json.readTree(wrong.body()).path("detail").asText()).isEqualTo(PetitionerController.WRONG);
    assertThat(p.login(r.caseNumber(), "AAAAAAAAAB").statusCode()).isEqualTo(401);
    assertThat(p.login(r.caseNumber(), "AAAAAAAAAC").statusCode()).isEqualTo(401);
    HttpResponse<String> throttled = p.login(r.caseNumber(), r.queryCode());
    assertThat(throttled.statusCode()).as("throttled even with the right code").isEqualTo(429);
    long retry = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retry).isPositive();
    assertThat(json.readTree(throttled.body()).path("detail").asText()).contains("秒后再试");
    assertThat(p.get("/public/api/case").statusCode()).isEqualTo(401);
    Thread.sleep(retry * 1000 + 200);
    assertThat(p.login(r.caseNumber(), r.queryCode().toLowerCase()).statusCode()).as("letter case is free").isEqualTo(200);
    assertThat(json.readTree(p.get("/public/api/case").body()).path("stage").asText()).isEqualTo("登记");
  }

  @Test
  void shouldShowTheStageAndNoticesAndRecordOneEvaluationAndOneReviewRequest() throws Exception {
    Registered r = register("林评价");
    Petitioner p = new Petitioner();
    assertThat(p.login(r.caseNumber(), r.queryCode()).statusCode()).isEqualTo(200);
    JsonNode registered = json.readTree(p.get("/public/api/case").body());
    assertThat(registered.path("stage").asText()).isEqualTo("登记");
    assertThat(registered.path("documents").findValuesAsText("kind")).containsExactly("登记回执");
    assertThat(registered.path("evaluation").path("open").asBoolean()).isFalse();
    assertThat(registered.path("mayRequestReview").asBoolean()).isFalse();

    complete(r.caseNumber(), "task_accept_petition", Map.of("acceptanceDecision", "HANDLE", "acceptanceNote", "已受理"));
    assertThat(json.readTree(p.get("/public/api/case").body()).path("stage").asText()).isEqualTo("受理");
    complete(r.caseNumber(), "task_handle_petition", Map.of("handlingAction", "REPORT", "outcome", "EXPLAIN",
        "facts", "内部核查笔记", "reasons", "依据政策"));
    assertThat(json.readTree(p.get("/public/api/case").body()).path("stage").asText()).isEqualTo("办理中");
    complete(r.caseNumber(), "task_send_reply", Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN", "replyText", "解释说明"));

    JsonNode replied = json.readTree(p.get("/public/api/case").body());
    assertThat(replied.path("stage").asText()).isEqualTo("已答复");
    assertThat(replied.path("dates").has("答复日期")).isTrue();
    assertThat(replied.path("dates").has("受理日期")).isTrue();
    assertThat(replied.path("documents").findValuesAsText("kind")).containsExactly("登记回执", "受理告知书", "信访处理意见书");
    assertThat(replied.path("evaluation").path("open").asBoolean()).isTrue();
    assertThat(replied.path("mayRequestReview").asBoolean()).isTrue();
    // nothing but the office's name: no staff user, no journal, no other case
    String staffName = organization.displayName("reception1");
    assertThat(replied.toString()).doesNotContain("reception1").doesNotContain(staffName).doesNotContain("timeline");

    // the petitioner's copy of the decision, without the staff member's name
    String decisionHref = replied.path("documents").get(2).path("href").asText();
    HttpResponse<byte[]> decision = p.getBytes(decisionHref);
    assertThat(decision.statusCode()).isEqualTo(200);
    String text;
    try (PDDocument read = Loader.loadPDF(decision.body())) {
      text = new PDFTextStripper().getText(read).replaceAll("\\R", "");
    }
    assertThat(text).contains(r.caseNumber(), "林评价", "信访人留存").doesNotContain(staffName);
    // another case's document is "not found" for this session
    Registered other = register("别人家");
    String othersReceipt = jdbc.queryForObject("SELECT doc_number FROM xf_document WHERE case_number = ?", String.class,
        other.caseNumber());
    assertThat(p.getBytes("/public/api/documents/" + othersReceipt + "/pdf").statusCode()).isEqualTo(404);

    // POSTs need the CSRF token of the session
    String evaluation = """
        {"result":"BASICALLY_SATISFIED","comment":"答复及时"}""";
    assertThat(p.post("/public/api/evaluation", evaluation, null).statusCode()).isEqualTo(403);
    assertThat(p.post("/public/api/evaluation", evaluation, "forged").statusCode()).isEqualTo(403);
    String csrf = replied.path("csrfToken").asText();
    assertThat(p.post("/public/api/evaluation", """
        {"result":"UNSATISFIED","comment":""}""", csrf).statusCode()).as("不满意 needs a reason").isEqualTo(400);
    assertThat(p.post("/public/api/evaluation", evaluation, csrf).statusCode()).isEqualTo(201);
    HttpResponse<String> again = p.post("/public/api/evaluation", evaluation, csrf);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json.readTree(again.body()).path("detail").asText()).contains("只能评价一次");
    assertThat(jdbc.queryForList("SELECT source, result, handling_unit FROM xf_evaluation WHERE case_number = ?",
        r.caseNumber())).containsExactly(Map.of("SOURCE", "PETITIONER", "RESULT", "BASICALLY_SATISFIED",
            "HANDLING_UNIT", "petition-office"));

    // 申请复查: the case's own ReviewRequested message, once
    assertThat(p.post("/public/api/review", "{\"note\":\"\"}", csrf).statusCode()).isEqualTo(400);
    assertThat(p.post("/public/api/review", "{\"note\":\"对解释不服，申请复查\"}", csrf).statusCode()).isEqualTo(202);
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(r.caseNumber()).taskDefinitionKey("task_decide_review")
        .singleResult();
    assertThat(review).isNotNull();
    HttpResponse<String> secondReview = p.post("/public/api/review", "{\"note\":\"再申请一次\"}", csrf);
    assertThat(secondReview.statusCode()).isEqualTo(409);
    assertThat(json.readTree(secondReview.body()).path("detail").asText()).contains("正在复查中");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(r.caseNumber()).taskDefinitionKey("task_decide_review")
        .count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? AND event_type = "
        + "'REVIEW_REQUESTED'", Integer.class, r.caseNumber())).isEqualTo(1);
    JsonNode reviewing = json.readTree(p.get("/public/api/case").body());
    assertThat(reviewing.path("stage").asText()).isEqualTo("复查中");
    assertThat(reviewing.path("evaluation").path("done").asBoolean()).isTrue();
    assertThat(reviewing.path("evaluation").path("resultLabel").asText()).isEqualTo("基本满意");
  }

  @Test
  void shouldRefuseATamperedOrForeignSessionCookie() throws Exception {
    Registered r = register("何篡改");
    Petitioner p = new Petitioner();
    assertThat(p.login(r.caseNumber(), r.queryCode()).statusCode()).isEqualTo(200);
    HttpCookie cookie = p.cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(PetitionerSessions.COOKIE)).findFirst().orElseThrow();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getPath()).isEqualTo("/public");
    // the payload names another case, the signature is the old one
    String[] parts = cookie.getValue().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        payload.replace(r.caseNumber(), "XF-2026-000001").getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/public/api/case")).header("Cookie", PetitionerSessions.COOKIE + "=" + forged)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    // the page itself is open and has no third-party source
    HttpResponse<String> page = p.get("/public/cases");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("信访件查询", "viewport").doesNotContain("http://").doesNotContain("https://");
    // the staff API stays closed
    assertThat(p.get("/api/cases/" + r.caseNumber()).statusCode()).isEqualTo(401);
  }

  // ------------------------------------------------------------------ helpers

  record Registered(String caseNumber, String queryCode) {}

  Registered register(String name) throws Exception {
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/petitions"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("reception1:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"channel":"ONLINE","category":"LABOR","subject":"%s反映工资问题","content":"拖欠工资","realName":true,
             "headcount":1,"sourceLevel":"SELF","petitionerName":"%s","petitionerPhone":"137%08d"}"""
            .formatted(name, name, Math.abs(name.hashCode()) % 100_000_000))).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    return new Registered(body.path("caseNumber").asText(), body.path("queryCode").asText());
  }

  void complete(String caseNumber, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  /** One browser: its own cookie jar. */
  class Petitioner {
    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> login(String caseNumber, String code) throws Exception {
      return post("/public/api/session", json.writeValueAsString(Map.of("caseNumber", caseNumber, "queryCode", code)), null);
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> getBytes(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String body, String csrf) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (csrf != null) {
        b.header("X-CSRF-Token", csrf);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }
}
