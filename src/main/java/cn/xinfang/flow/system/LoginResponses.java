package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/** What every door answers while a client is throttled, and how it reads HTTP Basic credentials. */
/** Also the problem+json answer of every refusing filter of ours. */
final class LoginResponses {

  static final String TOO_MANY_ATTEMPTS_TYPE = "https://xinfang.cn/problems/too-many-login-attempts";

  private LoginResponses() {}

  /**
   * 429 with {@code Retry-After} and a Chinese problem+json. The {@code message} member repeats the
   * detail because the Tasklist/Cockpit/Admin login page shows a failed login's {@code message}.
   */
  static void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds,
      ObjectMapper json) throws IOException {
    String detail = "登录失败次数过多，请 " + retryAfterSeconds + " 秒后再试。"
        + "（限制只针对您所在的网络地址，其他地址的登录不受影响。）";
    response.resetBuffer();
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", TOO_MANY_ATTEMPTS_TYPE);
    problem.put("title", "登录尝试过多");
    problem.put("status", 429);
    problem.put("detail", detail);
    problem.put("message", detail);
    problem.put("retryAfterSeconds", retryAfterSeconds);
    problem.put("instance", request.getRequestURI());
    json.writeValue(response.getOutputStream(), problem);
  }

  /** A refusal written by a servlet filter (before Spring MVC's problem handling): problem+json in Chinese. */
  static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
      ObjectMapper json) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    json.writeValue(response.getOutputStream(), problem);
  }

  /** {user, password} from an HTTP Basic header, or null when there is none or it is malformed. */
  static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
