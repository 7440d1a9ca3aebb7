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
 * The Tasklist filters every role works from: 我的待办, 本组待办, 即将到期, 已逾期. They are shared
 * (readable by everybody) and evaluated per user, so each person sees only the tasks of their groups.
 * Created once per database: looked up by name, and created only under the start-up lock.
 */
@Component
class TasklistFilters {

  /** Columns shown on every task card, so the clerk sees the case number without opening it. */
  private static final List<Map<String, String>> CASE_COLUMNS = List.of(
      Map.of("name", "caseNumber", "label", "信访件编号"),
      Map.of("name", "subject", "label", "信访事项"),
      Map.of("name", "currentDueLabel", "label", "办理时限"));

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizations;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizations) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizations = authorizations;
  }

  void ensureFilters() {
    ensure("我的待办", -20, "分配给我的任务，按到期时间排序",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensure("本组待办", -15, "本单位（组）可认领的任务",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
    ensure("即将到期", -10, "三日内到期的我的和本组任务",
        mineOrMyGroups().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(3).toDate()}"));
    ensure("已逾期", -5, "已超过办理时限的我的和本组任务",
        mineOrMyGroups().dueBeforeExpression("${now()}"));
    // a leader's owned cases: every open task of their ownerships names them as candidate
    ensure("我的包案", 0, "我包案的信访件：当前环节和下一个时限",
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
    if (!existing.isEmpty()) {
      // two nodes of an older version starting together could create a filter twice: keep one
      for (Filter duplicate : existing.subList(1, existing.size())) {
        filterService.deleteFilter(duplicate.getId());
      }
      return;
    }
    ((TaskQueryImpl) query).orderByDueDate().asc();
    Filter filter = filterService.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of("priority", priority, "description", description, "refresh", true,
            "variables", CASE_COLUMNS));
    filterService.saveFilter(filter);
    Authorization readAll = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    readAll.setUserId(Authorization.ANY);
    readAll.setResource(Resources.FILTER);
    readAll.setResourceId(filter.getId());
    readAll.addPermission(Permissions.READ);
    authorizations.saveAuthorization(readAll);
  }
}
