package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * {@code /engine-rest} answers a refusal as what it is. Camunda's REST resources catch the engine's
 * exceptions and re-throw them as a 500 "Cannot complete task …" (or "Cannot instantiate …"), so a
 * field the task does not accept, or a case changed by someone else, looked like a server fault.
 * This mapper looks at the cause: invalid input is 400 with each field, a case in the wrong state or
 * changed concurrently 409, a refused permission 403; Camunda's JSON shape is kept, with our fields
 * added.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
  }

  @Priority(1) // before Camunda's own RestExceptionHandler for the same type
  public static class Mapper implements ExceptionMapper<RestException> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      if (exception.getStatus() == null || exception.getStatus().getStatusCode() >= 500) {
        for (Throwable t = exception.getCause(); t != null; t = t.getCause()) {
          Response answer = answer(t);
          if (answer != null) {
            return answer;
          }
        }
      }
      return camunda.toResponse(exception);
    }

    static Response answer(Throwable t) {
      if (t instanceof FormInputRefused refused) {
        return body(400, "InvalidInputException", refused.getMessage(), refused.problems());
      }
      if (t instanceof InvalidInputException invalid) {
        return body(400, "InvalidInputException", invalid.getMessage(), invalid.problems());
      }
      if (t instanceof StateConflictException) {
        return body(409, "StateConflictException", t.getMessage(), List.of());
      }
      if (t instanceof OptimisticLockingException) {
        return body(409, "OptimisticLockingException", "此案件刚被他人修改，请刷新后重试", List.of());
      }
      if (t instanceof AuthorizationException) {
        return body(403, "AuthorizationException", t.getMessage(), List.of());
      }
      if (t instanceof BadUserRequestException || t instanceof FormFieldValidationException) {
        return body(400, t.getClass().getSimpleName(), t.getMessage(), List.of());
      }
      return null;
    }

    private static Response body(int status, String type, String message, List<FieldProblem> problems) {
      Map<String, Object> dto = new LinkedHashMap<>();
      dto.put("type", type);
      dto.put("message", message);
      dto.put("code", 0);
      if (!problems.isEmpty()) {
        dto.put("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
      }
      try {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
            .entity(JSON.writeValueAsString(dto)).build();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
