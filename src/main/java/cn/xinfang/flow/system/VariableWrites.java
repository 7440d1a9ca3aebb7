package cn.xinfang.flow.system;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Writes a case variable only when its value changes. The engine writes every {@code setVariable}, even of
 * the value the variable already holds: a runtime row update, and a history row read back and updated
 * (issue 12: two of the four variable updates of every escalation wrote a value that was already there).
 * The scope's variables are loaded once per scope, so the comparison reads nothing from the database.
 */
public final class VariableWrites {

  private VariableWrites() {
  }

  /** Sets {@code name} to {@code value} unless it already holds an equal value (a missing variable holds null). */
  public static void setIfChanged(VariableScope scope, String name, Object value) {
    if (!Objects.equals(scope.getVariable(name), value)) {
      scope.setVariable(name, value);
    }
  }

  /**
   * A yes/no flag where a missing variable reads as no (every reader asks {@code Boolean.TRUE.equals}): a case
   * that never had it set gets no variable for "no".
   */
  public static void setFlag(VariableScope scope, String name, boolean value) {
    Object current = scope.getVariable(name);
    if (value ? !Boolean.TRUE.equals(current) : Boolean.TRUE.equals(current)) {
      scope.setVariable(name, value);
    }
  }
}
