package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The throttle shared by every door that checks a password ({@code /api}, {@code /engine-rest}, the
 * webapps' login form), the blocks of the setup page and of Camunda's password-verify endpoint, and the
 * security headers. Filters run in this order: headers (90) so that even refusals carry them, the
 * blocks and the webapp login throttle (94–96, before Camunda's own webapp filters), then
 * authentication of {@code /engine-rest} (101) and {@code /api} (102) from {@link SecurityConfiguration}.
 */
@Configuration
class LoginSecurityConfiguration {

  @Bean
  LoginThrottle loginThrottle(LoginProperties properties) {
    return new LoginThrottle(properties);
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setName("security-headers");
    registration.setOrder(90);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SetupPageBlocker> setupPageBlocker(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<SetupPageBlocker> registration =
        new FilterRegistrationBean<>(new SetupPageBlocker(webappPath));
    registration.addUrlPatterns(webappPath + "/api/admin/setup/*", webappPath + "/app/admin/*");
    registration.setName("setup-page-blocker");
    registration.setOrder(95);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PasswordOracleBlocker> passwordOracleBlocker(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<PasswordOracleBlocker> registration = new FilterRegistrationBean<>(new PasswordOracleBlocker());
    registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/engine/*");
    registration.setName("password-oracle-blocker");
    registration.setOrder(94);
    return registration;
  }

  @Bean
  FilterRegistrationBean<WebappLoginThrottleFilter> webappLoginThrottle(LoginThrottle throttle, ObjectMapper json,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<WebappLoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new WebappLoginThrottleFilter(throttle, json));
    registration.addUrlPatterns(webappPath + "/api/admin/auth/user/*");
    registration.setName("webapp-login-throttle");
    registration.setOrder(96);
    return registration;
  }
}
