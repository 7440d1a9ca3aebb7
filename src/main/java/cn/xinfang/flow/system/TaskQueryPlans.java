package cn.xinfang.flow.system;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.apache.ibatis.executor.statement.BaseStatementHandler;
import org.apache.ibatis.executor.statement.RoutingStatementHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.postgresql.PGStatement;

/**
 * On PostgreSQL, the task list and count ({@code TaskQuery.xml}) are planned for the values they are run with, every
 * time. The driver turns a statement it has run five times into a server-side prepared statement, and PostgreSQL then
 * switches to one generic plan for all values. For the task query that plan is wrong exactly where it matters: not
 * knowing that 「即将到期」 asks for the tasks due within three days (a few hundred of an office's 50,000), it reads
 * every candidate link and every task grant of the office into hashes (31-84 ms, where the plan for the actual dates
 * looks up the few hundred tasks in 6 ms; issue 12). Planning the statement each time costs about a millisecond.
 * The same holds for the variable query behind Tasklist's case columns ({@code VariableQuery.xml}): its generic plan
 * hashed the office's grants for the 60 variables of a page, 35 ms where the plan for the page's values takes 2 (tenth
 * round). Every other statement of the engine keeps the driver's prepared statements.
 */
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
final class TaskQueryPlans implements Interceptor {

  /** Where MyBatis keeps the statement a handler prepares; looked up once (see {@link #mappedStatementId}). */
  private static final Field DELEGATE = accessible(RoutingStatementHandler.class, "delegate");
  private static final Field MAPPED_STATEMENT = accessible(BaseStatementHandler.class, "mappedStatement");

  private final Set<String> statements;

  TaskQueryPlans(Set<String> statements) {
    this.statements = statements;
  }

  /**
   * MyBatis offers every executor, handler and statement of every query to each plugin; its default wraps each in a
   * proxy (reading this class's annotations each time). Only the handlers of the statements named at construction (the
   * task and variable queries) are wrapped here, so the engine's other statements — a registration's fifty — pay two
   * field reads and a set look-up, nothing else.
   */
  @Override
  public Object plugin(Object target) {
    return target instanceof StatementHandler && statements.contains(mappedStatementId(target))
        ? Plugin.wrap(target, this) : target;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Statement statement = (Statement) invocation.proceed();
    if (statement.isWrapperFor(PGStatement.class)) {
      // 0: never a named server-side statement, so PostgreSQL plans each execution with its parameters
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
    return statement;
  }

  /**
   * The id of the statement being prepared: MyBatis's routing handler delegates to the handler that knows it. Null
   * when it cannot be told (another plugin's proxy, a MyBatis whose fields have other names), and then the statement
   * keeps the driver's default. The two fields are looked up once: this runs for every statement of every engine
   * command, and MyBatis's {@code SystemMetaObject} built a new reflector of the handler's class and failed a field
   * access (an exception with the whole stack) each time — a quarter of the CPU of the request and job threads in
   * async-profiler, a registration's fifty statements 2 to 4 ms (issue 12, tenth round).
   */
  static String mappedStatementId(Object handler) {
    try {
      Object target = handler instanceof RoutingStatementHandler && DELEGATE != null ? DELEGATE.get(handler) : handler;
      return target instanceof BaseStatementHandler && MAPPED_STATEMENT != null
          && MAPPED_STATEMENT.get(target) instanceof MappedStatement ms ? ms.getId() : null;
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  private static Field accessible(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
