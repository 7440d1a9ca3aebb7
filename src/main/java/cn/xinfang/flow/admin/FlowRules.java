package cn.xinfang.flow.admin;

import cn.xinfang.flow.calendar.DeadlinePolicy;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.calendar.WorkingCalendar;
import cn.xinfang.flow.intake.IntakeProcess;
import cn.xinfang.flow.joint.JointProcess;
import cn.xinfang.flow.ownership.OwnershipProcess;
import cn.xinfang.flow.referral.ReferralProcess;
import cn.xinfang.flow.system.FormRules;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.DomElement;

/**
 * The rules a set of diagrams, decision tables and forms must keep for this product to work, applied
 * to one deployment's files together, at run time, before the engine accepts them. The same rules the
 * build applies to {@code processes/} and {@code forms/} (ModelFilesTest, bpmnlint), plus what only the
 * running service knows: the organization's groups and what is deployed already. What the code
 * addresses (element ids, message names, deadline-policy rows) is read from the backing classes by
 * reflection, so a constant added there is enforced here without a second list to keep.
 */
public final class FlowRules {

  /** A finding: an error refuses the deployment, a warning is recorded and logged. */
  public record Finding(boolean error, String resource, String elementId, String elementName, String rule) {

    /** 元素 id（名称）：规则 — the line an administrator reads. */
    public String line() {
      String name = elementName == null || elementName.isBlank() ? "" : "（" + elementName + "）";
      // the start-up deployment names files by their full path; the file name is what the administrator edits
      return "元素 " + elementId + name + "：" + rule + "〔" + resource.substring(resource.lastIndexOf('/') + 1) + "〕";
    }
  }

  /** What is already deployed and who exists, as the engine and the organization see it. */
  public interface Deployed {
    /** XML of the latest deployed version of a process, or null. */
    byte[] latestProcess(String key);

    /** XML of the DRD holding the latest deployed version of a decision, or null. */
    byte[] latestDecision(String key);

    /** JSON of the latest deployed version of a form, or null. */
    byte[] latestForm(String key);

    boolean groupExists(String groupId);
  }

  /** The classes that hold what code addresses in each diagram. */
  static final List<Class<?>> BACKING_CLASSES = List.of(IntakeProcess.class, ReferralProcess.class,
      OwnershipProcess.class, JointProcess.class, cn.xinfang.flow.warning.DisputeProcess.class);

  /** The unit table: its output names the group a case is suggested to. */
  static final String UNIT_DECISION = "petition-handling-unit";
  static final String UNIT_OUTPUT = "handlingUnit";

  /** A business check of a task: the complete listener that reads the task's variables. */
  private static final Pattern BUSINESS_CHECK = Pattern.compile("\\$\\{check[A-Za-z]*}");
  private static final Pattern STAGE_IN_EXPRESSION =
      Pattern.compile("deadlines\\.[a-zA-Z]+\\(\\s*execution\\s*,\\s*'([A-Za-z_]+)'\\s*\\)");
  private static final Pattern STAGE_PARAMETER = Pattern.compile("name=[\"']deadlineStage[\"']\\s*>\\s*([A-Za-z_]+)\\s*<");
  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "select", "radio",
      "checkbox", "checklist", "datetime", "taglist");

  private final boolean deadlineRuleIsError;

  /**
   * @param deadlineRuleIsError whether a user task without a deadline rule refuses the deployment;
   *     a warning while the shipped diagrams are still being given theirs
   */
  public FlowRules(boolean deadlineRuleIsError) {
    this.deadlineRuleIsError = deadlineRuleIsError;
  }

  /**
   * What a check found, and the key each file defines (its first process's or decision's id, or the
   * form's id) for the change record, so that the record does not parse the files a second time.
   */
  public record Checked(List<Finding> findings, Map<String, String> keys) {
  }

  /** Checks the files of one deployment (name → content) together against what is deployed. */
  public List<Finding> check(Map<String, byte[]> resources, Deployed deployed) {
    return checkFiles(resources, deployed).findings();
  }

  /**
   * {@link #check}, also giving each file's key. Each file is parsed once: at the first start the whole
   * of {@code processes/} and {@code forms/} passes here before the service is ready (issue 12).
   */
  public Checked checkFiles(Map<String, byte[]> resources, Deployed deployed) {
    List<Finding> findings = new ArrayList<>();
    Map<String, String> keys = new HashMap<>();
    Map<String, BpmnModelInstance> bpmn = new LinkedHashMap<>();
    // the diagrams' own text, for the stage patterns (serializing the parsed model again cost as much as parsing)
    Map<String, String> texts = new HashMap<>();
    Map<String, DmnModelInstance> dmn = new LinkedHashMap<>();
    Map<String, FormRules> forms = new HashMap<>();
    for (var entry : resources.entrySet()) {
      String name = entry.getKey();
      try {
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          BpmnModelInstance model = ModelReader.bpmn(entry.getValue());
          bpmn.put(name, model);
          texts.put(name, new String(entry.getValue(), StandardCharsets.UTF_8));
          model.getModelElementsByType(Process.class).stream().findFirst().ifPresent(p -> keys.put(name, p.getId()));
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
          DmnModelInstance model = ModelReader.dmn(entry.getValue());
          dmn.put(name, model);
          model.getModelElementsByType(Decision.class).stream().findFirst().ifPresent(d -> keys.put(name, d.getId()));
        } else if (name.endsWith(".form")) {
          FormRules form = FormRules.parse(entry.getValue());
          if (form.formId() == null || form.formId().isBlank()) {
            findings.add(error(name, name, null, "表单缺少 id"));
          } else {
            forms.put(form.formId(), form);
            keys.put(name, form.formId());
          }
        }
      } catch (RuntimeException e) {
        findings.add(error(name, name, null, "文件无法解析：" + firstLine(ModelReader.problem(e))));
      }
    }
    Map<String, Decision> decisions = new HashMap<>();
    dmn.values().forEach(m -> m.getModelElementsByType(Decision.class).forEach(d -> decisions.put(d.getId(), d)));

    for (var entry : bpmn.entrySet()) {
      for (Process process : entry.getValue().getModelElementsByType(Process.class)) {
        checkProcess(entry.getKey(), entry.getValue(), texts.get(entry.getKey()), process, bpmn, forms, decisions,
            deployed, findings);
      }
    }
    for (var entry : dmn.entrySet()) {
      checkDecisions(entry.getKey(), entry.getValue(), bpmn, texts, deployed, findings);
    }
    // a policy deployed earlier must still give the rows a new diagram asks for
    if (!decisions.containsKey(DeadlinePolicy.DECISION_KEY) && !bpmn.isEmpty()) {
      byte[] policy = deployed.latestDecision(DeadlinePolicy.DECISION_KEY);
      if (policy != null) {
        Set<String> asked = stagesAskedFor(bpmn, texts, deployed, false);
        Set<String> rows = policyRows(ModelReader.dmn(policy));
        for (String stage : asked) {
          if (!rows.contains(policyRowOf(stage))) {
            findings.add(error(firstProcessResource(bpmn), "deadlineStage", stage,
                "已部署的时限政策表 " + DeadlinePolicy.DECISION_KEY + " 中没有此环节的行，请先在决策表中补上"));
          }
        }
      }
    }
    return new Checked(findings, keys);
  }

  private void checkProcess(String resource, BpmnModelInstance model, String text, Process process,
      Map<String, BpmnModelInstance> bpmn, Map<String, FormRules> forms, Map<String, Decision> decisions,
      Deployed deployed, List<Finding> findings) {
    String key = process.getId();
    if (blank(process.getCamundaHistoryTimeToLiveString())) {
      findings.add(error(resource, key, process.getName(), "流程缺少历史保留期 historyTimeToLive（天数）"));
    }
    checkAddressedNames(resource, model, process, bpmn, deployed, findings);

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (processOf(task) == process) { // sub-processes included
        checkUserTask(resource, task, forms, deployed, findings);
      }
    }
    for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
      // a warning: a process only our code starts (or a probe) needs no start form
      if (start.getEventDefinitions().isEmpty() && !formExists(start.getCamundaFormRef(), forms, deployed)) {
        findings.add(new Finding(false, resource, start.getId(), start.getName(),
            "空白开始事件没有可用的表单 camunda:formRef（当前：" + show(start.getCamundaFormRef()) + "），Tasklist 中无法发起"));
      }
    }
    for (BusinessRuleTask rule : model.getModelElementsByType(BusinessRuleTask.class)) {
      String ref = rule.getCamundaDecisionRef();
      if (processOf(rule) == process && ref != null && !isExpression(ref) && !decisions.containsKey(ref)
          && deployed.latestDecision(ref) == null) {
        findings.add(error(resource, rule.getId(), rule.getName(), "引用的决策表 " + ref + " 既不在本次部署中，也未部署过"));
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      BaseElement event = (BaseElement) timer.getParentElement();
      if (processOf(event) != process) {
        continue;
      }
      boolean none = (timer.getTimeDate() == null || blank(timer.getTimeDate().getTextContent()))
          && (timer.getTimeDuration() == null || blank(timer.getTimeDuration().getTextContent()))
          && (timer.getTimeCycle() == null || blank(timer.getTimeCycle().getTextContent()));
      if (none) {
        findings.add(error(resource, event.getId(), nameOf(event), "定时器没有时间表达式（timeDate / timeDuration / timeCycle）"));
      }
    }
    for (String stage : stages(text, false)) {
      if (!isStage(stage)) {
        findings.add(error(resource, key, process.getName(), "时限环节 " + stage + " 不存在，可用："
            + Arrays.stream(DeadlineStage.values()).map(Enum::name).toList()));
      }
    }
  }

  private void checkUserTask(String resource, UserTask task, Map<String, FormRules> forms, Deployed deployed,
      List<Finding> findings) {
    String ref = task.getCamundaFormRef();
    FormRules form = null;
    if (blank(ref)) {
      findings.add(error(resource, task.getId(), task.getName(), "用户任务缺少表单 camunda:formRef"));
    } else if (!isExpression(ref)) {
      form = form(ref, forms, deployed);
      if (form == null) {
        findings.add(error(resource, task.getId(), task.getName(), "表单 " + ref + " 既不在本次部署中，也未部署过"));
      }
    }
    if (form != null && hasBusinessCheck(task) && form.fields().values().stream()
        .noneMatch(f -> INPUT_TYPES.contains(f.type()) && !f.readOnly())) {
      findings.add(error(resource, task.getId(), task.getName(),
          "表单 " + ref + " 没有可填写的字段，而此任务办结时要校验填写内容"));
    }
    String groups = task.getCamundaCandidateGroups();
    if (blank(groups) && blank(task.getCamundaCandidateUsers()) && blank(task.getCamundaAssignee())) {
      findings.add(error(resource, task.getId(), task.getName(), "用户任务没有候选组、候选人或办理人，无人能看到它"));
    }
    if (!blank(groups) && !isExpression(groups)) {
      for (String group : groups.split(",")) {
        String id = group.strip();
        if (!id.isEmpty() && !deployed.groupExists(id)) {
          findings.add(error(resource, task.getId(), task.getName(), "候选组 " + id + " 在组织机构中不存在"));
        }
      }
    }
    if (!hasDeadlineRule(task)) {
      findings.add(new Finding(deadlineRuleIsError, resource, task.getId(), task.getName(),
          "用户任务没有时限规则：请设置到期日 camunda:dueDate，或设扩展属性 deadline=none 并在文档（documentation）中写明理由"));
    }
  }

  /** Element ids and message names of the backing class must be in the process or its siblings. */
  private static void checkAddressedNames(String resource, BpmnModelInstance model, Process process,
      Map<String, BpmnModelInstance> bpmn, Deployed deployed, List<Finding> findings) {
    Class<?> backing = backingClassOf(process.getId());
    if (backing == null) {
      return;
    }
    Set<String> ids = new HashSet<>();
    Set<String> messages = new HashSet<>();
    collect(model, process.getId(), ids, messages);
    for (String sibling : keysOf(backing)) {
      if (sibling.equals(process.getId())) {
        continue;
      }
      BpmnModelInstance siblingModel = bpmn.values().stream()
          .filter(m -> m.getModelElementById(sibling) instanceof Process).findFirst().orElse(null);
      if (siblingModel == null) {
        byte[] xml = deployed.latestProcess(sibling);
        siblingModel = xml == null ? null : ModelReader.bpmn(xml);
      }
      if (siblingModel != null) {
        collect(siblingModel, sibling, ids, messages);
      }
    }
    byte[] previousXml = deployed.latestProcess(process.getId());
    BpmnModelInstance previous = previousXml == null ? null : ModelReader.bpmn(previousXml);
    for (String id : constants(backing, "Element")) {
      if (!ids.contains(id)) {
        String name = previous != null && previous.getModelElementById(id) instanceof FlowElement f ? f.getName() : null;
        findings.add(error(resource, id, name, "程序按此 id 处理流程 " + process.getId()
            + "（" + backing.getSimpleName() + "），不可删除或改 id；如要改显示名称，请只改名称"));
      }
    }
    for (String message : constants(backing, "Message")) {
      if (!messages.contains(message)) {
        findings.add(error(resource, message, "消息", "程序按此消息名称通知流程 " + process.getId() + "，消息不可删除或改名"));
      }
    }
  }

  private static void collect(BpmnModelInstance model, String processKey, Set<String> ids, Set<String> messages) {
    for (Process process : model.getModelElementsByType(Process.class)) {
      ids.add(process.getId());
      if (processKey.equals(process.getId())) {
        collectIds(process.getDomElement(), ids);
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      ids.add(message.getId());
      messages.add(message.getName());
    }
  }

  /**
   * The ids of the BPMN elements under one in the file, by one walk over the XML: asking the model for every
   * BaseElement searched the whole document once per BPMN type (about a hundred), for every process and sibling,
   * which was a second of the first start (issue 12). Extension elements (another namespace) are not counted.
   */
  private static void collectIds(DomElement parent, Set<String> ids) {
    for (DomElement child : parent.getChildElements()) {
      if (BpmnModelConstants.BPMN20_NS.equals(child.getNamespaceURI())) {
        String id = child.getAttribute("id");
        if (id != null && !id.isEmpty()) {
          ids.add(id);
        }
      }
      collectIds(child, ids);
    }
  }

  private void checkDecisions(String resource, DmnModelInstance model, Map<String, BpmnModelInstance> bpmn,
      Map<String, String> texts, Deployed deployed, List<Finding> findings) {
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (blank(decision.getCamundaHistoryTimeToLiveString())) {
        findings.add(error(resource, decision.getId(), decision.getName(), "决策缺少历史保留期 historyTimeToLive（天数）"));
      }
      DecisionTable table = decision.getChildElementsByType(DecisionTable.class).stream().findFirst().orElse(null);
      if (table == null) {
        continue;
      }
      if (UNIT_DECISION.equals(decision.getId())) {
        checkUnitTable(resource, table, deployed, findings);
      }
      if (DeadlinePolicy.DECISION_KEY.equals(decision.getId())) {
        checkPolicy(resource, decision, table, bpmn, texts, deployed, findings);
      }
    }
  }

  private static void checkUnitTable(String resource, DecisionTable table, Deployed deployed, List<Finding> findings) {
    int column = outputColumn(table, UNIT_OUTPUT);
    if (column < 0) {
      findings.add(error(resource, table.getId(), "分办建议", "决策表缺少输出列 " + UNIT_OUTPUT + "（承办单位）"));
      return;
    }
    for (Rule rule : table.getRules()) {
      String unit = literal(entry(rule, column));
      if (unit == null) {
        findings.add(error(resource, rule.getId(), description(rule), "规则没有给出承办单位（输出应为带引号的单位组 id，如 \"unit-hr\"）"));
      } else if (!deployed.groupExists(unit)) {
        findings.add(error(resource, rule.getId(), description(rule), "承办单位 " + unit + " 在组织机构中不存在"));
      }
    }
  }

  private static void checkPolicy(String resource, Decision decision, DecisionTable table,
      Map<String, BpmnModelInstance> bpmn, Map<String, String> texts, Deployed deployed, List<Finding> findings) {
    int unitColumn = outputColumn(table, "unit");
    int amountColumn = outputColumn(table, "amount");
    for (Rule rule : table.getRules()) {
      String stage = rule.getInputEntries().isEmpty() ? null : literal(rule.getInputEntries().iterator().next().getTextContent());
      String unit = unitColumn < 0 ? null : literal(entry(rule, unitColumn));
      String amount = amountColumn < 0 ? null : entry(rule, amountColumn);
      if (unit == null || Arrays.stream(WorkingCalendar.TimeUnit.values()).noneMatch(u -> u.name().equals(unit))) {
        findings.add(error(resource, rule.getId(), stage, "单位「" + show(unit) + "」无效，应为 " + String.join("、",
            Arrays.stream(WorkingCalendar.TimeUnit.values()).map(Enum::name).toList())));
      }
      if (amount == null || !amount.strip().matches("[1-9][0-9]{0,4}")) {
        findings.add(error(resource, rule.getId(), stage, "期限「" + show(amount) + "」无效，应为正整数"));
      }
    }
    Set<String> rows = new HashSet<>();
    table.getRules().forEach(r -> rowOf(r, rows));
    for (String asked : stagesAskedFor(bpmn, texts, deployed, true)) {
      // several stages may share one row (each supervision level, each office decision)
      String stage = policyRowOf(asked);
      if (!rows.contains(stage)) {
        findings.add(error(resource, decision.getId(), decision.getName(), "缺少环节 " + stage + " 的行，程序或流程图要按它计算时限"));
      }
    }
  }

  /** The policy row a stage is counted by: several stages share one (each supervision level, each office decision). */
  private static String policyRowOf(String stage) {
    return Arrays.stream(DeadlineStage.values()).filter(s -> s.name().equals(stage)).findFirst()
        .map(DeadlineStage::policyRow).orElse(stage);
  }

  /**
   * The policy rows in use: the named rows of DeadlineStage, and every stage the diagrams count a
   * deadline for (this deployment's, and with {@code includeDeployed} the deployed versions of the rest).
   */
  private static Set<String> stagesAskedFor(Map<String, BpmnModelInstance> models, Map<String, String> texts,
      Deployed deployed, boolean includeDeployed) {
    Set<String> asked = new TreeSet<>();
    for (Field f : DeadlineStage.class.getFields()) {
      if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
        asked.add(value(f));
      }
    }
    Set<String> seen = new HashSet<>();
    for (var model : models.entrySet()) {
      asked.addAll(stages(texts.get(model.getKey()), true));
      model.getValue().getModelElementsByType(Process.class).forEach(p -> seen.add(p.getId()));
    }
    if (includeDeployed) {
      for (Class<?> backing : BACKING_CLASSES) {
        for (String key : keysOf(backing)) {
          byte[] xml = seen.contains(key) ? null : deployed.latestProcess(key);
          if (xml != null) {
            asked.addAll(stages(new String(xml, StandardCharsets.UTF_8), true));
          }
        }
      }
    }
    asked.removeIf(s -> !isStage(s) && !isNamedRow(s));
    return asked;
  }

  private static Set<String> policyRows(DmnModelInstance model) {
    Set<String> rows = new HashSet<>();
    model.getModelElementsByType(Rule.class).forEach(r -> rowOf(r, rows));
    return rows;
  }

  private static void rowOf(Rule rule, Set<String> rows) {
    if (!rule.getInputEntries().isEmpty()) {
      String stage = literal(rule.getInputEntries().iterator().next().getTextContent());
      if (stage != null) {
        rows.add(stage);
      }
    }
  }

  /** Every stage a diagram names; with {@code counted} only those it counts a deadline for by the policy. */
  static Set<String> stages(String xml, boolean counted) {
    // the file as written: an attribute may quote with ' and escape a quote inside it
    xml = xml.replace("&apos;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&#34;", "\"");
    Set<String> stages = new LinkedHashSet<>();
    for (Pattern p : counted ? List.of(STAGE_IN_EXPRESSION) : List.of(STAGE_IN_EXPRESSION, STAGE_PARAMETER)) {
      Matcher m = p.matcher(xml);
      while (m.find()) {
        stages.add(m.group(1));
      }
    }
    return stages;
  }

  private static boolean isStage(String name) {
    return Arrays.stream(DeadlineStage.values()).anyMatch(s -> s.name().equals(name));
  }

  private static boolean isNamedRow(String name) {
    for (Field f : DeadlineStage.class.getFields()) {
      if (f.getType() == String.class && name.equals(value(f))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasBusinessCheck(UserTask task) {
    if (task.getExtensionElements() == null) {
      return false;
    }
    return task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
        .anyMatch(l -> "complete".equals(l.getCamundaEvent()) && l.getCamundaDelegateExpression() != null
            && BUSINESS_CHECK.matcher(l.getCamundaDelegateExpression()).matches());
  }

  /** A due date, or {@code deadline=none} with the reason written in the documentation. */
  static boolean hasDeadlineRule(UserTask task) {
    if (!blank(task.getCamundaDueDate())) {
      return true;
    }
    boolean none = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(ps -> ps.getCamundaProperties().stream())
        .anyMatch((CamundaProperty p) -> "deadline".equals(p.getCamundaName()) && "none".equals(p.getCamundaValue()));
    boolean documented = task.getDocumentations().stream().map(Documentation::getTextContent).anyMatch(t -> !blank(t));
    return none && documented;
  }

  private static FormRules form(String key, Map<String, FormRules> forms, Deployed deployed) {
    if (forms.containsKey(key)) {
      return forms.get(key);
    }
    byte[] json = deployed.latestForm(key);
    return json == null ? null : FormRules.parse(json);
  }

  private static boolean formExists(String key, Map<String, FormRules> forms, Deployed deployed) {
    return !blank(key) && (isExpression(key) || form(key, forms, deployed) != null);
  }

  static Class<?> backingClassOf(String processKey) {
    return BACKING_CLASSES.stream().filter(c -> keysOf(c).contains(processKey)).findFirst().orElse(null);
  }

  /** {@code KEY} and {@code *_KEY} constants: the process keys the class backs. */
  static List<String> keysOf(Class<?> backing) {
    List<String> keys = new ArrayList<>();
    for (Field f : backing.getFields()) {
      if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())
          && (f.getName().equals("KEY") || f.getName().endsWith("_KEY"))) {
        keys.add(value(f));
      }
    }
    return keys;
  }

  /** String constants of a nested class ({@code Element}, {@code Message}) of a backing class. */
  static List<String> constants(Class<?> backing, String nested) {
    List<String> values = new ArrayList<>();
    for (Class<?> inner : backing.getDeclaredClasses()) {
      if (inner.getSimpleName().equals(nested)) {
        for (Field f : inner.getFields()) {
          if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
            values.add(value(f));
          }
        }
      }
    }
    return values;
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  static Process processOf(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
    for (var e = element; e != null; e = e.getParentElement()) {
      if (e instanceof Process p) {
        return p;
      }
    }
    return null;
  }

  private static int outputColumn(DecisionTable table, String name) {
    int i = 0;
    for (Output output : table.getOutputs()) {
      if (name.equals(output.getName())) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static String entry(Rule rule, int column) {
    var entries = new ArrayList<OutputEntry>(rule.getOutputEntries());
    return column < entries.size() ? entries.get(column).getTextContent() : null;
  }

  /** The value of a quoted string literal ({@code "unit-hr"}); null when empty or not a literal. */
  static String literal(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && t.indexOf('"', 1) == t.length() - 1) {
      String v = t.substring(1, t.length() - 1).strip();
      return v.isEmpty() ? null : v;
    }
    return null;
  }

  private static String description(Rule rule) {
    return rule.getDescription() == null ? null : rule.getDescription().getTextContent();
  }

  private static String nameOf(BaseElement element) {
    return element instanceof FlowElement f ? f.getName() : null;
  }

  private static String firstProcessResource(Map<String, BpmnModelInstance> bpmn) {
    return bpmn.keySet().iterator().next();
  }

  private static boolean isExpression(String value) {
    return value.contains("${") || value.contains("#{");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String show(String s) {
    return blank(s) ? "空" : s;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static Finding error(String resource, String id, String name, String rule) {
    return new Finding(true, resource, id, name, rule);
  }
}
