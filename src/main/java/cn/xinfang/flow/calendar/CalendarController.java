package cn.xinfang.flow.calendar;

import cn.xinfang.flow.calendar.HolidayFile.SpecialDay;
import cn.xinfang.flow.calendar.WorkingCalendar.TimeUnit;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ask the working-day calendar; administrators upload each year's holiday data here. */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

  private static final int MAX_RANGE_DAYS = 366;

  private final WorkingCalendar calendar;
  private final CalendarStore store;
  private final DeadlinePolicy policy;
  private final Caller caller;
  private final ProvisionalDeadlines provisional;

  CalendarController(WorkingCalendar calendar, CalendarStore store, DeadlinePolicy policy, Caller caller,
      ProvisionalDeadlines provisional) {
    this.calendar = calendar;
    this.store = store;
    this.policy = policy;
    this.caller = caller;
    this.provisional = provisional;
  }

  /** The last day of a limit counted from {@code start}: {@code ?start=2026-09-30&amount=5&unit=WORKING_DAYS}. */
  @GetMapping("/deadline")
  Map<String, Object> deadline(@RequestParam(required = false) String start, @RequestParam(required = false) String amount,
      @RequestParam(required = false) String unit) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate from = date("start", start, problems);
    Integer n = null;
    try {
      n = Integer.valueOf(amount == null ? "" : amount.strip());
      if (n < 1 || n > 3650) {
        problems.add(new FieldProblem("amount", "期限应为 1 至 3650 的整数"));
      }
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem("amount", "期限应为 1 至 3650 的整数，如 amount=15"));
    }
    TimeUnit timeUnit = null;
    try {
      timeUnit = TimeUnit.valueOf(unit == null ? "" : unit.strip());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("unit", "单位应为 DAYS（日）、WORKING_DAYS（工作日）、MONTHS（月）或 DAY_OF_MONTH（每月几日）"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询参数有误", problems);
    }
    WorkingCalendar.Due due = calendar.due(from, n, timeUnit);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("start", from.toString());
    answer.put("amount", n);
    answer.put("unit", timeUnit.name());
    answer.put("due", due.lastDay().toString());
    answer.put("dueAt", due.lastDay() + "T23:59:59+08:00");
    answer.put("provisional", due.provisional());
    if (due.provisional()) {
      answer.put("note", "所涉年份尚无节假日安排数据，已按法定节假日计算，未计调休" + DeadlineService.PROVISIONAL_NOTE);
    }
    answer.put("rule", "受理（起算）当日不计入；期限最后一日为节假日的，顺延至节假日后第一个工作日");
    return answer;
  }

  /** Each day of a range and whether it is a working day: {@code ?from=2026-09-28&to=2026-10-12}. */
  @GetMapping("/days")
  List<Map<String, Object>> days(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate start = date("from", from, problems);
    LocalDate end = date("to", to, problems);
    if (start != null && end != null && (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_RANGE_DAYS)) {
      problems.add(new FieldProblem("to", "to 不能早于 from，且一次最多查询 " + MAX_RANGE_DAYS + " 天"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询参数有误", problems);
    }
    WorkingCalendar.View view = calendar.view(start, end);
    List<Map<String, Object>> days = new ArrayList<>();
    for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
      SpecialDay special = view.special(d);
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      Map<String, Object> day = new LinkedHashMap<>();
      day.put("date", d.toString());
      day.put("workingDay", view.isWorkingDay(d));
      day.put("kind", special != null ? (special.kind() == HolidayFile.DayKind.HOLIDAY ? "HOLIDAY" : "ADJUSTED_WORKDAY")
          : weekend ? "WEEKEND" : "WORKDAY");
      if (special != null) {
        day.put("name", special.name());
      }
      if (view.isProvisional(d)) {
        // no data for the year: statutory holidays only, the 调休 swaps are not known yet
        day.put("provisional", true);
      }
      days.add(day);
    }
    return days;
  }

  /**
   * Which years have holiday data, and where it came from; this year and next year without data are
   * listed as provisional (counted on the statutory holidays, source STATUTORY).
   */
  @GetMapping("/years")
  List<CalendarStore.YearInfo> years() {
    List<CalendarStore.YearInfo> years = new ArrayList<>(store.years());
    int thisYear = DeadlineService.today().getYear();
    for (int year = thisYear; year <= thisYear + 1; year++) {
      int y = year;
      if (years.stream().noneMatch(i -> i.year() == y)) {
        years.add(new CalendarStore.YearInfo(y, "STATUTORY", null, null, null, StatutoryHolidays.of(y).size(), true));
      }
    }
    years.sort(java.util.Comparator.comparingInt(CalendarStore.YearInfo::year));
    return years;
  }

  /** The deadline policy now in force (the latest deployed deadline-policy table). */
  @GetMapping("/policy")
  List<DeadlinePolicy.Rule> policy() {
    return policy.rules();
  }

  /**
   * Replaces the holiday data of every year in the uploaded file (same format as
   * {@code calendar/holidays.yaml}, YAML or JSON). Administrators only; a bad file changes nothing.
   */
  @PutMapping(value = "/holidays", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain",
      "application/json"})
  Map<String, Object> upload(@RequestBody(required = false) String file) {
    caller.requireAnyGroup(Set.of("camunda-admin"), "上传节假日数据");
    if (file == null || file.isBlank()) {
      throw new InvalidCalendarException(List.of("请求体为空：请上传节假日文件内容"));
    }
    List<HolidayFile.Year> years = HolidayFile.parse(file);
    store.replace(years, "API", caller.userId());
    // the open cases' provisional deadlines are counted again on the new data, in the journal
    ProvisionalDeadlines.Result recounted = provisional.recountOpenCases();
    return Map.of("years", years.stream().map(HolidayFile.Year::year).toList(),
        "days", years.stream().mapToInt(y -> y.days().size()).sum(),
        "casesRecounted", recounted.cases(), "deadlinesMoved", recounted.moved());
  }

  private static LocalDate date(String name, String value, List<FieldProblem> problems) {
    try {
      if (value != null && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException ignored) {
      // reported below
    }
    problems.add(new FieldProblem(name, "日期格式应为 YYYY-MM-DD，如 2026-10-01"));
    return null;
  }
}
