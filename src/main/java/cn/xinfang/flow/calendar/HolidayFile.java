package cn.xinfang.flow.calendar;

import cn.xinfang.flow.system.UserText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The holiday data format (YAML, or JSON, which is YAML too): per year, holiday ranges and adjusted
 * working days. {@link #parse} checks the whole file and lists every problem; nothing of a bad file
 * is used.
 */
public final class HolidayFile {

  /** A day that is not what its weekday says: a holiday, or a weekend day that is worked (调休). */
  public record SpecialDay(LocalDate date, DayKind kind, String name) {}

  /** One year's special days, with a hash of their content to see whether a year changed. */
  public record Year(int year, List<SpecialDay> days) {
    public String contentHash() {
      StringBuilder sb = new StringBuilder();
      days.forEach(d -> sb.append(d.date()).append(d.kind()).append(d.name()).append('\n'));
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public enum DayKind { HOLIDAY, WORKDAY }

  private HolidayFile() {}

  public static List<Year> parse(String text) {
    List<String> problems = new ArrayList<>();
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw new InvalidCalendarException(List.of("不是有效的 YAML/JSON：" + e.getMessage().lines().findFirst().orElse("")));
    }
    if (!(tree instanceof Map<?, ?> root) || !(root.get("years") instanceof List<?> years) || years.isEmpty()) {
      throw new InvalidCalendarException(List.of("缺少 years 列表：文件应为 years: [ {year: 2026, holidays: [...], workdays: [...]} ]"));
    }
    Map<Integer, Year> byYear = new TreeMap<>();
    for (Object entry : years) {
      if (!(entry instanceof Map<?, ?> y)) {
        problems.add("years 中的每一项应为一个年份对象");
        continue;
      }
      Object yearValue = y.get("year");
      if (!(yearValue instanceof Integer year) || year < 2000 || year > 2100) {
        problems.add("年份 year 应为 2000 至 2100 的整数：" + yearValue);
        continue;
      }
      if (byYear.containsKey(year)) {
        problems.add(year + " 年出现了两次：每个年份只能写一次");
        continue;
      }
      Map<LocalDate, SpecialDay> days = new TreeMap<>();
      for (Object h : list(y.get("holidays"), year + " 年 holidays", problems)) {
        Map<?, ?> m = h instanceof Map<?, ?> map ? map : Map.of();
        String name = name(m, year + " 年假日", problems);
        LocalDate from = date(m.get("from"), year + " 年假日「" + name + "」的 from", problems);
        LocalDate to = date(m.get("to"), year + " 年假日「" + name + "」的 to", problems);
        if (from == null || to == null) {
          continue;
        }
        if (to.isBefore(from) || from.plusDays(31).isBefore(to)) {
          problems.add(year + " 年假日「" + name + "」的起止日期不合理：" + from + " 至 " + to);
          continue;
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          add(days, new SpecialDay(d, DayKind.HOLIDAY, name), year, problems);
        }
      }
      for (Object w : list(y.get("workdays"), year + " 年 workdays", problems)) {
        Map<?, ?> m = w instanceof Map<?, ?> map ? map : Map.of();
        String name = name(m, year + " 年调休上班日", problems);
        LocalDate date = date(m.get("date"), year + " 年调休上班日「" + name + "」的 date", problems);
        if (date != null) {
          add(days, new SpecialDay(date, DayKind.WORKDAY, name), year, problems);
        }
      }
      byYear.put(year, new Year(year, List.copyOf(days.values())));
    }
    if (!problems.isEmpty()) {
      throw new InvalidCalendarException(problems);
    }
    return List.copyOf(byYear.values());
  }

  private static void add(Map<LocalDate, SpecialDay> days, SpecialDay day, int year, List<String> problems) {
    if (day.date().getYear() != year) {
      problems.add(day.date() + "（" + day.name() + "）不在 " + year + " 年内");
      return;
    }
    SpecialDay earlier = days.putIfAbsent(day.date(), day);
    if (earlier != null) {
      problems.add(day.date() + " 既是「" + earlier.name() + "」" + label(earlier.kind()) + "，又是「" + day.name() + "」"
          + label(day.kind()) + "：一天只能是假日或上班日之一，且只能写一次");
    }
  }

  private static String label(DayKind kind) {
    return kind == DayKind.HOLIDAY ? "（假日）" : "（上班日）";
  }

  private static List<?> list(Object value, String what, List<String> problems) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return l;
    }
    problems.add(what + " 应为列表");
    return List.of();
  }

  private static String name(Map<?, ?> m, String what, List<String> problems) {
    if (m.get("name") instanceof String s && !UserText.isBlank(s) && UserText.problem(s) == null
        && UserText.length(s.strip()) <= 50) {
      return s.strip();
    }
    problems.add(what + "缺少名称 name（不超过 50 字，不含控制字符）：" + new LinkedHashMap<>(m));
    return "?";
  }

  /** Dates must be written YYYY-MM-DD; YAML reads such a value as a date, JSON as a string. */
  private static LocalDate date(Object value, String what, List<String> problems) {
    if (value instanceof java.util.Date d) {
      return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }
    if (value instanceof String s) {
      try {
        if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
          return LocalDate.parse(s);
        }
      } catch (DateTimeParseException ignored) {
        // reported below
      }
    }
    problems.add(what + " 日期格式不正确「" + value + "」：应为 YYYY-MM-DD，如 2026-10-01");
    return null;
  }

  /** For tests and the API: the years of a parsed file by number. */
  static Map<Integer, Year> byYear(List<Year> years) {
    Map<Integer, Year> map = new HashMap<>();
    years.forEach(y -> map.put(y.year(), y));
    return map;
  }
}
