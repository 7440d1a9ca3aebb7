package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.intake.IntakeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Collisions and bad input at every door: {@code /engine-rest}, the webapps' engine API (Tasklist)
 * and {@code /api}. Nothing is answered with 500, and nothing of a refused request is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:petition-api-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class CollisionsAndInputTest {

  static final AtomicInteger PETITIONER = new AtomicInteger(500);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  /**
   * The REST doors find the engine by name in a JVM-wide registry, and the webapps keep their runtime
   * in JVM-wide fields that a closing webapp clears; another test's context (a second node started and
   * closed in the same JVM) may have removed both. Restore them as they are in a running service.
   */
  @BeforeEach
  void thisContextsEngineServesTheRestDoors() {
    ProcessEngines.registerProcessEngine(engine);
    if (org.camunda.bpm.admin.Admin.getRuntimeDelegate() == null) {
      org.camunda.bpm.admin.Admin.setAdminRuntimeDelegate(new org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate());
    }
    if (org.camunda.bpm.tasklist.Tasklist.getRuntimeDelegate() == null) {
      org.camunda.bpm.tasklist.Tasklist.setTasklistRuntimeDelegate(
          new org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate());
    }
    if (org.camunda.bpm.cockpit.Cockpit.getRuntimeDelegate() == null) {
      org.camunda.bpm.cockpit.Cockpit.setCockpitRuntimeDelegate(new org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate());
    }
    if (org.camunda.bpm.welcome.Welcome.getRuntimeDelegate() == null) {
      org.camunda.bpm.welcome.Welcome.setRuntimeDelegate(new org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate());
    }
  }

  // ------------------------------------------------------------------ collisions

  @Test
  void shouldAnswerOne204AndOne409WhenTheSameTaskIsCompletedTwiceAtOnce() throws Exception {
    String caseNumber = register("同一任务并发办理");
    Task accept = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
        .taskDefinitionKey(IntakeProcess.Element.ACCEPT).singleResult();
    String completion = """
        {"variables":{"acceptanceDecision":{"value":"ASSIGN"},"handlingUnit":{"value":"unit-health"},
         "acceptanceNote":{"value":"已受理，交县卫生健康局办理"}}}""";
    List<HttpResponse<String>> answers;
    // Both completions must really overlap: hold the task's row until both are inside the engine.
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      lock.createStatement().executeQuery("SELECT ID_ FROM ACT_RU_TASK WHERE ID_ = '" + accept.getId() + "' FOR UPDATE")
          .close();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (String user : List.of("office1:demo", "office2:demo")) {
        calls.add(pool.submit(() -> send("POST", "/engine-rest/task/" + accept.getId() + "/complete", user, completion)));
      }
      waitForBlockedSessions(2);
      lock.commit();
      answers = new ArrayList<>();
      for (Future<HttpResponse<String>> call : calls) {
        answers.add(call.get());
      }
      pool.shutdown();
    }
    List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
    assertThat(statuses).as(answers.stream().map(HttpResponse::body).toList().toString()).containsExactly(204, 409);
    HttpResponse<String> lost = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
    JsonNode body = json.readTree(lost.body());
    // Camunda's error shape, so that Tasklist and Modeler show the message
    assertThat(body.path("type").asText()).isEqualTo("OptimisticLockingException");
    assertThat(body.path("message").asText()).contains("已被他人修改").contains("刷新后重试");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? AND event_type = 'ACCEPTED'",
        Integer.class, caseNumber)).isLessThanOrEqualTo(1);
  }

  @Test
  void shouldRecordEveryRepeatVisitWhenDesksRecordThemAtOnce() throws Exception {
    String caseNumber = register("重复来访并发登记");
    int visits = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(visits);
    List<Future<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < visits; i++) {
      String note = json.writeValueAsString(Map.of("requestNote", "信访人第 " + (i + 1) + " 次再访"));
      String desk = "reception1:demo";
      calls.add(pool.submit(() -> {
        start.await();
        return send("POST", "/api/petitions/" + caseNumber + "/repeat-visits", desk, note);
      }));
    }
    start.countDown();
    int recorded = 0;
    for (Future<HttpResponse<String>> call : calls) {
      HttpResponse<String> answer = call.get();
      // recorded, or told to retry: never a 500, never lost silently
      assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409);
      if (answer.statusCode() == 202) {
        recorded++;
      } else {
        assertThat(answer.body()).contains("请刷新后重试");
      }
    }
    pool.shutdown();
    assertThat(recorded).isEqualTo(visits);
    assertThat(jdbc.queryForObject("SELECT repeat_visits FROM xf_petition WHERE case_number = ?", Integer.class, caseNumber))
        .isEqualTo(recorded);
  }

  // ------------------------------------------------------------------ refusals raised inside the engine

  @Test
  void shouldAnswer400NamingTheFieldWhenATaskListenerRefusesInputAtEngineRest() throws Exception {
    String caseNumber = register("控制字符办理意见");
    Task accept = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
        .taskDefinitionKey(IntakeProcess.Element.ACCEPT).singleResult();
    String completion = json.writeValueAsString(Map.of("variables", Map.of(
        "acceptanceDecision", Map.of("value", "ASSIGN"), "handlingUnit", Map.of("value", "unit-health"),
        "acceptanceNote", Map.of("value", "已受理\u0000交办"))));
    HttpResponse<String> refused = send("POST", "/engine-rest/task/" + accept.getId() + "/complete", "office1:demo", completion);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode body = json.readTree(refused.body());
    assertThat(body.path("message").asText()).contains("acceptanceNote").contains("空字符");
    assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("acceptanceNote");
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).count()).isOne();
  }

  @Test
  void shouldAnswer400NamingTheFieldWhenTasklistSubmitsABadStartForm() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String token = webappLogin(browser, "reception1", "demo");
    int before = petitions();
    String variables = json.writeValueAsString(Map.of("variables", Map.of(
        "channel", Map.of("value", "VISIT"), "category", Map.of("value", "LABOR"),
        "subject", Map.of("value", "\u202E资工欠拖"), "content", Map.of("value", "拖欠工资"),
        "realName", Map.of("value", false), "headcount", Map.of("value", 1), "sourceLevel", Map.of("value", "SELF"))));
    HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(uri(
            "/camunda/api/engine/engine/default/process-definition/key/petition-intake/submit-form"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(variables)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json.readTree(refused.body()).path("message").asText()).contains("subject").contains("文字方向");
    assertThat(petitions()).isEqualTo(before);
  }

  // ------------------------------------------------------------------ /api input

  @Test
  void shouldRefuseControlBidiAndInvisibleOnlyTextNamingTheField() throws Exception {
    int before = petitions();
    Map<String, String> bad = Map.of("subject", "欠薪\u0000", "petitionerName", "张\u202E三",
        "content", "\u200B\u200B\u3000", "petitionerAddress", "某路\u00071号");
    Map<String, Object> body = registration("控制字符");
    body.putAll(bad);
    HttpResponse<String> refused = send("POST", "/api/petitions", "reception1:demo", json.writeValueAsString(body));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    json.readTree(refused.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrderElementsOf(bad.keySet());
    assertThat(refused.body()).contains("空字符").contains("文字方向").contains("不可见");
    assertThat(petitions()).isEqualTo(before);

    HttpResponse<String> key = http.send(HttpRequest.newBuilder(uri("/api/petitions"))
        .header("Content-Type", "application/json").header("Idempotency-Key", "portal\t0001")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("reception1:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(registration("幂等键含制表符")))).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(key.statusCode()).as(key.body()).isEqualTo(400);
    assertThat(key.body()).contains("Idempotency-Key");
    assertThat(petitions()).isEqualTo(before);

    String caseNumber = register("再访备注含控制字符");
    HttpResponse<String> note = send("POST", "/api/petitions/" + caseNumber + "/repeat-visits", "reception1:demo",
        json.writeValueAsString(Map.of("requestNote", "再访\u0000")));
    assertThat(note.statusCode()).as(note.body()).isEqualTo(400);
    assertThat(note.body()).contains("requestNote");
    assertThat(jdbc.queryForObject("SELECT repeat_visits FROM xf_petition WHERE case_number = ?", Integer.class, caseNumber))
        .isZero();
  }

  @Test
  void shouldCountLengthsInCharactersNotUtf16Units() throws Exception {
    // 100 characters outside the Basic Multilingual Plane are 200 UTF-16 units: still within the limit of 100
    Map<String, Object> body = registration("𠀀".repeat(100));
    HttpResponse<String> accepted = send("POST", "/api/petitions", "reception1:demo", json.writeValueAsString(body));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    Map<String, Object> tooLong = registration("𠀀".repeat(101));
    HttpResponse<String> refused = send("POST", "/api/petitions", "reception1:demo", json.writeValueAsString(tooLong));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("最多 100 字，现为 101 字");
  }

  @Test
  void shouldBoundEveryNumberParameterNamingIt() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("/api/appraisal?unit=unit-hr&year=2026&page=2147483647", "page");
    cases.put("/api/appraisal?unit=unit-hr&year=2026&page=-1", "page");
    cases.put("/api/appraisal?unit=unit-hr&year=2026&size=-5", "size");
    cases.put("/api/appraisal?unit=unit-hr&year=2026&size=2147483647", "size");
    cases.put("/api/appraisal?unit=unit-hr&year=2026&page=99999999999", "page");
    cases.put("/api/appraisal?unit=unit-hr&year=2026&page=abc", "page");
    cases.put("/api/appraisal?unit=unit-hr&year=99999999999", "year");
    cases.put("/api/ownership/mine?page=2147483647", "page");
    cases.put("/api/ownership/mine?size=0", "size");
    cases.put("/api/joint/summary?year=2147483648", "year");
    cases.put("/api/calendar/deadline?start=2026-10-01&amount=2147483647&unit=DAYS", "amount");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> answer = send("GET", c.getKey(), "supervisor1:demo", null);
      assertThat(answer.statusCode()).as(c.getKey() + " " + answer.body()).isEqualTo(400);
      List<String> fields = new ArrayList<>();
      json.readTree(answer.body()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
      assertThat(fields).as(c.getKey()).contains(c.getValue());
    }
    assertThat(send("GET", "/api/appraisal?unit=unit-hr&year=2026&page=100000&size=500", "supervisor1:demo", null)
        .statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ text shown as text

  @Test
  void shouldPrintMarkupTypedIntoASubjectAsText() throws Exception {
    String typed = "<b>粗体</b><img src=x onerror=alert(1)>**加粗**";
    String caseNumber = register(typed);
    Task accept = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
        .taskDefinitionKey(IntakeProcess.Element.ACCEPT).singleResult();
    tasks.complete(accept.getId(), Map.of("acceptanceDecision", "REFER", "handlingUnit", "unit-qiaotou",
        "acceptanceNote", "转桥头镇调查处理"));
    String letterNumber = jdbc.queryForObject("SELECT doc_number FROM xf_document WHERE case_number = ? AND kind = 'REFERRAL_LETTER'",
        String.class, caseNumber);
    HttpResponse<String> printed = send("GET", "/api/documents/" + letterNumber, "office1:demo", null);
    assertThat(printed.statusCode()).isEqualTo(200);
    assertThat(printed.body()).contains("&lt;b&gt;粗体&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<b>粗体").doesNotContain("<img");
    // the letter is plain text: the Tasklist form shows it escaped, line breaks kept, no markdown marks of ours
    String letter = jdbc.queryForObject("SELECT body FROM xf_document WHERE doc_number = ?", String.class, letterNumber);
    assertThat(letter).contains("信访事项：" + typed).doesNotContain("**信访事项");
  }

  // ------------------------------------------------------------------ history

  @Test
  void shouldKeepNoUnmaskedReporterIdentityInEngineHistoryFromAnyDoor() throws Exception {
    String name = "检举人欧阳明";
    String phone = "13955556666";
    String idNumber = idNumber("33010219800101123");
    String address = "城关镇解放路一百八十八号";
    Map<String, Object> variables = new LinkedHashMap<>(registration("检举某局长收受红包"));
    variables.putAll(Map.of("category", "DISCIPLINE", "realName", true, "petitionerName", name,
        "petitionerPhone", phone, "petitionerIdNumber", idNumber, "petitionerAddress", address));

    // the Tasklist start form: FormService.submitStartForm, as the webapp's submit-form does
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey(IntakeProcess.KEY)
        .latestVersion().singleResult().getId();
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      // the engine names the logged-in clerk as the initiator (registeredBy); a caller may not
      forms.submitStartForm(definition, variables);
    } finally {
      identity.clearAuthentication();
    }
    // and the API, with another subject (the same subject would be linked to the first case)
    variables.put("subject", "检举某局长违规发放补贴");
    HttpResponse<String> api = send("POST", "/api/petitions", "reception1:demo", json.writeValueAsString(variables));
    assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition WHERE petitioner_name = ?", Integer.class, name))
        .as("the ledger keeps the real identity").isEqualTo(2);

    for (String table : List.of("ACT_HI_DETAIL", "ACT_HI_VARINST", "ACT_HI_OP_LOG", "ACT_GE_BYTEARRAY", "ACT_RU_VARIABLE",
        "ACT_HI_PROCINST", "ACT_HI_TASKINST", "ACT_RU_EXECUTION")) {
      for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
        for (Object value : row.values()) {
          String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
          assertThat(text).as(table + " " + row).doesNotContain(name).doesNotContain(phone).doesNotContain(idNumber)
              .doesNotContain(address);
        }
      }
    }
    // the case's variables hold the masked copies; history keeps no identity at all from the registration (the ledger
    // row of the same transaction holds it: HistoryFilter.LEDGER_COPIES), and the cases' history was written
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE NAME_ = 'petitionerName' AND TEXT_ = ?",
        Integer.class, "检*****")).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE NAME_ = 'petitionerName'", Integer.class))
        .isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT v.PROC_INST_ID_) FROM ACT_HI_VARINST v JOIN xf_petition p "
        + "ON p.process_instance_id = v.PROC_INST_ID_ WHERE p.petitioner_name = ? AND v.NAME_ = 'acceptanceDueAt'",
        Integer.class, name)).isEqualTo(2);
  }

  @Test
  void shouldKeepNoHistoryOfATasksDisplayCopiesNorOfALabelNorOfAFieldNobodyFilledIn() throws Exception {
    String caseNumber = register("历史只记一次的登记");
    String instance = jdbc.queryForObject("SELECT process_instance_id FROM xf_petition WHERE case_number = ?",
        String.class, caseNumber);
    String copies = "NAME_ IN ('caseNumber', 'subject', 'petitionerDisplay', 'currentDueLabel')";
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ = ? AND TASK_ID_ IS NOT NULL "
        + "AND " + copies, Integer.class, instance)).as("the task card still has its copies").isEqualTo(4);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND TASK_ID_ IS NOT NULL "
        + "AND " + copies, Integer.class, instance)).as("history keeps no copy").isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ = ? AND TASK_ID_ IS NULL "
        + "AND NAME_ = 'caseNumber' AND TEXT_ = ?", Integer.class, instance, caseNumber))
        .as("the case's own variable").isEqualTo(1);
    // the triage suggestion is the task's own fact, not a copy
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND NAME_ = 'suggestedUnit'",
        Integer.class, instance)).isEqualTo(1);

    // the labels the forms show are made from what history or the ledger keeps: runtime has them, history not
    String label = "SELECT COUNT(*) FROM %s WHERE PROC_INST_ID_ = ? AND NAME_ = ?";
    for (String name : List.of("categoryLabel", "channelLabel", "suggestedUnitName", "handlingUnitName", "currentDueLabel",
        "repeatOfLabel")) {
      assertThat(jdbc.queryForObject(label.formatted("ACT_RU_VARIABLE") + " AND TASK_ID_ IS NULL", Integer.class,
          instance, name)).as(name).isEqualTo(1);
      assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST"), Integer.class, instance, name)).as(name).isZero();
    }
    for (String source : List.of("handlingUnit", "acceptanceDueAt", "acceptanceGroup", "repeatPetition")) {
      assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST"), Integer.class, instance, source)).as(source)
          .isEqualTo(1);
    }
    // what the registration wrote to the ledger row is not repeated in history; the variables are there for the forms
    assertThat(jdbc.queryForObject("SELECT channel || ' ' || category || ' ' || subject || ' ' || petitioner_name "
        + "FROM xf_petition WHERE process_instance_id = ? AND case_number = ?", String.class, instance, caseNumber))
        .isEqualTo("ONLINE LABOR 历史只记一次的登记 周八");
    for (String copy : HistoryFilter.LEDGER_COPIES) {
      assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST"), Integer.class, instance, copy)).as(copy).isZero();
    }
    for (String copy : List.of("caseNumber", "channel", "category", "subject", "content", "petitionerName", "headcount",
        "caseOwner")) {
      assertThat(jdbc.queryForObject(label.formatted("ACT_RU_VARIABLE") + " AND TASK_ID_ IS NULL", Integer.class,
          instance, copy)).as(copy).isEqualTo(1);
    }
    // a value given after the registration is history's again: a clerk corrects the subject
    engine.getRuntimeService().setVariable(instance, "subject", "历史只记一次的登记（更正）");
    assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST") + " AND TEXT_ = '历史只记一次的登记（更正）'",
        Integer.class, instance, "subject")).isEqualTo(1);

    // no address, no ID number, no earlier case, no warning: no variable at all, and no history row
    for (String name : List.of("petitionerAddress", "petitionerIdNumber", "relatedCaseNumber", "repeatOfCase",
        "registeringUnit", "earlyWarnings", "receptionLeader")) {
      assertThat(jdbc.queryForObject(label.formatted("ACT_RU_VARIABLE"), Integer.class, instance, name)).as(name).isZero();
      assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST"), Integer.class, instance, name)).as(name).isZero();
    }
    String address = "SELECT COUNT(*) FROM %s WHERE PROC_INST_ID_ = ? AND NAME_ = 'petitionerAddress' AND %s";
    // given a value later, history has it; set back to nothing, history follows
    engine.getRuntimeService().setVariable(instance, "petitionerAddress", "城关镇解放路1号");
    assertThat(jdbc.queryForObject(address.formatted("ACT_HI_VARINST", "TEXT_ = '城关镇解放路1号'"), Integer.class,
        instance)).isEqualTo(1);
    engine.getRuntimeService().setVariable(instance, "petitionerAddress", null);
    assertThat(jdbc.queryForObject(address.formatted("ACT_HI_VARINST", "VAR_TYPE_ = 'null' AND TEXT_ IS NULL"),
        Integer.class, instance)).isEqualTo(1);

    // the deadline label of the task changes when the case's deadline passes: the copy changes, history is not asked
    Task accept = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    tasks.setVariableLocal(accept.getId(), "currentDueLabel", "受理告知已逾期");
    assertThat(tasks.getVariableLocal(accept.getId(), "currentDueLabel")).isEqualTo("受理告知已逾期");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND TASK_ID_ IS NOT NULL "
        + "AND " + copies, Integer.class, instance)).isZero();

    // the acceptance deadline passes: the escalation step gets its parameters from the diagram (which deadline, whom
    // to tell); history keeps the step and what it decided, not the parameters
    String overdueTimer = engine.getManagementService().createJobQuery().processInstanceId(instance)
        .activityId(IntakeProcess.Element.TIMER_ACCEPTANCE_OVERDUE).singleResult().getId();
    engine.getManagementService().executeJob(overdueTimer);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = ?",
        Integer.class, instance, IntakeProcess.Element.RECORD_ACCEPTANCE_OVERDUE)).isEqualTo(1);
    for (String parameter : List.of("deadlineStage", "notifyGroup", "overdueStageLabel")) {
      assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST"), Integer.class, instance, parameter))
          .as(parameter).isZero();
    }
    assertThat(jdbc.queryForObject(label.formatted("ACT_HI_VARINST") + " AND LONG_ = 0", Integer.class, instance,
        "alreadyEscalated")).as("the gateway's variable is the case's own").isEqualTo(1);
    // the supervision of an overdue acceptance does not present triage's suggestion as the handling unit
    assertThat(engine.getRuntimeService().getVariable(instance, "handlingUnitName")).isEqualTo("（待分办）");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE case_number = ? AND event_type = 'OVERDUE'",
        Integer.class, caseNumber)).isEqualTo(1);
  }

  @Test
  void shouldTellEveryNewTaskOfEveryDiagramThatItHasNoVariablesToLoad() throws Exception {
    assertThat(NewTaskVariables.STORE).as("the engine's variable store of a task (NewTaskVariables)").isNotNull();
    int userTasks = 0;
    for (var definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      var deployed = (org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity) repository
          .getProcessDefinition(definition.getId());
      List<org.camunda.bpm.engine.impl.pvm.process.ActivityImpl> activities = new ArrayList<>(deployed.getActivities());
      while (!activities.isEmpty()) {
        var activity = activities.remove(0);
        activities.addAll(activity.getActivities());
        if (activity.getActivityBehavior()
            instanceof org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior behavior) {
          userTasks++;
          assertThat(behavior.getTaskDefinition().getBuiltinTaskListenersForEvent("create"))
              .as(definition.getKey() + " " + activity.getId()).contains(NewTaskVariables.NOTHING_TO_LOAD);
        }
      }
    }
    assertThat(userTasks).as("user tasks in the deployed diagrams").isGreaterThanOrEqualTo(31);

    // the task's copies are written and read back as before, in the command that creates it and in a later one
    String caseNumber = register("新建待办的变量");
    String instance = jdbc.queryForObject("SELECT process_instance_id FROM xf_petition WHERE case_number = ?",
        String.class, caseNumber);
    Task accept = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    assertThat(tasks.getVariablesLocal(accept.getId())).containsEntry("caseNumber", caseNumber)
        .containsEntry("subject", "新建待办的变量").containsKeys("petitionerDisplay", "currentDueLabel", "suggestedUnit");
    tasks.setVariableLocal(accept.getId(), "subject", "新建待办的变量（更正）");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE TASK_ID_ = ? AND NAME_ = 'subject'",
        Integer.class, accept.getId())).isEqualTo(1);
  }

  @Test
  void shouldDecideARegistrationsTablesWithFeelParsedOnce() throws Exception {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration();
    assertThat(configuration.getDmnEngineConfiguration().getFeelEngine())
        .as("the engine's FEEL engine (ParsedFeel)").isInstanceOf(ParsedFeel.Engine.class);
    var feel = (ParsedFeel.Engine) configuration.getDmnEngineConfiguration().getFeelEngine();
    String first = register("分办建议一");
    int afterFirst = feel.remembered();
    assertThat(afterFirst).as("texts of 分办建议 and 重大事项研判 parsed").isPositive();
    String second = register("分办建议二");
    assertThat(feel.remembered()).as("the second registration parses nothing new").isEqualTo(afterFirst);
    // and decides as the table says: 劳动 (LABOR) goes to 县人社局, on both cases' acceptance tasks
    for (String caseNumber : List.of(first, second)) {
      String instance = jdbc.queryForObject("SELECT process_instance_id FROM xf_petition WHERE case_number = ?",
          String.class, caseNumber);
      Task accept = tasks.createTaskQuery().processInstanceId(instance).singleResult();
      assertThat(tasks.getVariableLocal(accept.getId(), "suggestedUnit")).isEqualTo("unit-hr");
    }
  }

  // ------------------------------------------------------------------ helpers

  String register(String subject) throws Exception {
    HttpResponse<String> created = send("POST", "/api/petitions", "reception1:demo", json.writeValueAsString(registration(subject)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).path("caseNumber").asText();
  }

  static Map<String, Object> registration(String subject) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "ONLINE");
    body.put("category", "LABOR");
    body.put("subject", subject);
    body.put("content", "某公司拖欠工资三个月");
    body.put("realName", true);
    body.put("headcount", 1);
    body.put("sourceLevel", "SELF");
    body.put("petitionerName", "周八");
    body.put("petitionerPhone", "137%08d".formatted(PETITIONER.incrementAndGet()));
    return body;
  }

  /** The 18-character ID number with its GB 11643 check character. */
  static String idNumber(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  /** Logs in to Tasklist as a browser does and returns the CSRF token for the next changes. */
  String webappLogin(HttpClient browser, String user, String password) throws Exception {
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the session is renewed at login, and with it the token
    HttpResponse<String> after = browser.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/user/"
        + user + "/profile")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return after.headers().firstValue("X-XSRF-TOKEN").orElse(token);
  }

  void waitForBlockedSessions(int count) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Integer blocked = jdbc.queryForObject(
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL", Integer.class);
      if (blocked != null && blocked >= count) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the two completions never met at the database");
  }

  HttpResponse<String> send(String method, String path, String credentials, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (credentials != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  int petitions() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class);
  }
}
