package cn.xinfang.flow.system;

/** One thing wrong with one input field, said so that a clerk knows what to fix. */
public record FieldProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
