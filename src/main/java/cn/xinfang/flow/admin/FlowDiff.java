package cn.xinfang.flow.admin;

import cn.xinfang.flow.system.FormRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A readable difference between the deployed version of a diagram, decision table or form and a new
 * one, in the terms an administrator changed them in: steps, flows, timers with their expressions,
 * forms and groups bound to tasks; table rows before and after; form fields. Layout is not compared.
 */
public final class FlowDiff {

  private FlowDiff() {}

  /** The changes from {@code before} (null: nothing deployed yet) to {@code after}. */
  public static List<String> of(String resourceName, byte[] before, byte[] after) {
    if (before == null) {
      return List.of("首次部署");
    }
    if (resourceName.endsWith(".bpmn") || resourceName.endsWith(".bpmn20.xml")) {
      return compare(bpmn(before), bpmn(after));
    }
    if (resourceName.endsWith(".dmn") || resourceName.endsWith(".dmn11.xml")) {
      return compare(dmn(before), dmn(after));
    }
    if (resourceName.endsWith(".form")) {
      return compare(form(before), form(after));
    }
    return java.util.Arrays.equals(before, after) ? List.of() : List.of("内容有变化");
  }

  /** What an administrator recognises of a diagram, element by element: id → description. */
  static Map<String, String> bpmn(byte[] xml) {
    BpmnModelInstance model = ModelReader.bpmn(xml);
    Map<String, String> items = new LinkedHashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      items.put("环节 " + node.getId(), kind(node) + "「" + Objects.toString(node.getName(), "") + "」");
      if (node instanceof UserTask task) {
        items.put("环节 " + node.getId() + " 的表单", Objects.toString(task.getCamundaFormRef(), "无"));
        items.put("环节 " + node.getId() + " 的候选组", Objects.toString(task.getCamundaCandidateGroups(), "无"));
        items.put("环节 " + node.getId() + " 的办理人", Objects.toString(task.getCamundaAssignee(), "无"));
        items.put("环节 " + node.getId() + " 的到期日", Objects.toString(task.getCamundaDueDate(), "无"));
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      String event = ((BaseElement) timer.getParentElement()).getId();
      String expression = timer.getTimeDate() != null ? "日期 " + timer.getTimeDate().getTextContent()
          : timer.getTimeDuration() != null ? "间隔 " + timer.getTimeDuration().getTextContent()
          : timer.getTimeCycle() != null ? "周期 " + timer.getTimeCycle().getTextContent() : "无表达式";
      items.put("定时器 " + event, expression.strip());
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      String condition = flow.getConditionExpression() == null ? "" : "，条件 " + flow.getConditionExpression().getTextContent();
      items.put("连线 " + flow.getId(), flow.getSource().getId() + " → " + flow.getTarget().getId() + condition);
    }
    return items;
  }

  /** Each row of each table: rule id → "inputs ⇒ outputs". */
  static Map<String, String> dmn(byte[] xml) {
    DmnModelInstance model = ModelReader.dmn(xml);
    Map<String, String> rows = new LinkedHashMap<>();
    for (Rule rule : model.getModelElementsByType(Rule.class)) {
      String in = rule.getInputEntries().stream().map(InputEntry::getTextContent).map(FlowDiff::cell)
          .collect(Collectors.joining(" | "));
      String out = rule.getOutputEntries().stream().map(OutputEntry::getTextContent).map(FlowDiff::cell)
          .collect(Collectors.joining(" | "));
      rows.put("规则 " + rule.getId(), in + " ⇒ " + out);
    }
    return rows;
  }

  /** Each keyed field: key → type, label, required. */
  static Map<String, String> form(byte[] json) {
    Map<String, String> fields = new LinkedHashMap<>();
    FormRules.parse(json).fields().forEach((key, f) -> fields.put("字段 " + key,
        f.type() + "「" + Objects.toString(f.label(), "") + "」" + (f.required() ? " 必填" : "")
            + (f.readOnly() ? " 只读" : "")));
    return fields;
  }

  private static List<String> compare(Map<String, String> before, Map<String, String> after) {
    List<String> changes = new ArrayList<>();
    before.forEach((item, was) -> {
      String now = after.get(item);
      if (now == null) {
        changes.add("删除 " + item + "：" + was);
      } else if (!now.equals(was)) {
        changes.add("修改 " + item + "：" + was + " → " + now);
      }
    });
    after.forEach((item, now) -> {
      if (!before.containsKey(item)) {
        changes.add("新增 " + item + "：" + now);
      }
    });
    return changes;
  }

  private static String cell(String text) {
    return text == null || text.isBlank() ? "-" : text.strip();
  }

  private static String kind(FlowNode node) {
    return switch (node.getElementType().getTypeName()) {
      case "userTask" -> "用户任务";
      case "serviceTask" -> "服务任务";
      case "businessRuleTask" -> "决策任务";
      case "sendTask" -> "发送任务";
      case "callActivity" -> "调用子流程";
      case "subProcess" -> "子流程";
      case "startEvent" -> "开始事件";
      case "endEvent" -> "结束事件";
      case "boundaryEvent" -> "边界事件";
      case "intermediateCatchEvent" -> "中间捕获事件";
      case "intermediateThrowEvent" -> "中间抛出事件";
      case "exclusiveGateway" -> "排他网关";
      case "parallelGateway" -> "并行网关";
      case "eventBasedGateway" -> "事件网关";
      case "inclusiveGateway" -> "包容网关";
      default -> node.getElementType().getTypeName();
    };
  }
}
