package cn.xinfang.flow.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * {@code POST /engine-rest/deployment/create} refused by the checks: 400 in Camunda's error shape
 * (Modeler shows {@code message}), with each finding under {@code errors} for tools.
 */
@Component
class DeploymentRefusals implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
  }

  @Priority(1)
  public static class Mapper implements ExceptionMapper<DeploymentRefused> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response toResponse(DeploymentRefused refused) {
      Map<String, Object> dto = new LinkedHashMap<>();
      dto.put("type", "DeploymentRefused");
      dto.put("message", refused.getMessage());
      dto.put("code", 0);
      dto.put("errors", refused.findings().stream().map(f -> {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("field", f.elementId());
        e.put("name", f.elementName());
        e.put("resource", f.resource());
        e.put("message", f.rule());
        return e;
      }).toList());
      try {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
            .entity(JSON.writeValueAsString(dto)).build();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
