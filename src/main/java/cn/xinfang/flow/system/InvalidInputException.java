package cn.xinfang.flow.system;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input that cannot be accepted. Extends the engine's BadUserRequestException so that Tasklist and
 * /engine-rest answer 400 with this message, and our /api answers 400 problem+json with each field.
 */
public class InvalidInputException extends BadUserRequestException {

  private final transient List<FieldProblem> problems;

  public InvalidInputException(String summary, List<FieldProblem> problems) {
    super(summary + "：" + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("；")));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String field, String message) {
    this("输入有误", List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
