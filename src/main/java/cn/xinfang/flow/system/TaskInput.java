package cn.xinfang.flow.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads and checks what a user task is completed with, collecting every problem, so that the clerk
 * is told everything to fix at once. The forms check the same in the browser; this check cannot be
 * bypassed by REST.
 */
public final class TaskInput {

  private final VariableScope scope;
  private final List<FieldProblem> problems = new ArrayList<>();

  public TaskInput(VariableScope scope) {
    this.scope = scope;
  }

  public String choice(String name, String label, Set<String> allowed) {
    Object value = scope.getVariable(name);
    if (value instanceof String s && allowed.contains(s)) {
      return s;
    }
    problems.add(new FieldProblem(name, "请选择" + label + (value == null ? "" : "（「" + value + "」不是可选项）")));
    return null;
  }

  public String text(String name, String label, int max) {
    Object value = scope.getVariable(name);
    String problem = value instanceof String typed ? UserText.problem(typed) : null;
    if (problem != null) {
      problems.add(new FieldProblem(name, label + problem));
      return null;
    }
    if (!(value instanceof String s) || UserText.isBlank(s)) {
      problems.add(new FieldProblem(name, "请填写" + label));
      return null;
    }
    if (UserText.length(s) > max) {
      problems.add(new FieldProblem(name, label + "过长：最多 " + max + " 字"));
      return null;
    }
    return s;
  }

  /** Text that may be left empty; when given, the same rules as {@link #text}. */
  public String optionalText(String name, String label, int max) {
    Object value = scope.getVariable(name);
    if (value == null || (value instanceof String s && UserText.isBlank(s) && UserText.problem(s) == null)) {
      return null;
    }
    return text(name, label, max);
  }

  public Integer number(String name, String label, int min, int max) {
    Object value = scope.getVariable(name);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.intValue() < min || n.intValue() > max) {
      problems.add(new FieldProblem(name, label + "应为 " + min + " 至 " + max + " 的整数"));
      return null;
    }
    return n.intValue();
  }

  public void problem(String field, String message) {
    problems.add(new FieldProblem(field, message));
  }

  /** Refuses the completion, naming every problem; the task stays open as it was. */
  public void throwIfAny(String taskName) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException("「" + taskName + "」填写不完整，任务未提交", problems);
    }
  }
}
