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
 * Camunda's "create initial admin user" page and its endpoint are never served: on a database without
 * an administrator it hands the system to whoever comes first. The administrator comes from
 * configuration instead (the organization file, or {@code XINFANG_ADMIN_USER}/{@code XINFANG_ADMIN_PASSWORD}
 * with {@code XINFANG_ADMIN_RESET=true}, see README "安全").
 */
class SetupPageBlocker extends OncePerRequestFilter {

  private final String webappPath;

  SetupPageBlocker(String webappPath) {
    this.webappPath = webappPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // the endpoint: {app}/api/admin/setup/{engine}/user/create; the page: {app}/app/admin/{engine}/setup/
    return !(path.startsWith(webappPath + "/api/admin/setup/")
        || (path.startsWith(webappPath + "/app/admin/") && path.matches(".*/app/admin/[^/]+/setup(/.*)?")));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(("初始化管理员页面已停用：管理员由系统配置创建"
        + "（环境变量 XINFANG_ADMIN_USER、XINFANG_ADMIN_PASSWORD，必要时加 XINFANG_ADMIN_RESET=true，见 README“安全”一节）。\n"
        + "The initial setup page is disabled: the administrator comes from configuration.\n")
        .getBytes(StandardCharsets.UTF_8));
  }
}
