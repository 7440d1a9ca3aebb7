package cn.xinfang.flow.organization;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every role works from: 我的待办, 本组待办, 即将到期, 已逾期 — readable by everybody
 * and evaluated per user, so each person sees only the tasks of their groups — and 我的包案, readable by
 * leaders only (no one else owns cases). Created once per database: looked up by name, and created
 * only under the start-up lock; a filter of an older version is brought up to date at start-up (its
 * columns, its readers, no ordering of its own).
 *
 * <p>The filters carry no ordering: the engine puts a filter's ordering before the one Tasklist
 * sends, so a filter sorted by due date was still sorted by due date while Tasklist's header said
 * 创建时间. Tasklist's own sorting (到期日期 ↑ by default, xinfang-forms.js) is the only one.
 */
@Component
class TasklistFilters {

  /** Columns shown on every task card, so the clerk sees the case number without opening it. */
  private static final List<Map<String, String>> CASE_COLUMNS = List.of(
      Map.of("name", "caseNumber", "label", "信访件编号"),
      Map.of("name", "petitionerDisplay", "label", "信访人"),
      Map.of("name", "subject", "label", "信访事项"),
      Map.of("name", "currentDueLabel", "label", "办理时限"));

  static final String OWNED_CASES = "我的包案";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizations;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizations) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizations = authorizations;
  }

  void ensureFilters() {
    ensure("我的待办", -20, "分配给我的任务",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensure("本组待办", -15, "本单位（组）可认领的任务",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
    ensure("即将到期", -10, "三日内到期的我的和本组任务",
        mineOrMyGroups().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(3).toDate()}"));
    ensure("已逾期", -5, "已超过办理时限的我的和本组任务",
        mineOrMyGroups().dueBeforeExpression("${now()}"));
    // a leader's owned cases: every open task of their ownerships names them as candidate
    ensure(OWNED_CASES, 0, "我包案的信访件：当前环节和下一个时限",
        taskService.createTaskQuery().processDefinitionKey("leader-ownership")
            .taskCandidateUserExpression("${currentUser()}").includeAssignedTasks());
  }

  private TaskQuery mineOrMyGroups() {
    return taskService.createTaskQuery().or()
        .taskAssigneeExpression("${currentUser()}")
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .endOr();
  }

  private void ensure(String name, int priority, String description, TaskQuery query) {
    List<Filter> existing = filterService.createFilterQuery().filterName(name).filterResourceType("Task").list();
    Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true,
        "variables", CASE_COLUMNS);
    Filter filter;
    if (existing.isEmpty()) {
      filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties);
      filterService.saveFilter(filter);
    } else {
      // two nodes of an older version starting together could create a filter twice: keep one
      for (Filter duplicate : existing.subList(1, existing.size())) {
        filterService.deleteFilter(duplicate.getId());
      }
      filter = existing.get(0);
      upgrade(filter, properties);
    }
    grantRead(filter.getId(), OWNED_CASES.equals(name) ? OrganizationDirectory.LEADERS : null);
  }

  /** An older version's filter: its own due-date ordering dropped, the current columns and description. */
  private void upgrade(Filter filter, Map<String, Object> properties) {
    TaskQueryImpl query = filter.getQuery();
    boolean ordered = query.getOrderingProperties() != null && !query.getOrderingProperties().isEmpty();
    if (ordered) {
      query.getOrderingProperties().clear();
      filter.setQuery(query);
    }
    if (ordered || !properties.equals(filter.getProperties())) {
      filter.setProperties(properties);
      filterService.saveFilter(filter);
    }
  }

  /**
   * Readable by everybody ({@code group} null) or by one group only; a grant to everybody left by an
   * older version on a group's filter is taken back.
   */
  private void grantRead(String filterId, String group) {
    List<Authorization> grants = authorizations.createAuthorizationQuery()
        .resourceType(Resources.FILTER).resourceId(filterId).list();
    boolean present = false;
    for (Authorization grant : grants) {
      boolean everybody = Authorization.ANY.equals(grant.getUserId());
      if (group != null && everybody) {
        authorizations.deleteAuthorization(grant.getId());
      } else if (group == null ? everybody : group.equals(grant.getGroupId())) {
        present = true;
      }
    }
    if (present) {
      return;
    }
    Authorization read = authorizations.createNewAuthorization(
        group == null ? Authorization.AUTH_TYPE_GLOBAL : Authorization.AUTH_TYPE_GRANT);
    if (group == null) {
      read.setUserId(Authorization.ANY);
    } else {
      read.setGroupId(group);
    }
    read.setResource(Resources.FILTER);
    read.setResourceId(filterId);
    read.addPermission(Permissions.READ);
    authorizations.saveAuthorization(read);
  }
}
