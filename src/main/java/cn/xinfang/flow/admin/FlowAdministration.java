package cn.xinfang.flow.admin;

import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the administrator page does: lists the versions of each process with their running cases,
 * moves running cases to the latest version, lists the change record and deploys an earlier version's
 * files again. The caller's permission is checked by the controller; the engine's own authorization
 * (administrators hold every permission) applies to every engine call as well.
 */
@Service
public class FlowAdministration {

  /** Above this many cases a move runs as an engine batch, in the background. */
  private final int synchronousLimit;

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final PetitionLedger ledger;
  private final JdbcTemplate jdbc;
  private final FlowDeploymentChecks checks;
  private final TransactionTemplate transaction;
  private final ObjectMapper json = new ObjectMapper();

  FlowAdministration(ProcessEngine engine, PetitionLedger ledger, JdbcTemplate jdbc, FlowDeploymentChecks checks,
      PlatformTransactionManager transactions, @Value("${xinfang.flows.migration-synchronous-limit:200}") int limit) {
    this.repository = engine.getRepositoryService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.checks = checks;
    this.transaction = new TransactionTemplate(transactions);
    this.synchronousLimit = limit;
  }

  public record Version(String definitionId, int version, String deploymentId, String versionTag, long running,
      boolean latest) {}

  public record Flow(String key, String name, int latestVersion, long running, List<Version> versions) {}

  /** Every process with its versions, newest first, and the running cases of each. */
  public List<Flow> flows() {
    Map<String, List<ProcessDefinition>> byKey = new LinkedHashMap<>();
    repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion()
        .desc().list().forEach(d -> byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d));
    List<Flow> flows = new ArrayList<>();
    byKey.forEach((key, definitions) -> {
      int latest = definitions.get(0).getVersion();
      List<Version> versions = definitions.stream().map(d -> new Version(d.getId(), d.getVersion(), d.getDeploymentId(),
          d.getVersionTag(), runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
          d.getVersion() == latest)).toList();
      flows.add(new Flow(key, definitions.get(0).getName(), latest, versions.stream().mapToLong(Version::running).sum(),
          versions));
    });
    return flows;
  }

  public record Step(String activityId, String name, String target) {}

  public record CaseMove(String processInstanceId, String caseNumber, int fromVersion, List<Step> steps) {}

  public record MoveResult(String key, int targetVersion, boolean dryRun, boolean moved, String batchId,
      List<FieldProblem> problems, List<CaseMove> cases) {}

  /**
   * Moves every running case of an older version of {@code key} to the latest version, with a plan
   * made from matching ids ({@code mapEqualActivities}) whose timers follow the new diagram's events
   * ({@code updateEventTriggers}; the due dates themselves are stored on the case and kept). Every plan
   * and every case is checked first: if anything cannot be mapped, the problems are returned and
   * nothing moves. A dry run stops there. A small set moves in one transaction (all or none), a large
   * one as an engine batch.
   */
  public MoveResult moveToLatest(String key, boolean dryRun, String admin) {
    ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    if (target == null) {
      throw new NotFoundException("没有流程 " + key);
    }
    BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());
    List<FieldProblem> problems = new ArrayList<>();
    List<CaseMove> cases = new ArrayList<>();
    Map<MigrationPlan, List<String>> plans = new LinkedHashMap<>();
    for (ProcessDefinition source : repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .orderByProcessDefinitionVersion().asc().list()) {
      if (source.getVersion() >= target.getVersion()) {
        continue;
      }
      List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list();
      if (instances.isEmpty()) {
        continue;
      }
      MigrationPlan plan;
      try {
        plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers()
            .build();
      } catch (MigrationPlanValidationException e) {
        e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f -> problems.add(
            new FieldProblem(r.getMigrationInstruction().getSourceActivityId(),
                "v" + source.getVersion() + " 的此环节无法对应到新版本：" + f))));
        continue;
      }
      Map<String, String> mapped = new LinkedHashMap<>();
      for (MigrationInstruction i : plan.getInstructions()) {
        mapped.put(i.getSourceActivityId(), i.getTargetActivityId());
      }
      BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
      for (ProcessInstance instance : instances) {
        List<Step> steps = new ArrayList<>();
        for (String activity : activeActivities(runtime.getActivityInstance(instance.getId()))) {
          String to = mapped.get(activity);
          steps.add(new Step(activity, name(sourceModel, activity), to == null ? null : to + "（" + name(targetModel, to) + "）"));
          if (to == null) {
            problems.add(new FieldProblem(activity, "案件 " + caseLabel(instance) + " 停在「" + name(sourceModel, activity)
                + "」，新版本 v" + target.getVersion() + " 中没有同 id 的环节，无法迁移"));
          }
        }
        cases.add(new CaseMove(instance.getId(), instance.getBusinessKey(), source.getVersion(), steps));
      }
      plans.put(plan, instances.stream().map(ProcessInstance::getId).toList());
    }
    if (dryRun || !problems.isEmpty() || cases.isEmpty()) {
      return new MoveResult(key, target.getVersion(), dryRun, false, null, problems, cases);
    }
    int total = cases.size();
    String batchId = null;
    if (total <= synchronousLimit) {
      try {
        transaction.executeWithoutResult(status -> plans.forEach((plan, ids) -> {
          Map<String, Map<String, Date>> before = deadlines(ids);
          runtime.newMigration(plan).processInstanceIds(ids).skipCustomListeners().execute();
          renameOpenTasks(ids, targetModel);
          List<FieldProblem> lost = compare(before, deadlines(ids));
          if (!lost.isEmpty()) {
            // thrown inside the transaction: every case of this move stays where it was
            throw new InvalidInputException("迁移会改变案件的时限，未迁移任何案件", lost);
          }
        }));
      } catch (MigratingProcessInstanceValidationException e) {
        throw new InvalidInputException("无法迁移，未迁移任何案件", List.of(new FieldProblem(e.getValidationReport()
            .getProcessInstanceId(), String.join("；", e.getValidationReport().getFailures()))));
      }
    } else {
      List<String> batches = new ArrayList<>();
      plans.forEach((plan, ids) -> {
        Batch batch = runtime.newMigration(plan).processInstanceIds(ids).skipCustomListeners().executeAsync();
        batches.add(batch.getId());
      });
      batchId = String.join(",", batches);
    }
    for (CaseMove move : cases) {
      journal(move, target.getVersion(), admin, batchId);
    }
    return new MoveResult(key, target.getVersion(), false, true, batchId, problems, cases);
  }

  /**
   * The deadlines of each case: every open task's due date and every timer's due date, by what they
   * belong to ({@code task:<task id>}, {@code timer:<activity id>}).
   */
  private Map<String, Map<String, Date>> deadlines(List<String> processInstanceIds) {
    Map<String, Map<String, Date>> all = new LinkedHashMap<>();
    for (String id : processInstanceIds) {
      Map<String, Date> one = new TreeMap<>();
      for (Task task : tasks.createTaskQuery().processInstanceId(id).list()) {
        one.put("任务 " + task.getTaskDefinitionKey() + " " + task.getId(), task.getDueDate());
      }
      for (Job job : management.createJobQuery().processInstanceId(id).timers().list()) {
        JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
            .singleResult();
        one.put("定时器 " + (definition == null ? job.getId() : definition.getActivityId()), job.getDuedate());
      }
      all.put(id, one);
    }
    return all;
  }

  /** A task or timer whose due date moved, or a timer that is gone: the move would change the case's deadlines. */
  private static List<FieldProblem> compare(Map<String, Map<String, Date>> before, Map<String, Map<String, Date>> after) {
    List<FieldProblem> problems = new ArrayList<>();
    before.forEach((id, was) -> was.forEach((what, due) -> {
      Map<String, Date> now = after.getOrDefault(id, Map.of());
      if (!now.containsKey(what)) {
        problems.add(new FieldProblem(what, "案件 " + id + " 的" + what + "在新版本中不存在，迁移后不再催办"));
      } else if (!java.util.Objects.equals(due == null ? null : due.getTime(),
          now.get(what) == null ? null : now.get(what).getTime())) {
        problems.add(new FieldProblem(what, "案件 " + id + " 的" + what + "到期时间会由 " + due + " 变为 " + now.get(what)));
      }
    }));
    return problems;
  }

  /**
   * The engine keeps an open task's name through a migration; a task renamed in the new version shows
   * its new name, so that Tasklist and the diagram agree. Due dates, assignees and candidates are kept.
   */
  private void renameOpenTasks(List<String> processInstanceIds, BpmnModelInstance target) {
    for (String id : processInstanceIds) {
      for (Task task : tasks.createTaskQuery().processInstanceId(id).list()) {
        String name = target.getModelElementById(task.getTaskDefinitionKey()) instanceof FlowElement f ? f.getName() : null;
        if (name != null && !name.contains("${") && !name.contains("#{") && !name.equals(task.getName())) {
          task.setName(name);
          tasks.saveTask(task);
        }
      }
    }
  }

  private void journal(CaseMove move, int toVersion, String admin, String batchId) {
    if (move.caseNumber() == null || ledger.find(move.caseNumber()).isEmpty()) {
      return; // not a petition case (a joint investigation, a screening round): no case journal to write to
    }
    String detail = "管理员将本案流程由 v" + move.fromVersion() + " 迁移到 v" + toVersion
        + (batchId == null ? "，已完成" : "，已提交后台批次 " + batchId) + "；当前环节："
        + String.join("、", move.steps().stream().map(s -> s.name() + (s.target() == null ? "" : " → " + s.target())).toList());
    ledger.recordEvent(move.caseNumber(), "MIGRATED:" + move.processInstanceId() + ":v" + toVersion, "FLOW_MIGRATED",
        admin, detail);
  }

  private static Set<String> activeActivities(ActivityInstance root) {
    Set<String> ids = new TreeSet<>();
    if (root == null) {
      return ids;
    }
    for (ActivityInstance child : root.getChildActivityInstances()) {
      ids.add(child.getActivityId());
      ids.addAll(activeActivities(child));
    }
    for (var transition : root.getChildTransitionInstances()) {
      ids.add(transition.getActivityId());
    }
    return ids;
  }

  private static String name(BpmnModelInstance model, String id) {
    return model.getModelElementById(id) instanceof FlowElement f && f.getName() != null ? f.getName() : id;
  }

  private static String caseLabel(ProcessInstance instance) {
    return instance.getBusinessKey() != null ? instance.getBusinessKey() : instance.getId();
  }

  public record Change(String deploymentId, String deploymentName, String source, String changedBy, String changedAt,
      List<String> resources, Object differences, List<String> warnings, String redeployOf) {}

  /** The change record, newest first. */
  public List<Change> changes(int limit) {
    return jdbc.query("SELECT deployment_id, deployment_name, source, changed_by, changed_at, resources, differences, "
        + "warnings, redeploy_of FROM xf_flow_change ORDER BY changed_at DESC, id DESC", rs -> {
          List<Change> list = new ArrayList<>();
          while (rs.next() && list.size() < limit) {
            Object differences;
            try {
              differences = json.readTree(rs.getString(7));
            } catch (IOException e) {
              differences = rs.getString(7);
            }
            String warnings = rs.getString(8);
            list.add(new Change(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant().toString(), List.of(rs.getString(6).split("\n")), differences,
                warnings == null ? List.of() : List.of(warnings.split("\n")), rs.getString(9)));
          }
          return list;
        });
  }

  /**
   * Deploys the files of an earlier deployment again: each becomes a new version, through the same
   * checks as any deployment (a file that no longer passes, say a form since removed, is refused).
   */
  public Change redeploy(String deploymentId) {
    Deployment earlier = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    if (earlier == null) {
      throw new NotFoundException("没有部署 " + deploymentId);
    }
    DeploymentBuilder builder = repository.createDeployment().name("回退到部署 " + deploymentId
        + (earlier.getName() == null ? "" : "（" + earlier.getName() + "）")).source("xinfang-admin");
    for (String resource : repository.getDeploymentResourceNames(deploymentId)) {
      try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
        builder.addInputStream(resource, new ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new IllegalStateException("无法读取部署 " + deploymentId + " 的文件 " + resource, e);
      }
    }
    Deployment deployed = checks.redeploying(deploymentId, builder::deploy);
    return changes(Integer.MAX_VALUE).stream().filter(c -> c.deploymentId().equals(deployed.getId())).findFirst()
        .orElseThrow();
  }
}
