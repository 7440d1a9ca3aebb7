package cn.xinfang.flow.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who is logged in, for our own pages; with a Tasklist login also the token
 * those pages send back on a change (upload, new query code). A page of another site cannot read
 * this answer, so it cannot forge such a change with the clerk's login.
 */
@RestController
class SessionController {

  private final Caller caller;
  private final IdentityService identity;

  SessionController(Caller caller, IdentityService identity) {
    this.caller = caller;
    this.identity = identity;
  }

  @GetMapping("/api/me")
  Map<String, Object> me(HttpServletRequest request) {
    Map<String, Object> me = new LinkedHashMap<>();
    String userId = caller.userId();
    User user = identity.createUserQuery().userId(userId).singleResult();
    me.put("userId", userId);
    me.put("name", user == null ? userId
        : (user.getFirstName() == null ? "" : user.getFirstName()) + (user.getLastName() == null ? "" : user.getLastName()));
    me.put("groups", caller.groups());
    HttpSession session = request.getSession(false);
    if (session != null && ApiAuthenticationFilter.webappLogin(request) != null) {
      me.put("csrfToken", ApiAuthenticationFilter.csrfToken(session));
    }
    return me;
  }
}
