package cn.xinfang.flow.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The row a registration inserted, answered from its own transaction instead of read again (the receipt and the API's
 * answer, issue 12): only in that transaction, and never after the status changed in it (a repeat of a final case is
 * rejected in the registering transaction itself, and the API must then answer 不予受理, not 办理中).
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:registered-in-transaction-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class RegisteredInThisTransactionTest {

  static final AtomicInteger NUMBERS = new AtomicInteger();

  @Autowired PetitionLedger ledger;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void shouldAnswerTheNewRowOnlyInItsTransactionAndUntilItsStatusChanges() {
    String kept = inTransaction(number -> {
      assertThat(ledger.registeredInThisTransaction(number)).hasValueSatisfying(p -> {
        assertThat(p.status()).isEqualTo(PetitionStatus.OPEN);
        assertThat(p.subject()).isEqualTo("测试事项");
      });
      ledger.markMajor(number); // not a field the answer reads: still answered from the transaction
      assertThat(ledger.registeredInThisTransaction(number)).isPresent();
    });
    // another transaction reads the ledger
    new TransactionTemplate(transactions).executeWithoutResult(s ->
        assertThat(ledger.registeredInThisTransaction(kept)).isEmpty());
    assertThat(ledger.find(kept)).hasValueSatisfying(p -> assertThat(p.majorCase()).isTrue());

    inTransaction(number -> {
      ledger.close(number, PetitionStatus.REJECTED);
      assertThat(ledger.registeredInThisTransaction(number)).isEmpty();
      assertThat(ledger.find(number).orElseThrow().status()).isEqualTo(PetitionStatus.REJECTED);
    });
    inTransaction(number -> {
      ledger.markReplied(number);
      assertThat(ledger.registeredInThisTransaction(number)).isEmpty();
    });
    inTransaction(number -> {
      ledger.reopen(number);
      assertThat(ledger.registeredInThisTransaction(number)).isEmpty();
    });
  }

  /** Inserts a new case in a transaction of its own, runs {@code then} in it and commits; the case number. */
  private String inTransaction(Consumer<String> then) {
    String number = "XF-2099-%06d".formatted(NUMBERS.incrementAndGet());
    new TransactionTemplate(transactions).executeWithoutResult(s -> {
      ledger.insert(new Petition(number, null, "VISIT", "LABOR", "测试事项", "内容", true, 1, "SELF", "王五",
          "13900000000", null, null, null, null, "reception1", PetitionStatus.OPEN, false, false, 0, null, null, null,
          Instant.now(), null, null, null), null, null, null, null);
      then.accept(number);
    });
    return number;
  }
}
