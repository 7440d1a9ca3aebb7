package cn.xinfang.flow.appraisal;

import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/appraisal?unit=unit-hr&year=2026}: a unit's charges of a year and their total. */
@RestController
@RequestMapping("/api/appraisal")
class AppraisalController {

  /** Who sees every unit's appraisal; a unit's own members see their unit's. */
  static final Set<String> OVERSIGHT = Set.of("supervision", "leaders", "petition-office", "camunda-admin");

  static final int MAX_PAGE = 100_000;

  private final AppraisalLedger appraisal;
  private final Caller caller;

  AppraisalController(AppraisalLedger appraisal, Caller caller) {
    this.appraisal = appraisal;
    this.caller = caller;
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String unit, @RequestParam(required = false) String year,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
    List<FieldProblem> problems = new ArrayList<>();
    if (unit == null || !unit.matches("[a-z][a-z0-9-]{1,63}")) {
      problems.add(new FieldProblem("unit", "请给出单位标识，如 unit=unit-hr"));
    }
    int y = 0;
    try {
      y = Integer.parseInt(year == null ? "" : year);
      if (y < 2000 || y > 2100) {
        problems.add(new FieldProblem("year", "年份应为 2000 至 2100，如 year=2026"));
      }
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem("year", "年份应为 2000 至 2100，如 year=2026"));
    }
    // bounded so that page * size stays a sensible row offset (no overflow into a negative one)
    if (page < 0 || page > MAX_PAGE) {
      problems.add(new FieldProblem("page", "页码应为 0 至 " + MAX_PAGE + " 的整数"));
    }
    if (size < 1 || size > 500) {
      problems.add(new FieldProblem("size", "每页条数应为 1 至 500 的整数"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询参数有误", problems);
    }
    if (!caller.inAnyGroup(OVERSIGHT) && !caller.groups().contains(unit)) {
      caller.requireAnyGroup(OVERSIGHT, "查看其他单位的考核计分");
    }
    var totals = appraisal.totals(unit, y);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("unit", unit);
    answer.put("year", y);
    answer.put("totalPoints", totals.points());
    answer.put("totalEntries", totals.entries());
    answer.put("page", page);
    answer.put("entries", appraisal.entries(unit, y, size, page * size).stream().map(e -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("caseNumber", e.caseNumber());
      row.put("reason", e.reason());
      row.put("reasonLabel", appraisal.label(e.reason()));
      row.put("points", e.points());
      row.put("detail", e.detail());
      row.put("createdAt", e.createdAt());
      return row;
    }).toList());
    return answer;
  }
}
