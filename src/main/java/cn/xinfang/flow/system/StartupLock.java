package cn.xinfang.flow.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, one node at a time initializes the database: the lock is taken as soon as the
 * DataSource exists, so before Flyway, the engine's schema creation, the first administrator, the
 * deployments and {@link StartupData}, and released when the start-up data is loaded. Two nodes
 * starting together on a new database would otherwise race on all of these (one of them stopped
 * with an OptimisticLockingException in the organization loader). The lock is a session-level
 * advisory lock held on a connection of its own, so it ends with that connection even if the node
 * dies. H2 in file mode cannot be shared by two nodes: there, nothing is locked.
 */
@Component
class StartupLock implements BeanPostProcessor, PriorityOrdered, EnvironmentAware, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  /** "xflowini" as a number: any key works as long as every node uses the same. */
  static final long KEY = 0x78666c6f77696e69L;

  private Duration timeout = Duration.ofMinutes(10);
  private Connection connection;
  private boolean attempted;

  /** Registered before other post-processors, so that it sees the DataSource however early that is made. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void setEnvironment(Environment environment) {
    timeout = environment.getProperty("xinfang.startup.lock-timeout", Duration.class, Duration.ofMinutes(10));
  }

  @Override
  public synchronized Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    if (bean instanceof DataSource dataSource && !attempted) {
      attempted = true;
      acquire(dataSource);
    }
    return bean;
  }

  private void acquire(DataSource dataSource) {
    try {
      Connection c = dataSource.getConnection();
      if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
        c.close();
        return;
      }
      c.setAutoCommit(true);
      long deadline = System.nanoTime() + timeout.toNanos();
      long nextLog = 0;
      while (!tryLock(c)) {
        if (System.nanoTime() > deadline) {
          c.close();
          throw new IllegalStateException("另一节点初始化数据库超过 " + timeout.toSeconds() + " 秒仍未完成，本节点放弃启动"
              + " / another node has been initializing the database for longer than " + timeout
              + "; giving up (xinfang.startup.lock-timeout)");
        }
        if (System.nanoTime() > nextLog) {
          LOG.info("另一节点正在初始化数据库，等待其完成 / waiting for another node to finish initializing the database");
          nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        }
        Thread.sleep(200);
      }
      connection = c;
      LOG.debug("Start-up lock taken");
    } catch (SQLException e) {
      throw new IllegalStateException("无法连接数据库以获取启动锁 / cannot reach the database for the start-up lock: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("启动被中断 / start-up interrupted", e);
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
      return r.next() && r.getBoolean(1);
    }
  }

  /** Called once the start-up data is loaded; closing the connection ends the advisory lock too. */
  synchronized void release() {
    if (connection == null) {
      return;
    }
    try (Connection c = connection; Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_unlock(" + KEY + ")");
      LOG.debug("Start-up lock released");
    } catch (SQLException e) {
      LOG.warn("释放启动锁失败，连接关闭时自动释放 / releasing the start-up lock failed: {}", e.getMessage());
    } finally {
      connection = null;
    }
  }

  synchronized boolean held() {
    return connection != null;
  }

  @Override
  public void destroy() {
    // a start that failed half-way must not leave the other nodes waiting
    release();
  }
}
