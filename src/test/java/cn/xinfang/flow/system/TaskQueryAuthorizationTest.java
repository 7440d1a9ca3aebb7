package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionManager;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The task query with the service's own authorization check ({@code TaskQuery.xml}): each group sees exactly the
 * tasks the engine's check would show it, in lists, counts and the Tasklist filters.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:task-query-auth-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class TaskQueryAuthorizationTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired FilterService filters;
  @Autowired AuthorizationService authorizations;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void shouldServeTheTaskQueryFromTheServicesStatement() {
    var sessions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
    assertThat(sessions.mapStatement("selectTaskByQueryCriteria")).isEqualTo(TaskQueryPlugin.NAMESPACE
        + "selectTaskByQueryCriteria");
    assertThat(sessions.mapStatement("selectTaskCountByQueryCriteria")).isEqualTo(TaskQueryPlugin.NAMESPACE
        + "selectTaskCountByQueryCriteria");
  }

  /** Without DISTINCT (issue 12) a task that two of the asked groups may work is still listed and counted once. */
  @Test
  void shouldListATaskOfTwoCandidateGroupsOnce() {
    String instance = register("两个候选组", "13700008888");
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    tasks.addCandidateGroup(task.getId(), "unit-hr");
    tasks.addCandidateUser(task.getId(), "hr1");
    var both = tasks.createTaskQuery().processInstanceId(instance)
        .taskCandidateGroupIn(List.of("petition-office", "unit-hr"));
    assertThat(both.list()).extracting(Task::getId).containsExactly(task.getId());
    assertThat(both.count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceId(instance).withCandidateGroups().count()).isEqualTo(1);
    // the involved-user criterion keeps the engine's join (several links per task) and its DISTINCT
    var involved = tasks.createTaskQuery().processInstanceId(instance).taskInvolvedUser("hr1");
    assertThat(involved.list()).extracting(Task::getId).containsExactly(task.getId());
    assertThat(involved.count()).isEqualTo(1);
    // in Tasklist's terms: hr1 (unit-hr) now finds it under its group, counted once
    identity.setAuthentication("hr1", List.of("unit-hr"));
    assertThat(tasks.createTaskQuery().taskCandidateGroup("unit-hr").processInstanceId(instance).count())
        .isEqualTo(1);
    // the other tests expect unit-hr to see none of the office's tasks
    identity.clearAuthentication();
    tasks.deleteCandidateGroup(task.getId(), "unit-hr");
    tasks.deleteCandidateUser(task.getId(), "hr1");
  }

  /** A Tasklist filter may join criteria with OR: the candidate EXISTS behaves as the engine's join did. */
  @Test
  void shouldAnswerAnOrQueryOfCandidateGroupAndAssigneeAsTheUnionOfBoth() {
    String first = register("或查询一", "13700006661");
    String second = register("或查询二", "13700006662");
    Task claimed = tasks.createTaskQuery().processInstanceId(second).singleResult();
    tasks.setAssignee(claimed.getId(), "office2");
    java.util.Set<String> group = tasks.createTaskQuery().taskCandidateGroup("petition-office").list().stream()
        .map(Task::getId).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> assigned = tasks.createTaskQuery().taskAssignee("office2").list().stream()
        .map(Task::getId).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> union = new java.util.HashSet<>(group);
    union.addAll(assigned);
    var or = tasks.createTaskQuery().or().taskCandidateGroup("petition-office").taskAssignee("office2").endOr();
    assertThat(or.list().stream().map(Task::getId).toList()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(union);
    assertThat(or.count()).isEqualTo(union.size());
    assertThat(union).contains(claimed.getId(), tasks.createTaskQuery().processInstanceId(first).singleResult().getId());
    // the other tests count the office's unassigned tasks
    tasks.setAssignee(claimed.getId(), null);
  }

  /**
   * The user's groups go into the check as they are (EngineLookupPlugin): a group that holds no grant at all, which the
   * engine used to drop after reading every group with a grant, adds nothing to what anyone sees.
   */
  @Test
  void shouldShowTheSameTasksWhetherOrNotTheUserIsAlsoInAGroupWithoutGrants() {
    String instance = register("无授权的组", "13700007777");
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> asGiven = configuration.getCommandExecutorTxRequired().execute(context -> {
      assertThat(context.getAuthorizationManager())
          .isInstanceOf(EngineLookupPlugin.GroupsAsGivenAuthorizationManager.class);
      return context.getAuthorizationManager().filterAuthenticatedGroupIds(
          java.util.Arrays.asList("petition-office", null, "no-grants", "petition-office"));
    });
    assertThat(asGiven).containsExactly("petition-office", "no-grants");

    identity.setAuthentication("office1", List.of("petition-office"));
    List<String> alone = tasks.createTaskQuery().list().stream().map(Task::getId).sorted().toList();
    long aloneCount = tasks.createTaskQuery().count();
    identity.setAuthentication("office1", List.of("petition-office", "group-without-grants"));
    assertThat(tasks.createTaskQuery().list().stream().map(Task::getId).sorted().toList()).isEqualTo(alone)
        .contains(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    assertThat(tasks.createTaskQuery().count()).isEqualTo(aloneCount);
    // and a unit with such a group still sees none of the office's tasks
    identity.setAuthentication("hr1", List.of("unit-hr", "group-without-grants"));
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isZero();
    assertThat(identity.getCurrentAuthentication().getGroupIds()).contains("group-without-grants");
  }

  /**
   * A task created in this command gets its group's grant without a look-up for an older one (there cannot be a stored
   * one); a task created earlier still has the grant its group already holds extended, not a second row beside it.
   */
  @Test
  void shouldGrantANewTasksGroupOnceAndExtendAnOlderTasksGrant() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getResourceAuthorizationProvider())
        .isInstanceOf(EngineLookupPlugin.NewTaskGrantProvider.class);
    String instance = register("新任务授权", "13700006666");
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    var officeGrant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task)
        .groupIdIn("petition-office");
    assertThat(officeGrant.count()).isEqualTo(1);
    assertThat(authorizations.isUserAuthorized("office1", List.of("petition-office"), Permissions.READ,
        Resources.TASK, task)).isTrue();

    // an older task: the look-up is made, and a second link of the same group extends the same grant
    tasks.addCandidateGroup(task, "unit-hr");
    tasks.addCandidateUser(task, "hr1");
    tasks.addCandidateUser(task, "hr1");
    var hrGrant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task);
    assertThat(hrGrant.groupIdIn("unit-hr").count()).isEqualTo(1);
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task).userIdIn("hr1")
        .count()).isEqualTo(1);
    assertThat(officeGrant.count()).isEqualTo(1);

    // what is new in a command is told from what is stored: only the task inserted here counts as created here (the
    // command is rolled back, so the new task is never written)
    class RolledBack extends RuntimeException {
      final String created;

      RolledBack(String created) {
        this.created = created;
      }
    }
    String created = null;
    try {
      configuration.getCommandExecutorTxRequired().execute(context -> {
        var fresh = new org.camunda.bpm.engine.impl.persistence.entity.TaskEntity();
        fresh.insert();
        boolean isNew = EngineLookupPlugin.NewTaskGrantProvider.createdInThisCommand(Resources.TASK, fresh.getId());
        assertThat(isNew).isTrue();
        context.getTaskManager().findTaskById(task);
        assertThat(EngineLookupPlugin.NewTaskGrantProvider.createdInThisCommand(Resources.TASK, task)).isFalse();
        assertThat(EngineLookupPlugin.NewTaskGrantProvider.createdInThisCommand(Resources.PROCESS_INSTANCE, instance))
            .isFalse();
        throw new RolledBack(fresh.getId());
      });
    } catch (RolledBack rolledBack) {
      created = rolledBack.created;
    }
    assertThat(created).isNotNull();
    assertThat(tasks.createTaskQuery().taskId(created).count()).isZero();

    // the other tests expect unit-hr to see none of the office's tasks: the links go, and with them every grant of
    // hr1 and unit-hr on the task, whatever the engine keeps of a grant whose link was added twice
    tasks.deleteCandidateGroup(task, "unit-hr");
    tasks.deleteCandidateUser(task, "hr1");
    authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task).userIdIn("hr1").list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task).groupIdIn("unit-hr").list()
        .forEach(a -> authorizations.deleteAuthorization(a.getId()));
    assertThat(authorizations.isUserAuthorized("hr1", List.of("unit-hr"), Permissions.READ, Resources.TASK, task))
        .isFalse();
  }

  /** The latest version of each decision table, read once per command, is the one the engine's query names. */
  @Test
  void shouldFindEachDecisionTablesLatestVersionAsTheEnginesQueryDoes() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var repository = engine.getRepositoryService();
    Map<String, String> engines = new java.util.HashMap<>();
    repository.createDecisionDefinitionQuery().latestVersion().list().forEach(d -> engines.put(d.getKey(), d.getId()));
    assertThat(engines).containsKeys("deadline-policy", "early-warning-rule", "petition-handling-unit");
    Map<String, String> ours = configuration.getCommandExecutorTxRequired().execute(context -> {
      var manager = context.getSession(DecisionDefinitionManager.class);
      assertThat(manager).isInstanceOf(EngineLookupPlugin.LatestDecisionsPerCommand.class);
      Map<String, String> found = new java.util.HashMap<>();
      engines.keySet().forEach(key -> found.put(key, manager.findLatestDecisionDefinitionByKey(key).getId()));
      engines.keySet().forEach(key -> assertThat(
          manager.findLatestDecisionDefinitionByKeyAndTenantId(key, null).getId()).isEqualTo(found.get(key)));
      assertThat(manager.findLatestDecisionDefinitionByKey("no-such-table")).isNull();
      return found;
    });
    assertThat(ours).isEqualTo(engines);

    // a new version deployed: the next command names it
    byte[] table = readResource(repository, engines.get("early-warning-rule"));
    String deployed = repository.createDeployment().name("新版预警规则").addString("early-warning-rule.dmn",
        new String(table, java.nio.charset.StandardCharsets.UTF_8)).deploy().getId();
    try {
      String newest = repository.createDecisionDefinitionQuery().decisionDefinitionKey("early-warning-rule")
          .latestVersion().singleResult().getId();
      assertThat(newest).isNotEqualTo(engines.get("early-warning-rule"));
      String named = configuration.getCommandExecutorTxRequired().execute(context -> context
          .getSession(DecisionDefinitionManager.class)
          .findLatestDecisionDefinitionByKey("early-warning-rule").getId());
      assertThat(named).isEqualTo(newest);
    } finally {
      repository.deleteDeployment(deployed, true);
    }
  }

  /** The engine asks the transient decision result's serializer first (TransientDecisionResults). */
  @Test
  void shouldHoldTransientDecisionResultsBeforeAnyOtherSerializerIsAsked() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var result = new org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl(List.of());
    var serializers = configuration.getVariableSerializers();
    // in a command, as the engine asks (the default serialization format comes from the engine in context)
    List<String> names = configuration.getCommandExecutorTxRequired().execute(context -> List.of(
        serializers.findSerializerForValue(Variables.untypedValue(result, true)).getName(),
        serializers.findSerializerForValue(Variables.untypedValue(result, false)).getName()));
    assertThat(names.get(0)).isEqualTo(TransientDecisionResults.Serializer.NAME);
    assertThat(names.get(1)).isNotEqualTo(TransientDecisionResults.Serializer.NAME);
  }

  private static byte[] readResource(org.camunda.bpm.engine.RepositoryService repository, String definitionId) {
    try (var in = repository.getDecisionModel(definitionId)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldShowEachGroupItsOwnTasksOnly() {
    for (int i = 0; i < 3; i++) {
      register("查询授权" + i, "1370000" + String.format("%04d", i));
    }
    List<String> officeTasks = tasks.createTaskQuery().taskCandidateGroup("petition-office").list().stream()
        .map(Task::getId).sorted().toList();
    assertThat(officeTasks).hasSizeGreaterThanOrEqualTo(3);

    // the office: everything of its group, also without naming the group, in lists and counts
    identity.setAuthentication("office1", List.of("petition-office"));
    assertThat(tasks.createTaskQuery().list().stream().map(Task::getId).sorted().toList()).isEqualTo(officeTasks);
    assertThat(tasks.createTaskQuery().count()).isEqualTo(officeTasks.size());
    assertThat(tasks.createTaskQuery().taskCandidateGroup("petition-office").orderByDueDate().asc().listPage(0, 50))
        .hasSize(officeTasks.size());

    // a handling unit sees none of them, asked directly or through the office's group
    identity.setAuthentication("hr1", List.of("unit-hr"));
    assertThat(tasks.createTaskQuery().taskCandidateGroup("petition-office").count()).isZero();
    assertThat(tasks.createTaskQuery().taskId(officeTasks.get(0)).list()).isEmpty();
    for (Filter filter : filters.createTaskFilterQuery().list()) {
      assertThat(filters.count(filter.getId())).as(filter.getName()).isZero();
    }

    // the office's filter 本组待办 lists exactly the office's tasks
    identity.setAuthentication("office1", List.of("petition-office"));
    Filter group = filters.createTaskFilterQuery().filterName("本组待办").singleResult();
    assertThat(filters.<Task>list(group.getId()).stream().map(Task::getId).sorted().toList()).isEqualTo(officeTasks);
  }

  @Test
  void shouldHonourGrantsOnTheProcessDefinitionAndOnEveryTask() {
    String instance = register("定义级授权", "13711112222");
    String taskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();

    // READ_TASK on the process definition (the engine's second way to see a task) also counts here
    Authorization byDefinition = grantReadTaskOfIntake("land1");
    identity.setAuthentication("land1", List.of("unit-land"));
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    identity.clearAuthentication();
    authorizations.deleteAuthorization(byDefinition.getId());

    // and a grant on every task ('*')
    Authorization everyTask = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    everyTask.setUserId("health1");
    everyTask.setResource(Resources.TASK);
    everyTask.setResourceId("*");
    everyTask.addPermission(Permissions.READ);
    authorizations.saveAuthorization(everyTask);
    identity.setAuthentication("health1", List.of("unit-health"));
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    identity.clearAuthentication();
    authorizations.deleteAuthorization(everyTask.getId());

    identity.setAuthentication("land1", List.of("unit-land"));
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
  }

  /**
   * Tasklist's case columns come from the variable instance query ({@code VariableQuery.xml}): each user gets exactly
   * the variables the engine's own statement gives it, asked the way Tasklist asks (names and the tasks' scopes).
   */
  @Test
  void shouldShowEachUserTheVariablesTheEnginesStatementShows() {
    String instance = register("变量授权", "13722223333");
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    // a grant on this one process instance, as an administrator may give in Camunda Admin
    Authorization onInstance = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    onInstance.setUserId("health1");
    onInstance.setResource(Resources.PROCESS_INSTANCE);
    onInstance.setResourceId(instance);
    onInstance.addPermission(Permissions.READ);
    authorizations.saveAuthorization(onInstance);
    var sessions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
    assertThat(sessions.mapStatement("selectVariableInstanceByQueryCriteria"))
        .isEqualTo(TaskQueryPlugin.VARIABLE_NAMESPACE + "selectVariableInstanceByQueryCriteria");
    Map<String, List<String>> users = Map.of("office1", List.of("petition-office"), "hr1", List.of("unit-hr"),
        "health1", List.of("unit-health"), "admin", List.of("camunda-admin"));
    try {
      Map<String, List<String>> ours = new java.util.TreeMap<>();
      Map<String, Long> ourCounts = new java.util.TreeMap<>();
      users.forEach((user, groups) -> {
        identity.setAuthentication(user, groups);
        var query = runtime.createVariableInstanceQuery()
            .variableNameIn("caseNumber", "subject", "petitionerDisplay", "currentDueLabel", "petitionerPhone")
            .variableScopeIdIn(task.getId(), task.getExecutionId(), instance);
        ours.put(user, query.list().stream().map(v -> v.getName() + "@" + (v.getTaskId() == null ? "case" : "task"))
            .sorted().toList());
        ourCounts.put(user, query.count());
        identity.clearAuthentication();
      });
      // the office reads the task's own copies only (its grant is on the task), the unit nothing; the holder of the
      // grant on the instance and the administrator read the case's variables too (the phone among them)
      assertThat(ours.get("office1")).containsExactly("caseNumber@task", "currentDueLabel@task",
          "petitionerDisplay@task", "subject@task");
      assertThat(ours.get("hr1")).isEmpty();
      assertThat(ours.get("health1")).contains("petitionerPhone@case", "subject@case", "subject@task");
      assertThat(ours.get("admin")).contains("petitionerPhone@case", "subject@task");

      // the engine's own statement, asked the same, gives the same variables and counts
      withEnginesStatements("org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity.",
          List.of("selectVariableInstanceByQueryCriteria", "selectVariableInstanceCountByQueryCriteria"),
          () -> users.forEach((user, groups) -> {
            identity.setAuthentication(user, groups);
            var query = runtime.createVariableInstanceQuery()
                .variableNameIn("caseNumber", "subject", "petitionerDisplay", "currentDueLabel", "petitionerPhone")
                .variableScopeIdIn(task.getId(), task.getExecutionId(), instance);
            assertThat(query.list().stream().map(v -> v.getName() + "@" + (v.getTaskId() == null ? "case" : "task"))
                .sorted().toList()).as(user).isEqualTo(ours.get(user));
            assertThat(query.count()).as(user).isEqualTo(ourCounts.get(user));
            identity.clearAuthentication();
          }));
    } finally {
      identity.clearAuthentication();
      authorizations.deleteAuthorization(onInstance.getId());
    }
  }

  /**
   * A query bounded to a week of due dates (Tasklist's 即将到期) looks each task's candidate link and grant up instead of
   * hashing all of them ({@code bindDueWindow}): every user still gets exactly the tasks and counts the engine's own
   * statement gives, for the window, a wider window and the filter.
   */
  @Test
  void shouldCheckTasksDueWithinAWeekAsTheEnginesStatementDoes() {
    java.util.Date now = new java.util.Date();
    long day = 24L * 3600 * 1000;
    List<String> cases = List.of(register("三日内到期", "13733330001"), register("十日后到期", "13733330002"),
        register("已逾期", "13733330003"));
    long[] dueInDays = {2, 10, -1};
    for (int i = 0; i < cases.size(); i++) {
      Task task = tasks.createTaskQuery().processInstanceId(cases.get(i)).singleResult();
      task.setDueDate(new java.util.Date(now.getTime() + dueInDays[i] * day));
      tasks.saveTask(task);
    }
    String soon = tasks.createTaskQuery().processInstanceId(cases.get(0)).singleResult().getId();
    String later = tasks.createTaskQuery().processInstanceId(cases.get(1)).singleResult().getId();
    // land1 sees the office's tasks through READ_TASK on the process definition, the engine's second way
    Authorization byDefinition = grantReadTaskOfIntake("land1");
    Map<String, List<String>> users = Map.of("office1", List.of("petition-office"), "hr1", List.of("unit-hr"),
        "land1", List.of("unit-land"), "admin", List.of("camunda-admin", "petition-office"));
    Filter dueSoon = filters.createTaskFilterQuery().filterName("即将到期").singleResult();
    java.util.function.Consumer<Map<String, Object>> ask = answers -> {
      var window = tasks.createTaskQuery().dueAfter(now).dueBefore(new java.util.Date(now.getTime() + 3 * day));
      answers.put("window", window.list().stream().map(Task::getId).sorted().toList());
      answers.put("window count", window.count());
      var groupWindow = tasks.createTaskQuery().taskCandidateGroup("petition-office").dueAfter(now)
          .dueBefore(new java.util.Date(now.getTime() + 7 * day)).orderByDueDate().asc();
      // as a set: tasks due at the same instant may come in either order
      answers.put("group window page", groupWindow.listPage(0, 15).stream().map(Task::getId).sorted().toList());
      answers.put("group window count", groupWindow.count());
      var month = tasks.createTaskQuery().taskCandidateGroup("petition-office").dueAfter(now)
          .dueBefore(new java.util.Date(now.getTime() + 30 * day));
      answers.put("month count", month.count());
      answers.put("filter", filters.<Task>list(dueSoon.getId()).stream().map(Task::getId).sorted().toList());
      answers.put("filter count", filters.count(dueSoon.getId()));
    };
    try {
      Map<String, Map<String, Object>> ours = askAs(users, ask);
      // the office and land1 find the task due in two days, the unit finds nothing
      assertThat(ids(ours.get("office1").get("window"))).contains(soon).doesNotContain(later);
      assertThat(ids(ours.get("office1").get("filter"))).contains(soon).doesNotContain(later);
      assertThat(ids(ours.get("land1").get("window"))).contains(soon);
      assertThat(ours.get("hr1").get("window count")).isEqualTo(0L);
      assertThat(ours.get("hr1").get("filter count")).isEqualTo(0L);
      assertThat((Long) ours.get("office1").get("month count")).isGreaterThan((Long) ours.get("office1")
          .get("group window count"));

      // the engine's own statements, asked the same, give the same tasks and counts
      assertTheEnginesTaskStatementsAnswerAlike(users, ask, ours);
    } finally {
      authorizations.deleteAuthorization(byDefinition.getId());
    }
  }

  /** Only a window of a week or less of due dates has its links and grants looked up one by one. */
  @Test
  void shouldLookUpLinksAndGrantsOneByOneOnlyForAWeekOfDueDates() {
    var mybatis = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory()
        .getConfiguration();
    var count = mybatis.getMappedStatement(TaskQueryPlugin.NAMESPACE + "selectTaskCountByQueryCriteria");
    java.util.Date now = new java.util.Date();
    long day = 24L * 3600 * 1000;
    java.util.function.LongFunction<String> sql = days -> count.getBoundSql(tasks.createTaskQuery()
        .taskCandidateGroup("petition-office").dueAfter(now).dueBefore(new java.util.Date(now.getTime() + days * day)))
        .getSql();
    assertThat(sql.apply(3)).contains("OFFSET 0");
    assertThat(sql.apply(7)).contains("OFFSET 0");
    assertThat(sql.apply(8)).doesNotContain("OFFSET 0");
    assertThat(count.getBoundSql(tasks.createTaskQuery().taskCandidateGroup("petition-office").dueBefore(now))
        .getSql()).doesNotContain("OFFSET 0");
  }

  /**
   * A query that asks only for tasks of the user's own candidate groups (本组待办), only for the user's own tasks (我的待办)
   * or for "mine or my groups'" (已逾期, 即将到期) has no per-task grant check: the engine granted each of those groups
   * READ on the task with the link and the user with the assignment (CandidateGrants). Any other query keeps it.
   */
  @Test
  void shouldLeaveTheGrantCheckOutOnlyWhereTheUsersOwnCandidateLinksProveIt() throws Exception {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var count = configuration.getSqlSessionFactory().getConfiguration()
        .getMappedStatement(TaskQueryPlugin.NAMESPACE + "selectTaskCountByQueryCriteria");
    var evaluate = org.camunda.bpm.engine.impl.AbstractQuery.class.getDeclaredMethod("evaluateExpressions");
    evaluate.setAccessible(true);
    var evaluateOr = org.camunda.bpm.engine.impl.TaskQueryImpl.class.getDeclaredMethod("ensureOrExpressionsEvaluated");
    evaluateOr.setAccessible(true);
    java.util.function.BiFunction<List<String>, org.camunda.bpm.engine.task.TaskQuery, String> sql = (groups, query) -> {
      identity.setAuthentication(groups.get(0), groups.subList(1, groups.size()));
      try {
        return configuration.getCommandExecutorTxRequired().execute(context -> {
          var impl = (org.camunda.bpm.engine.impl.TaskQueryImpl) query;
          try { // a filter's ${currentUser()} and ${currentUserGroups()}, as the engine evaluates them before it asks
            evaluate.invoke(impl);
            evaluateOr.invoke(impl);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          context.getAuthorizationManager().configureTaskQuery(impl);
          return count.getBoundSql(impl).getSql();
        });
      } finally {
        identity.clearAuthentication();
      }
    };
    List<String> office = List.of("office1", "petition-office");
    assertThat(sql.apply(office, tasks.createTaskQuery().taskCandidateGroupIn(List.of("petition-office"))))
        .doesNotContain("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().taskCandidateGroup("petition-office").orderByDueDate().asc()))
        .doesNotContain("ACT_RU_AUTHORIZATION");
    // a group that is not the user's, all tasks, a candidate user, a pattern, the group only as one arm of an OR
    assertThat(sql.apply(office, tasks.createTaskQuery().taskCandidateGroup("unit-hr"))).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().taskCandidateGroupIn(List.of("petition-office", "unit-hr"))))
        .contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery())).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().taskCandidateUser("office1"))).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().taskCandidateGroupLike("petition%")))
        .contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().taskCandidateGroup("petition-office")
        .taskAssignee("office2").endOr())).contains("ACT_RU_AUTHORIZATION");

    // the user's own tasks, and "mine or my groups'" with anything else AND-ed to it
    java.util.Date now = new java.util.Date();
    assertThat(sql.apply(office, tasks.createTaskQuery().taskAssignee("office1"))).doesNotContain("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().taskAssignee("office1")
        .taskCandidateGroupIn(List.of("petition-office")).endOr().dueBefore(now))).doesNotContain("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().processDefinitionKey("petition-intake").or()
        .taskCandidateGroup("petition-office").endOr())).doesNotContain("ACT_RU_AUTHORIZATION");
    // the service's own filters as Tasklist runs them for the office and for a unit: none needs the check
    for (String name : List.of("我的待办", "本组待办", "即将到期", "已逾期")) {
      var stored = (org.camunda.bpm.engine.impl.TaskQueryImpl) filters.createTaskFilterQuery().filterName(name)
          .singleResult().getQuery();
      assertThat(sql.apply(office, stored)).as(name).doesNotContain("ACT_RU_AUTHORIZATION");
      stored = filters.createTaskFilterQuery().filterName(name).singleResult().getQuery();
      assertThat(sql.apply(List.of("hr1", "unit-hr"), stored)).as(name).doesNotContain("ACT_RU_AUTHORIZATION");
    }
    // someone else's tasks; an arm the assignment and the links do not prove (a candidate user, another group, a due
    // date inside the OR); an OR without arms
    assertThat(sql.apply(office, tasks.createTaskQuery().taskAssignee("office2"))).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().taskAssignee("office1").taskCandidateUser("office1")
        .endOr())).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().taskAssignee("office1").taskCandidateGroup("unit-hr")
        .endOr())).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().taskAssignee("office1").dueBefore(now).endOr()))
        .contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().taskCandidateGroup("petition-office")
        .taskAssigneeLike("office%").endOr())).contains("ACT_RU_AUTHORIZATION");
    assertThat(sql.apply(office, tasks.createTaskQuery().or().endOr())).contains("ACT_RU_AUTHORIZATION");
  }

  /**
   * Without the check the same tasks come back: each user gets from the filters and the candidate-group lists exactly
   * what the engine's own statement gives, also a unit asking for the office's group and a holder of READ_TASK on the
   * definition; and a REVOKE of the user an administrator adds still hides the task from 本组待办 (with a REVOKE in the
   * database the engine's own check applies to every query).
   */
  @Test
  void shouldListTheSameTasksWithoutTheCheckAsTheEnginesStatement() {
    String instance = register("本组待办免查", "13744440001");
    String taskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    Authorization byDefinition = grantReadTaskOfIntake("land1");
    Map<String, List<String>> users = Map.of("office1", List.of("petition-office"), "hr1", List.of("unit-hr"),
        "land1", List.of("unit-land"), "admin", List.of("camunda-admin", "petition-office"));
    // the four every role works from (我的包案 is the leaders' own)
    List<Filter> all = filters.createTaskFilterQuery().list().stream()
        .filter(f -> List.of("我的待办", "本组待办", "即将到期", "已逾期").contains(f.getName())).toList();
    assertThat(all).hasSize(4);
    java.util.function.Consumer<Map<String, Object>> ask = answers -> {
      for (Filter filter : all) {
        answers.put(filter.getName(), filters.<Task>list(filter.getId()).stream().map(Task::getId).sorted().toList());
        answers.put(filter.getName() + " count", filters.count(filter.getId()));
      }
      var office = tasks.createTaskQuery().taskCandidateGroup("petition-office");
      answers.put("office group", office.list().stream().map(Task::getId).sorted().toList());
      answers.put("office group count", office.count());
      var own = tasks.createTaskQuery()
          .taskCandidateGroupIn(identity.getCurrentAuthentication().getGroupIds()).includeAssignedTasks();
      answers.put("own groups", own.list().stream().map(Task::getId).sorted().toList());
      answers.put("own groups count", own.count());
    };
    try {
      Map<String, Map<String, Object>> ours = askAs(users, ask);
      assertThat(ids(ours.get("office1").get("本组待办"))).contains(taskId);
      assertThat(ids(ours.get("land1").get("office group"))).contains(taskId);
      assertThat(ids(ours.get("hr1").get("office group"))).doesNotContain(taskId);
      assertThat(ids(ours.get("hr1").get("本组待办"))).doesNotContain(taskId);
      assertTheEnginesTaskStatementsAnswerAlike(users, ask, ours);
    } finally {
      authorizations.deleteAuthorization(byDefinition.getId());
    }

    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("office1"); // the user's own authorization takes precedence over the group's grant
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(taskId);
    revoke.removePermission(Permissions.READ);
    authorizations.saveAuthorization(revoke);
    try {
      identity.setAuthentication("office1", List.of("petition-office"));
      Filter group = filters.createTaskFilterQuery().filterName("本组待办").singleResult();
      assertThat(filters.<Task>list(group.getId())).extracting(Task::getId).doesNotContain(taskId);
      assertThat(tasks.createTaskQuery().taskCandidateGroup("petition-office").taskId(taskId).count()).isZero();
    } finally {
      identity.clearAuthentication();
      authorizations.deleteAuthorization(revoke.getId());
    }

    // overdue and claimed by office1: 我的待办 and 已逾期 find it through the assignee's grant, as the engine's check does
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    task.setDueDate(new java.util.Date(System.currentTimeMillis() - 86_400_000L));
    tasks.saveTask(task);
    tasks.claim(taskId, "office1");
    Map<String, Map<String, Object>> claimed = askAs(users, ask);
    assertThat(ids(claimed.get("office1").get("我的待办"))).contains(taskId);
    assertThat(ids(claimed.get("office1").get("已逾期"))).contains(taskId);
    assertThat(ids(claimed.get("hr1").get("已逾期"))).doesNotContain(taskId);
    assertTheEnginesTaskStatementsAnswerAlike(users, ask, claimed);
  }

  /**
   * What the shortcut relies on holds at the engine's door for administrators too: a candidate group's grant on its
   * task is neither deleted nor narrowed while the group is the candidate, and a group with open tasks is not deleted.
   * Once the group is taken off the task, its grant may go; a grant that still lets the group read may change.
   */
  @Test
  void shouldKeepACandidateGroupsGrantWhileItIsTheCandidate() {
    String instance = register("候选组授权保留", "13744440002");
    String taskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    identity.saveGroup(identity.newGroup("tmp-desk"));
    tasks.addCandidateGroup(taskId, "tmp-desk");
    Authorization grant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
        .groupIdIn("tmp-desk").singleResult();
    assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue();
    identity.setAuthentication("admin", List.of("camunda-admin"));
    try {
      assertTheGrantIsKept(grant.getId(), "候选组", "tmp-desk", moved -> moved.setGroupId("unit-hr"),
          toUser -> { toUser.setGroupId(null); toUser.setUserId("hr1"); });
      assertThatThrownBy(() -> identity.deleteGroup("tmp-desk")).isInstanceOf(StateConflictException.class)
          .hasMessageContaining("1 个未办结任务");

      // the right way: the group is taken off the task; then its grant and the group may go
      tasks.deleteCandidateGroup(taskId, "tmp-desk");
      authorizations.deleteAuthorization(grant.getId());
      identity.deleteGroup("tmp-desk");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(authorizations.createAuthorizationQuery().authorizationId(grant.getId()).count()).isZero();
    assertThat(identity.createGroupQuery().groupId("tmp-desk").count()).isZero();
  }

  /**
   * The same for the assignee: the grant the engine gave office1 when it claimed the task stays while office1 holds
   * the task (also against an administrator); once the task is given back, the grant may go.
   */
  @Test
  void shouldKeepTheAssigneesGrantWhileTheUserHoldsTheTask() {
    String instance = register("办理人授权保留", "13744440003");
    String taskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    identity.setAuthentication("office1", List.of("petition-office"));
    try {
      tasks.claim(taskId, "office1");
    } finally {
      identity.clearAuthentication();
    }
    Authorization grant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
        .userIdIn("office1").singleResult();
    assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue();
    identity.setAuthentication("admin", List.of("camunda-admin"));
    try {
      assertTheGrantIsKept(grant.getId(), "办理人", "office1", moved -> moved.setUserId("office2"),
          toGroup -> { toGroup.setUserId(null); toGroup.setGroupId("unit-hr"); });

      // the right way: the task is given back (or to someone else); then the old assignee's grant may go
      tasks.setAssignee(taskId, null);
      authorizations.deleteAuthorization(grant.getId());
    } finally {
      identity.clearAuthentication();
    }
    assertThat(authorizations.createAuthorizationQuery().authorizationId(grant.getId()).count()).isZero();
  }

  /**
   * As the administrator: the grant can be neither deleted (the refusal names {@code why} and {@code who}) nor narrowed
   * (no READ), moved to someone else of the same kind or of the other kind; widened (READ kept) it may be.
   */
  @SafeVarargs
  private void assertTheGrantIsKept(String grantId, String why, String who,
      java.util.function.Consumer<Authorization>... moves) {
    assertThatThrownBy(() -> authorizations.deleteAuthorization(grantId))
        .isInstanceOf(StateConflictException.class).hasMessageContaining(why).hasMessageContaining(who);
    List<java.util.function.Consumer<Authorization>> changes = new java.util.ArrayList<>(List.of(moves));
    changes.add(narrowed -> narrowed.removePermission(Permissions.READ));
    for (var change : changes) {
      Authorization changed = authorizations.createAuthorizationQuery().authorizationId(grantId).singleResult();
      change.accept(changed);
      assertThatThrownBy(() -> authorizations.saveAuthorization(changed)).isInstanceOf(StateConflictException.class);
    }
    Authorization widened = authorizations.createAuthorizationQuery().authorizationId(grantId).singleResult();
    widened.addPermission(Permissions.DELETE);
    authorizations.saveAuthorization(widened);
    assertThat(authorizations.createAuthorizationQuery().authorizationId(grantId).singleResult()
        .isPermissionGranted(Permissions.READ)).isTrue();
  }

  /** Each user's answers to {@code questions}, asked as that user with those groups. */
  private Map<String, Map<String, Object>> askAs(Map<String, List<String>> users,
      java.util.function.Consumer<Map<String, Object>> questions) {
    Map<String, Map<String, Object>> answers = new java.util.TreeMap<>();
    users.forEach((user, groups) -> {
      identity.setAuthentication(user, groups);
      try {
        Map<String, Object> own = new java.util.LinkedHashMap<>();
        questions.accept(own);
        answers.put(user, own);
      } finally {
        identity.clearAuthentication();
      }
    });
    return answers;
  }

  /** The same questions, answered by the engine's own task list and count statements, get {@code ours}. */
  private void assertTheEnginesTaskStatementsAnswerAlike(Map<String, List<String>> users,
      java.util.function.Consumer<Map<String, Object>> questions, Map<String, Map<String, Object>> ours) {
    withEnginesStatements("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.",
        List.of("selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria"),
        () -> assertThat(askAs(users, questions)).isEqualTo(ours));
  }

  /** Runs {@code asked} with the engine's own statements (namespace + id) in place of the service's, then ours again. */
  private void withEnginesStatements(String namespace, List<String> ids, Runnable asked) {
    var sessions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
    Map<String, String> service = sessions.getStatementMappings();
    Map<String, String> engineOnly = new java.util.HashMap<>(service);
    ids.forEach(id -> engineOnly.put(id, namespace + id));
    sessions.setStatementMappings(engineOnly);
    try {
      asked.run();
    } finally {
      sessions.setStatementMappings(service);
    }
  }

  /** READ_TASK on petition-intake's definition: the engine's second way to see a task, beside the grant on it. */
  private Authorization grantReadTaskOfIntake(String user) {
    Authorization byDefinition = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    byDefinition.setUserId(user);
    byDefinition.setResource(Resources.PROCESS_DEFINITION);
    byDefinition.setResourceId("petition-intake");
    byDefinition.addPermission(Permissions.READ_TASK);
    return authorizations.saveAuthorization(byDefinition);
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Object answer) {
    return (List<String>) answer;
  }

  /** Registers as the reception clerk, as Tasklist's start form does. */
  private String register(String subject, String phone) {
    identity.setAuthentication("reception1", List.of("reception"));
    try {
      return runtime.startProcessInstanceByKey("petition-intake", Map.of("channel", "VISIT", "category", "LABOR",
          "subject", subject, "content", "拖欠工资", "realName", true, "headcount", 1, "sourceLevel", "SELF",
          "petitionerName", "测试人", "petitionerPhone", phone)).getId();
    } finally {
      identity.clearAuthentication();
    }
  }
}
