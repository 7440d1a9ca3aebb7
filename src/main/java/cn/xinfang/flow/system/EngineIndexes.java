package cn.xinfang.flow.system;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's tables that Camunda does not ship and the task lists need (issue 12): the
 * authorization look-up of {@code TaskQuery.xml} by group or user, resource type and resource id, and the
 * candidate-group look-up of a task list, and the due date and the locked jobs the job executor acquires by.
 * Created at start, after the engine has created its tables (on a
 * new database Flyway runs before the engine, so a migration could not create them); {@code IF NOT EXISTS}
 * makes it a no-op afterwards. On a large existing PostgreSQL database the first start builds them once
 * (seconds at 100,000 authorization rows), holding writes to those tables meanwhile.
 */
@Component
class EngineIndexes implements StartupTask {

  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  static final List<String> INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS xf_ix_auth_group_res ON ACT_RU_AUTHORIZATION (GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_)",
      "CREATE INDEX IF NOT EXISTS xf_ix_auth_user_res ON ACT_RU_AUTHORIZATION (USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_)",
      "CREATE INDEX IF NOT EXISTS xf_ix_identlink_group ON ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_, TASK_ID_)",
      // the overdue-task gauge and the 已逾期/即将到期 filters look tasks up by due date
      "CREATE INDEX IF NOT EXISTS xf_ix_task_due ON ACT_RU_TASK (DUE_DATE_)",
      // the job executor's acquisition (ensure-job-due-date-not-null, acquire by due date: application.yaml) asks
      // for the earliest jobs with DUEDATE_ <= now: a range of this index, however many future timers exist
      "CREATE INDEX IF NOT EXISTS xf_ix_job_due ON ACT_RU_JOB (DUEDATE_)",
      // a job written without a due date (by a version before ensure-job-due-date-not-null) would never be
      // acquired now: it is due at once, as it was then
      "UPDATE ACT_RU_JOB SET DUEDATE_ = CURRENT_TIMESTAMP WHERE DUEDATE_ IS NULL");

  /** PostgreSQL only (partial indexes; the planner behaviour they answer is PostgreSQL's). */
  static final List<String> POSTGRES_INDEXES = List.of(
      // the job acquisition skips the jobs of a process instance another thread holds (NOT EXISTS over locked
      // exclusive jobs). In a storm, with locked jobs among the first due ones, PostgreSQL answers that sub-select
      // once as a hash, and without an index it read the whole job table for it: 26-50 ms per acquisition at
      // 130,000 jobs, two thirds of PostgreSQL's time per escalation. Only the jobs being executed are in this
      // index (a few dozen per node), so the hash is a look-up; locking a job writes one index entry more.
      "CREATE INDEX IF NOT EXISTS xf_ix_job_locked ON ACT_RU_JOB (LOCK_EXP_TIME_) WHERE LOCK_OWNER_ IS NOT NULL");

  private final JdbcTemplate jdbc;

  EngineIndexes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  public String description() {
    return "Engine indexes";
  }

  @Override
  public void load() {
    for (String ddl : INDEXES) {
      jdbc.execute(ddl);
    }
    String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      for (String ddl : POSTGRES_INDEXES) {
        jdbc.execute(ddl);
      }
    }
    LOG.debug("Engine indexes present: {}", INDEXES.size());
  }
}
