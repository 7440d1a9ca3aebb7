package cn.xinfang.flow.system;

import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Loads the organization, users, Tasklist filters, administrator access and holiday calendar after the
 * engine is built and before the web server accepts connections (Spring calls this when all beans
 * exist; the web server's port opens later, in the lifecycle phase). So a fresh database never shows a
 * moment without users, when Camunda would offer its "create initial admin user" page, and
 * {@code /actuator/health/readiness} (which includes this indicator) is UP only once they are loaded.
 * A task that meets a concurrent writer (an OptimisticLockingException, or a row another writer inserted
 * first: SQLSTATE class 23) is retried: every task is idempotent, and reads what is stored again.
 */
@Component("startupData")
class StartupData implements SmartInitializingSingleton, HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(StartupData.class);
  private static final int ATTEMPTS = 5;

  private final List<StartupTask> tasks;
  private final StartupLock lock;
  private volatile boolean loaded;

  StartupData(List<StartupTask> tasks, StartupLock lock) {
    this.tasks = tasks.stream().sorted(Comparator.comparingInt(StartupTask::order)).toList();
    this.lock = lock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try {
      long started = System.nanoTime();
      StringBuilder times = new StringBuilder();
      for (StartupTask task : tasks) {
        long t0 = System.nanoTime();
        run(task);
        times.append(times.isEmpty() ? "" : ", ").append(task.description()).append(' ')
            .append((System.nanoTime() - t0) / 1_000_000).append(" ms");
      }
      loaded = true;
      // start to ready is a figure of issue 12: what each part of the start-up data costs, for the operator
      LOG.info("Start-up data loaded in {} ms ({})", (System.nanoTime() - started) / 1_000_000, times);
    } finally {
      lock.release();
    }
  }

  private static void run(StartupTask task) {
    for (int attempt = 1; ; attempt++) {
      try {
        task.load();
        return;
      } catch (RuntimeException e) {
        if (!(e instanceof OptimisticLockingException) && !isConstraintViolation(e) || attempt >= ATTEMPTS) {
          throw e;
        }
        LOG.info("{}: another writer changed the same rows, loading again ({}/{})", task.description(), attempt,
            ATTEMPTS);
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** SQLSTATE class 23 (integrity constraint violation), whatever layer wrapped it. */
  static boolean isConstraintViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataIntegrityViolationException
          || t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  boolean loaded() {
    return loaded;
  }

  @Override
  public Health health() {
    return loaded ? Health.up().build()
        : Health.outOfService().withDetail("reason", "组织机构、用户和节假日数据尚未载入").build();
  }
}
