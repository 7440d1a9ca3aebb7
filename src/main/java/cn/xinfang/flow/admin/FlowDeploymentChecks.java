package cn.xinfang.flow.admin;

import cn.xinfang.flow.organization.OrganizationChart;
import cn.xinfang.flow.organization.OrganizationProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks every new deployment — Camunda Modeler, {@code /engine-rest}, the start-up deployment of
 * {@code processes/} and {@code forms/}, a rollback from the admin page — before the engine accepts it,
 * and keeps the change record. It is the first of the engine's deployers ({@code customPreDeployers}):
 * it runs inside the deploy command after the deployment row is queued and before any definition is
 * parsed or cached, so a refusal (thrown here) rolls the whole command back and nothing is deployed.
 * The change record is written with Spring's JdbcTemplate on the same connection and transaction, so
 * it exists exactly when the deployment does. Deployers also run when the engine reloads an old
 * deployment into its cache; those are not new and are left alone.
 *
 * <p>Depends on the database initialization (Flyway), because the engine deploys while it is built.
 */
@Component
@DependsOnDatabaseInitialization
class FlowDeploymentChecks extends AbstractProcessEnginePlugin implements Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(FlowDeploymentChecks.class);
  static final String SYSTEM = "system";

  private final JdbcTemplate jdbc;
  private final OrganizationProperties organization;
  private final FlowRules rules;
  private final ObjectMapper json = new ObjectMapper();
  /** Set by the admin page while it deploys an earlier version's files again. */
  private final ThreadLocal<String> redeployOf = new ThreadLocal<>();

  FlowDeploymentChecks(JdbcTemplate jdbc, OrganizationProperties organization,
      @Value("${xinfang.flows.deadline-rule-required:false}") boolean deadlineRuleRequired) {
    this.jdbc = jdbc;
    this.organization = organization;
    this.rules = new FlowRules(deadlineRuleRequired);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    deployers.add(this);
    if (configuration.getCustomPreDeployers() != null) {
      deployers.addAll(configuration.getCustomPreDeployers());
    }
    configuration.setCustomPreDeployers(deployers);
  }

  <T> T redeploying(String deploymentId, java.util.function.Supplier<T> action) {
    redeployOf.set(deploymentId);
    try {
      return action.get();
    } finally {
      redeployOf.remove();
    }
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // the engine re-reading a deployment it accepted earlier
    }
    CommandContext context = Context.getCommandContext();
    Map<String, byte[]> resources = new TreeMap<>();
    deployment.getResources().forEach((name, resource) -> resources.put(name, resource.getBytes()));
    EngineDeployed deployed = new EngineDeployed(context, organizationGroups());
    FlowRules.Checked checked = rules.checkFiles(resources, deployed);
    List<FlowRules.Finding> findings = checked.findings();
    List<FlowRules.Finding> errors = findings.stream().filter(FlowRules.Finding::error).toList();
    if (!errors.isEmpty()) {
      LOG.warn("部署「{}」被拒绝 / deployment refused:\n{}", deployment.getName(),
          errors.stream().map(FlowRules.Finding::line).collect(Collectors.joining("\n")));
      throw new DeploymentRefused(errors);
    }
    List<String> warnings = findings.stream().map(FlowRules.Finding::line).toList();
    if (!warnings.isEmpty()) {
      LOG.warn("部署「{}」有 {} 条提醒（不阻止部署）/ deployment warnings:\n{}", deployment.getName(), warnings.size(),
          String.join("\n", warnings));
    }
    record(deployment, context, resources, checked.keys(), deployed, warnings);
  }

  private void record(DeploymentEntity deployment, CommandContext context, Map<String, byte[]> resources,
      Map<String, String> keys, EngineDeployed deployed, List<String> warnings) {
    List<Map<String, Object>> differences = new ArrayList<>();
    for (var entry : resources.entrySet()) {
      String name = entry.getKey();
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("resource", name);
      try {
        // the key as the check read it: each file is parsed once per deployment
        String key = keys.get(name);
        byte[] before = null;
        if (key != null && (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml"))) {
          before = deployed.latestProcess(key);
        } else if (key != null && (name.endsWith(".dmn") || name.endsWith(".dmn11.xml"))) {
          before = deployed.latestDecision(key);
        } else if (key != null && name.endsWith(".form")) {
          before = deployed.latestForm(key);
        }
        item.put("key", key);
        item.put("changes", FlowDiff.of(name, before, entry.getValue()));
      } catch (RuntimeException e) {
        item.put("changes", List.of("无法比较：" + e.getMessage()));
      }
      differences.add(item);
    }
    String user = context.getAuthenticatedUserId();
    String text;
    try {
      text = json.writeValueAsString(differences);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    jdbc.update("INSERT INTO xf_flow_change (deployment_id, deployment_name, source, changed_by, changed_at, resources, "
            + "differences, warnings, redeploy_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        deployment.getId(), truncate(deployment.getName(), 255), truncate(deployment.getSource(), 255),
        user == null ? SYSTEM : user, new Timestamp(ClockUtil.getCurrentTime().getTime()),
        truncate(String.join("\n", resources.keySet()), 8000), truncate(text, 200000),
        warnings.isEmpty() ? null : truncate(String.join("\n", warnings), 20000), redeployOf.get());
  }

  /** The groups of the organization file: at the first start they are deployed before they are loaded. */
  private Set<String> organizationGroups() {
    Set<String> groups = new HashSet<>();
    groups.add(OrganizationChart.ADMIN_GROUP);
    try {
      OrganizationChart.read(organization.file()).units().forEach(u -> groups.add(u.id()));
    } catch (RuntimeException e) {
      // the organization loader refuses a bad file with its own list; here the engine's groups still count
      LOG.debug("organization file not readable for the deployment check: {}", e.getMessage());
    }
    return groups;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** What the engine has deployed, read inside the deploy command (no per-user permission applies). */
  static final class EngineDeployed implements FlowRules.Deployed {
    private final CommandContext context;
    private final Set<String> organizationGroups;

    EngineDeployed(CommandContext context, Set<String> organizationGroups) {
      this.context = context;
      this.organizationGroups = organizationGroups;
    }

    @Override
    public byte[] latestProcess(String key) {
      var definition = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
      return definition == null ? null : bytes(definition.getDeploymentId(), definition.getResourceName());
    }

    @Override
    public byte[] latestDecision(String key) {
      var definition = context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key);
      return definition == null ? null : bytes(definition.getDeploymentId(), definition.getResourceName());
    }

    @Override
    public byte[] latestForm(String key) {
      var definition = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
      return definition == null ? null : bytes(definition.getDeploymentId(), definition.getResourceName());
    }

    @Override
    public boolean groupExists(String groupId) {
      return organizationGroups.contains(groupId)
          || context.getReadOnlyIdentityProvider().createGroupQuery(context).groupId(groupId).count() > 0;
    }

    private byte[] bytes(String deploymentId, String resourceName) {
      ResourceEntity resource = context.getResourceManager().findResourceByDeploymentIdAndResourceName(deploymentId,
          resourceName);
      return resource == null ? null : resource.getBytes();
    }
  }
}
