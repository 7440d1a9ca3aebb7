package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Issue 12: a value is looked up once per transaction, and never kept beyond it. */
class TransactionMemoTest {

  final DataSourceTransactionManager transactions =
      new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:mem:transaction-memo-test"));
  final AtomicInteger reads = new AtomicInteger();

  String read() {
    return "value " + reads.incrementAndGet();
  }

  @Test
  void shouldReadOncePerTransactionAndAgainInTheNext() {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.executeWithoutResult(s -> {
      assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 1");
      assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 1");
      assertThat(TransactionMemo.get("other", this::read)).isEqualTo("value 2");
    });
    tx.executeWithoutResult(s -> assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 3"));
    assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
  }

  @Test
  void shouldReadAgainAfterForgetAndOutsideATransaction() {
    new TransactionTemplate(transactions).executeWithoutResult(s -> {
      assertThat(TransactionMemo.get("calendar:days", this::read)).isEqualTo("value 1");
      assertThat(TransactionMemo.get("org-unit:x", this::read)).isEqualTo("value 2");
      TransactionMemo.forget("calendar:");
      assertThat(TransactionMemo.get("calendar:days", this::read)).isEqualTo("value 3");
      assertThat(TransactionMemo.get("org-unit:x", this::read)).isEqualTo("value 2");
    });
    assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 4");
    assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 5");
  }

  @Test
  void shouldKeepAPutValueForTheTransactionOnly() {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.executeWithoutResult(s -> {
      assertThat(TransactionMemo.find("petition:registered:XF-1")).isEmpty();
      TransactionMemo.put("petition:registered:XF-1", "row");
      assertThat(TransactionMemo.<String>find("petition:registered:XF-1")).contains("row");
      assertThat(TransactionMemo.get("petition:registered:XF-1", this::read)).isEqualTo("row");
    });
    tx.executeWithoutResult(s -> assertThat(TransactionMemo.find("petition:registered:XF-1")).isEmpty());
    // outside a transaction nothing is kept
    TransactionMemo.put("petition:registered:XF-2", "row");
    assertThat(TransactionMemo.find("petition:registered:XF-2")).isEmpty();
    assertThat(reads).hasValue(0);
  }

  @Test
  void shouldGiveATransactionStartedInsideAnotherAMemoOfItsOwn() {
    TransactionTemplate outer = new TransactionTemplate(transactions);
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    outer.executeWithoutResult(s -> {
      assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 1");
      inner.executeWithoutResult(i -> {
        assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 2");
        assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 2");
      });
      assertThat(TransactionMemo.get("k", this::read)).isEqualTo("value 1");
    });
    assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
  }
}
