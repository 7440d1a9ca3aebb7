package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's HTTP Basic filter for {@code /engine-rest} with the {@link LoginThrottle} in front: a
 * throttled client gets 429 before any password is checked, and the provider Camunda instantiates
 * (HttpBasicAuthenticationProvider) reports each check's outcome to the throttle.
 */
class ThrottledEngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  private static final String ATTEMPT = ThrottledEngineAuthenticationFilter.class.getName() + ".attempt";
  private static final String CREDENTIALS = ThrottledEngineAuthenticationFilter.class.getName() + ".credentials";

  private final LoginThrottle throttle;
  private final ObjectMapper json;
  private final VerifiedLogins verified;

  ThrottledEngineAuthenticationFilter(LoginThrottle throttle, ObjectMapper json, VerifiedLogins verified) {
    this.throttle = throttle;
    this.json = json;
    this.verified = verified;
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    authenticationProvider = new Reporting(authenticationProvider, verified);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String[] credentials = LoginResponses.basicCredentials(req.getHeader("Authorization"));
    if (credentials == null) {
      super.doFilter(request, response, chain);
      return;
    }
    LoginThrottle.Attempt attempt = throttle.begin(req.getRemoteAddr(), credentials[0]);
    if (!attempt.allowed()) {
      LoginResponses.tooManyAttempts(req, (HttpServletResponse) response, attempt.retryAfterSeconds(), json);
      return;
    }
    req.setAttribute(ATTEMPT, attempt);
    req.setAttribute(CREDENTIALS, credentials);
    try {
      super.doFilter(request, response, chain);
    } finally {
      // a request the provider never saw (the engine list, an unknown engine) counts for nothing
      attempt.abandoned();
      req.removeAttribute(ATTEMPT);
      req.removeAttribute(CREDENTIALS);
    }
  }

  /**
   * Tells the throttle whether the password Camunda checked was right, and answers a check made a moment ago with
   * the same user and password from {@link VerifiedLogins} (with its groups and tenants, so that the filter does
   * not ask the database for them either).
   */
  private record Reporting(AuthenticationProvider delegate, VerifiedLogins verified) implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      String[] credentials = request.getAttribute(CREDENTIALS) instanceof String[] c ? c : null;
      var recalled = credentials == null ? null : verified.recall(credentials[0], credentials[1]).orElse(null);
      AuthenticationResult result;
      if (recalled != null) {
        result = AuthenticationResult.successful(credentials[0]);
        result.setGroups(recalled.groups());
        result.setTenants(recalled.tenants());
      } else {
        long generation = VerifiedLogins.generation();
        result = delegate.extractAuthenticatedUser(request, engine);
        if (result.isAuthenticated() && credentials != null && credentials[0].equals(result.getAuthenticatedUser())) {
          // what ProcessEngineAuthenticationFilter would ask next, asked here once and remembered
          String userId = result.getAuthenticatedUser();
          List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
              .map(Group::getId).toList();
          List<String> tenants = engine.getIdentityService().createTenantQuery().userMember(userId)
              .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList();
          result.setGroups(groups);
          result.setTenants(tenants);
          verified.remember(userId, credentials[1], groups, tenants, generation);
        }
      }
      if (request.getAttribute(ATTEMPT) instanceof LoginThrottle.Attempt attempt) {
        if (result.isAuthenticated()) {
          attempt.succeeded();
        } else {
          attempt.failed();
        }
      }
      return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
      delegate.augmentResponseByAuthenticationChallenge(response, engine);
    }
  }
}
