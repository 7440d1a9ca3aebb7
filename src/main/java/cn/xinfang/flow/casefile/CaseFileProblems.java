package cn.xinfang.flow.casefile;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Refused uploads, in Chinese. Without a package restriction and first in line: a request over the
 * multipart limit is refused before any controller is chosen, where a package-bound advice does not apply.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseFileProblems {

  static final String LIMIT = "单个附件不能超过 20 MB";

  static class TooLarge extends RuntimeException {
    TooLarge(long size) {
      super("文件大小 " + AttachmentController.humanSize(size) + "，" + LIMIT + "，请压缩或分成几个文件上传");
    }
  }

  static class UnsupportedType extends RuntimeException {
    UnsupportedType(String name) {
      super("文件「" + (name == null ? "" : name) + "」的内容不是允许的类型。只接受 " + FileTypes.ACCEPTED
          + "，按文件内容判断，改扩展名无效");
    }
  }

  @ExceptionHandler(TooLarge.class)
  ProblemDetail tooLarge(TooLarge e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "附件过大", e.getMessage());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail overLimit(MaxUploadSizeExceededException e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "附件过大", LIMIT + "，请压缩或分成几个文件上传");
  }

  @ExceptionHandler(UnsupportedType.class)
  ProblemDetail unsupported(UnsupportedType e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "文件类型不支持", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", "file", "message", detail)));
    return problem;
  }
}
