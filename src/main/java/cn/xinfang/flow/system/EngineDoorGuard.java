package cn.xinfang.flow.system;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a task hold at every door. This interceptor sits in front of every engine command
 * that a person sends — from Tasklist, from {@code /engine-rest}, from our {@code /api} — and:
 *
 * <ul>
 *   <li>lets a task be completed, submitted or saved only with the fields of that task's own form,
 *       checked with the form's rules (required, length, pattern, options, range); a case variable
 *       such as the owner, the unit, a due date or a counter cannot be set that way;</li>
 *   <li>lets a process be started only with the fields of its start form and never with a business
 *       key: numbering is the registration's job;</li>
 *   <li>keeps jobs, incidents, signals, messages, instance and execution variables, modification,
 *       migration, deletion and task re-routing (identity links, due dates, delegation) to the
 *       administrators; a refused job keeps its retries (the refusal is not counted as a failed run);</li>
 *   <li>lets a task be given only to a member of its candidate groups;</li>
 *   <li>keeps a candidate group's grant on its task as long as the group is a candidate and the assignee's grant as
 *       long as the user is the assignee (also for administrators), and a group that is still the candidate of open
 *       tasks: the task lists rely on them ({@link CandidateGrants}).</li>
 * </ul>
 *
 * <p>What the engine does on its own behalf passes untouched: the job executor (no authenticated
 * user), delegate and listener code (a command inside a command) and our own checked calls through
 * {@link TrustedEngineCalls}.
 */
public class EngineDoorGuard extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(EngineDoorGuard.class);

  /** Commands only administrators may send (matched on the command's class or any superclass). */
  static final Set<String> ADMIN_ONLY = Set.of(
      // jobs: running, retrying, rescheduling, suspending or deleting a timer is switching a deadline on or off
      "ExecuteJobsCmd", "SetJobRetriesCmd", "AbstractSetJobsRetriesBatchCmd", "SetJobDuedateCmd",
      "RecalculateJobDuedateCmd", "SetJobPriorityCmd", "SetJobDefinitionPriorityCmd", "DeleteJobCmd", "DeleteJobsCmd",
      "UnlockJobCmd", "AbstractSetJobStateCmd", "AbstractSetJobDefinitionStateCmd", "JobRetryCmd",
      // incidents
      "CreateIncidentCmd", "ResolveIncidentCmd", "SetAnnotationForIncidentCmd",
      // external tasks (none are used; nobody but an administrator may fetch or complete them)
      "ExternalTaskCmd", "FetchExternalTasksCmd", "AbstractSetExternalTaskRetriesCmd", "SetExternalTaskPriorityCmd",
      // variables of instances and executions
      "SetExecutionVariablesCmd", "PatchExecutionVariablesCmd", "RemoveExecutionVariablesCmd",
      "SetVariablesToProcessInstancesBatchCmd",
      // signals and messages: our own code delivers the messages a case may receive, after its checks
      "SignalCmd", "SignalEventReceivedCmd", "MessageEventReceivedCmd", "AbstractCorrelateMessageCmd",
      "CorrelateAllMessageBatchCmd",
      // moving, restarting, suspending, deleting or migrating instances
      "AbstractModificationCmd", "ModifyProcessInstanceCmd", "ModifyProcessInstanceAsyncCmd",
      "ProcessInstanceModificationCmd", "ProcessInstanceModificationBatchCmd", "StartProcessInstanceAtActivitiesCmd",
      "AbstractRestartProcessInstanceCmd", "AbstractDeleteProcessInstanceCmd", "DeleteProcessInstancesCmd",
      "DeleteProcessInstanceBatchCmd", "AbstractSetProcessInstanceStateCmd", "AbstractSetProcessDefinitionStateCmd",
      "AbstractUpdateProcessInstancesSuspendStateCmd", "SetProcessDefinitionVersionCmd", "MigrateProcessInstanceCmd",
      "MigrateProcessInstanceBatchCmd",
      // re-routing a task: who may work on it, when it is due, whether it throws an error
      "AddGroupIdentityLinkCmd", "AddUserIdentityLinkCmd", "DeleteGroupIdentityLinkCmd", "DeleteUserIdentityLinkCmd",
      "DeleteIdentityLinkCmd", "DelegateTaskCmd", "SetTaskOwnerCmd", "SetTaskDueDateCmd", "SetTaskNameCmd",
      "SetTaskDescriptionCmd", "SetTaskPriorityCmd", "HandleTaskBpmnErrorCmd", "HandleTaskEscalationCmd",
      "DeleteTaskCmd",
      // history is the record of the case
      "DeleteHistoricVariableInstanceCmd", "DeleteHistoricVariableInstancesByProcessInstanceIdCmd",
      "DeleteHistoricProcessInstancesCmd", "DeleteHistoricTaskInstanceCmd", "DeleteUserOperationLogEntryCmd");

  private static final ThreadLocal<Set<String>> EXTRA_START_FIELDS = new ThreadLocal<>();

  private final Map<String, FormRules> forms = new ConcurrentHashMap<>();
  private ProcessEngineConfigurationImpl configuration;

  void setConfiguration(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /**
   * Runs a start through a door of ours that accepts a few fields beyond the start form (the
   * registration API's {@code receivedBy}); every other rule still applies.
   */
  public static <T> T withStartFields(Collection<String> extra, java.util.function.Supplier<T> action) {
    EXTRA_START_FIELDS.set(Set.copyOf(extra));
    try {
      return action.get();
    } finally {
      EXTRA_START_FIELDS.remove();
    }
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null || configuration == null) {
      return next.execute(command); // inside a command: delegate code, listeners, our trusted calls
    }
    Authentication auth = configuration.getIdentityService().getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return next.execute(command); // the engine itself: job executor, start-up
    }
    Set<String> kinds = classNames(command);
    try {
      return guard(command, auth, kinds);
    } catch (org.camunda.bpm.engine.ProcessEngineException e) {
      throw plainRefusal(e, kinds);
    }
  }

  /**
   * The engine wraps what a listener throws ("ENGINE-03051 …"), and Camunda's REST answers a wrapped
   * refusal with 500. Here, outside the whole command, the refusal is taken out again: a form
   * submission gets the engine's form-validation exception (400 at every REST door), any other call
   * our own exception (400, or 409 for a case in the wrong state).
   */
  private static RuntimeException plainRefusal(org.camunda.bpm.engine.ProcessEngineException e, Set<String> kinds) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FormInputRefused refused) {
        return refused;
      }
      if (t instanceof InvalidInputException invalid) {
        boolean form = kinds.contains("CompleteTaskCmd") || kinds.contains("SubmitTaskFormCmd")
            || kinds.contains("SubmitStartFormCmd");
        return form ? new FormInputRefused(invalid) : invalid;
      }
      if (t instanceof StateConflictException || t instanceof NotFoundException
          || t instanceof org.camunda.bpm.engine.AuthorizationException) {
        return (RuntimeException) t;
      }
    }
    return e;
  }

  private <T> T guard(Command<T> command, Authentication auth, Set<String> kinds) {
    boolean admin = isAdmin(auth);

    if (kinds.contains("FailedJobListener") && refusedHere(command)) {
      // the job was never run: a refusal must not cost it a retry or open an incident
      return null;
    }
    if (!admin) {
      for (String kind : kinds) {
        if (ADMIN_ONLY.contains(kind)) {
          LOG.warn("Refused {} for user {}: administrators only", kind, auth.getUserId());
          throw new DoorRefusedException(auth.getUserId(), describe(kind));
        }
      }
    }
    if (kinds.contains("CompleteTaskCmd")) { // also ResolveTaskCmd
      return guarded(command, ctx -> checkTaskWrite(ctx, auth, field(command, "taskId"),
          field(command, "variables"), true, true));
    }
    if (kinds.contains("SubmitTaskFormCmd")) {
      return guarded(command, ctx -> checkTaskWrite(ctx, auth, field(command, "taskId"),
          field(command, "properties"), true, true));
    }
    if (kinds.contains("SetTaskVariablesCmd") || kinds.contains("PatchTaskVariablesCmd")) {
      return guarded(command, ctx -> {
        checkTaskWrite(ctx, auth, field(command, "entityId"), field(command, "variables"), false, false);
        Collection<String> deletions = field(command, "deletions");
        if (deletions != null && !deletions.isEmpty()) {
          throw removal(deletions);
        }
      });
    }
    if (kinds.contains("RemoveTaskVariablesCmd")) {
      Collection<String> names = field(command, "variableNames");
      throw removal(names == null ? List.of() : names);
    }
    if (kinds.contains("StartProcessInstanceCmd")) {
      ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
      return guarded(command, ctx -> checkStart(ctx, builder.getProcessDefinitionId(),
          builder.getProcessDefinitionKey(), builder.getBusinessKey(), builder.getVariables()));
    }
    if (kinds.contains("SubmitStartFormCmd")) {
      return guarded(command, ctx -> checkStart(ctx, field(command, "processDefinitionId"), null,
          field(command, "businessKey"), field(command, "variables")));
    }
    if (!admin && kinds.contains("ClaimTaskCmd")) {
      return guarded(command, ctx -> checkAssignee(ctx, auth, field(command, "taskId"), field(command, "userId")));
    }
    if (!admin && kinds.contains("AssignTaskCmd")) {
      return guarded(command, ctx -> checkAssignee(ctx, auth, field(command, "taskId"), field(command, "userId")));
    }
    if (!admin && kinds.contains("SaveTaskCmd")) {
      return guarded(command, ctx -> checkTaskUpdate(ctx, auth, field(command, "task")));
    }
    // a candidate group's or the assignee's grant on a task stays while the link or the assignment does: the task
    // lists rely on it (CandidateGrants)
    if (kinds.contains("DeleteAuthorizationCmd")) {
      return guarded(command, ctx -> checkTaskGrantKept(ctx, field(command, "authorizationId"), null));
    }
    if (kinds.contains("SaveAuthorizationCmd")) {
      AuthorizationEntity changed = field(command, "authorization");
      return guarded(command, ctx -> checkTaskGrantKept(ctx, changed == null ? null : changed.getId(), changed));
    }
    if (kinds.contains("DeleteGroupCmd")) {
      return guarded(command, ctx -> checkGroupHasNoOpenTasks(ctx, field(command, "groupId")));
    }
    return next.execute(command);
  }

  // ---------------------------------------------------------------------------------------------
  // grants of candidate groups and assignees

  /**
   * A group's grant on a task of which it is a candidate, or a user's grant on a task assigned to that user, may not be
   * deleted ({@code changed} null) or changed so that the group or user loses READ on that task: the engine made it
   * with the link or the assignment, and the task lists answer "my groups' tasks" and "mine or my groups'" from the
   * links and the assignee alone ({@link CandidateGrants}). New grants, and grants without a link or an assignment, are
   * free.
   */
  private static void checkTaskGrantKept(CommandContext ctx, String authorizationId, AuthorizationEntity changed) {
    if (authorizationId == null) {
      return; // a new grant
    }
    AuthorizationEntity stored = ctx.getDbEntityManager().selectById(AuthorizationEntity.class, authorizationId);
    if (stored == null || stored.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT
        || stored.getResourceType() != Resources.TASK.resourceType() || !stored.isPermissionGranted(Permissions.READ)
        || (stored.getGroupId() == null && (stored.getUserId() == null || Authorization.ANY.equals(stored.getUserId())))) {
      return;
    }
    String group = stored.getGroupId();
    String user = stored.getUserId();
    String task = stored.getResourceId();
    if (changed != null && changed.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
        && Objects.equals(group, changed.getGroupId()) && Objects.equals(user, changed.getUserId())
        && changed.getResourceType() == Resources.TASK.resourceType() && Objects.equals(task, changed.getResourceId())
        && changed.isPermissionGranted(Permissions.READ)) {
      return; // it still lets the group or the user read the task
    }
    String what = changed == null ? "删除" : "去掉其读取权限或改为他用";
    if (group != null) {
      boolean candidate = ctx.runWithoutAuthorization(() -> ctx.getIdentityLinkManager().findIdentityLinksByTaskId(task)
          .stream().anyMatch(link -> "candidate".equals(link.getType()) && group.equals(link.getGroupId())));
      if (candidate) {
        throw new StateConflictException("这条授权是「" + group + "」成为该任务的候选组时自动授予的，随候选组一起维护，不能"
            + what + "。要让该组不再处理此任务，请从任务的候选组中移除「" + group + "」（任务 " + task + "）");
      }
      return;
    }
    TaskEntity assigned = ctx.runWithoutAuthorization(() -> ctx.getTaskManager().findTaskById(task));
    if (assigned != null && user.equals(assigned.getAssignee())) {
      throw new StateConflictException("这条授权是「" + user + "」成为该任务的办理人时自动授予的，随办理人一起维护，不能" + what
          + "。要让此人不再处理此任务，请把任务改派给他人或取消认领（任务 " + task + "）");
    }
  }

  /** A group that is still a candidate of open tasks is not deleted: its tasks would be left to nobody. */
  private static void checkGroupHasNoOpenTasks(CommandContext ctx, String groupId) {
    if (groupId == null) {
      return;
    }
    long open = ctx.runWithoutAuthorization(() -> {
      TaskQueryImpl tasks = new TaskQueryImpl();
      tasks.taskCandidateGroup(groupId).includeAssignedTasks();
      return ctx.getTaskManager().findTaskCountByQueryCriteria(tasks);
    });
    if (open > 0) {
      throw new StateConflictException("「" + groupId + "」仍是 " + open + " 个未办结任务的候选组，删除后这些任务将无人可见。"
          + "请先把这些任务改派给其他组，再删除该组");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // tasks

  private void checkTaskWrite(CommandContext ctx, Authentication auth, String taskId, Map<String, ?> sent,
      boolean completing, boolean work) {
    TaskEntity task = taskId == null ? null : ctx.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command itself answers "no such task"
    }
    // whoever may not touch the task learns nothing about its form
    for (CommandChecker checker : ctx.getProcessEngineConfiguration().getCommandCheckers()) {
      if (work) {
        checker.checkTaskWork(task);
      } else {
        checker.checkUpdateTaskVariable(task);
      }
    }
    Map<String, Object> values = sent == null ? Map.of() : new HashMap<>(sent);
    if (values.isEmpty() && !completing) {
      return;
    }
    FormRules rules = ctx.runWithoutAuthorization(() -> formOfTask(ctx, task));
    String what = "「" + Objects.requireNonNullElse(task.getName(), task.getTaskDefinitionKey()) + "」";
    if (rules == null) {
      if (!values.isEmpty()) {
        throw new InvalidInputException(what + "没有表单字段，不接受任何填写内容",
            values.keySet().stream().sorted().map(n -> new FieldProblem(n, "此环节没有该字段")).toList());
      }
      return;
    }
    Map<String, Object> current = ctx.runWithoutAuthorization(() -> new HashMap<>(task.getVariables()));
    List<FieldProblem> problems = rules.check(values, current, completing, hide -> hidden(hide, current, values),
        Set.of());
    if (!problems.isEmpty()) {
      LOG.info("Refused write to task {} ({}) by {}: {}", task.getId(), task.getTaskDefinitionKey(), auth.getUserId(),
          problems);
      throw new InvalidInputException(what + (completing ? "提交的内容有误，任务未提交" : "保存的内容有误，未保存"), problems);
    }
  }

  private static InvalidInputException removal(Collection<String> names) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String name : names) {
      problems.add(new FieldProblem(name, "不能删除案件数据"));
    }
    if (problems.isEmpty()) {
      problems.add(new FieldProblem("(variables)", "不能删除案件数据"));
    }
    return new InvalidInputException("任务数据不能删除", problems);
  }

  /** A task goes to its candidate groups' members only: handing it elsewhere would open the case to them. */
  private void checkAssignee(CommandContext ctx, Authentication auth, String taskId, String userId) {
    if (userId == null || userId.equals(auth.getUserId())) {
      return; // unclaim, or claim for oneself: the engine's own checks decide
    }
    TaskEntity task = taskId == null ? null : ctx.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    boolean candidate = ctx.runWithoutAuthorization(() -> {
      for (IdentityLinkEntity link : task.getIdentityLinks()) {
        if (!"candidate".equals(link.getType())) {
          continue;
        }
        if (userId.equals(link.getUserId())) {
          return true;
        }
        if (link.getGroupId() != null && configuration.getIdentityService().createUserQuery().userId(userId)
            .memberOfGroup(link.getGroupId()).count() > 0) {
          return true;
        }
      }
      return false;
    });
    if (!candidate) {
      throw new InvalidInputException("assignee", "只能把任务交给本环节承办组的成员；「" + userId + "」不在其中");
    }
  }

  /** Saving a case's task may change its follow-up date and assignee only; its deadline and name are the flow's. */
  private void checkTaskUpdate(CommandContext ctx, Authentication auth, TaskEntity changed) {
    if (changed == null || changed.getRevision() == 0) {
      return; // a new standalone task: the engine's create permission decides
    }
    TaskEntity stored = ctx.getTaskManager().findTaskById(changed.getId());
    if (stored == null || stored.getProcessInstanceId() == null) {
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    compare(problems, "due", "办理期限", stored.getDueDate(), changed.getDueDate());
    compare(problems, "name", "任务名称", stored.getName(), changed.getName());
    compare(problems, "description", "任务说明", stored.getDescription(), changed.getDescription());
    compare(problems, "priority", "优先级", stored.getPriority(), changed.getPriority());
    compare(problems, "owner", "任务所有人", stored.getOwner(), changed.getOwner());
    compare(problems, "parentTaskId", "上级任务", stored.getParentTaskId(), changed.getParentTaskId());
    compare(problems, "delegationState", "委托状态", stored.getDelegationState(), changed.getDelegationState());
    if (!problems.isEmpty()) {
      throw new InvalidInputException("流程中的任务只能修改跟进日期和办理人", problems);
    }
    if (!Objects.equals(stored.getAssignee(), changed.getAssignee())) {
      checkAssignee(ctx, auth, changed.getId(), changed.getAssignee());
    }
  }

  private static void compare(List<FieldProblem> problems, String field, String label, Object before, Object after) {
    Object a = before instanceof java.util.Date d ? d.getTime() : before;
    Object b = after instanceof java.util.Date d ? d.getTime() : after;
    if (!Objects.equals(a, b)) {
      problems.add(new FieldProblem(field, label + "由流程确定，不能修改"));
    }
  }

  private FormRules formOfTask(CommandContext ctx, TaskEntity task) {
    if (task.getProcessDefinitionId() == null) {
      return null;
    }
    task.initializeFormKey();
    CamundaFormRef ref = task.getCamundaFormRef();
    if (ref == null) {
      return null;
    }
    ProcessDefinitionEntity definition = ctx.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
    return form(ctx, ref, definition.getDeploymentId());
  }

  // ---------------------------------------------------------------------------------------------
  // starts

  private void checkStart(CommandContext ctx, String definitionId, String definitionKey, String businessKey,
      Map<String, ?> sent) {
    Set<String> extra = Optional.ofNullable(EXTRA_START_FIELDS.get()).orElse(Set.of());
    List<FieldProblem> problems = new ArrayList<>();
    if (businessKey != null && !businessKey.isBlank()) {
      problems.add(new FieldProblem("businessKey", "业务键（信访件编号）由系统生成，发起流程时不能指定"));
    }
    ProcessDefinitionEntity definition = ctx.runWithoutAuthorization(() -> definitionId != null
        ? ctx.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(definitionId)
        : ctx.getProcessEngineConfiguration().getDeploymentCache().findDeployedLatestProcessDefinitionByKey(
            definitionKey));
    if (definition == null) {
      return; // the command reports the unknown definition
    }
    Map<String, Object> values = sent == null ? Map.of() : new HashMap<>(sent);
    FormRules rules = ctx.runWithoutAuthorization(() -> {
      StartFormData data = new GetStartFormCmd(definition.getId()).execute(ctx);
      CamundaFormRef ref = data == null ? null : data.getCamundaFormRef();
      return ref == null ? null : form(ctx, ref, definition.getDeploymentId());
    });
    if (rules == null) {
      values.keySet().stream().sorted().filter(n -> !extra.contains(n))
          .forEach(n -> problems.add(new FieldProblem(n, "该流程发起时没有此字段")));
    } else {
      // names here; the values are judged by the process's own start listener (the registration's
      // validation is a superset of the form's rules and names every problem at once)
      values.keySet().stream().sorted().filter(n -> !rules.fields().containsKey(n) && !extra.contains(n))
          .forEach(n -> problems.add(new FieldProblem(n, "登记表没有该字段，不能在发起时提交")));
    }
    if (!problems.isEmpty()) {
      String name = definition.getName() != null ? definition.getName() : definition.getKey();
      throw new InvalidInputException("「" + name + "」发起信息有误，未保存", problems);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // forms

  private FormRules form(CommandContext ctx, CamundaFormRef ref, String deploymentId) {
    CamundaFormDefinition definition = new GetCamundaFormDefinitionCmd(ref, deploymentId).execute(ctx);
    if (definition == null) {
      throw new IllegalStateException("表单 " + ref.getKey() + " 未部署");
    }
    String cacheKey = definition.getDeploymentId() + "/" + definition.getResourceName();
    return forms.computeIfAbsent(cacheKey, k -> {
      ResourceEntity resource = ctx.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
      return FormRules.parse(resource.getBytes());
    });
  }

  /** Evaluates a form's {@code conditional.hide} FEEL expression the way the browser does; empty if it cannot. */
  private Optional<Boolean> hidden(String expression, Map<String, Object> current, Map<String, Object> sent) {
    try {
      Map<String, Object> context = new HashMap<>();
      current.forEach((k, v) -> context.put(k, FormRules.plain(v)));
      sent.forEach((k, v) -> context.put(k, FormRules.plain(v)));
      FeelEngine feel = ((DefaultDmnEngineConfiguration) configuration.getDmnEngineConfiguration()).getFeelEngine();
      String text = expression.startsWith("=") ? expression.substring(1) : expression;
      Object result = feel.evaluateSimpleExpression(text, Variables.fromMap(context).asVariableContext());
      return result instanceof Boolean b ? Optional.of(b) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private boolean isAdmin(Authentication auth) {
    List<String> adminGroups = configuration.getAdminGroups();
    List<String> adminUsers = configuration.getAdminUsers();
    if (adminUsers != null && adminUsers.contains(auth.getUserId())) {
      return true;
    }
    List<String> groups = auth.getGroupIds();
    if (groups == null || adminGroups == null) {
      return false;
    }
    return groups.stream().anyMatch(adminGroups::contains);
  }

  /** Did this failed-job listener follow a job execution this guard refused? */
  private static boolean refusedHere(Command<?> listener) {
    JobFailureCollector collector = field(listener, "jobFailureCollector");
    return collector != null && collector.getFailure() instanceof DoorRefusedException;
  }

  private <T> T guarded(Command<T> command, java.util.function.Consumer<CommandContext> check) {
    return next.execute(new Command<T>() {
      @Override
      public T execute(CommandContext commandContext) {
        check.accept(commandContext);
        return command.execute(commandContext);
      }
    });
  }

  private static Set<String> classNames(Object command) {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> c = command.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      names.add(c.getSimpleName());
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  static <V> V field(Object target, String name) {
    for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return (V) f.get(target);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("engine command " + target.getClass().getName() + " has no field " + name);
  }

  private static String describe(String kind) {
    String lower = kind.toLowerCase();
    if (lower.contains("job")) {
      return "只有系统管理员可以执行、重试或调整定时作业（催办、督办的定时器）";
    }
    if (lower.contains("incident")) {
      return "只有系统管理员可以处理运行异常";
    }
    if (lower.contains("variable")) {
      return "案件数据只能通过各环节的表单填写；直接修改流程变量仅限系统管理员";
    }
    if (lower.contains("signal") || lower.contains("message") || lower.contains("correlat")) {
      return "消息和信号由系统在登记信访人请求时发送；直接发送仅限系统管理员";
    }
    if (lower.contains("identitylink") || lower.contains("delegate") || lower.contains("owner")
        || lower.contains("settask") || lower.contains("handletask") || lower.contains("deletetask")) {
      return "任务的承办组、期限和流转由流程确定；调整仅限系统管理员";
    }
    return "只有系统管理员可以执行此操作";
  }

  /** A refusal of this guard: 403 at every door, and never counted as a failed job run. */
  public static class DoorRefusedException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    DoorRefusedException(String userId, String message) {
      super(message + "（用户 " + userId + "）");
    }
  }
}
