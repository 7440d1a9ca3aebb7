package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Three look-ups the engine makes on every registration, task list or escalation whose answer is known without asking
 * the database (issue 12: each statement is a round trip of the request thread, and a registration made 42).
 * Every answer stays exactly what the engine's own look-up gives; only the question is not sent.
 *
 * <ul>
 *   <li><b>Which of my groups hold any authorization.</b> Before each authorization-checked command (a registration,
 *       each Tasklist list or count, a completion) the engine reads every group that holds an authorization, to
 *       drop the user's other groups from the check. A group without an authorization row matches no row in the
 *       check either, so the drop changes no answer; it only shortens the {@code IN} list for directories where a
 *       user is in hundreds of groups. Our staff are in a handful (their unit, a role or two), so the user's groups
 *       are used as they are and the read is not made.</li>
 *   <li><b>Does the group (or assignee) of a new task already hold a grant on it.</b> When a task gets its candidate
 *       group or assignee, the engine looks for an existing grant on that task to add the permission to. A task
 *       created in this very command has no row in the database yet, so nothing can be found there (grants made
 *       earlier in the command are still merged from the engine's cache, as before); for older tasks the engine
 *       still looks.</li>
 *   <li><b>The latest version of a decision table.</b> A registration evaluates three tables (分办建议/重大事项, 苗头预警,
 *       时限政策) and the engine asks for each one's latest version separately; here the first asks once for the
 *       latest version of every table, and the rest of the same command uses that answer. The next command asks
 *       again, so a table an administrator deploys applies to the next registration on every node; a command that
 *       deploys a table forgets the answer.</li>
 * </ul>
 */
@Component
class EngineLookupPlugin extends AbstractProcessEnginePlugin {

  static final String RESOURCE = "cn/xinfang/flow/system/EngineLookups.xml";
  static final String LATEST_DECISIONS =
      "cn.xinfang.flow.system.EngineLookups.selectLatestDecisionDefinitionsWithoutTenant";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new Factory(AuthorizationManager.class, GroupsAsGivenAuthorizationManager::new));
    factories.add(new Factory(DecisionDefinitionManager.class, LatestDecisionsPerCommand::new));
    configuration.setCustomSessionFactories(factories);
    if (configuration.getResourceAuthorizationProvider() == null) {
      configuration.setResourceAuthorizationProvider(new NewTaskGrantProvider());
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      TaskQueryPlugin.load(mybatis, RESOURCE);
    }
  }

  /** Opens our manager where the engine asks for its own (the engine keys its session factories by that type). */
  private record Factory(Class<?> type, Supplier<Session> manager) implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return type;
    }

    @Override
    public Session openSession() {
      return manager.get();
    }
  }

  /** The user's groups as they are: no read of every group that holds an authorization. */
  static class GroupsAsGivenAuthorizationManager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return new ArrayList<>();
      }
      // a mutable list (MyBatis reads it by reflection), each group once, no null
      List<String> groups = new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
      groups.removeIf(Objects::isNull);
      return groups;
    }
  }

  /** No look-up of an existing grant on a task this command has just created: there cannot be a stored one. */
  static class NewTaskGrantProvider extends DefaultAuthorizationProvider {
    @Override
    protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
      return createdInThisCommand(resource, resourceId) ? null
          : super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
    }

    @Override
    protected AuthorizationEntity getGrantAuthorizationByUserId(String userId, Resource resource, String resourceId) {
      return createdInThisCommand(resource, resourceId) ? null
          : super.getGrantAuthorizationByUserId(userId, resource, resourceId);
    }

    static boolean createdInThisCommand(Resource resource, String resourceId) {
      CommandContext context = Context.getCommandContext();
      if (context == null || resourceId == null || resource.resourceType() != Resources.TASK.resourceType()) {
        return false;
      }
      DbEntityManager db = context.getDbEntityManager();
      TaskEntity task = db.getCachedEntity(TaskEntity.class, resourceId);
      // transient: inserted by this command and not yet written
      return task != null && db.getDbEntityCache().isTransient(task);
    }
  }

  /** The latest version of every decision table, read once per command. */
  static class LatestDecisionsPerCommand extends DecisionDefinitionManager {

    private Map<String, DecisionDefinitionEntity> latest;

    @Override
    public DecisionDefinitionEntity findLatestDecisionDefinitionByKey(String key) {
      DecisionDefinitionEntity known = latest().get(key);
      // a key with no table, or one only a tenant has: the engine's own look-up answers (and reports) it
      return known != null ? known : super.findLatestDecisionDefinitionByKey(key);
    }

    @Override
    public DecisionDefinitionEntity findLatestDecisionDefinitionByKeyAndTenantId(String key, String tenantId) {
      DecisionDefinitionEntity known = tenantId == null ? latest().get(key) : null;
      return known != null ? known : super.findLatestDecisionDefinitionByKeyAndTenantId(key, tenantId);
    }

    @Override
    public void insertDecisionDefinition(DecisionDefinitionEntity decisionDefinition) {
      latest = null;
      super.insertDecisionDefinition(decisionDefinition);
    }

    @Override
    public void deleteDecisionDefinitionsByDeploymentId(String deploymentId) {
      latest = null;
      super.deleteDecisionDefinitionsByDeploymentId(deploymentId);
    }

    /** The latest version of each key without a tenant, the way the engine's query for latest versions finds it. */
    private Map<String, DecisionDefinitionEntity> latest() {
      if (latest == null) {
        // the engine's own look-up of a latest version checks no permission either: this is the engine reading its
        // deployments, not a user listing them
        List<DecisionDefinitionEntity> rows = getDbEntityManager().selectList(LATEST_DECISIONS);
        Map<String, DecisionDefinitionEntity> byKey = new HashMap<>();
        for (DecisionDefinitionEntity row : rows) {
          byKey.merge(row.getKey(), row, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        latest = byKey;
      }
      return latest;
    }
  }
}
