package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.intake.IntakeProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attack suite of the engine's doors: a unit that holds a case's task tries to rewrite the case,
 * switch off its deadline or re-route it over {@code /engine-rest}, over the webapps' own engine API
 * (what Tasklist calls) and by submitting the form with extra fields; a registration desk tries to
 * start a case with another case's number. Each attempt is refused and nothing changes: not the
 * variables, not the ledger, not the timers' retries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:engine-door-attack-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class EngineDoorAttackTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  static int petitioner = 0;

  String caseNumber;
  String processInstanceId;
  Task handleTask;

  /** A registered case, accepted by the petition office and given to unit-hr, whose task is open at hr1's. */
  @BeforeEach
  void caseAtTheUnit() throws Exception {
    HttpResponse<String> registered = send("POST", "/api/petitions", "reception1:demo", registration("拖欠工资"));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    caseNumber = json.readTree(registered.body()).path("caseNumber").asText();
    processInstanceId = jdbc.queryForObject("SELECT process_instance_id FROM xf_petition WHERE case_number = ?",
        String.class, caseNumber);
    String accept = taskId(IntakeProcess.Element.ACCEPT);
    HttpResponse<String> accepted = send("POST", "/engine-rest/task/" + accept + "/complete", "office1:demo",
        variables(Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", "unit-hr", "acceptanceNote", "交县人社局办理")));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
    handleTask = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(IntakeProcess.Element.HANDLE).singleResult();
    assertThat(handleTask).isNotNull();
    // the unit is told of its new case (under its bell)
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_notification WHERE case_number = ? AND kind = 'ASSIGNED' "
        + "AND recipient_group = 'unit-hr'", Integer.class, caseNumber)).isEqualTo(1);
  }

  @Test
  void shouldRefuseRewritingCaseVariablesThroughTheTask() throws Exception {
    String id = handleTask.getId();
    for (String[] attack : new String[][] {{"caseOwner", "hr1"}, {"handlingUnit", "unit-land"},
        {"acceptanceDecision", "REJECT"}, {"deadlineStage", "NONE"}}) {
      HttpResponse<String> put = send("PUT", "/engine-rest/task/" + id + "/variables/" + attack[0], "hr1:demo",
          "{\"value\":\"" + attack[1] + "\",\"type\":\"String\"}");
      assertThat(put.statusCode()).as("PUT %s: %s", attack[0], put.body()).isEqualTo(400);
      assertThat(put.body()).contains(attack[0]).contains("没有该字段");
    }
    HttpResponse<String> modify = send("POST", "/engine-rest/task/" + id + "/variables", "hr1:demo",
        "{\"modifications\":{\"extendedDays\":{\"value\":0,\"type\":\"Integer\"}},\"deletions\":[]}");
    assertThat(modify.statusCode()).as(modify.body()).isEqualTo(400);
    HttpResponse<String> delete = send("DELETE", "/engine-rest/task/" + id + "/variables/caseOwner", "hr1:demo", null);
    assertThat(delete.statusCode()).as(delete.body()).isEqualTo(400);
    HttpResponse<String> local = send("PUT", "/engine-rest/task/" + id + "/localVariables/caseOwner", "hr1:demo",
        "{\"value\":\"hr1\",\"type\":\"String\"}");
    assertThat(local.statusCode()).as(local.body()).isEqualTo(400);

    assertThat(runtime.getVariable(processInstanceId, "caseOwner")).isEqualTo("reception1");
    assertThat(runtime.getVariable(processInstanceId, "handlingUnit")).isEqualTo("unit-hr");
    assertThat(runtime.getVariable(processInstanceId, "acceptanceDecision")).isEqualTo("ASSIGN");
    assertThat(tasks.getVariablesLocal(id)).doesNotContainKey("caseOwner");
    assertThat(ledger("case_owner")).isEqualTo("reception1");
    assertThat(ledger("handling_unit")).isEqualTo("unit-hr");
  }

  @Test
  void shouldAcceptOnlyTheFieldsOfTheTasksOwnFormOnCompleteAndSubmit() throws Exception {
    String id = handleTask.getId();
    Map<String, Object> report = Map.of("handlingAction", "REPORT", "outcome", "SUPPORT", "facts", "已查明欠薪属实",
        "reasons", "依据劳动合同法责令支付");
    for (String door : new String[] {"/complete", "/submit-form"}) {
      for (Map.Entry<String, Object> extra : Map.<String, Object>of("caseOwner", "hr1", "handlingUnit", "unit-land",
          "extendedDays", 0, "replyDecision", "SEND").entrySet()) {
        Map<String, Object> sent = new java.util.HashMap<>(report);
        sent.put(extra.getKey(), extra.getValue());
        HttpResponse<String> refused = send("POST", "/engine-rest/task/" + id + door, "hr1:demo", variables(sent));
        assertThat(refused.statusCode()).as("%s with %s: %s", door, extra.getKey(), refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains(extra.getKey()).contains("没有该字段");
      }
    }
    // the form's own rules: an option that is not offered, a text over its limit, a missing required field
    HttpResponse<String> badOption = send("POST", "/engine-rest/task/" + id + "/complete", "hr1:demo",
        variables(Map.of("handlingAction", "REPORT", "outcome", "WHATEVER", "facts", "事实", "reasons", "依据")));
    assertThat(badOption.statusCode()).isEqualTo(400);
    assertThat(badOption.body()).contains("outcome").contains("不是可选项");
    HttpResponse<String> tooLong = send("POST", "/engine-rest/task/" + id + "/complete", "hr1:demo",
        variables(Map.of("handlingAction", "REPORT", "outcome", "SUPPORT", "facts", "长".repeat(4001), "reasons", "依据")));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("facts").contains("最多 4000 字");
    HttpResponse<String> missing = send("POST", "/engine-rest/task/" + id + "/complete", "hr1:demo",
        variables(Map.of("handlingAction", "REPORT", "outcome", "SUPPORT", "reasons", "依据")));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("facts").contains("查明事实");
    HttpResponse<String> nul = send("POST", "/engine-rest/task/" + id + "/complete", "hr1:demo",
        variables(Map.of("handlingAction", "REPORT", "outcome", "SUPPORT", "facts", "事实\u0000", "reasons", "依据")));
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(nul.body()).contains("facts");

    assertThat(tasks.createTaskQuery().taskId(id).count()).as("the task stays open").isEqualTo(1);
    assertThat(runtime.getVariable(processInstanceId, "caseOwner")).isEqualTo("reception1");
    assertThat(runtime.getVariable(processInstanceId, "outcome")).isNull();
    assertThat(ledger("outcome")).isNull();

    // the same task with exactly its own fields goes through
    HttpResponse<String> done = send("POST", "/engine-rest/task/" + id + "/submit-form", "hr1:demo", variables(report));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    Task reply = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(IntakeProcess.Element.SEND_REPLY).singleResult();
    assertThat(reply.getAssignee()).as("the reply goes to the case owner, not to the unit").isEqualTo("reception1");
  }

  @Test
  void shouldKeepTimersOutOfReachAndTheirRetriesIntact() throws Exception {
    List<Job> timers = management.createJobQuery().processInstanceId(processInstanceId).timers().list();
    Job overdue = management.createJobQuery().processInstanceId(processInstanceId)
        .activityId(IntakeProcess.Element.TIMER_HANDLING_OVERDUE).singleResult();
    Job reminder = management.createJobQuery().processInstanceId(processInstanceId)
        .activityId(IntakeProcess.Element.TIMER_HANDLING_REMINDER).singleResult();
    assertThat(overdue).as("the handling deadline's timer").isNotNull();
    assertThat(reminder).as("the handling reminder's timer").isNotNull();
    for (Job timer : timers) {
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> execute = send("POST", "/engine-rest/job/" + timer.getId() + "/execute", "hr1:demo", "{}");
        assertThat(execute.statusCode()).as(execute.body()).isEqualTo(403);
      }
      assertThat(send("PUT", "/engine-rest/job/" + timer.getId() + "/retries", "hr1:demo", "{\"retries\":0}").statusCode())
          .isEqualTo(403);
      assertThat(send("PUT", "/engine-rest/job/" + timer.getId() + "/duedate", "hr1:demo",
          "{\"duedate\":\"2099-01-01T00:00:00.000+0800\"}").statusCode()).isEqualTo(403);
      assertThat(send("POST", "/engine-rest/job/" + timer.getId() + "/suspended", "hr1:demo", "{\"suspended\":true}")
          .statusCode()).isIn(403, 405);
      assertThat(send("PUT", "/engine-rest/job/" + timer.getId() + "/suspended", "hr1:demo", "{\"suspended\":true}")
          .statusCode()).isEqualTo(403);
      assertThat(send("DELETE", "/engine-rest/job/" + timer.getId(), "hr1:demo", null).statusCode()).isEqualTo(403);
      Job after = management.createJobQuery().jobId(timer.getId()).singleResult();
      assertThat(after).as("the timer still exists").isNotNull();
      assertThat(after.getRetries()).as("a refused call is not a failed run").isEqualTo(timer.getRetries());
      assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
      assertThat(after.isSuspended()).isFalse();
      assertThat(after.getExceptionMessage()).isNull();
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
    assertThat(history.createHistoricJobLogQuery().processInstanceId(processInstanceId).failureLog().count()).isZero();

    // an administrator still may run a job by hand (the journey tests rely on it)
    assertThat(send("POST", "/engine-rest/job/" + reminder.getId() + "/execute", "admin:demo", "{}").statusCode())
        .isEqualTo(204);
  }

  @Test
  void shouldKeepMessagesSignalsInstanceVariablesAndReroutingToAdministrators() throws Exception {
    String id = handleTask.getId();
    Date due = handleTask.getDueDate();
    assertThat(send("POST", "/engine-rest/message", "hr1:demo",
        "{\"messageName\":\"RepeatVisit\",\"businessKey\":\"" + caseNumber + "\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/engine-rest/signal", "hr1:demo", "{\"name\":\"anything\"}").statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/engine-rest/process-instance/" + processInstanceId + "/variables/caseOwner", "hr1:demo",
        "{\"value\":\"hr1\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/engine-rest/process-instance/" + processInstanceId + "/variables", "hr1:demo",
        "{\"modifications\":{\"handlingUnit\":{\"value\":\"unit-land\",\"type\":\"String\"}}}").statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/engine-rest/execution/" + processInstanceId + "/localVariables/caseOwner", "hr1:demo",
        "{\"value\":\"hr1\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/engine-rest/task/" + id + "/identity-links", "hr1:demo",
        "{\"groupId\":\"unit-land\",\"type\":\"candidate\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/engine-rest/task/" + id + "/delegate", "hr1:demo", "{\"userId\":\"land1\"}").statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/engine-rest/task/" + id + "/bpmnError", "hr1:demo", "{\"errorCode\":\"x\"}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> dueChange = send("PUT", "/engine-rest/task/" + id, "hr1:demo",
        "{\"name\":\"" + handleTask.getName() + "\",\"due\":\"2099-01-01T00:00:00.000+0800\",\"priority\":"
            + handleTask.getPriority() + "}");
    assertThat(dueChange.statusCode()).as(dueChange.body()).isIn(400, 403);
    HttpResponse<String> assignOutside = send("POST", "/engine-rest/task/" + id + "/assignee", "hr1:demo",
        "{\"userId\":\"land1\"}");
    assertThat(assignOutside.statusCode()).as(assignOutside.body()).isEqualTo(400);
    assertThat(send("POST", "/engine-rest/task/" + id + "/claim", "hr1:demo", "{\"userId\":\"land1\"}").statusCode())
        .isEqualTo(400);
    HttpResponse<String> modification = send("POST", "/engine-rest/process-instance/" + processInstanceId
        + "/modification", "hr1:demo", "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\""
        + IntakeProcess.Element.SEND_REPLY + "\"}]}");
    assertThat(modification.statusCode()).isIn(403);

    Task after = tasks.createTaskQuery().taskId(id).singleResult();
    assertThat(after.getDueDate()).isEqualTo(due);
    assertThat(after.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(id)).noneMatch(l -> "unit-land".equals(l.getGroupId()));
    assertThat(runtime.getVariable(processInstanceId, "caseOwner")).isEqualTo("reception1");
    assertThat(runtime.getVariable(processInstanceId, "repeatVisit")).isNotEqualTo(true);
    assertThat(tasks.createTaskQuery().processInstanceId(processInstanceId).count()).isEqualTo(1);

    // within the unit, a colleague may take the task over
    assertThat(send("POST", "/engine-rest/task/" + id + "/assignee", "hr1:demo", "{\"userId\":\"hrhead\"}").statusCode())
        .isEqualTo(204);
  }

  @Test
  void shouldNeverLetACallerChooseTheCaseNumberOfARegistration() throws Exception {
    int before = count("SELECT COUNT(*) FROM xf_petition");
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY).count();
    ObjectNode start = json.createObjectNode();
    start.put("businessKey", caseNumber);
    start.set("variables", json.readTree(variables(registrationVariables("另一件事"))).path("variables"));
    HttpResponse<String> withKey = send("POST", "/engine-rest/process-definition/key/petition-intake/start",
        "reception1:demo", json.writeValueAsString(start));
    assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(400);
    assertThat(withKey.body()).contains("businessKey");

    Map<String, Object> preset = new java.util.HashMap<>(registrationVariables("又一件事"));
    preset.put("caseNumber", caseNumber);
    for (String door : new String[] {"/start", "/submit-form"}) {
      HttpResponse<String> withNumber = send("POST", "/engine-rest/process-definition/key/petition-intake" + door,
          "reception1:demo", variables(preset));
      assertThat(withNumber.statusCode()).as(withNumber.body()).isEqualTo(400);
      assertThat(withNumber.body()).contains("caseNumber");
    }
    // the same registration without the preset number is taken, numbered and stored
    HttpResponse<String> clean = send("POST", "/engine-rest/process-definition/key/petition-intake/submit-form",
        "reception1:demo", variables(registrationVariables("正常登记")));
    assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
    assertThat(json.readTree(clean.body()).path("businessKey").asText()).matches("XF-\\d{4}-\\d{6}")
        .isNotEqualTo(caseNumber);

    assertThat(count("SELECT COUNT(*) FROM xf_petition")).isEqualTo(before + 1);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY).count())
        .isEqualTo(instances + 1);
    assertThat(ledger("subject")).isEqualTo("拖欠工资");
    assertThat(ledger("process_instance_id")).isEqualTo(processInstanceId);
  }

  @Test
  void shouldHoldTheSameRulesAtTasklistsOwnEngineApi() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    // like the browser: open Tasklist first, which hands out the anti-CSRF token the login must echo
    browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=hr1&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session with a token of its own, handed out on the next page load
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    String xsrf = page.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst().orElse(token));
    HttpRequest.Builder submit = HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/task/" + handleTask.getId()
        + "/submit-form")).header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString(variables(Map.of("handlingAction", "REPORT", "outcome", "SUPPORT",
            "facts", "事实", "reasons", "依据", "caseOwner", "hr1")), StandardCharsets.UTF_8));
    HttpResponse<String> refused = browser.send(submit.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("caseOwner");
    HttpResponse<String> job = browser.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/job/"
        + management.createJobQuery().processInstanceId(processInstanceId).timers().list().get(0).getId() + "/execute"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(job.statusCode()).as(job.body()).isEqualTo(403);
    assertThat(runtime.getVariable(processInstanceId, "caseOwner")).isEqualTo("reception1");
    assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
  }

  /**
   * The grant unit-hr got when it became the candidate of its task stays while it is the candidate, also against an
   * administrator at /engine-rest (409: the task lists rely on it, CandidateGrants); a group with open tasks stays too.
   */
  @Test
  void shouldKeepACandidateGroupsGrantAndTheGroupWhileItHasTheTask() throws Exception {
    assertTheAdministratorCannotTakeTheGrantAway("group", "unit-hr", "候选组");
    HttpResponse<String> group = send("DELETE", "/engine-rest/group/unit-hr", "admin:demo", null);
    assertThat(group.statusCode()).as(group.body()).isEqualTo(409);
    assertThat(group.body()).contains("unit-hr", "改派");
    // nothing changed: hr1 still finds the task under its group and may open it
    assertThat(count("SELECT COUNT(*) FROM ACT_ID_GROUP WHERE ID_ = 'unit-hr'")).isEqualTo(1);
    HttpResponse<String> listed = send("GET", "/engine-rest/task/count?candidateGroup=unit-hr&includeAssignedTasks=true",
        "hr1:demo", null);
    assertThat(json.readTree(listed.body()).path("count").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(send("GET", "/engine-rest/task/" + handleTask.getId(), "hr1:demo", null).statusCode()).isEqualTo(200);
  }

  /** The grant hr1 got when it claimed the task stays while hr1 holds it, also against an administrator (409). */
  @Test
  void shouldKeepTheAssigneesGrantWhileTheUserHoldsTheTask() throws Exception {
    HttpResponse<String> claimed = send("POST", "/engine-rest/task/" + handleTask.getId() + "/claim", "hr1:demo",
        "{\"userId\":\"hr1\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    assertTheAdministratorCannotTakeTheGrantAway("user", "hr1", "办理人");
    // hr1 still finds the task as its own and may open it
    HttpResponse<String> listed = send("GET", "/engine-rest/task/count?assignee=hr1", "hr1:demo", null);
    assertThat(json.readTree(listed.body()).path("count").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(send("GET", "/engine-rest/task/" + handleTask.getId(), "hr1:demo", null).statusCode()).isEqualTo(200);
  }

  /**
   * The {@code kind} ("group" or "user") {@code owner}'s READ grant on the unit's task: the administrator can neither
   * delete it nor narrow it to UPDATE at /engine-rest (409, saying {@code why} and who), and it is left as it was.
   */
  void assertTheAdministratorCannotTakeTheGrantAway(String kind, String owner, String why) throws Exception {
    String grant = jdbc.queryForObject("SELECT ID_ FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = 7 AND RESOURCE_ID_ = ? "
        + "AND " + kind.toUpperCase() + "_ID_ = ?", String.class, handleTask.getId(), owner);
    Integer perms = jdbc.queryForObject("SELECT PERMS_ FROM ACT_RU_AUTHORIZATION WHERE ID_ = ?", Integer.class, grant);
    assertThat(perms & 2).as("READ").isEqualTo(2);
    HttpResponse<String> deleted = send("DELETE", "/engine-rest/authorization/" + grant, "admin:demo", null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(409);
    assertThat(deleted.body()).contains(why, owner);
    HttpResponse<String> narrowed = send("PUT", "/engine-rest/authorization/" + grant, "admin:demo",
        "{\"type\":1,\"permissions\":[\"UPDATE\"],\"" + kind + "Id\":\"" + owner + "\",\"resourceType\":7,"
            + "\"resourceId\":\"" + handleTask.getId() + "\"}");
    assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT PERMS_ FROM ACT_RU_AUTHORIZATION WHERE ID_ = ?", Integer.class, grant))
        .isEqualTo(perms);
  }

  // ---------------------------------------------------------------------------------------------

  String taskId(String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult().getId();
  }

  String ledger(String column) {
    return jdbc.queryForObject("SELECT " + column + " FROM xf_petition WHERE case_number = ?", String.class, caseNumber);
  }

  int count(String sql) {
    return jdbc.queryForObject(sql, Integer.class);
  }

  static Map<String, Object> registrationVariables(String subject) {
    petitioner++;
    return Map.of("channel", "VISIT", "category", "LABOR", "subject", subject + petitioner, "content", "单位拖欠三个月工资",
        "realName", true, "headcount", 1, "sourceLevel", "SELF", "petitionerName", "测试人" + petitioner,
        "petitionerPhone", "1380000" + String.format("%04d", 5000 + petitioner));
  }

  String registration(String subject) throws Exception {
    Map<String, Object> v = new java.util.HashMap<>(registrationVariables(subject));
    v.put("subject", subject);
    return json.writeValueAsString(v);
  }

  /** Camunda REST's {"variables": {name: {value, type}}}. */
  String variables(Map<String, Object> values) throws Exception {
    ObjectNode vars = json.createObjectNode();
    values.forEach((k, v) -> {
      ObjectNode node = vars.putObject(k);
      node.set("value", json.valueToTree(v));
      node.put("type", v instanceof Boolean ? "Boolean" : v instanceof Integer ? "Integer" : "String");
    });
    ObjectNode body = json.createObjectNode();
    body.set("variables", vars);
    return json.writeValueAsString(body);
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (credentials != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
