package cn.xinfang.flow.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's {@code POST .../identity/verify} tells any logged-in user whether a password is right for
 * any account: a way around the login throttle for guessing a colleague's password. Nothing of ours
 * or of the webapps uses it, so it is refused at {@code /engine-rest} and under the webapps' API.
 */
class PasswordOracleBlocker extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.endsWith("/identity/verify") || path.endsWith("/identity/verify/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"无权限\",\"status\":403,"
        + "\"detail\":\"本系统不提供密码校验接口，请通过登录验证身份\",\"message\":\"本系统不提供密码校验接口，请通过登录验证身份\"}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
