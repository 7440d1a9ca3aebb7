package cn.xinfang.flow.statistics;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.statistics.StatisticsQueries.Count;
import cn.xinfang.flow.statistics.StatisticsQueries.Figures;
import cn.xinfang.flow.statistics.StatisticsQueries.Period;
import cn.xinfang.flow.statistics.StatisticsQueries.Report;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 统计分析: {@code GET /api/statistics?from=2026-01-01&to=2026-12-31&period=month|quarter|year&unit=unit-hr} as JSON
 * and {@code GET /api/statistics/export?…} as the monthly 信访情况统计表 (.xlsx). Defaults: this year up to today,
 * by month, every unit the caller may see. Bad parameters are 400 naming the parameter, a unit not one's own 403.
 */
@RestController
@RequestMapping("/api/statistics")
class StatisticsController {

  /** The longest period one report covers: a few years by month stays a readable table and a cheap query. */
  static final int MAX_YEARS = 5;

  private final StatisticsQueries queries;
  private final StatisticsAccess access;
  private final OrganizationDirectory organization;

  StatisticsController(StatisticsQueries queries, StatisticsAccess access, OrganizationDirectory organization) {
    this.queries = queries;
    this.access = access;
    this.organization = organization;
  }

  @GetMapping
  Map<String, Object> report(@RequestParam Map<String, String> params) {
    Parsed p = parse(params);
    Report report = queries.report(p.request);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("from", report.from().toString());
    answer.put("to", report.to().toString());
    answer.put("period", report.period().name().toLowerCase(Locale.ROOT));
    answer.put("periodLabel", report.period().label());
    answer.put("unit", p.unit);
    answer.put("unitName", p.unit == null ? (access.oversight() ? "全部单位" : "本单位") : organization.nameOf(p.unit));
    answer.put("generatedAt", report.generatedAt().toString());
    answer.put("units", access.pickable());
    answer.put("definitions", definitions());
    answer.put("total", figures(report.total()));
    List<Map<String, Object>> units = new ArrayList<>();
    report.byUnit().forEach(u -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("unit", u.unit());
      row.put("unitName", u.unitName());
      row.put("areaCode", u.areaCode());
      row.put("areaName", u.areaName());
      row.putAll(figures(u.figures()));
      units.add(row);
    });
    answer.put("byUnit", units);
    List<Map<String, Object>> periods = new ArrayList<>();
    report.byPeriod().forEach(r -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", r.label());
      row.put("from", r.from().toString());
      row.put("to", r.to().toString());
      row.putAll(figures(r.figures()));
      periods.add(row);
    });
    answer.put("byPeriod", periods);
    Map<String, Object> counts = new LinkedHashMap<>();
    report.counts().forEach((dimension, list) -> counts.put(dimension, list.stream().map(StatisticsController::count).toList()));
    answer.put("counts", counts);
    return answer;
  }

  @GetMapping("/export")
  void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
    Parsed p = parse(params);
    Report report = queries.report(p.request);
    String scope = p.unit == null ? (access.oversight() ? "全部单位" : "本单位") : organization.nameOf(p.unit);
    String fileName = "信访情况统计表-" + report.from() + "至" + report.to() + ".xlsx";
    response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
    StatisticsExcel.write(report, organization.nameOf(OrganizationDirectory.PETITION_OFFICE), scope,
        response.getOutputStream());
  }

  /** Every rate's definition, as {@link Rate} holds it: the page and the README show these words. */
  static List<Map<String, String>> definitions() {
    List<Map<String, String>> list = new ArrayList<>();
    for (Rate rate : Rate.values()) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("key", rate.name());
      d.put("label", rate.label());
      d.put("numerator", rate.numerator());
      d.put("denominator", rate.denominator());
      d.put("dates", rate.dates());
      list.add(d);
    }
    return list;
  }

  private static Map<String, Object> figures(Figures f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("registrations", f.registrations());
    m.put("cases", f.cases());
    m.put("overdue", f.overdue());
    m.put("escalated", f.escalated());
    m.put("unsatisfied", f.unsatisfied());
    m.put("appraisalEntries", f.appraisalEntries());
    m.put("appraisalPoints", f.appraisalPoints());
    Map<String, Object> rates = new LinkedHashMap<>();
    f.rates().forEach((rate, r) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("label", rate.label());
      x.put("numerator", r.numerator());
      x.put("denominator", r.denominator());
      x.put("rate", r.rate());
      rates.put(rate.name(), x);
    });
    m.put("rates", rates);
    return m;
  }

  private static Map<String, Object> count(Count c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", c.code());
    m.put("label", c.label());
    m.put("count", c.count());
    return m;
  }

  private record Parsed(StatisticsQueries.Request request, String unit) {}

  /** Reads and checks the parameters: every problem at once, each naming its parameter, in Chinese. */
  private Parsed parse(Map<String, String> params) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate today = LocalDate.now(StatisticsQueries.CHINA);
    LocalDate from = date(params, "from", today.withDayOfYear(1), problems);
    LocalDate to = date(params, "to", today, problems);
    Period period = Period.MONTH;
    String periodText = blankToNull(params.get("period"));
    if (periodText != null) {
      try {
        period = Period.valueOf(periodText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("period", "统计周期「" + periodText + "」无效，应为 month（按月）、quarter（按季度）或 year（按年）"));
      }
    }
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        problems.add(new FieldProblem("to", "截止日期 " + to + " 早于起始日期 " + from + "，请调换或改正"));
      } else if (to.isAfter(from.plusYears(MAX_YEARS).minusDays(1))) {
        problems.add(new FieldProblem("to", "统计期间最长 " + MAX_YEARS + " 年，请缩短起止日期"));
      }
    }
    String unit = blankToNull(params.get("unit"));
    if (!problems.isEmpty()) {
      throw new InvalidInputException("统计参数有误", problems);
    }
    List<String> units = access.unitsFor(unit);
    return new Parsed(new StatisticsQueries.Request(from, to, period, units), unit);
  }

  private static LocalDate date(Map<String, String> params, String name, LocalDate fallback, List<FieldProblem> problems) {
    String text = blankToNull(params.get(name));
    if (text == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(name, (name.equals("from") ? "起始日期" : "截止日期") + "「" + text
          + "」格式不对，应为 年-月-日，如 2026-01-31"));
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A unit not one's own: 403 with the reason, naming the parameter. */
  @ExceptionHandler(StatisticsAccess.Refused.class)
  ProblemDetail refused(StatisticsAccess.Refused e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("无权查看");
    if (e.field != null) {
      problem.setProperty("errors", List.of(Map.of("field", e.field, "message", e.getMessage())));
    }
    return problem;
  }
}
