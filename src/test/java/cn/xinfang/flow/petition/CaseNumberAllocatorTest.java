package cn.xinfang.flow.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Numbers from the per-year sequences: unique, per year, never reused after a rollback (a gap instead). */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:case-number-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
    "camunda.bpm.job-execution.enabled=false"})
class CaseNumberAllocatorTest {

  @Autowired CaseNumberAllocator allocator;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldRestartEachYearAndNeverRepeatANumberAcrossTheYearChange() throws Exception {
    // a year no other test uses: its sequence starts at 1
    LocalDate newYearsEve = LocalDate.of(2031, 12, 31);
    LocalDate newYear = LocalDate.of(2032, 1, 1);
    String lastOfOld = allocator.next(newYearsEve);
    String firstOfNew = allocator.next(newYear);
    assertThat(lastOfOld).isEqualTo("XF-2031-000001");
    assertThat(firstOfNew).isEqualTo("XF-2032-000001");

    // both years at once from many threads (a registration just before and one just after midnight)
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      LocalDate day = i % 2 == 0 ? newYearsEve : newYear;
      calls.add(() -> allocator.next(day));
    }
    Set<String> numbers = new HashSet<>(List.of(lastOfOld, firstOfNew));
    for (Future<String> f : pool.invokeAll(calls)) {
      assertThat(numbers.add(f.get())).as("number handed out twice: " + f.get()).isTrue();
    }
    pool.shutdown();
    assertThat(numbers).hasSize(202);
    assertThat(numbers.stream().filter(n -> n.startsWith("XF-2031-"))).hasSize(101).contains("XF-2031-000101");
    assertThat(numbers.stream().filter(n -> n.startsWith("XF-2032-"))).hasSize(101).contains("XF-2032-000101");
  }

  @Test
  void shouldLeaveAGapAndNotReuseTheNumberOfAFailedRegistration() {
    LocalDate day = LocalDate.of(2033, 6, 1);
    String before = allocator.next(day);
    List<String> takenByFailure = new ArrayList<>();
    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
      takenByFailure.add(allocator.next(day));
      throw new IllegalStateException("登记在取号之后失败");
    })).hasMessageContaining("取号之后失败");
    String after = allocator.next(day);

    assertThat(before).isEqualTo("XF-2033-000001");
    assertThat(takenByFailure).containsExactly("XF-2033-000002");
    // the failed registration's number stays unused: a gap, never handed to the next case
    assertThat(after).isEqualTo("XF-2033-000003");
  }

  @Test
  void shouldContinueAfterTheCounterOfEarlierVersions() {
    // a database upgraded from the counter table: the year's sequence starts after its last number
    jdbc.update("INSERT INTO xf_number_counter (kind, counter_year, last_number) VALUES ('ZB', 2034, 41)");
    assertThat(allocator.next("ZB", LocalDate.of(2034, 3, 3))).isEqualTo("ZB-2034-000042");
  }

  @Test
  void shouldRefuseAPrefixThatIsNotANumberSeries() {
    assertThatThrownBy(() -> allocator.next("XF; DROP TABLE xf_petition", LocalDate.of(2030, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
