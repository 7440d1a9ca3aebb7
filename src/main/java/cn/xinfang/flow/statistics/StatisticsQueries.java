package cn.xinfang.flow.statistics;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.Vocabulary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures of 统计分析, computed by the database: one pass per table over the cases registered in the period
 * (ix_xf_petition_registered, or ix_xf_stats_petition_unit_registered with a unit), conditional sums with
 * GROUP BY, never a case loaded into Java. What each rate counts is {@link Rate}; the overdue and escalated
 * counts come from the journal (RecordOverdueDelegate writes OVERDUE, EscalateSupervisionDelegate ESCALATION),
 * pre-aggregated per case from the period's start (ix_xf_petition_event_type); appraisal points are the
 * entries charged in the period (ix_xf_stats_appraisal_created).
 */
@Component
public class StatisticsQueries {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final String NO_UNIT = "";
  private static final String NONE = "(none)";
  private static final String NO_AREA = "(no-area)";

  private final JdbcTemplate jdbc;
  private final OrganizationDirectory organization;

  StatisticsQueries(JdbcTemplate jdbc, OrganizationDirectory organization) {
    this.jdbc = jdbc;
    this.organization = organization;
  }

  /** month | quarter | year: how the period table is split. */
  public enum Period {
    MONTH("月"), QUARTER("季度"), YEAR("年");

    private final String label;

    Period(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    LocalDate startOf(LocalDate d) {
      return switch (this) {
        case MONTH -> d.withDayOfMonth(1);
        case QUARTER -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
        case YEAR -> d.withDayOfYear(1);
      };
    }

    LocalDate next(LocalDate start) {
      return switch (this) {
        case MONTH -> start.plusMonths(1);
        case QUARTER -> start.plusMonths(3);
        case YEAR -> start.plusYears(1);
      };
    }

    String name(LocalDate start) {
      return switch (this) {
        case MONTH -> start.getYear() + "年" + start.getMonthValue() + "月";
        case QUARTER -> start.getYear() + "年第" + ((start.getMonthValue() - 1) / 3 + 1) + "季度";
        case YEAR -> start.getYear() + "年";
      };
    }
  }

  /**
   * What to count: registrations from {@code from} to {@code to} (both days included, Beijing time), split by
   * {@code period}; {@code units} null for every case, else only cases handled by these units.
   */
  public record Request(LocalDate from, LocalDate to, Period period, List<String> units) {}

  /** One rate's figures: numerator, denominator and the fraction (null when nothing was due). */
  public record RateFigure(long numerator, long denominator, Double rate) {}

  /** The figures of one row (a unit, a period, or the total). */
  public record Figures(long registrations, long cases, long overdue, long escalated, long unsatisfied,
      long appraisalEntries, long appraisalPoints, Map<Rate, RateFigure> rates) {}

  public record UnitRow(String unit, String unitName, String areaCode, String areaName, Figures figures) {}

  public record PeriodRow(String label, LocalDate from, LocalDate to, Figures figures) {}

  /** A count by one dimension (channel, category, source level, township). */
  public record Count(String code, String label, long count) {}

  public record Report(LocalDate from, LocalDate to, Period period, Instant generatedAt, Figures total,
      List<UnitRow> byUnit, List<PeriodRow> byPeriod, Map<String, List<Count>> counts) {}

  public Report report(Request request) {
    Instant now = PetitionLedger.now();
    Timestamp start = Timestamp.from(request.from().atStartOfDay(CHINA).toInstant());
    Timestamp end = Timestamp.from(request.to().plusDays(1).atStartOfDay(CHINA).toInstant());

    // the period's buckets (month, quarter or year in Beijing time) as a small derived table
    List<LocalDate[]> buckets = buckets(request);
    StringBuilder bucketSql = new StringBuilder();
    List<Object> bucketArgs = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      bucketSql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
          .append(" AS idx, CAST(? AS TIMESTAMP) AS b_start, CAST(? AS TIMESTAMP) AS b_end");
      bucketArgs.add(Timestamp.from(buckets.get(i)[0].atStartOfDay(CHINA).toInstant()));
      bucketArgs.add(Timestamp.from(buckets.get(i)[1].plusDays(1).atStartOfDay(CHINA).toInstant()));
    }

    // one pass over the period's cases, grouped by unit and bucket; the unit rows, the period rows and the
    // total are sums of these groups (each case is in exactly one)
    Cohort cohort = cohort(request, start, end, Timestamp.from(now), true);
    List<Object> args = new ArrayList<>(cohort.args);
    args.addAll(bucketArgs);
    Map<String, List<Figures>> unitGroups = new LinkedHashMap<>();
    Map<Integer, List<Figures>> periodGroups = new HashMap<>();
    Map<String, String[]> unitInfo = new HashMap<>();
    jdbc.query("SELECT f.unit, MAX(f.unit_name), MAX(f.area_code), b.idx, " + aggregates() + " FROM (" + cohort.sql
        + ") f JOIN (" + bucketSql + ") b ON f.registered_at >= b.b_start AND f.registered_at < b.b_end"
        + " GROUP BY f.unit, b.idx", (ResultSet rs) -> {
          String unit = rs.getString(1) == null ? NO_UNIT : rs.getString(1);
          unitInfo.put(unit, new String[] {rs.getString(2), rs.getString(3)});
          Figures f = figures(rs, 5);
          unitGroups.computeIfAbsent(unit, u -> new ArrayList<>()).add(f);
          periodGroups.computeIfAbsent(rs.getInt(4), i -> new ArrayList<>()).add(f);
        }, args.toArray());

    Map<String, long[]> points = appraisal(request, start, end);
    Map<Integer, long[]> periodPoints = appraisalByBucket(request, start, end, bucketSql.toString(), bucketArgs);
    // a unit charged points but without cases registered in the period still has a row
    for (String unit : points.keySet()) {
      if (!unitGroups.containsKey(unit)) {
        unitGroups.put(unit, List.of());
        unitInfo.put(unit, organization.unit(unit).map(u -> new String[] {u.name(), u.areaCode()})
            .orElse(new String[] {unit, null}));
      }
    }
    List<UnitRow> byUnit = new ArrayList<>();
    List<Figures> unitTotals = new ArrayList<>();
    Map<String, String> areaNames = new HashMap<>();
    unitGroups.forEach((unit, groups) -> {
      String[] info = unitInfo.get(unit);
      String area = info[1];
      Figures f = withPoints(add(groups), points.get(unit));
      unitTotals.add(f);
      byUnit.add(new UnitRow(unit.isEmpty() ? null : unit, unit.isEmpty() ? "未交办（待受理、不予受理、转送或并入在办件）"
          : info[0] == null ? organization.nameOf(unit) : info[0], area,
          areaName(area, unit.isEmpty() ? null : unit, areaNames), f));
    });
    // units in the order of their ids, the row without a unit last
    byUnit.sort((a, b) -> a.unit() == null ? 1 : b.unit() == null ? -1 : a.unit().compareTo(b.unit()));
    Figures total = add(unitTotals);
    List<PeriodRow> byPeriod = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      LocalDate[] b = buckets.get(i);
      Figures f = withPoints(add(periodGroups.getOrDefault(i, List.of())), periodPoints.get(i));
      byPeriod.add(new PeriodRow(request.period().name(request.period().startOf(b[0])), b[0], b[1], f));
    }

    // a second pass, without the journal: registrations by channel, category, source level and township
    Cohort light = cohort(request, start, end, Timestamp.from(now), false);
    List<Map<String, Long>> dims = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    jdbc.query("SELECT f.channel, f.category, f.source_level, f.area_key, COUNT(*) FROM (" + light.sql
        + ") f GROUP BY f.channel, f.category, f.source_level, f.area_key", (ResultSet rs) -> {
          long n = rs.getLong(5);
          for (int d = 0; d < 4; d++) {
            dims.get(d).merge(Objects.requireNonNullElse(rs.getString(d + 1), NONE), n, Long::sum);
          }
        }, light.args.toArray());
    Map<String, List<Count>> counts = new LinkedHashMap<>();
    counts.put("channel", counts(dims.get(0), code -> label(Vocabulary.Channel.class, code)));
    counts.put("category", counts(dims.get(1), code -> label(Vocabulary.Category.class, code)));
    counts.put("sourceLevel", counts(dims.get(2), code -> label(Vocabulary.SourceLevel.class, code)));
    counts.put("township", counts(dims.get(3), code -> NONE.equals(code) ? areaName(null, null, areaNames)
        : areaName(NO_AREA.equals(code) ? null : code, code, areaNames)));
    return new Report(request.from(), request.to(), request.period(), now, total, byUnit, byPeriod, counts);
  }

  /** A dimension's counts, largest first; the markers of 未交办 and 无区域 become a null code. */
  private static List<Count> counts(Map<String, Long> counts, java.util.function.Function<String, String> label) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new Count(NONE.equals(e.getKey()) || NO_AREA.equals(e.getKey()) ? null : e.getKey(),
            label.apply(e.getKey()), e.getValue()))
        .toList();
  }

  private static Figures withPoints(Figures f, long[] points) {
    long[] p = points == null ? new long[2] : points;
    return new Figures(f.registrations(), f.cases(), f.overdue(), f.escalated(), f.unsatisfied(), p[0], p[1], f.rates());
  }

  /** The buckets of the period table: [from, to] cut at month, quarter or year boundaries. */
  static List<LocalDate[]> buckets(Request request) {
    List<LocalDate[]> buckets = new ArrayList<>();
    LocalDate start = request.from();
    while (!start.isAfter(request.to())) {
      LocalDate next = request.period().next(request.period().startOf(start));
      LocalDate last = next.minusDays(1).isAfter(request.to()) ? request.to() : next.minusDays(1);
      buckets.add(new LocalDate[] {start, last});
      start = next;
    }
    return buckets;
  }

  private record Cohort(String sql, List<Object> args) {}

  /**
   * One row per case registered in the period, with 0/1 columns for every rate's numerator and denominator and
   * for the counts. Only this derived table touches xf_petition; the tables above group it.
   */
  private Cohort cohort(Request request, Timestamp start, Timestamp end, Timestamp now, boolean figures) {
    List<Object> args = new ArrayList<>();
    if (!figures) {
      StringBuilder sql = new StringBuilder("SELECT p.channel, p.category, p.source_level, ")
          .append("CASE WHEN p.handling_unit IS NULL THEN '" + NONE + "' ELSE COALESCE(u.area_code, '" + NO_AREA + "') END AS area_key")
          .append(" FROM xf_petition p LEFT JOIN xf_org_unit u ON u.group_id = p.handling_unit")
          .append(" WHERE p.registered_at >= ? AND p.registered_at < ?");
      args.add(start);
      args.add(end);
      if (request.units() != null) {
        sql.append(" AND p.handling_unit IN (").append(placeholders(request.units().size())).append(")");
        args.addAll(request.units());
      }
      return new Cohort(sql.toString(), args);
    }
    StringBuilder sql = new StringBuilder("SELECT p.handling_unit AS unit, u.name AS unit_name, u.area_code, p.channel, ")
        .append("p.category, p.source_level, p.registered_at, CASE WHEN p.status = 'LINKED' THEN 0 ELSE 1 END AS is_case, ")
        // the township (area) of the handling unit; the markers keep 未交办 and a unit without area apart
        .append("CASE WHEN p.handling_unit IS NULL THEN '" + NONE + "' ELSE COALESCE(u.area_code, '" + NO_AREA + "') END AS area_key, ")
        .append("COALESCE(e.overdue, 0) AS overdue, COALESCE(e.escalated, 0) AS escalated, ")
        .append("CASE WHEN v.result = 'UNSATISFIED' THEN 1 ELSE 0 END AS unsatisfied");
    for (Rate rate : Rate.values()) {
      sql.append(", ").append(flag(rate.numeratorSql(), now, args)).append(" AS n_").append(rate.ordinal());
      sql.append(", ").append(flag(rate.denominatorSql(), now, args)).append(" AS d_").append(rate.ordinal());
    }
    sql.append(" FROM xf_petition p LEFT JOIN xf_evaluation v ON v.case_number = p.case_number")
        .append(" LEFT JOIN xf_org_unit u ON u.group_id = p.handling_unit")
        // a case's overdue/escalation entries come after its registration, so after the period's start
        .append(" LEFT JOIN (SELECT case_number, MAX(CASE WHEN event_type = 'OVERDUE' THEN 1 ELSE 0 END) AS overdue,")
        .append(" MAX(CASE WHEN event_type = 'ESCALATION' THEN 1 ELSE 0 END) AS escalated FROM xf_petition_event")
        .append(" WHERE event_type IN ('OVERDUE', 'ESCALATION') AND occurred_at >= ? GROUP BY case_number) e")
        .append(" ON e.case_number = p.case_number")
        .append(" WHERE p.registered_at >= ? AND p.registered_at < ?");
    args.add(start);
    args.add(start);
    args.add(end);
    if (request.units() != null) {
      sql.append(" AND p.handling_unit IN (").append(placeholders(request.units().size())).append(")");
      args.addAll(request.units());
    }
    return new Cohort(sql.toString(), args);
  }

  private static String flag(String condition, Timestamp now, List<Object> args) {
    int at = 0;
    while ((at = condition.indexOf(":now", at)) >= 0) {
      args.add(now);
      at += 4;
    }
    return "CASE WHEN " + condition.replace(":now", "?") + " THEN 1 ELSE 0 END";
  }

  private static String aggregates() {
    StringBuilder sql = new StringBuilder("COUNT(*), SUM(f.is_case), SUM(f.overdue), SUM(f.escalated), SUM(f.unsatisfied)");
    for (Rate rate : Rate.values()) {
      sql.append(", SUM(f.n_").append(rate.ordinal()).append("), SUM(f.d_").append(rate.ordinal()).append(")");
    }
    return sql.toString();
  }

  /** Reads {@link #aggregates()} from column {@code col} on. */
  private static Figures figures(ResultSet rs, int col) throws SQLException {
    Map<Rate, RateFigure> rates = new EnumMap<>(Rate.class);
    int c = col + 5;
    for (Rate rate : Rate.values()) {
      long n = rs.getLong(c++);
      long d = rs.getLong(c++);
      rates.put(rate, new RateFigure(n, d, Rate.of(n, d)));
    }
    return new Figures(rs.getLong(col), rs.getLong(col + 1), rs.getLong(col + 2), rs.getLong(col + 3),
        rs.getLong(col + 4), 0, 0, rates);
  }

  /** Appraisal entries charged in [start, end) per unit: {entries, points}. */
  private Map<String, long[]> appraisal(Request request, Timestamp start, Timestamp end) {
    List<Object> args = new ArrayList<>(List.of(start, end));
    String where = "";
    if (request.units() != null) {
      where = " AND unit IN (" + placeholders(request.units().size()) + ")";
      args.addAll(request.units());
    }
    Map<String, long[]> points = new LinkedHashMap<>();
    jdbc.query("SELECT unit, COUNT(*), COALESCE(SUM(points), 0) FROM xf_appraisal_entry WHERE created_at >= ? "
            + "AND created_at < ?" + where + " GROUP BY unit", (ResultSet rs) -> {
          points.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }, args.toArray());
    return points;
  }

  /** Appraisal entries charged in each bucket: {entries, points} by bucket index. */
  private Map<Integer, long[]> appraisalByBucket(Request request, Timestamp start, Timestamp end, String bucketSql,
      List<Object> bucketArgs) {
    List<Object> args = new ArrayList<>(bucketArgs);
    args.add(start);
    args.add(end);
    String where = "";
    if (request.units() != null) {
      where = " AND a.unit IN (" + placeholders(request.units().size()) + ")";
      args.addAll(request.units());
    }
    Map<Integer, long[]> points = new HashMap<>();
    jdbc.query("SELECT b.idx, COUNT(*), COALESCE(SUM(a.points), 0) FROM xf_appraisal_entry a JOIN (" + bucketSql
            + ") b ON a.created_at >= b.b_start AND a.created_at < b.b_end WHERE a.created_at >= ? AND a.created_at < ?"
            + where + " GROUP BY b.idx", (ResultSet rs) -> {
          points.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }, args.toArray());
    return points;
  }

  /** The sum of rows that share no case: counts add up, each rate is its summed numerator over its summed denominator. */
  static Figures add(java.util.Collection<Figures> rows) {
    long[] c = new long[7];
    Map<Rate, long[]> sums = new EnumMap<>(Rate.class);
    for (Rate rate : Rate.values()) {
      sums.put(rate, new long[2]);
    }
    for (Figures f : rows) {
      c[0] += f.registrations();
      c[1] += f.cases();
      c[2] += f.overdue();
      c[3] += f.escalated();
      c[4] += f.unsatisfied();
      c[5] += f.appraisalEntries();
      c[6] += f.appraisalPoints();
      f.rates().forEach((rate, r) -> {
        sums.get(rate)[0] += r.numerator();
        sums.get(rate)[1] += r.denominator();
      });
    }
    Map<Rate, RateFigure> rates = new EnumMap<>(Rate.class);
    sums.forEach((rate, s) -> rates.put(rate, new RateFigure(s[0], s[1], Rate.of(s[0], s[1]))));
    return new Figures(c[0], c[1], c[2], c[3], c[4], c[5], c[6], rates);
  }

  private String areaName(String area, String unit, Map<String, String> cache) {
    if (unit == null) {
      return "未交办";
    }
    if (area == null) {
      return "未分区域（信访室直接办理等）";
    }
    return cache.computeIfAbsent(area, organization::areaName);
  }

  private static <E extends Enum<E> & Vocabulary.Labelled> String label(Class<E> type, String code) {
    return Vocabulary.parse(type, code).map(Vocabulary.Labelled::label).orElse(code == null ? "—" : code);
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
