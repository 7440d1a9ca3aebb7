package cn.xinfang.flow.system;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors of {@code /api} as RFC 9457 problem details, in Chinese, naming each field to fix. */
@RestControllerAdvice(basePackages = "cn.xinfang.flow")
class ApiProblems extends ResponseEntityExceptionHandler {

  static final URI INVALID_INPUT = URI.create("https://xinfang.cn/problems/invalid-input");

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "提交的内容有误，请按 errors 逐项修改");
    problem.setType(INVALID_INPUT);
    problem.setTitle("输入有误");
    problem.setProperty("errors", e.problems().stream()
        .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    return problem;
  }

  @ExceptionHandler(FormInputRefused.class)
  ProblemDetail refusedForm(FormInputRefused e) {
    return invalidInput(new InvalidInputException("输入有误", e.problems()));
  }

  @ExceptionHandler(StateConflictException.class)
  ProblemDetail conflict(StateConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("当前状态不允许此操作");
    if (e.status() != null) {
      // a client can tell a closed case from a case that is merely not waiting for this request
      problem.setProperty("caseStatus", e.status());
      problem.setProperty("caseStatusLabel", e.statusLabel());
    }
    return problem;
  }

  @ExceptionHandler(NullValueException.class)
  ProblemDetail notFound(NullValueException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("未找到");
    return problem;
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "您没有执行此操作的权限");
    problem.setTitle("无权限");
    return problem;
  }

  /**
   * Everything else the engine throws. A collision (OptimisticLockingException: someone else changed
   * the case in the meantime) is 409 and tells the caller to reload; a refusal wrapped by the engine
   * (a listener threw our InvalidInputException) is judged by what it wraps; only the rest is 500.
   */
  @ExceptionHandler(ProcessEngineException.class)
  ResponseEntity<ProblemDetail> engine(ProcessEngineException e) {
    Collisions.Verdict verdict = Collisions.judge(e);
    if (verdict == null) {
      logger.error("引擎错误", e);
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，请稍后重试或联系管理员");
      problem.setTitle("服务器错误");
      return problem(problem);
    }
    if (verdict.problems().size() > 0) {
      return problem(invalidInput(new InvalidInputException("输入有误", verdict.problems())));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(verdict.status()), verdict.message());
    problem.setTitle(switch (verdict.status()) {
      case 409 -> "冲突，请刷新后重试";
      case 403 -> "无权限";
      case 404 -> "未找到";
      default -> "输入有误";
    });
    if (verdict.status() == 400) {
      problem.setType(INVALID_INPUT);
    }
    return problem(problem);
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** {@code ?page=abc} or a number beyond any range: name the parameter instead of a stack trace. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    String name = ex.getPropertyName() == null ? "(参数)" : ex.getPropertyName();
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(invalidInput(new InvalidInputException(name, "参数 " + name + " 的值「" + ex.getValue() + "」无效，应为范围内的整数")));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(invalidInput(new InvalidInputException(ex.getParameterName(), "缺少参数 " + ex.getParameterName())));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "请求体不是有效的 JSON 对象，或字段类型不对（如人数须为数字，实名须为 true/false）");
    problem.setType(INVALID_INPUT);
    problem.setTitle("输入有误");
    problem.setProperty("errors", List.of(Map.of("field", "(body)", "message", "JSON 格式错误")));
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
