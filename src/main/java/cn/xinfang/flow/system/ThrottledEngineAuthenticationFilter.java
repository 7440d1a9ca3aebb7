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

  private final LoginThrottle throttle;
  private final ObjectMapper json;

  ThrottledEngineAuthenticationFilter(LoginThrottle throttle, ObjectMapper json) {
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    authenticationProvider = new Reporting(authenticationProvider);
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
    try {
      super.doFilter(request, response, chain);
    } finally {
      // a request the provider never saw (the engine list, an unknown engine) counts for nothing
      attempt.abandoned();
      req.removeAttribute(ATTEMPT);
    }
  }

  /** Tells the throttle whether the password Camunda checked was right. */
  private record Reporting(AuthenticationProvider delegate) implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      AuthenticationResult result = delegate.extractAuthenticatedUser(request, engine);
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
