package cn.xinfang.flow.calendar;

import cn.xinfang.flow.system.TransactionMemo;
import cn.xinfang.flow.calendar.WorkingCalendar.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The deadline policy: the decision table {@code processes/deadline-policy.dmn}, which an
 * administrator edits in Camunda Modeler and deploys. Each deadline the flows use is a row (stage →
 * amount, unit, reminder days before). The latest deployed version applies to deadlines computed
 * from then on; running cases keep the dates they were given.
 */
@Component
public class DeadlinePolicy {

  public static final String DECISION_KEY = "deadline-policy";

  /** One row of the policy. */
  public record Rule(String stage, int amount, TimeUnit unit, int remindDaysBefore, String basis) {}

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final cn.xinfang.flow.system.TrustedEngineCalls trusted;
  private final JdbcTemplate jdbc;

  DeadlinePolicy(DecisionService decisions, RepositoryService repository, cn.xinfang.flow.system.TrustedEngineCalls trusted,
      JdbcTemplate jdbc) {
    this.decisions = decisions;
    this.repository = repository;
    this.trusted = trusted;
    this.jdbc = jdbc;
  }

  /**
   * Rows already evaluated, by decision definition id and stage. A deployed decision definition never changes (a
   * new table is a new id), and the table's only input is the stage, so a row evaluated once is that version's row
   * for good. Evaluating it took a third of a registration's CPU (FEEL builds its built-in functions anew for every
   * evaluation; a registration computes four dates; issue 12); the latest version is still looked up every time,
   * so a new table applies at once on every node.
   */
  private final Map<String, Rule> evaluated = new ConcurrentHashMap<>();

  public Rule rule(String stage) {
    // evaluating the table is the service's own business, not the clerk's: no per-user permission needed
    String latest = latestId();
    if (latest == null) {
      throw new IllegalStateException("时限政策表 " + DECISION_KEY + " 尚未部署");
    }
    String key = latest + "|" + stage;
    Rule known = evaluated.get(key);
    if (known != null) {
      return known;
    }
    DmnDecisionTableResult result = trusted.call(() -> decisions.evaluateDecisionTableById(latest,
        Variables.putValue("stage", stage)));
    if (result.isEmpty()) {
      throw new IllegalStateException("时限政策表 " + DECISION_KEY + " 中没有环节 " + stage + " 的规则，请在决策表中补上这一行");
    }
    Rule rule = toRule(stage, result.getSingleResult().getEntryMap());
    if (evaluated.size() > 1_000) {
      evaluated.clear(); // many versions deployed over the years: only the latest matters
    }
    evaluated.put(key, rule);
    return rule;
  }

  /**
   * The id of the latest deployed version. Inside an engine command (every registration and escalation) the engine's
   * own look-up answers it, which reads the latest version of every decision table once per command
   * ({@code EngineLookupPlugin}): the tables a registration evaluates share that one query. Outside a command (the
   * policy page) one plain query on the engine's small table of decision definitions, once per transaction. The id is
   * all that is needed: the evaluation and the model go through the engine. Every command or transaction asks anew,
   * so a newly deployed table applies to the next request on every node.
   */
  private String latestId() {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      // inside an engine command (a registration, an escalation): the engine's look-up, which reads the latest version
      // of every table once per command for all the tables the command evaluates (EngineLookupPlugin)
      DecisionDefinitionEntity latest = command.getSession(DecisionDefinitionManager.class)
          .findLatestDecisionDefinitionByKey(DECISION_KEY);
      return latest == null ? null : latest.getId();
    }
    return TransactionMemo.get("deadline-policy:latest", () -> jdbc.query(
        "SELECT ID_ FROM ACT_RE_DECISION_DEF WHERE KEY_ = ? AND TENANT_ID_ IS NULL ORDER BY VERSION_ DESC",
        rs -> rs.next() ? rs.getString(1) : null, DECISION_KEY));
  }

  /** Every row of the deployed table, for staff to read (GET /api/calendar/policy). */
  public List<Rule> rules() {
    String latest = latestId();
    List<Rule> rules = new ArrayList<>();
    if (latest == null) {
      return rules;
    }
    var model = trusted.call(() -> repository.getDmnModelInstance(latest));
    for (var entry : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class)) {
      String stage = entry.getInputEntries().iterator().next().getTextContent().replace("\"", "").strip();
      rules.add(rule(stage));
    }
    return rules;
  }

  private static Rule toRule(String stage, Map<String, Object> row) {
    Object amount = row.get("amount");
    Object unit = row.get("unit");
    Object remind = row.get("reminderDaysBefore");
    TimeUnit timeUnit;
    try {
      timeUnit = TimeUnit.valueOf(String.valueOf(unit));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("时限政策表中环节 " + stage + " 的单位「" + unit + "」无效，应为 DAYS、WORKING_DAYS、MONTHS 或 DAY_OF_MONTH");
    }
    if (!(amount instanceof Number n) || n.intValue() < 1) {
      throw new IllegalStateException("时限政策表中环节 " + stage + " 的期限「" + amount + "」无效，应为正整数");
    }
    int before = remind instanceof Number r ? Math.max(0, r.intValue()) : 0;
    return new Rule(stage, n.intValue(), timeUnit, before, row.get("basis") instanceof String b ? b : "");
  }
}
