package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** Readiness follows the load, tasks run in order, and a concurrent writer makes a task run again. */
class StartupDataTest {

  final List<String> runs = new ArrayList<>();

  @Test
  void shouldBeOutOfServiceUntilEveryTaskHasLoaded() {
    StartupData data = new StartupData(List.of(task(30, "calendar", 0), task(10, "organization", 0)), new StartupLock());
    assertThat(data.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    data.afterSingletonsInstantiated();
    assertThat(runs).containsExactly("organization", "calendar");
    assertThat(data.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void shouldRunATaskAgainAfterAnotherWritersConflict() {
    // an optimistic-locking conflict, or a unique-key clash that rolled the task's one transaction back (the
    // organization is written in one): the task is loaded again and finds the other writer's rows
    List<java.util.function.Supplier<RuntimeException>> conflicts = List.of(
        () -> new OptimisticLockingException("another node saved the same group"),
        () -> new org.camunda.bpm.engine.ProcessEngineException("flush failed",
            new java.sql.SQLException("duplicate key value violates unique constraint \"act_id_group_pkey\"", "23505")));
    for (var conflict : conflicts) {
      runs.clear();
      StartupData data = new StartupData(List.of(task(10, "organization", 2, conflict)), new StartupLock());
      data.afterSingletonsInstantiated();
      assertThat(runs).containsExactly("organization", "organization", "organization");
      assertThat(data.loaded()).isTrue();
    }
  }

  @Test
  void shouldNotRetryATaskThatFailsForAnotherReason() {
    StartupData data = new StartupData(List.of(task(10, "calendar", 99,
        () -> new IllegalStateException("节假日文件第 3 行日期无效"))), new StartupLock());
    assertThatThrownBy(data::afterSingletonsInstantiated).hasMessageContaining("第 3 行");
    assertThat(runs).containsExactly("calendar");
    assertThat(data.loaded()).isFalse();
  }

  @Test
  void shouldStayOutOfServiceWhenATaskKeepsFailing() {
    StartupData data = new StartupData(List.of(task(10, "organization", 99)), new StartupLock());
    assertThatThrownBy(data::afterSingletonsInstantiated).isInstanceOf(OptimisticLockingException.class);
    assertThat(runs).hasSize(5);
    assertThat(data.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
  }

  private StartupTask task(int order, String name, int conflicts) {
    return task(order, name, conflicts, () -> new OptimisticLockingException("another node saved the same group"));
  }

  private StartupTask task(int order, String name, int conflicts, java.util.function.Supplier<RuntimeException> failure) {
    return new StartupTask() {
      int failuresLeft = conflicts;

      @Override
      public int order() {
        return order;
      }

      @Override
      public String description() {
        return name;
      }

      @Override
      public void load() {
        runs.add(name);
        if (failuresLeft-- > 0) {
          throw failure.get();
        }
      }
    };
  }
}
