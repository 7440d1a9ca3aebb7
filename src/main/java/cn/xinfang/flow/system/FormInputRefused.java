package cn.xinfang.flow.system;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input refused at a form submission (a task completed or a start form submitted). It is the
 * engine's form-validation exception, which Camunda's REST resources — {@code /engine-rest} and the
 * engine API Tasklist itself calls — answer with 400 and the message, where they answer any other
 * engine exception of these calls with 500.
 */
public class FormInputRefused extends FormFieldValidationException {

  private static final long serialVersionUID = 1L;
  private final transient List<FieldProblem> problems;

  public FormInputRefused(InvalidInputException cause) {
    super(cause.problems(), cause.getMessage(), cause);
    this.problems = cause.problems();
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
