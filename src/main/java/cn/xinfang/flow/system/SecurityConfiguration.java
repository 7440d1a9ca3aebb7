package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nobody reaches the engine or our API anonymously. The webapps (Tasklist, Cockpit, Admin) keep
 * their own login; {@code /engine-rest} (used by Camunda Modeler to deploy) and {@code /api} take
 * HTTP Basic against the engine's users, and the engine's authorization decides what each may do:
 * only {@code camunda-admin} holds the deployment permission.
 */
@Configuration
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(LoginThrottle throttle,
      ObjectMapper json, VerifiedLogins verified) {
    // Camunda's filter and provider, with the login throttle in front (see LoginSecurityConfiguration)
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ThrottledEngineAuthenticationFilter(throttle, json, verified));
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setName("engine-rest-authentication");
    registration.setOrder(101);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identity, ObjectMapper json,
      LoginThrottle throttle, VerifiedLogins verified) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, json, throttle, verified));
    registration.addUrlPatterns("/api/*");
    registration.setName("api-authentication");
    registration.setOrder(102);
    return registration;
  }
}
