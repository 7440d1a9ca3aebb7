package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} for administrators only: the same HTTP Basic login as {@code /api} (with its
 * throttle), then membership of {@code camunda-admin}. The figures (open cases and overdue tasks per unit) are
 * not for every clerk or anyone on the network. Health and readiness stay open for the load balancer.
 * A Prometheus server scrapes with a dedicated user in camunda-admin (README "性能与运维").
 */
@Configuration
class MetricsAccess {

  static final String PATH = "/actuator/prometheus";
  static final String ADMIN_GROUP = "camunda-admin";

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> metricsAuthentication(IdentityService identity, ObjectMapper json,
      LoginThrottle throttle, VerifiedLogins verified) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, json, throttle, verified));
    registration.addUrlPatterns(PATH, PATH + "/*");
    registration.setName("metrics-authentication");
    registration.setOrder(103);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AdministratorsOnly> metricsAdministratorsOnly(IdentityService identity, ObjectMapper json) {
    FilterRegistrationBean<AdministratorsOnly> registration =
        new FilterRegistrationBean<>(new AdministratorsOnly(identity, json));
    registration.addUrlPatterns(PATH, PATH + "/*");
    registration.setName("metrics-administrators-only");
    registration.setOrder(104);
    return registration;
  }

  static class AdministratorsOnly extends OncePerRequestFilter {

    private final IdentityService identity;
    private final ObjectMapper json;

    AdministratorsOnly(IdentityService identity, ObjectMapper json) {
      this.identity = identity;
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication who = identity.getCurrentAuthentication();
      if (who != null && who.getGroupIds() != null && who.getGroupIds().contains(ADMIN_GROUP)) {
        chain.doFilter(request, response);
        return;
      }
      LoginResponses.problem(request, response, HttpServletResponse.SC_FORBIDDEN, "无权访问",
          "运行指标仅供系统管理员（camunda-admin 组）读取", json);
    }
  }
}
