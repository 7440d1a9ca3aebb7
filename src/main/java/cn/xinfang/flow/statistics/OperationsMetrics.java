package cn.xinfang.flow.statistics;

import cn.xinfang.flow.petition.PetitionLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Operations figures for Prometheus ({@code /actuator/prometheus}, administrators only): open cases, overdue
 * tasks per unit, registrations and escalations today, the job backlog and failed jobs. They are counted by
 * one background thread every {@code xinfang.metrics.refresh} (default 30 s) with indexed queries
 * (ix_xf_petition_status, ix_xf_petition_event_type, xf_ix_task_due), and a scrape only reads the last
 * figures: however often Prometheus scrapes and however many nodes run, the database does the same small work.
 * The figures are the whole cluster's (from the shared database), so take one node's, or the max, not the sum.
 */
@Component
class OperationsMetrics implements SmartInitializingSingleton, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final JdbcTemplate jdbc;
  private final MeterRegistry registry;
  private final Duration refresh;
  private final Map<String, Number> figures = new ConcurrentHashMap<>();
  private volatile List<MultiGauge.Row<?>> overdueRows = List.of();
  private MultiGauge overdueByUnit;
  private ScheduledExecutorService timer;

  OperationsMetrics(JdbcTemplate jdbc, MeterRegistry registry,
      @Value("${xinfang.metrics.refresh:PT30S}") Duration refresh) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.refresh = refresh;
  }

  @Override
  public void afterSingletonsInstantiated() {
    gauge("xinfang.cases.open", "在办信访件（台账状态 办理中/已答复）", "openCases");
    gauge("xinfang.registrations.today", "今日登记的信访件（北京时间）", "registrationsToday");
    gauge("xinfang.escalations.today", "今日超期督办（期限到期的升级）", "escalationsToday");
    gauge("xinfang.jobs.backlog", "已到期、等待执行的引擎作业", "jobBacklog");
    gauge("xinfang.jobs.failed", "重试用尽的引擎作业（已成为事件）", "jobsFailed");
    overdueByUnit = MultiGauge.builder("xinfang.tasks.overdue").description("已逾期的待办任务，按候选组（单位）")
        .register(registry);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "xinfang-metrics");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void gauge(String name, String description, String key) {
    Gauge.builder(name, figures, f -> f.getOrDefault(key, Double.NaN).doubleValue()).description(description)
        .register(registry);
  }

  private void refreshQuietly() {
    try {
      refreshNow();
    } catch (RuntimeException e) {
      // a database that is down for a moment: keep the last figures, try again at the next round
      LOG.debug("Metrics not refreshed: {}", e.getMessage());
    }
  }

  /** Counts everything once; public for tests and for an administrator who wants fresh figures. */
  void refreshNow() {
    Instant now = PetitionLedger.now();
    Timestamp nowTs = Timestamp.from(now);
    Timestamp midnight = Timestamp.from(now.atZone(CHINA).toLocalDate().atStartOfDay(CHINA).toInstant());
    figures.put("openCases", count("SELECT COUNT(*) FROM xf_petition WHERE status IN ('OPEN', 'REPLIED')"));
    figures.put("registrationsToday", count("SELECT COUNT(*) FROM xf_petition_event WHERE event_type = 'REGISTERED' "
        + "AND occurred_at >= ?", midnight));
    figures.put("escalationsToday", count("SELECT COUNT(*) FROM xf_petition_event WHERE event_type = 'OVERDUE' "
        + "AND occurred_at >= ?", midnight));
    figures.put("jobBacklog", count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 "
        + "AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?) AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?)", nowTs, nowTs));
    figures.put("jobsFailed", count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ = 0"));
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    jdbc.query("SELECT I.GROUP_ID_, COUNT(*) FROM ACT_RU_TASK T JOIN ACT_RU_IDENTITYLINK I ON I.TASK_ID_ = T.ID_ "
        + "WHERE T.DUE_DATE_ < ? AND I.TYPE_ = 'candidate' AND I.GROUP_ID_ IS NOT NULL GROUP BY I.GROUP_ID_", rs -> {
          rows.add(MultiGauge.Row.of(Tags.of("unit", rs.getString(1)), rs.getLong(2)));
        }, nowTs);
    overdueRows = rows;
    // units without overdue work disappear from the list rather than keeping their last count
    overdueByUnit.register(rows, true);
  }

  /** The figure now (after the last refresh), NaN before the first. */
  double figure(String key) {
    return figures.getOrDefault(key, Double.NaN).doubleValue();
  }

  int overdueUnits() {
    return overdueRows.size();
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  @Override
  public void destroy() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
