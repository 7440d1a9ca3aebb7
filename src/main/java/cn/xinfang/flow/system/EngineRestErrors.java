package cn.xinfang.flow.system;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The engine's REST interfaces answer collisions and refused input as such, not as 500.
 *
 * <p>Camunda maps every {@code ProcessEngineException} it does not know to 500, also an
 * {@code OptimisticLockingException} (two people completing the same task, two repeat visits at
 * once) and our validation errors when a listener raised them (the engine wraps them). These mappers
 * look through the wrapping ({@link Collisions#judge}) and answer 409, 400, 403 or 404 with the
 * Chinese message, in Camunda's own error shape ({@code {"type", "message"}}, plus {@code errors}
 * naming each field) so that Tasklist, Cockpit and Modeler show the message as they show Camunda's.
 * Anything else is left to Camunda's mappers.
 *
 * <p>Two JAX-RS applications serve the engine: {@code /engine-rest} (the REST starter's Jersey
 * {@code ResourceConfig}, customized here) and {@code /camunda/api/engine} inside the webapps, which
 * Tasklist uses to submit forms. The webapp starter registers the latter as servlet "Engine Api"
 * only if no servlet of that name exists yet, so it is registered here first, with Camunda's own
 * application plus these mappers.
 */
@Configuration
class EngineRestErrors {

  static final Logger LOG = LoggerFactory.getLogger(EngineRestErrors.class);

  /** Ours are looked at before Camunda's mappers of the same exception type (Jersey orders by priority). */
  static final int BEFORE_CAMUNDA = 1;

  static final Set<Class<?>> MAPPERS = Set.of(ForRestException.class, ForEngineException.class, ForAnything.class);

  @Bean
  ResourceConfigCustomizer engineRestCollisions() {
    return config -> MAPPERS.forEach(config::register);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  ServletContextInitializer webappEngineApiWithCollisions(CamundaBpmProperties properties) {
    return (ServletContext context) -> {
      if (context.getServletRegistration("Engine Api") != null) {
        return;
      }
      ServletRegistration.Dynamic servlet = context.addServlet("Engine Api", ServletContainer.class);
      servlet.addMapping(properties.getWebapp().getApplicationPath() + "/api/engine/*");
      servlet.setInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS, WebappEngineApi.class.getName());
    };
  }

  /** Camunda's engine API of the webapps, with our mappers. */
  public static class WebappEngineApi extends EngineRestApplication {
    @Override
    public Set<Class<?>> getClasses() {
      Set<Class<?>> classes = new java.util.HashSet<>(super.getClasses());
      classes.addAll(MAPPERS);
      return classes;
    }
  }

  static Response answer(Throwable thrown) {
    Collisions.Verdict verdict = Collisions.judge(thrown);
    if (verdict.status() == 409) {
      LOG.info("并发冲突（{}）：{}", verdict.type(), thrown.getMessage());
    } else {
      LOG.debug("请求被拒绝（{}）：{}", verdict.status(), thrown.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", verdict.type());
    body.put("message", verdict.message());
    if (!verdict.problems().isEmpty()) {
      body.put("errors", verdict.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    }
    return Response.status(verdict.status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Ours only where we have a verdict; a bare AuthorizationException keeps Camunda's own 403 body,
   * which names the missing permission.
   */
  static boolean ours(Throwable thrown) {
    return !(thrown instanceof AuthorizationException) && Collisions.judge(thrown) != null;
  }

  @Priority(BEFORE_CAMUNDA)
  public static class ForRestException implements ExtendedExceptionMapper<RestException> {
    @Override
    public boolean isMappable(RestException e) {
      return ours(e);
    }

    @Override
    public Response toResponse(RestException e) {
      return answer(e);
    }
  }

  @Priority(BEFORE_CAMUNDA)
  public static class ForEngineException implements ExtendedExceptionMapper<ProcessEngineException> {
    @Override
    public boolean isMappable(ProcessEngineException e) {
      return ours(e);
    }

    @Override
    public Response toResponse(ProcessEngineException e) {
      return answer(e);
    }
  }

  @Priority(BEFORE_CAMUNDA)
  public static class ForAnything implements ExtendedExceptionMapper<Throwable> {
    @Override
    public boolean isMappable(Throwable e) {
      return ours(e);
    }

    @Override
    public Response toResponse(Throwable e) {
      return answer(e);
    }
  }
}
