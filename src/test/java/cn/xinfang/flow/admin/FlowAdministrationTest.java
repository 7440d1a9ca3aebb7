package cn.xinfang.flow.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15 over HTTP, as Camunda Modeler and the administrator page call it: broken variants of the
 * shipped files refused with 400 and nothing deployed; the shipped files deployed at start and on
 * record as {@code system}; running cases moved from v1 to v2 of petition-intake with their timers and
 * due dates; the change record's differences; a rollback by redeploying.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:flow-admin-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class FlowAdministrationTest {

  static final String ADMIN = "admin:demo";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldHaveDeployedTheShippedFilesAtStartAsSystem() throws Exception {
    JsonNode changes = json.readTree(send("GET", "/api/admin/flows/changes", ADMIN, null).body());
    JsonNode startup = null;
    for (JsonNode c : changes) {
      if (c.path("resources").toString().contains("petition-intake.bpmn") && "system".equals(c.path("changedBy").asText())) {
        startup = c;
      }
    }
    assertThat(startup).as("start-up deployment on record: %s", changes).isNotNull();
    assertThat(startup.path("resources").toString()).contains("form-accept-petition.form", "deadline-policy.dmn");
    assertThat(startup.path("differences").toString()).contains("首次部署");
    JsonNode flows = json.readTree(send("GET", "/api/admin/flows", ADMIN, null).body());
    List<String> keys = new ArrayList<>();
    flows.forEach(f -> keys.add(f.path("key").asText()));
    assertThat(keys).contains("petition-intake", "petition-referral", "leader-ownership", "joint-investigation");
    // administrators only
    assertThat(send("GET", "/api/admin/flows", "reception1:demo", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/admin/flows/changes", "office1:demo", null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/admin/flows", null, null).statusCode()).isEqualTo(401);
    // the page itself is static (no data): its script calls the API above with the administrator's login
    HttpResponse<String> page = send("GET", "/admin/flows", null, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("流程管理", "flows.js", "Content-Security-Policy");
    assertThat(send("GET", "/admin/flows.js", null, null).body()).contains("/api/admin/flows", "textContent");
  }

  @Test
  void shouldRefuseEachBrokenVariantWholeWithTheRuleAndElementAndDeployNothing() throws Exception {
    refused("processes/petition-intake.bpmn", "\"timer_acceptance_overdue\"", "\"timer_gone\"",
        "timer_acceptance_overdue", "不可删除或改 id");
    refused("processes/petition-intake.bpmn", "\"form-accept-petition\"", "\"form-missing\"",
        "task_accept_petition", "表单 form-missing 既不在本次部署中，也未部署过");
    refused("processes/petition-referral.bpmn", "candidateGroups=\"supervision\"", "candidateGroups=\"no-such-group\"",
        "候选组 no-such-group 在组织机构中不存在");
    refused("processes/petition-intake.bpmn", "name=\"ReviewRequested\"", "name=\"ReviewAsked\"",
        "ReviewRequested", "消息不可删除或改名");
    refused("processes/petition-handling-unit.dmn", "<text>\"unit-health\"</text>", "<text></text>",
        "rule_unit_health", "没有给出承办单位");
    refused("processes/petition-handling-unit.dmn", "\"unit-land\"", "\"unit-nowhere\"",
        "rule_unit_land", "承办单位 unit-nowhere 在组织机构中不存在");
    refused("processes/leader-ownership.bpmn", "camunda:historyTimeToLive=\"", "camunda:ttlRemoved=\"",
        "leader-ownership", "historyTimeToLive");
    refused("processes/deadline-policy.dmn", "\"REFERRAL\"", "\"REFERRAL_X\"", "缺少环节 REFERRAL");
  }

  @Test
  void shouldRefuseTheGoodFilesOfADeploymentTogetherWithTheBrokenOne() throws Exception {
    String form = shipped("forms/form-accept-petition.form").replace("\"label\"", "\"description\":\"新说明\",\"label\"");
    String broken = shipped("processes/petition-intake.bpmn").replace("\"task_handle_petition\"", "\"task_handle\"");
    Counts before = counts();
    HttpResponse<String> response = deploy("两个文件", Map.of("form-accept-petition.form", form,
        "petition-intake.bpmn", broken));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("message").asText()).contains("元素 task_handle_petition（调查处理）");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void shouldMoveRunningCasesFromV1ToV2KeepingTimersAndDueDatesAndWriteTheJournal() throws Exception {
    String caseNumber = register();
    String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).processDefinitionKey(
        "petition-intake").singleResult().getId();
    String v1 = runtime.createProcessInstanceQuery().processInstanceId(pid).singleResult().getProcessDefinitionId();
    Task task = tasks.createTaskQuery().processInstanceId(pid).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("task_accept_petition");
    Date taskDue = task.getDueDate();
    assertThat(taskDue).isNotNull();
    List<Date> timers = timerDueDates(pid);
    assertThat(timers).hasSizeGreaterThanOrEqualTo(2);

    // v2: a harmless change, the task renamed
    String v2xml = shipped("processes/petition-intake.bpmn").replace("name=\"受理审查与分办\"", "name=\"受理审查与分办（新）\"");
    HttpResponse<String> deployed = deploy("改任务名称", Map.of("petition-intake.bpmn", v2xml));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String deploymentId = json.readTree(deployed.body()).path("id").asText();
    JsonNode record = change(deploymentId);
    assertThat(record.path("changedBy").asText()).isEqualTo("admin");
    assertThat(record.path("differences").toString())
        .contains("修改 环节 task_accept_petition：用户任务「受理审查与分办」 → 用户任务「受理审查与分办（新）」");

    // dry run: the case is listed with where it stands, nothing moves
    HttpResponse<String> dry = send("POST", "/api/admin/flows/petition-intake/migration", ADMIN, "{\"dryRun\":true}");
    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
    JsonNode dryRun = json.readTree(dry.body());
    assertThat(dryRun.path("moved").asBoolean()).isFalse();
    assertThat(dryRun.path("problems")).isEmpty();
    assertThat(dryRun.path("cases").toString()).contains(pid, "task_accept_petition", "受理审查与分办（新）");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).singleResult().getProcessDefinitionId())
        .isEqualTo(v1);
    assertThat(events(caseNumber)).doesNotContain("FLOW_MIGRATED");

    // a clerk cannot move cases
    assertThat(send("POST", "/api/admin/flows/petition-intake/migration", "office1:demo", "{\"dryRun\":false}")
        .statusCode()).isEqualTo(403);

    HttpResponse<String> move = send("POST", "/api/admin/flows/petition-intake/migration", ADMIN, "{\"dryRun\":false}");
    assertThat(move.statusCode()).as(move.body()).isEqualTo(200);
    assertThat(json.readTree(move.body()).path("moved").asBoolean()).isTrue();
    String latest = repository.createProcessDefinitionQuery().processDefinitionKey("petition-intake").latestVersion()
        .singleResult().getId();
    assertThat(latest).isNotEqualTo(v1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).singleResult().getProcessDefinitionId())
        .isEqualTo(latest);
    Task moved = tasks.createTaskQuery().processInstanceId(pid).singleResult();
    assertThat(moved.getId()).isEqualTo(task.getId());
    assertThat(moved.getName()).isEqualTo("受理审查与分办（新）");
    assertThat(moved.getDueDate()).isEqualTo(taskDue);
    assertThat(timerDueDates(pid)).isEqualTo(timers);
    assertThat(management.createJobQuery().processInstanceId(pid).list())
        .allSatisfy(j -> assertThat(j.getProcessDefinitionId()).isEqualTo(latest));
    assertThat(jdbc.queryForObject("SELECT actor FROM xf_petition_event WHERE case_number = ? AND event_type = "
        + "'FLOW_MIGRATED'", String.class, caseNumber)).isEqualTo("admin");
    // moved once: a second move finds nothing to do and writes nothing
    HttpResponse<String> again = send("POST", "/api/admin/flows/petition-intake/migration", ADMIN, "{\"dryRun\":false}");
    assertThat(json.readTree(again.body()).path("cases").toString()).doesNotContain(pid);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? AND event_type = "
        + "'FLOW_MIGRATED'", Integer.class, caseNumber)).isEqualTo(1);
  }

  @Test
  void shouldListWhatCannotBeMappedAndMoveNothing() throws Exception {
    // a process of our own (not a backing key) whose only task is gone in v2
    String v1 = probe("<userTask id=\"task_a\" name=\"甲\" camunda:formRef=\"form-read-progress\" camunda:formRefBinding=\"latest\" "
        + "camunda:candidateGroups=\"petition-office\" camunda:dueDate=\"2030-01-01T00:00:00\"/>");
    HttpResponse<String> first = deploy("探针 v1", Map.of("probe.bpmn", v1));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String probeInstance = runtime.startProcessInstanceByKey("probe").getId();
    String v2 = probe("<userTask id=\"task_b\" name=\"乙\" camunda:formRef=\"form-read-progress\" camunda:formRefBinding=\"latest\" "
        + "camunda:candidateGroups=\"petition-office\" camunda:dueDate=\"2030-01-01T00:00:00\"/>");
    HttpResponse<String> second = deploy("探针 v2", Map.of("probe.bpmn", v2));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    HttpResponse<String> move = send("POST", "/api/admin/flows/probe/migration", ADMIN, "{\"dryRun\":false}");
    JsonNode result = json.readTree(move.body());
    assertThat(result.path("moved").asBoolean()).as(move.body()).isFalse();
    assertThat(result.path("problems").toString()).contains("task_a", "甲", "没有同 id 的环节");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(probeInstance).singleResult()
        .getProcessDefinitionId()).contains(":1:");
  }

  @Test
  void shouldRefuseAMoveThatWouldChangeACaseDeadline() throws Exception {
    assertThat(deploy("定时探针 v1", Map.of("timer-probe.bpmn", timerProbe("2030-01-01T00:00:00"))).statusCode())
        .isEqualTo(200);
    String instance = runtime.startProcessInstanceByKey("timer-probe").getId();
    assertThat(timerDueDates(instance)).hasSize(1);
    assertThat(deploy("定时探针 v2", Map.of("timer-probe.bpmn", timerProbe("2031-01-01T00:00:00"))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> move = send("POST", "/api/admin/flows/timer-probe/migration", ADMIN, "{\"dryRun\":false}");
    assertThat(move.statusCode()).as(move.body()).isEqualTo(400);
    assertThat(move.body()).contains("定时器 timer_a", "到期时间会由");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
        .contains(":1:");
    assertThat(timerDueDates(instance)).hasSize(1).allSatisfy(d -> assertThat(d.toString()).contains("2030"));
  }

  static String timerProbe(String date) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"timer-probe\" "
        + "name=\"定时探针\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/>"
        + "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"task_a\"/>"
        + "<userTask id=\"task_a\" name=\"甲\" camunda:formRef=\"form-read-progress\" camunda:formRefBinding=\"latest\" "
        + "camunda:candidateGroups=\"petition-office\" camunda:dueDate=\"2030-01-01T00:00:00\"/>"
        + "<boundaryEvent id=\"timer_a\" name=\"到期\" attachedToRef=\"task_a\" cancelActivity=\"false\">"
        + "<timerEventDefinition><timeDate>" + date + "</timeDate></timerEventDefinition></boundaryEvent>"
        + "</process></definitions>";
  }

  @Test
  void shouldRollBackByRedeployingAnEarlierVersionThroughTheSameChecks() throws Exception {
    String changedPolicy = shipped("processes/deadline-policy.dmn")
        .replace("<outputEntry id=\"amount_acceptance\"><text>15</text>", "<outputEntry id=\"amount_acceptance\"><text>12</text>");
    HttpResponse<String> deployed = deploy("受理期限改为12日", Map.of("deadline-policy.dmn", changedPolicy));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String changedId = json.readTree(deployed.body()).path("id").asText();
    assertThat(change(changedId).path("differences").toString())
        .contains("修改 规则 rule_acceptance：\\\"ACCEPTANCE\\\" ⇒ 15 |", "⇒ 12 |");
    int version = repository.createDecisionDefinitionQuery().decisionDefinitionKey("deadline-policy").latestVersion()
        .singleResult().getVersion();

    String previous = repository.createDecisionDefinitionQuery().decisionDefinitionKey("deadline-policy")
        .decisionDefinitionVersion(version - 1).singleResult().getDeploymentId();
    HttpResponse<String> rollback = send("POST", "/api/admin/flows/changes/" + previous + "/redeploy", ADMIN, null);
    assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(201);
    JsonNode record = json.readTree(rollback.body());
    assertThat(record.path("redeployOf").asText()).isEqualTo(previous);
    assertThat(record.path("changedBy").asText()).isEqualTo("admin");
    assertThat(record.path("differences").toString()).contains("⇒ 12 |", "⇒ 15 |");
    var latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey("deadline-policy").latestVersion()
        .singleResult();
    assertThat(latest.getVersion()).isGreaterThan(version);
    assertThat(new String(repository.getResourceAsStream(latest.getDeploymentId(), latest.getResourceName()).readAllBytes(),
        StandardCharsets.UTF_8)).contains("<outputEntry id=\"amount_acceptance\"><text>15</text>");
    assertThat(send("POST", "/api/admin/flows/changes/" + previous + "/redeploy", "office1:demo", null).statusCode())
        .isEqualTo(403);
  }

  // ---------------------------------------------------------------- helpers

  record Counts(long deployments, long processes, long decisions, long forms, int records) {}

  Counts counts() {
    return new Counts(repository.createDeploymentQuery().count(), repository.createProcessDefinitionQuery().count(),
        repository.createDecisionDefinitionQuery().count(),
        jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RE_CAMFORMDEF", Long.class),
        jdbc.queryForObject("SELECT COUNT(*) FROM xf_flow_change", Integer.class));
  }

  void refused(String file, String from, String to, String... expected) throws Exception {
    String original = shipped(file);
    assertThat(original).as("%s holds %s", file, from).contains(from);
    Counts before = counts();
    HttpResponse<String> response = deploy("broken " + file, Map.of(Path.of(file).getFileName().toString(),
        original.replace(from, to)));
    assertThat(response.statusCode()).as("%s %s→%s: %s", file, from, to, response.body()).isEqualTo(400);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("message").asText()).contains("部署被拒绝").contains(expected);
    assertThat(body.path("errors")).isNotEmpty();
    assertThat(counts()).as("nothing deployed for %s", file).isEqualTo(before);
  }

  JsonNode change(String deploymentId) throws Exception {
    for (JsonNode c : json.readTree(send("GET", "/api/admin/flows/changes", ADMIN, null).body())) {
      if (deploymentId.equals(c.path("deploymentId").asText())) {
        return c;
      }
    }
    throw new AssertionError("no change record for " + deploymentId);
  }

  List<Date> timerDueDates(String pid) {
    return management.createJobQuery().processInstanceId(pid).timers().orderByJobDuedate().asc().list().stream()
        .map(Job::getDuedate).toList();
  }

  List<String> events(String caseNumber) {
    return jdbc.queryForList("SELECT event_type FROM xf_petition_event WHERE case_number = ?", String.class, caseNumber);
  }

  static int petitioner = 0;

  String register() throws Exception {
    petitioner++;
    String body = """
        {"channel":"ONLINE","category":"LABOR","subject":"迁移测试%d","content":"某公司拖欠工资","realName":true,"headcount":1,
         "sourceLevel":"SELF","petitionerName":"李四","petitionerPhone":"139%08d"}
        """.formatted(petitioner, petitioner + (int) (System.nanoTime() % 1000) * 1000);
    HttpResponse<String> r = send("POST", "/api/petitions", "reception1:demo", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json.readTree(r.body()).path("caseNumber").asText();
  }

  static String probe(String task) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\"><process id=\"probe\" name=\"探针\" "
        + "isExecutable=\"true\" camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/>"
        + "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"" + (task.contains("task_a") ? "task_a" : "task_b") + "\"/>"
        + task + "</process></definitions>";
  }

  static String shipped(String file) throws Exception {
    return Files.readString(Path.of(file), StandardCharsets.UTF_8);
  }

  HttpResponse<String> deploy(String name, Map<String, String> files) throws Exception {
    String boundary = "----xinfang-admin";
    StringBuilder multipart = new StringBuilder("--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n");
    multipart.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n");
    for (var f : new LinkedHashMap<>(files).entrySet()) {
      multipart.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f.getKey())
          .append("\"; filename=\"").append(f.getKey()).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .append(f.getValue()).append("\r\n");
    }
    multipart.append("--").append(boundary).append("--\r\n");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", basic(ADMIN))
        .POST(HttpRequest.BodyPublishers.ofString(multipart.toString(), StandardCharsets.UTF_8)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (credentials != null) {
      b.header("Authorization", basic(credentials));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
