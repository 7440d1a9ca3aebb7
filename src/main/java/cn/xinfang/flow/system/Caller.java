package cn.xinfang.flow.system;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is calling {@code /api}: the engine's current authentication, set by the API filter. */
@Component
public class Caller {

  private final IdentityService identity;

  Caller(IdentityService identity) {
    this.identity = identity;
  }

  public String userId() {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth == null) {
      throw new IllegalStateException("no authenticated caller");
    }
    return auth.getUserId();
  }

  public List<String> groups() {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
  }

  public boolean inAnyGroup(Collection<String> groupIds) {
    return groups().stream().anyMatch(Set.copyOf(groupIds)::contains);
  }

  /** Refuses (403) unless the caller belongs to one of the groups. */
  public void requireAnyGroup(Collection<String> groupIds, String what) {
    if (!inAnyGroup(groupIds)) {
      throw new org.camunda.bpm.engine.AuthorizationException(userId(), what, "petition", null);
    }
  }
}
