package cn.xinfang.flow.admin;

import cn.xinfang.flow.organization.OrganizationChart;
import cn.xinfang.flow.system.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrator page's API, {@code /api/admin/flows}: administrators ({@code camunda-admin}) only.
 * Like the rest of {@code /api}, a change (POST) needs HTTP Basic: the browser's login cookie is never
 * enough for it, so another site cannot make an administrator's browser move cases (no CSRF).
 */
@RestController
@RequestMapping("/api/admin/flows")
class FlowAdminController {

  private final FlowAdministration flows;
  private final Caller caller;

  FlowAdminController(FlowAdministration flows, Caller caller) {
    this.flows = flows;
    this.caller = caller;
  }

  /** Every process, its versions newest first and the running cases of each. */
  @GetMapping
  List<FlowAdministration.Flow> list() {
    admin();
    return flows.flows();
  }

  /** {@code {"dryRun": true}}: what would move and what cannot; {@code false}: move. */
  @PostMapping("/{key}/migration")
  FlowAdministration.MoveResult move(@PathVariable String key, @RequestBody(required = false) Map<String, Object> body) {
    admin();
    boolean dryRun = body == null || !Boolean.FALSE.equals(body.get("dryRun"));
    return flows.moveToLatest(key, dryRun, caller.userId());
  }

  @GetMapping("/changes")
  List<FlowAdministration.Change> changes(@RequestParam(defaultValue = "100") int limit) {
    admin();
    return flows.changes(Math.max(1, Math.min(limit, 1000)));
  }

  /** Rolls back by deploying the files of an earlier deployment again, as new versions. */
  @PostMapping("/changes/{deploymentId}/redeploy")
  @ResponseStatus(HttpStatus.CREATED)
  FlowAdministration.Change redeploy(@PathVariable String deploymentId) {
    admin();
    return flows.redeploy(deploymentId);
  }

  private void admin() {
    caller.requireAnyGroup(List.of(OrganizationChart.ADMIN_GROUP), "管理流程");
  }
}
