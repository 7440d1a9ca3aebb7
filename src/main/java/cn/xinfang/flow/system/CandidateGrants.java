package cn.xinfang.flow.system;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * When a task query's own criteria already prove the user's right to read every task it can return, so that
 * {@code TaskQuery.xml} leaves the per-task grant check out (issue 12: Tasklist's 本组待办 for an office of thousands of
 * tasks paid for reading, hashing and probing one grant per task, 1.5–1.7× the administrator's time; 已逾期 and 即将到期
 * the same for "mine or my groups'").
 *
 * <p>The proof: the engine gives a group READ on a task (a GRANT row on that task) at the moment the group becomes a
 * candidate of it, and a user READ (with UPDATE) at the moment the user becomes its assignee — whichever door adds the
 * link or sets the assignee (the diagram, {@code TaskService}, {@code /engine-rest}, a claim); it deletes those rows
 * only with the task. So a query that asks only for tasks with a candidate link of the user's own groups (本组待办:
 * {@code taskCandidateGroupIn(${currentUserGroups()})}), only for the user's own tasks (我的待办), or only for tasks
 * that are the user's own or have such a link (已逾期, 即将到期: {@code
 * or().taskAssignee(${currentUser()}).taskCandidateGroupIn(${currentUserGroups()})}), can return only tasks the user
 * or the user's group holds READ on, and the check would pass for every row: the rows are the same with or without it.
 *
 * <p>What could break the proof is an administrator taking such a grant away while the link or the assignment stays.
 * The engine doors refuse that ({@link EngineDoorGuard}: deleting or narrowing a task grant of a group that is still a
 * candidate or of a user who is still the assignee, and deleting a group that is still the candidate of open tasks); to
 * take a task from a group or a person, take the group off the task or give the task to someone else. A REVOKE row
 * anywhere switches the engine's own check back on for every query ({@code XF_AUTH}), so a revoke is still honoured.
 * Every other query keeps the check.
 */
public final class CandidateGrants {

  /**
   * Fields of an OR query that are no criterion (the engine's plumbing, the expressions already evaluated into the
   * criteria) or are the criteria this class checks itself. Any other field that differs from a new query's is a
   * criterion of its own — an arm the proof does not cover — and keeps the check; so does a field a later engine adds.
   */
  private static final Set<String> NOT_AN_ARM = Set.of(
      // AbstractQuery, ListQueryParameterObject: how the query runs, not which rows match
      "commandExecutor", "resultType", "expressions", "validators", "maxResultsLimitEnabled", "authCheck",
      "tenantCheck", "orderingProperties", "maxResults", "firstResult", "parameter", "databaseType",
      // TaskQueryImpl: the list of queries it belongs to, that it is an OR query, the arms checked below
      "queries", "isOrQueryActive", "assignee", "candidateGroup", "candidateGroups", "cachedCandidateGroups",
      "includeAssignedTasks");

  /** Every other field of a task query: each one a possible arm of an OR query. */
  private static final List<Field> ARMS = armsOf(TaskQueryImpl.class);

  /** A query without criteria: what each of {@link #ARMS} holds when it is not an arm. */
  private static final TaskQueryImpl NEW_QUERY = new TaskQueryImpl();

  private CandidateGrants() {}

  /**
   * Whether {@code query}'s criteria imply a grant on every task it returns, and READ on the task is among the
   * permissions that would be checked: either its main criteria (which every row must meet) ask for tasks with a
   * candidate link of the user's own groups or for the user's own tasks, or one of its OR queries has no arm but "the
   * user is the assignee" and "a candidate link of the user's own groups". Called from {@code TaskQuery.xml}.
   */
  public static boolean impliedBy(TaskQueryImpl query) {
    AuthorizationCheck check = query.getAuthCheck();
    if (check == null || check.getAuthUserId() == null || check.isRevokeAuthorizationCheckEnabled()
        || check.getPermissionChecks() == null || check.getPermissionChecks().getAtomicChecks() == null) {
      return false;
    }
    boolean readsTask = false;
    for (PermissionCheck permission : check.getPermissionChecks().getAtomicChecks()) {
      readsTask |= permission.getResourceType() == Resources.TASK.resourceType()
          && permission.getPerms() == Permissions.READ.getValue()
          && "RES.ID_".equals(permission.getResourceIdQueryParam());
    }
    List<TaskQueryImpl> queries = query.getQueries();
    if (!readsTask || queries == null || queries.isEmpty()) {
      return false;
    }
    List<String> own = check.getAuthGroupIds();
    // the first of the queries is the main one: TaskQuery.xml joins its criteria with AND, an OR query's with OR
    TaskQueryImpl main = queries.get(0);
    if (main.getCandidateUser() == null && main.getCandidateGroupLike() == null && ownGroups(main, own)
        || ownTasks(main, check.getAuthUserId())) {
      return true;
    }
    // every row also meets each OR query: one whose every arm implies a grant is enough
    for (TaskQueryImpl or : queries.subList(1, queries.size())) {
      if (everyArmImplied(or, check.getAuthUserId(), own)) {
        return true;
      }
    }
    return false;
  }

  /** The query asks for the tasks assigned to the user. */
  private static boolean ownTasks(TaskQueryImpl query, String user) {
    return user.equals(query.getAssignee()) && !Authorization.ANY.equals(user);
  }

  /** The query's candidate groups are a non-empty list of the user's own groups. */
  private static boolean ownGroups(TaskQueryImpl query, List<String> own) {
    List<String> groups = query.getCandidateGroups();
    return groups != null && !groups.isEmpty() && own != null && own.containsAll(groups);
  }

  /**
   * The OR query has at least one arm, and each is "the user is the assignee" or "a candidate link of the user's own
   * groups" — nothing else (a candidate user, a pattern, a due date inside the OR, …).
   */
  private static boolean everyArmImplied(TaskQueryImpl or, String user, List<String> own) {
    try {
      for (Field field : ARMS) {
        if (!Objects.equals(field.get(or), field.get(NEW_QUERY))) {
          return false;
        }
      }
    } catch (IllegalAccessException e) {
      return false; // cannot tell: keep the check
    }
    boolean assigneeArm = or.getAssignee() != null;
    if (assigneeArm && !ownTasks(or, user)) {
      return false;
    }
    boolean groupArm = or.getCandidateGroup() != null || or.getCandidateGroupsInternal() != null;
    if (groupArm && !ownGroups(or, own)) {
      return false;
    }
    return assigneeArm || groupArm;
  }

  private static List<Field> armsOf(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !NOT_AN_ARM.contains(field.getName())) {
          field.setAccessible(true);
          fields.add(field);
        }
      }
    }
    return List.copyOf(fields);
  }
}
