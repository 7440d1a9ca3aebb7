package cn.xinfang.flow.system;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * When a task query's own criteria already prove the user's right to read every task it can return, so that
 * {@code TaskQuery.xml} leaves the per-task grant check out (issue 12: Tasklist's 本组待办 for an office of thousands of
 * tasks paid for reading, hashing and probing one grant per task, 1.5–1.7× the administrator's time).
 *
 * <p>The proof: the engine gives a group READ on a task (a GRANT row on that task) at the moment the group becomes a
 * candidate of it, whichever door adds the link (the diagram's candidate groups, {@code TaskService}, {@code
 * /engine-rest}); it deletes the row only with the task. So a query that asks only for tasks with a candidate link of
 * the user's own groups (本组待办: {@code taskCandidateGroupIn(${currentUserGroups()})}) can return only tasks the
 * user's group holds READ on, and the check would pass for every row: the rows are the same with or without it.
 *
 * <p>What could break the proof is an administrator taking such a grant away while the link stays. The engine doors
 * refuse that ({@link EngineDoorGuard}: deleting or narrowing a task grant of a group that is still a candidate, and
 * deleting a group that is still the candidate of open tasks); to take a task from a group, remove the group from the
 * task. A REVOKE row anywhere switches the engine's own check back on for every query ({@code XF_AUTH}), so a revoke is
 * still honoured. Every other query keeps the check.
 */
public final class CandidateGrants {

  private CandidateGrants() {}

  /**
   * Whether {@code query}'s criteria imply a grant on every task it returns: its main criteria (which every row must
   * meet) ask for tasks with a candidate link of one of the listed groups, every listed group is one of the user's own,
   * and READ on the task is among the permissions that would be checked. Called from {@code TaskQuery.xml}.
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
    if (!readsTask || query.getQueries() == null || query.getQueries().isEmpty()) {
      return false;
    }
    // the first of the queries is the main one: TaskQuery.xml joins its criteria with AND, an OR query's with OR
    TaskQueryImpl main = query.getQueries().get(0);
    if (main.getCandidateUser() != null || main.getCandidateGroupLike() != null) {
      return false; // links of a user, or of groups by pattern: not what the proof covers
    }
    List<String> groups = main.getCandidateGroups();
    List<String> own = check.getAuthGroupIds();
    return groups != null && !groups.isEmpty() && own != null && own.containsAll(groups);
  }
}
