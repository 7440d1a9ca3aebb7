package cn.xinfang.flow.intake;

import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.EngineDoorGuard;
import cn.xinfang.flow.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration from other channels ({@code POST /api/petitions}): starts petition-intake, whose start
 * listener validates, numbers and stores the petition. An Idempotency-Key makes a client's retry
 * return the case it already registered instead of registering it again.
 */
@Service
class PetitionIntakeService {

  record Registered(String caseNumber, String status, String linkedCaseNumber, boolean replay) {}

  private final RuntimeService runtime;
  private final JdbcTemplate jdbc;
  private final PetitionLedger ledger;
  private final TransactionTemplate transaction;

  PetitionIntakeService(RuntimeService runtime, JdbcTemplate jdbc, PetitionLedger ledger,
      PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactions);
  }

  Registered register(PetitionRegistration registration, String principal, String idempotencyKey) {
    // stored and compared as typed: visible ASCII only (a UUID or an order number), never control characters
    if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,100}")) {
      throw new InvalidInputException("Idempotency-Key", "幂等键须为 1 至 100 个可见的英文字母、数字或符号（如 UUID）");
    }
    String requestHash = hash(registration.toVariables());
    try {
      return transaction.execute(status -> {
        Optional<Registered> earlier = earlier(principal, idempotencyKey, requestHash);
        if (earlier.isPresent()) {
          return earlier.get();
        }
        // the API has checked its field list (receivedBy included); the engine's door guard checks the rest
        ProcessInstance instance = EngineDoorGuard.withStartFields(List.of(PetitionRegistration.RECEIVED_BY),
            () -> runtime.startProcessInstanceByKey(IntakeProcess.KEY, registration.toVariables()));
        String caseNumber = instance.getBusinessKey();
        if (idempotencyKey != null) {
          jdbc.update("INSERT INTO xf_api_idempotency (principal, idempotency_key, request_hash, case_number, created_at) "
              + "VALUES (?, ?, ?, ?, ?)", principal, idempotencyKey, requestHash, caseNumber,
              Timestamp.from(PetitionLedger.now()));
        }
        return describe(caseNumber, false);
      });
    } catch (DuplicateKeyException concurrentRetry) {
      // the same key arrived twice at once; the other request committed first: answer with its case
      return transaction.execute(status -> earlier(principal, idempotencyKey, requestHash).orElseThrow());
    }
  }

  private Optional<Registered> earlier(String principal, String key, String requestHash) {
    if (key == null) {
      return Optional.empty();
    }
    return jdbc.query("SELECT request_hash, case_number FROM xf_api_idempotency WHERE principal = ? AND idempotency_key = ?",
        (rs, i) -> {
          if (!requestHash.equals(rs.getString(1))) {
            throw new InvalidInputException("Idempotency-Key",
                "该幂等键已用于另一份不同内容的登记（" + rs.getString(2) + "），新的登记请使用新的幂等键");
          }
          return describe(rs.getString(2), true);
        }, principal, key).stream().findFirst();
  }

  private Registered describe(String caseNumber, boolean replay) {
    // the answer to a new registration comes from the row its own transaction inserted (status and merged case as
    // registered; a status change in the same transaction forgets it): one round trip less per registration (issue 12)
    var petition = ledger.registeredInThisTransaction(caseNumber).or(() -> ledger.find(caseNumber)).orElseThrow();
    return new Registered(caseNumber, petition.status().name(), petition.linkedCaseNumber(), replay);
  }

  private static String hash(Map<String, Object> variables) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(new TreeMap<>(variables).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
