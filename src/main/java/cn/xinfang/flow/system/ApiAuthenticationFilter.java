package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for {@code /api}, checked against the engine's users, as {@code /engine-rest} does (GET
 * requests may instead ride on the Tasklist login, so that a form's link to a letter opens). The
 * caller becomes the engine's current user for the request, so the engine's authorization applies to
 * everything the API does on their behalf; anonymous calls get 401 problem+json. Every password check
 * goes through the {@link LoginThrottle}; a throttled client gets 429 without its password being tried.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

  /** Camunda's CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME (webapp internals, named here once). */
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";

  private final IdentityService identity;
  private final ObjectMapper json;
  private final LoginThrottle throttle;
  private final VerifiedLogins verified;

  ApiAuthenticationFilter(IdentityService identity, ObjectMapper json, LoginThrottle throttle,
      VerifiedLogins verified) {
    this.identity = identity;
    this.json = json;
    this.throttle = throttle;
    this.verified = verified;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = LoginResponses.basicCredentials(request.getHeader("Authorization"));
    if (credentials == null) {
      // a link opened from a Tasklist form (a printable letter, the case file): read-only calls may use the
      // webapp login; a change (an upload from the case file) only with the session's anti-forgery token,
      // which a page of another site cannot read (GET /api/me hands it to our own pages)
      UserAuthentication webappUser = webappLogin(request);
      boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
      if (webappUser != null && !reading && !tokenMatches(request)) {
        forbiddenWithoutToken(request, response);
        return;
      }
      if (webappUser != null) {
        identity.setAuthentication(webappUser.getIdentityId(), webappUser.getGroupIds(), webappUser.getTenantIds());
        try {
          chain.doFilter(request, response);
        } finally {
          identity.clearAuthentication();
        }
        return;
      }
    }
    if (credentials == null) {
      unauthorized(request, response, "请使用 HTTP Basic 提供用户名和密码");
      return;
    }
    LoginThrottle.Attempt attempt = throttle.begin(request.getRemoteAddr(), credentials[0]);
    if (!attempt.allowed()) {
      LoginResponses.tooManyAttempts(request, response, attempt.retryAfterSeconds(), json);
      return;
    }
    String userId = credentials[0];
    var recalled = verified.recall(userId, credentials[1]);
    List<String> groups;
    List<String> tenants;
    if (recalled.isPresent()) {
      // the same user and password were checked a moment ago (VerifiedLogins): no database round trips
      attempt.succeeded();
      groups = recalled.get().groups();
      tenants = recalled.get().tenants();
    } else {
      long generation = VerifiedLogins.generation();
      boolean passwordRight;
      try {
        passwordRight = identity.checkPassword(userId, credentials[1]);
      } catch (RuntimeException e) {
        attempt.abandoned();
        throw e;
      }
      if (!passwordRight) {
        attempt.failed();
        unauthorized(request, response, "用户名或密码不正确");
        return;
      }
      attempt.succeeded();
      groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
      tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
          .map(Tenant::getId).toList();
      verified.remember(userId, credentials[1], groups, tenants, generation);
    }
    identity.setAuthentication(userId, groups, tenants);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The webapp's own CSRF token of the session (Camunda's CsrfPreventionFilter uses the same one), made if absent. */
  static String csrfToken(HttpSession session) {
    synchronized (session) {
      Object token = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
      if (token == null) {
        byte[] random = new byte[16];
        new java.security.SecureRandom().nextBytes(random);
        token = java.util.HexFormat.of().withUpperCase().formatHex(random);
        session.setAttribute(CSRF_SESSION_ATTRIBUTE, token);
      }
      return token.toString();
    }
  }

  private static boolean tokenMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String sent = request.getHeader("X-XSRF-TOKEN");
    Object expected = session == null ? null : session.getAttribute(CSRF_SESSION_ATTRIBUTE);
    return sent != null && expected != null && java.security.MessageDigest.isEqual(
        sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void forbiddenWithoutToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
    LoginResponses.problem(request, response, HttpServletResponse.SC_FORBIDDEN, "页面已过期",
        "请刷新页面后重试（修改须带登录会话的防伪令牌 X-XSRF-TOKEN）", json);
  }

  static UserAuthentication webappLogin(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    var auth = auths == null ? null : auths.getAuthenticationForProcessEngine("default");
    return auth instanceof UserAuthentication user ? user : null;
  }

  private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"xinfang\", charset=\"UTF-8\"");
    LoginResponses.problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "未登录", detail, json);
  }
}
