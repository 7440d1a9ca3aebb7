package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.XinfangFlowApplication;
import cn.xinfang.flow.intake.IntakeProcess;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a real PostgreSQL (the production profile): a petition registered over the
 * API goes all the way to the archive, and a second node started on the same database deploys no
 * new versions of unchanged diagrams or forms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "xinfang.organization.demo-users=true", "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("postgres")
class PostgresIntegrationTest {

  /** Started before the Spring context (which needs its URL) and stopped when the JVM ends, after the context. */
  static EmbeddedPostgres postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (Exception ignored) {
          // the JVM is ending anyway
        }
      }));
    }
    registry.add("POSTGRES_URL", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("POSTGRES_USER", () -> "postgres");
    registry.add("POSTGRES_PASSWORD", () -> "postgres");
    // the postgres profile refuses to start with the shipped default administrator password
    registry.add("XINFANG_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
  }

  static final String ADMIN_PASSWORD = "pg-test-admin-2026";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired PetitionLedger ledger;
  @Autowired cn.xinfang.flow.petition.InsertIfAbsent insertIfAbsent;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
  @Autowired org.camunda.bpm.engine.ProcessEngine processEngine;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void shouldTakeAnApiRegistrationToTheArchiveOnPostgres() throws Exception {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    String body = """
        {"channel":"LETTER","category":"HEALTH","subject":"医疗纠纷","content":"对县医院诊疗过程有异议","realName":true,
         "headcount":1,"sourceLevel":"COUNTY","petitionerName":"赵六","petitionerPhone":"13700001111"}""";
    HttpResponse<String> created = registerByApi(body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String caseNumber = new ObjectMapper().readTree(created.body()).path("caseNumber").asText();
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).singleResult().getId();

    complete(instance, IntakeProcess.Element.ACCEPT, Map.of("acceptanceDecision", "ASSIGN", "handlingUnit", "unit-health",
        "acceptanceNote", "已受理，交县卫生健康局办理"));
    complete(instance, IntakeProcess.Element.HANDLE, Map.of("handlingAction", "REPORT", "outcome", "EXPLAIN",
        "facts", "诊疗符合规范", "reasons", "依据诊疗规范"));
    complete(instance, IntakeProcess.Element.SEND_REPLY, Map.of("replyDecision", "SEND", "replyMethod", "WRITTEN",
        "replyText", "信访处理意见书"));
    runJobs(instance);
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.REPLIED);

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(45, ChronoUnit.DAYS)));
    runJobs(instance);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(ledger.find(caseNumber).orElseThrow().status()).isEqualTo(PetitionStatus.ARCHIVED);

    // the same petitioner on the same facts again, after the case became final: found by the registration's one
    // look-up of earlier cases, not accepted again in the registering transaction, and the answer says so
    HttpResponse<String> repeat = registerByApi(body);
    assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(201);
    JsonNode answer = new ObjectMapper().readTree(repeat.body());
    assertThat(answer.path("status").asText()).isEqualTo("REJECTED");
    assertThat(jdbc.queryForObject("SELECT repeat_of_case_number FROM xf_petition WHERE case_number = ?", String.class,
        answer.path("caseNumber").asText())).isEqualTo(caseNumber);
  }

  /** {@code POST /api/petitions} as the reception clerk. */
  private HttpResponse<String> registerByApi(String body) throws Exception {
    String credentials = Base64.getEncoder().encodeToString("reception1:demo".getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/petitions"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + credentials)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Issue 12: a journal entry or a notice is written once per key in one statement on PostgreSQL ({@code ON CONFLICT
   * DO NOTHING}, no look-up and no savepoint). A second call answers false and leaves the transaction usable; a second
   * transaction inserting the same key while the first is open waits for it and then inserts nothing; a key that is
   * not the table's unique constraint is refused by PostgreSQL, not silently let through.
   */
  @Test
  void shouldWriteEachKeyOnceInOneStatementOnPostgres() throws Exception {
    var tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
    String key = "PG-ONCE-" + System.nanoTime();
    List<Object> once = tx.execute(s -> List.of(ledger.recordEvent("XF-2099-990001", key, "NOTE", "tester", "first"),
        ledger.recordEvent("XF-2099-990001", key, "NOTE", "tester", "second"),
        jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE event_key = ?", Integer.class, key)));
    assertThat(once).containsExactly(true, false, 1);
    assertThat(jdbc.queryForObject("SELECT detail FROM xf_petition_event WHERE event_key = ?", String.class, key))
        .isEqualTo("first");

    // the race: the first transaction holds its new row uncommitted while the second inserts the same key
    String raced = key + "-RACE";
    var doneEarly = new java.util.concurrent.CompletableFuture<Boolean>();
    var second = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Future<Boolean>>();
    var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      boolean first = Boolean.TRUE.equals(tx.execute(s -> {
        boolean mine = ledger.recordEvent("XF-2099-990001", raced, "NOTE", "node1", "first");
        second.set(pool.submit(() -> tx.execute(s2 -> ledger.recordEvent("XF-2099-990001", raced, "NOTE", "node2",
            "second"))));
        try {
          // the other transaction waits on this one's uncommitted key: still not done after a second
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        doneEarly.complete(second.get().isDone());
        return mine;
      }));
      assertThat(first).isTrue();
      assertThat(doneEarly.get()).as("the second insert waited for the first transaction").isFalse();
      assertThat(second.get().get(30, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.queryForList("SELECT actor FROM xf_petition_event WHERE event_key = ?", String.class, raced))
        .containsExactly("node1");

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> insertIfAbsent.insert("event_type",
        new Object[] {"NOTE"}, "INSERT INTO xf_petition_event (case_number, event_key, event_type, actor, detail, "
            + "occurred_at) VALUES (?, ?, ?, ?, ?, now())", "XF-2099-990001", key + "-WRONG", "NOTE", "tester", "x")))
        .hasStackTraceContaining("no unique or exclusion constraint");
  }

  /**
   * Every key the code gives {@code InsertIfAbsent} is a primary key or unique constraint of its table, column for
   * column, on PostgreSQL: otherwise {@code ON CONFLICT} would refuse the insert there (and H2, which looks the key
   * up, would not notice). Read from the sources, so a new caller is checked too.
   */
  @Test
  void shouldNameAUniqueConstraintForEveryInsertIfAbsentOnPostgres() throws Exception {
    var call = java.util.regex.Pattern.compile(
        "\\.insert\\(\"([a-z_, ]+)\",\\s*new Object\\[\\][^;]*?\"INSERT INTO (\\w+)", java.util.regex.Pattern.DOTALL);
    List<String> checked = new ArrayList<>();
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var m = call.matcher(java.nio.file.Files.readString(file));
        while (m.find()) {
          var key = new java.util.TreeSet<>(List.of(m.group(1).split("\\s*,\\s*")));
          List<java.util.Set<String>> unique = jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = ? "
              + "AND indexdef LIKE 'CREATE UNIQUE INDEX%'", String.class, m.group(2)).stream()
              .map(d -> (java.util.Set<String>) new java.util.TreeSet<>(List.of(
                  d.substring(d.lastIndexOf('(') + 1, d.lastIndexOf(')')).split("\\s*,\\s*"))))
              .toList();
          assertThat(unique).as(file + ": " + m.group(2) + " (" + m.group(1) + ")").contains(key);
          checked.add(m.group(2));
        }
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(20).contains("xf_petition_event", "xf_notification");
  }

  /**
   * Issue 12: the job acquisition's sub-select of locked exclusive jobs is answered from the partial index of
   * locked jobs, not by reading the job table (which a storm of due timers made the larger part of an escalation).
   * With sequential scans priced out, a predicate the index cannot serve would still show a Seq Scan.
   */
  @Test
  void shouldFindTheLockedJobsOfTheAcquisitionFromTheirIndexOnPostgres() {
    assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'xf_ix_job_locked'", String.class))
        .contains("(lock_exp_time_)").contains("WHERE (lock_owner_ IS NOT NULL)");
    List<String> plan = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(status -> {
      jdbc.execute("SET LOCAL enable_seqscan = off");
      return jdbc.queryForList("EXPLAIN SELECT J2.ID_ FROM ACT_RU_JOB J2 WHERE J2.PROCESS_INSTANCE_ID_ IS NOT NULL "
          + "AND (J2.EXCLUSIVE_ = true) AND (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now())", String.class);
    });
    assertThat(String.join("\n", plan)).contains("xf_ix_job_locked").doesNotContain("Seq Scan");
  }

  /**
   * Issue 12: on PostgreSQL, the latest version of every decision table read in one query per command
   * (EngineLookupPlugin) is the version the engine's own query names, key by key.
   */
  @Test
  void shouldFindTheLatestDecisionTablesOnPostgresAsTheEngineDoes() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        processEngine.getProcessEngineConfiguration();
    java.util.Map<String, String> engines = new java.util.HashMap<>();
    processEngine.getRepositoryService().createDecisionDefinitionQuery().latestVersion().list()
        .forEach(d -> engines.put(d.getKey(), d.getId()));
    assertThat(engines).containsKeys("deadline-policy", "early-warning-rule", "petition-handling-unit");
    java.util.Map<String, String> ours = configuration.getCommandExecutorTxRequired().execute(context -> {
      var manager = context.getSession(
          org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionManager.class);
      java.util.Map<String, String> found = new java.util.HashMap<>();
      engines.keySet().forEach(key -> found.put(key, manager.findLatestDecisionDefinitionByKeyAndTenantId(key, null)
          .getId()));
      return found;
    });
    assertThat(ours).isEqualTo(engines);
    // and the driver writes the engine's batches as multi-row inserts
    assertThat(((com.zaxxer.hikari.HikariDataSource) jdbc.getDataSource()).getDataSourceProperties()
        .getProperty("reWriteBatchedInserts")).isEqualTo("true");
  }

  /**
   * Issue 12: the task query's own authorization check ({@code TaskQuery.xml}) on PostgreSQL, where its shape decides
   * the plan (the grants on '*' asked first, the grant on each task correlated on its id): each user still sees
   * exactly what the grants allow, in a page by due date as the staff list asks and in counts — the office its
   * group's tasks, a unit none of them, an administrator (camunda-admin's grant on '*') all of them. The office's list
   * of its own group's tasks and of "mine or my groups'" have no per-task grant check (the candidate links and the
   * assignment prove the grants: CandidateGrants), the unit's question for the office's group has.
   */
  @Test
  void shouldShowEachUserTheTasksItsGrantsAllowOnPostgres() {
    for (int i = 0; i < 3; i++) {
      identityService.setAuthentication("reception1", List.of("reception"));
      try {
        runtime.startProcessInstanceByKey(IntakeProcess.KEY, Map.of("channel", "VISIT", "category", "LABOR",
            "subject", "授权检查" + i, "content", "拖欠工资", "realName", true, "headcount", 1, "sourceLevel", "SELF",
            "petitionerName", "孙" + i, "petitionerPhone", "1360000333" + i));
      } finally {
        identityService.clearAuthentication();
      }
    }
    List<String> office = ids(tasks.createTaskQuery().taskCandidateGroup("petition-office").list());
    assertThat(office).hasSizeGreaterThanOrEqualTo(3);
    try {
      identityService.setAuthentication("office1", List.of("petition-office"));
      assertThat(ids(tasks.createTaskQuery().taskCandidateGroup("petition-office").orderByDueDate().asc()
          .listPage(0, 50))).isEqualTo(office);
      assertThat(tasks.createTaskQuery().taskCandidateGroup("petition-office").count()).isEqualTo(office.size());
      // without naming the group too (and the office's tasks someone has claimed, which the candidate list leaves out)
      assertThat(ids(tasks.createTaskQuery().list())).containsAll(office);
      // "mine or my groups'" (已逾期, 即将到期), without the per-task check as well (CandidateGrants)
      java.util.function.Function<String, org.camunda.bpm.engine.task.TaskQuery> mineOrOurs = user -> tasks
          .createTaskQuery().or().taskAssignee(user).taskCandidateGroupIn(
              identityService.getCurrentAuthentication().getGroupIds()).endOr();
      assertThat(ids(mineOrOurs.apply("office1").list())).containsAll(office);
      assertThat(mineOrOurs.apply("office1").count()).isEqualTo(mineOrOurs.apply("office1").list().size());

      // Tasklist's case columns of the list (VariableQuery.xml): the office reads each task's own copies
      var first = tasks.createTaskQuery().taskId(office.get(0)).singleResult();
      var columns = runtime.createVariableInstanceQuery().variableNameIn("caseNumber", "subject", "petitionerPhone")
          .variableScopeIdIn(first.getId(), first.getExecutionId(), first.getProcessInstanceId());
      assertThat(columns.list()).extracting(v -> v.getName() + "@" + (v.getTaskId() == null ? "case" : "task"))
          .containsExactlyInAnyOrder("caseNumber@task", "subject@task");
      assertThat(columns.count()).isEqualTo(2);

      // a week or less of due dates (即将到期) looks each task's link and grant up (TaskQuery.xml, bindDueWindow)
      identityService.clearAuthentication();
      first.setDueDate(new java.util.Date(System.currentTimeMillis() + 2L * 24 * 3600 * 1000));
      tasks.saveTask(first);
      java.util.function.Supplier<org.camunda.bpm.engine.task.TaskQuery> soon = () -> tasks.createTaskQuery()
          .taskCandidateGroup("petition-office").dueAfter(new java.util.Date())
          .dueBefore(new java.util.Date(System.currentTimeMillis() + 3L * 24 * 3600 * 1000));
      identityService.setAuthentication("office1", List.of("petition-office"));
      assertThat(ids(soon.get().list())).contains(first.getId());
      assertThat(soon.get().count()).isEqualTo(soon.get().list().size());

      identityService.setAuthentication("hr1", List.of("unit-hr"));
      assertThat(tasks.createTaskQuery().taskCandidateGroup("petition-office").count()).isZero();
      assertThat(ids(mineOrOurs.apply("hr1").list())).doesNotContainAnyElementsOf(office);
      assertThat(tasks.createTaskQuery().taskId(office.get(0)).list()).isEmpty();
      assertThat(columns.list()).isEmpty();
      assertThat(soon.get().count()).isZero();

      identityService.setAuthentication("admin", List.of("camunda-admin"));
      assertThat(ids(tasks.createTaskQuery().taskCandidateGroup("petition-office").orderByDueDate().asc()
          .listPage(0, 50))).isEqualTo(office);
      assertThat(tasks.createTaskQuery().taskCandidateGroup("petition-office").count()).isEqualTo(office.size());
      assertThat(ids(soon.get().list())).contains(first.getId());
      assertThat(columns.list()).extracting(v -> v.getName() + "@" + (v.getTaskId() == null ? "case" : "task"))
          .containsExactlyInAnyOrder("caseNumber@task", "subject@task", "caseNumber@case", "subject@case",
              "petitionerPhone@case");
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * Issue 12: the service's connections price random reads as on SSD or in memory and start no parallel workers, and
   * the task list and count are never turned into server-side prepared statements (whose generic plan hashes every
   * grant of the office to check the few tasks 即将到期 asks for), nor is the variable query behind Tasklist's case
   * columns (whose generic plan took 35 ms for a page's variables where the plan for its values takes 2), while the
   * engine's other statements still are.
   */
  @Test
  void shouldPlanTheTaskListForTheValuesOfEachExecutionOnPostgres() {
    assertThat(jdbc.queryForObject("SHOW random_page_cost", String.class)).isEqualTo("1.1");
    assertThat(jdbc.queryForObject("SHOW max_parallel_workers_per_gather", String.class)).isEqualTo("0");
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        processEngine.getProcessEngineConfiguration();
    List<String> prepared = configuration.getCommandExecutorTxRequired().execute(context -> {
      // through this command's own managers: every statement on the connection asked below (the driver turns a
      // statement it runs five times on one connection into a server-side prepared statement); other values each
      // time, because MyBatis answers a repeated query of one session from its cache without running it again
      for (int i = 0; i < 8; i++) {
        var taskQuery = new org.camunda.bpm.engine.impl.TaskQueryImpl();
        taskQuery.taskCandidateGroup("petition-office-" + i).orderByDueDate().asc();
        context.getTaskManager().findTasksByQueryCriteria(taskQuery, new org.camunda.bpm.engine.impl.Page(0, 15));
        context.getTaskManager().findTaskCountByQueryCriteria(taskQuery);
        context.getExecutionManager().findProcessInstanceCountByQueryCriteria(
            (org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl) new org.camunda.bpm.engine.impl
                .ProcessInstanceQueryImpl().processInstanceBusinessKey("XF-0000-00000" + i));
        // Tasklist's case columns: the variables of a page's tasks (VariableQuery.xml, tenth round of issue 12)
        var variableQuery = new org.camunda.bpm.engine.impl.VariableInstanceQueryImpl();
        variableQuery.variableNameIn("caseNumber", "subject").variableScopeIdIn("no-such-task-" + i, "no-such-scope");
        context.getVariableInstanceManager().findVariableInstanceByQueryCriteria(variableQuery,
            new org.camunda.bpm.engine.impl.Page(0, 15));
        context.getVariableInstanceManager().findVariableInstanceCountByQueryCriteria(variableQuery);
      }
      try (var statement = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
          var rows = statement.executeQuery("SELECT statement FROM pg_prepared_statements")) {
        List<String> texts = new ArrayList<>();
        while (rows.next()) {
          texts.add(rows.getString(1));
        }
        return texts;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(prepared).anyMatch(sql -> sql.contains("ACT_RU_EXECUTION RES")); // the process instance count
    assertThat(prepared).noneMatch(sql -> sql.contains("ACT_RU_TASK RES"));
    // the variable query's own shape (the engine's other statements on ACT_RU_VARIABLE stay prepared)
    assertThat(prepared).noneMatch(sql -> sql.replaceAll("\\s+", " ").contains("from ( select RES.*, ("));
  }

  private static List<String> ids(List<Task> list) {
    return list.stream().map(Task::getId).sorted().toList();
  }

  @Test
  void shouldTakeAReferralFromIntakeToFilingOnPostgres() {
    var identity = identityService;
    identity.setAuthentication("reception1", List.of("reception"));
    String instance;
    try {
      instance = runtime.startProcessInstanceByKey(IntakeProcess.KEY, Map.of("channel", "VISIT", "category", "LAND",
          "subject", "宅基地纠纷", "content", "与邻居宅基地界址纠纷", "realName", true, "headcount", 1,
          "sourceLevel", "SELF", "petitionerName", "钱九", "petitionerPhone", "13500002222")).getId();
    } finally {
      identity.clearAuthentication();
    }
    String caseNumber = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey();
    complete(instance, IntakeProcess.Element.ACCEPT, Map.of("acceptanceDecision", "REFER", "handlingUnit", "unit-qiaotou",
        "acceptanceNote", "转桥头镇调查处理"));
    String referral = runtime.createProcessInstanceQuery().superProcessInstanceId(instance).singleResult().getId();
    complete(referral, "task_investigate_referral", Map.of("referralAction", "REPORT", "reportOutcome", "EXPLAIN",
        "reportFacts", "界址清楚", "reportReasons", "依据确权登记"));
    complete(referral, "task_review_referral_report", Map.of("reviewDecision", "FILE"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(referral).count()).isZero();
    assertThat(jdbc.queryForObject("SELECT status FROM xf_referral WHERE case_number = ?", String.class, caseNumber))
        .isEqualTo("FILED");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo(IntakeProcess.Element.SEND_REPLY);
  }

  @Test
  void shouldNotDeployNewVersionsWhenASecondNodeStartsOnTheSameDatabase() {
    long deployments = repository.createDeploymentQuery().count();
    long definitions = repository.createProcessDefinitionQuery().processDefinitionKey(IntakeProcess.KEY).count();
    try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(XinfangFlowApplication.class)
        .profiles("postgres")
        .run("--server.port=0", "--xinfang.organization.demo-users=true", "--camunda.bpm.job-execution.enabled=false",
            "--POSTGRES_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--POSTGRES_USER=postgres",
            "--POSTGRES_PASSWORD=postgres", "--XINFANG_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--spring.jmx.enabled=false")) {
      assertThat(secondNode.isRunning()).isTrue();
    }
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(IntakeProcess.KEY).count())
        .isEqualTo(definitions).isEqualTo(1);
    // the organization load is idempotent too
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_id_group WHERE id_ = 'unit-hr'", Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_filter", Integer.class)).isEqualTo(5);
  }

  private void complete(String instance, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("task %s", taskKey).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  private void runJobs(String instance) {
    for (int i = 0; i < 10; i++) {
      List<Job> due = management.createJobQuery().processInstanceId(instance).executable().list();
      if (due.isEmpty()) {
        return;
      }
      // the archive's terminate end deletes the call-back's timers, which this list may still hold
      due.stream().filter(job -> management.createJobQuery().jobId(job.getId()).count() > 0)
          .forEach(job -> management.executeJob(job.getId()));
    }
  }
}
