package cn.xinfang.flow.system;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
