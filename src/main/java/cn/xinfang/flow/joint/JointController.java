package cn.xinfang.flow.joint;

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

  static final Set<String> READERS = Set.of("joint-office", "leaders", "supervision", "petition-office", "camunda-admin",
      "joint-group-1", "joint-group-2", "joint-group-3");

  private final JointLedger joint;
  private final Caller caller;

  JointController(JointLedger joint, Caller caller) {
    this.joint = joint;
    this.caller = caller;
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
    caller.requireAnyGroup(READERS, "查看联查统计");
    return joint.summary(y);
  }
}
