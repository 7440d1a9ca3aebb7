package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.executor.statement.RoutingStatementHandler;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.RowBounds;
import org.junit.jupiter.api.Test;

/**
 * Which statements {@link TaskQueryPlans} takes: it reads the id of the statement a MyBatis handler prepares through
 * two fields looked up once (issue 12, tenth round). {@code PostgresIntegrationTest} shows the effect on PostgreSQL
 * (the task statements never server-prepared, the engine's others prepared as before).
 */
class TaskQueryPlansTest {

  private final Configuration configuration = new Configuration();

  private StatementHandler handlerOf(String id) {
    MappedStatement statement = new MappedStatement.Builder(configuration, id,
        new StaticSqlSource(configuration, "select 1"), SqlCommandType.SELECT).build();
    return new RoutingStatementHandler(null, statement, null, RowBounds.DEFAULT, null, null);
  }

  @Test
  void shouldReadTheIdOfTheStatementAHandlerPrepares() {
    assertThat(TaskQueryPlans.mappedStatementId(handlerOf("task.selectTaskByQueryCriteria")))
        .isEqualTo("task.selectTaskByQueryCriteria");
    assertThat(TaskQueryPlans.mappedStatementId(handlerOf("variable.selectVariablesByQueryCriteria")))
        .isEqualTo("variable.selectVariablesByQueryCriteria");
    assertThat(TaskQueryPlans.mappedStatementId(new Object())).isNull();
    assertThat(TaskQueryPlans.mappedStatementId(null)).isNull();
  }

  @Test
  void shouldWrapOnlyTheTaskStatementsHandlers() {
    TaskQueryPlans plans = new TaskQueryPlans(Set.of("task.selectTaskByQueryCriteria"));
    StatementHandler task = handlerOf("task.selectTaskByQueryCriteria");
    StatementHandler other = handlerOf("engine.insertVariableInstance");

    assertThat(plans.plugin(task)).isNotSameAs(task).isInstanceOf(StatementHandler.class);
    assertThat(plans.plugin(other)).isSameAs(other);
    Object executorOrOther = new Object();
    assertThat(plans.plugin(executorOrOther)).isSameAs(executorOrOther);
  }
}
