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
    Cohort cohort = cohort(request, start, end, Timestamp.from(now));

    // the total and the unit rows
    Map<String, Figures> unitFigures = new LinkedHashMap<>();
    Map<String, String[]> unitInfo = new HashMap<>();
    Figures total = null;
    Map<String, long[]> points = appraisal(request, start, end);
    List<Object> args = new ArrayList<>(cohort.args);
    jdbc.query("SELECT f.unit, MAX(f.unit_name), MAX(f.area_code), " + aggregates() + " FROM (" + cohort.sql
        + ") f GROUP BY f.unit ORDER BY f.unit", (ResultSet rs) -> {
          String unit = rs.getString(1) == null ? NO_UNIT : rs.getString(1);
          unitInfo.put(unit, new String[] {rs.getString(2), rs.getString(3)});
          unitFigures.put(unit, figures(rs, 4, points.get(unit)));
        }, args.toArray());
    // a unit charged points but without cases registered in the period still has a row
    for (String unit : points.keySet()) {
      if (!unitFigures.containsKey(unit)) {
        unitFigures.put(unit, empty(points.get(unit)));
        unitInfo.put(unit, organization.unit(unit).map(u -> new String[] {u.name(), u.areaCode()})
            .orElse(new String[] {unit, null}));
      }
    }
    total = jdbc.query("SELECT " + aggregates() + " FROM (" + cohort.sql + ") f",
        rs -> rs.next() ? figures(rs, 1, sum(points)) : null, args.toArray());
    List<UnitRow> byUnit = new ArrayList<>();
    Map<String, String> areaNames = new HashMap<>();
    unitFigures.forEach((unit, f) -> {
      String[] info = unitInfo.get(unit);
      String area = info[1];
      byUnit.add(new UnitRow(unit.isEmpty() ? null : unit, unit.isEmpty() ? "未交办（待受理、不予受理、转送或并入在办件）"
          : info[0] == null ? organization.nameOf(unit) : info[0], area, areaName(area, unit, areaNames), f));
    });
    // units first by name order of the ledger's ids, the row without a unit last
    byUnit.sort((a, b) -> a.unit() == null ? 1 : b.unit() == null ? -1 : a.unit().compareTo(b.unit()));

    // the period rows: each case falls into exactly one bucket of [from, to]
    List<LocalDate[]> buckets = buckets(request);
    StringBuilder bucketSql = new StringBuilder();
    List<Object> bucketArgs = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      bucketSql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
          .append(" AS idx, CAST(? AS TIMESTAMP) AS b_start, CAST(? AS TIMESTAMP) AS b_end");
      bucketArgs.add(Timestamp.from(buckets.get(i)[0].atStartOfDay(CHINA).toInstant()));
      bucketArgs.add(Timestamp.from(buckets.get(i)[1].plusDays(1).atStartOfDay(CHINA).toInstant()));
    }
    Map<Integer, Figures> periodFigures = new HashMap<>();
    List<Object> periodArgs = new ArrayList<>(cohort.args);
    periodArgs.addAll(bucketArgs);
    List<Map<String, long[]>> periodPoints = new ArrayList<>();
    for (LocalDate[] b : buckets) {
      periodPoints.add(appraisal(request, Timestamp.from(b[0].atStartOfDay(CHINA).toInstant()),
          Timestamp.from(b[1].plusDays(1).atStartOfDay(CHINA).toInstant())));
    }
    jdbc.query("SELECT b.idx, " + aggregates() + " FROM (" + cohort.sql + ") f JOIN (" + bucketSql
        + ") b ON f.registered_at >= b.b_start AND f.registered_at < b.b_end GROUP BY b.idx", (ResultSet rs) -> {
          int idx = rs.getInt(1);
          periodFigures.put(idx, figures(rs, 2, sum(periodPoints.get(idx))));
        }, periodArgs.toArray());
    List<PeriodRow> byPeriod = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      LocalDate[] b = buckets.get(i);
      Figures f = periodFigures.getOrDefault(i, empty(sum(periodPoints.get(i))));
      byPeriod.add(new PeriodRow(request.period().name(request.period().startOf(b[0])), b[0], b[1], f));
    }

    // counts by channel, category, source level and township
    Map<String, List<Count>> counts = new LinkedHashMap<>();
    counts.put("channel", count(cohort, "f.channel", code -> label(Vocabulary.Channel.class, code)));
    counts.put("category", count(cohort, "f.category", code -> label(Vocabulary.Category.class, code)));
    counts.put("sourceLevel", count(cohort, "f.source_level", code -> label(Vocabulary.SourceLevel.class, code)));
    counts.put("township", count(cohort, "f.area_key", code -> NONE.equals(code) ? areaName(null, null, areaNames)
        : areaName(NO_AREA.equals(code) ? null : code, code, areaNames)).stream()
        .map(c -> new Count(NONE.equals(c.code()) || NO_AREA.equals(c.code()) ? null : c.code(), c.label(), c.count()))
        .toList());
    return new Report(request.from(), request.to(), request.period(), now, total, byUnit, byPeriod, counts);
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
  private Cohort cohort(Request request, Timestamp start, Timestamp end, Timestamp now) {
    List<Object> args = new ArrayList<>();
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
  private static Figures figures(ResultSet rs, int col, long[] points) throws SQLException {
    long[] entries = points == null ? new long[2] : points;
    Map<Rate, RateFigure> rates = new EnumMap<>(Rate.class);
    int c = col + 5;
    for (Rate rate : Rate.values()) {
      long n = rs.getLong(c++);
      long d = rs.getLong(c++);
      rates.put(rate, new RateFigure(n, d, Rate.of(n, d)));
    }
    return new Figures(rs.getLong(col), rs.getLong(col + 1), rs.getLong(col + 2), rs.getLong(col + 3),
        rs.getLong(col + 4), entries[0], entries[1], rates);
  }

  /** The row of a unit or period without cases registered in it (it may still have appraisal points). */
  private static Figures empty(long[] points) {
    long[] entries = points == null ? new long[2] : points;
    Map<Rate, RateFigure> rates = new EnumMap<>(Rate.class);
    for (Rate rate : Rate.values()) {
      rates.put(rate, new RateFigure(0, 0, null));
    }
    return new Figures(0, 0, 0, 0, 0, entries[0], entries[1], rates);
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

  private static long[] sum(Map<String, long[]> points) {
    long[] total = new long[2];
    points.values().forEach(p -> {
      total[0] += p[0];
      total[1] += p[1];
    });
    return total;
  }

  private List<Count> count(Cohort cohort, String column, java.util.function.Function<String, String> label) {
    return jdbc.query("SELECT " + column + ", COUNT(*) FROM (" + cohort.sql + ") f GROUP BY " + column
        + " ORDER BY COUNT(*) DESC, " + column, (rs, i) -> {
          String code = rs.getString(1);
          return new Count(code, label.apply(code), rs.getLong(2));
        }, cohort.args.toArray());
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
