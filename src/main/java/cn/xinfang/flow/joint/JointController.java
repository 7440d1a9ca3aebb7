package cn.xinfang.flow.joint;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.organization.UnitKind;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/joint/summary?year=2026}: the year's joint investigations in figures. */
@RestController
@RequestMapping("/api/joint")
class JointController {

  /** Who reads the figures besides the joint groups themselves (whatever the organization names them). */
  static final Set<String> READERS = Set.of("joint-office", "leaders", "supervision", "petition-office", "camunda-admin");

  private final JointLedger joint;
  private final Caller caller;
  private final OrganizationDirectory organization;

  JointController(JointLedger joint, Caller caller, OrganizationDirectory organization) {
    this.joint = joint;
    this.caller = caller;
    this.organization = organization;
  }

  @GetMapping("/summary")
  Map<String, Object> summary(@RequestParam(required = false) String year) {
    int y;
    try {
      y = Integer.parseInt(year == null ? "" : year.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("year", "年份应为 2000 至 2100，如 year=2026");
    }
    if (y < 2000 || y > 2100) {
      throw new InvalidInputException("year", "年份应为 2000 至 2100，如 year=2026");
    }
    boolean jointGroup = caller.groups().stream().anyMatch(g -> organization.unit(g)
        .map(u -> u.kind() == UnitKind.JOINT_GROUP).orElse(false));
    if (!jointGroup) {
      caller.requireAnyGroup(READERS, "查看联查统计");
    }
    return joint.summary(y);
  }
}
