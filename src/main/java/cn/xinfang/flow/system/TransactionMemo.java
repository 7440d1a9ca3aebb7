package cn.xinfang.flow.system;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values looked up once per database transaction. One registration or escalation computes several deadlines, and
 * each read the latest deadline-policy version, the holidays and the unit rows again (issue 12). Within one
 * transaction those answers are fixed anyway (what another transaction changes meanwhile is not ours to see half
 * of), and the memo ends with the transaction, so nothing is kept in a node's memory between requests: a change
 * committed on another node applies to the next transaction here. Outside a transaction every call computes.
 * Who writes a remembered table in a transaction calls {@link #forget} so that the same transaction reads anew.
 */
public final class TransactionMemo {

  private static final Object KEY = new Object();

  private TransactionMemo() {}

  /** The value of {@code key} in this transaction: computed by {@code compute} the first time it is asked for. */
  @SuppressWarnings("unchecked")
  public static <T> T get(String key, Supplier<T> compute) {
    Map<String, Object> memo = memo();
    if (memo == null) {
      return compute.get();
    }
    if (memo.containsKey(key)) {
      return (T) memo.get(key);
    }
    T value = compute.get();
    memo.put(key, value);
    return value;
  }

  /** Remembers {@code value} under {@code key} for the rest of this transaction (nothing outside a transaction). */
  public static void put(String key, Object value) {
    Map<String, Object> memo = memo();
    if (memo != null) {
      memo.put(key, value);
    }
  }

  /** The value remembered under {@code key} in this transaction, if any; never computes. */
  @SuppressWarnings("unchecked")
  public static <T> Optional<T> find(String key) {
    Map<String, Object> memo = memo();
    return memo == null ? Optional.empty() : Optional.ofNullable((T) memo.get(key));
  }

  /** Forgets the values whose keys start with {@code prefix} (the caller has just changed what they came from). */
  public static void forget(String prefix) {
    Map<String, Object> memo = memo();
    if (memo != null) {
      memo.keySet().removeIf(k -> k.startsWith(prefix));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> memo() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Map<String, Object> memo = (Map<String, Object>) TransactionSynchronizationManager.getResource(KEY);
    if (memo == null) {
      Map<String, Object> created = new HashMap<>();
      TransactionSynchronizationManager.bindResource(KEY, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void suspend() {
          // a transaction started inside this one (REQUIRES_NEW) keeps a memo of its own
          TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(KEY, created);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
      });
      memo = created;
    }
    return memo;
  }
}
