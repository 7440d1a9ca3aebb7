package cn.xinfang.flow.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves the engine's task query (Tasklist, its filters, {@code /engine-rest/task}, our own code) from
 * {@code cn/xinfang/flow/system/TaskQuery.xml}: the engine's own statement with an authorization check
 * PostgreSQL can answer from a hash instead of comparing every task with every authorization row of the
 * user's groups (issue 12: 1.8 s → milliseconds at 20,000 open tasks). The engine's database-specific
 * statement mapping is the documented hook for this; only PostgreSQL and H2 (the databases this product
 * runs and is tested on) are switched, any other keeps the engine's statement.
 *
 * <p>On PostgreSQL both are planned for the values of each execution ({@link TaskQueryPlans}).
 *
 * <p>{@code VariableQuery.xml} serves the variable instance query with the same check: Tasklist asks it for the case
 * columns of every list it shows, and the engine's join there cost a quarter of a second per list at 100,000 open
 * tasks, for the office and the administrator alike.
 *
 * <p>The list of groups that hold any authorization, which the engine read once per authorization-checked command, is
 * not read at all any more ({@link EngineLookupPlugin}).
 */
@Component
class TaskQueryPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TaskQueryPlugin.class);
  static final String RESOURCE = "cn/xinfang/flow/system/TaskQuery.xml";
  static final String NAMESPACE = "cn.xinfang.flow.system.TaskQuery.";
  /** The variable instance query with the same check (Tasklist's case columns of every list); uses TaskQuery.xml. */
  static final String VARIABLE_RESOURCE = "cn/xinfang/flow/system/VariableQuery.xml";
  static final String VARIABLE_NAMESPACE = "cn.xinfang.flow.system.VariableQuery.";
  private static final Set<String> DATABASES = Set.of("postgres", "h2");
  /** The engine's statements served from our two files, by the engine's id. */
  private static final Map<String, String> REPLACED = Map.of(
      "selectTaskByQueryCriteria", NAMESPACE + "selectTaskByQueryCriteria",
      "selectTaskCountByQueryCriteria", NAMESPACE + "selectTaskCountByQueryCriteria",
      "selectVariableInstanceByQueryCriteria", VARIABLE_NAMESPACE + "selectVariableInstanceByQueryCriteria",
      "selectVariableInstanceCountByQueryCriteria", VARIABLE_NAMESPACE + "selectVariableInstanceCountByQueryCriteria");
  /** Those planned for each execution's values on PostgreSQL (TaskQueryPlans): the lists and counts. */
  private static final Set<String> PLANNED = Set.of(REPLACED.get("selectTaskByQueryCriteria"),
      REPLACED.get("selectTaskCountByQueryCriteria"), REPLACED.get("selectVariableInstanceByQueryCriteria"),
      REPLACED.get("selectVariableInstanceCountByQueryCriteria"));

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    if (!DATABASES.contains(engine.getDatabaseType())) {
      LOG.info("Task query: engine's own statement on database type {}", engine.getDatabaseType());
      return;
    }
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      load(mybatis, RESOURCE);
      load(mybatis, VARIABLE_RESOURCE);
      if ("postgres".equals(engine.getDatabaseType())
          && mybatis.getInterceptors().stream().noneMatch(TaskQueryPlans.class::isInstance)) {
        mybatis.addInterceptor(new TaskQueryPlans(PLANNED));
      }
    }
    DbSqlSessionFactory sessions = engine.getDbSqlSessionFactory();
    // a copy: the engine's map for a database type is shared by every engine in the JVM
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.putAll(REPLACED);
    sessions.setStatementMappings(mappings);
  }

  static void load(Configuration mybatis, String resource) {
    if (mybatis.isResourceLoaded(resource)) {
      return;
    }
    try (InputStream in = TaskQueryPlugin.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ProcessEngineException("missing " + resource);
      }
      new XMLMapperBuilder(in, mybatis, resource, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new ProcessEngineException("cannot read " + resource, e);
    }
  }
}
