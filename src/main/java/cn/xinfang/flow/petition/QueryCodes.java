package cn.xinfang.flow.petition;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * 查询码: the secret a petitioner uses to follow a case. Only a salted PBKDF2 hash is stored in the
 * ledger; the code itself exists once, on the receipt. A lost receipt gets a new code: re-issuing
 * replaces the hash (the old code stops working) and is journaled.
 *
 * <p>The code issued at registration is handed to whoever registered: an API client gets it in the
 * answer (a request attribute), a Tasklist clerk on the receipt page (a session attribute, taken
 * the first time the receipt is shown). It is never written anywhere else.
 */
@Component
public class QueryCodes {

  /** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied by hand is not mistyped. */
  static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
  static final int LENGTH = 10;
  /**
   * PBKDF2 rounds for a new code. The code is machine-made, 10 symbols of 25 (about 46 bits), not a password a
   * person chose: an offline guess over a leaked hash must try up to 25^10 codes, and 1,000 rounds make that about
   * 2^56 HMAC operations per case (months of a current GPU for one code), more than the 600,000 rounds recommended
   * for a password of ~30 bits. 60,000 rounds (the figure for passwords) cost 50-60 ms of CPU inside every
   * registration's transaction, two thirds of a registration's time (issue 12). Each stored hash names its own
   * rounds, so codes issued with 60,000 keep working.
   */
  static final int ITERATIONS = 1_000;
  private static final String REQUEST_ATTRIBUTE = "xf.queryCode.";
  private static final String SESSION_ATTRIBUTE = "xf.queryCodes";
  private static final byte[] DUMMY_SALT = new byte[16];

  private final JdbcTemplate jdbc;
  private final PetitionLedger ledger;
  private final SecureRandom random = new SecureRandom();

  QueryCodes(JdbcTemplate jdbc, PetitionLedger ledger) {
    this.jdbc = jdbc;
    this.ledger = ledger;
  }

  /**
   * A code for a new case, not stored yet: its hash goes into the ledger row the registration inserts (one statement
   * instead of an insert and an update, issue 12); {@link #handOver} then gives the code to whoever registered.
   */
  public Issued newCode() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String hash = "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(pbkdf2(code.toString(), salt, ITERATIONS));
    return new Issued(code.toString(), hash, PetitionLedger.now());
  }

  /** A query code: the code itself (printed once, on the receipt) and the salted hash the ledger keeps. */
  public record Issued(String code, String hash, Instant issuedAt) {
    @Override
    public String toString() {
      return "Issued[hash=" + hash + "]"; // never the code itself, should a record be logged
    }
  }

  /**
   * At registration, in the registration's transaction, once the case's row holds the code's hash: hands the code to
   * the registrar.
   */
  public void handOver(String caseNumber, Issued issued) {
    String code = issued.code();
    ServletRequestAttributes request = currentRequest();
    if (request != null) {
      HttpServletRequest http = request.getRequest();
      http.setAttribute(REQUEST_ATTRIBUTE + caseNumber, code);
      HttpSession session = http.getSession(false);
      if (session != null) {
        // a Tasklist start form: the receipt page opened next in the same login shows the code once
        synchronized (session) {
          @SuppressWarnings("unchecked")
          Map<String, String> pending = (Map<String, String>) session.getAttribute(SESSION_ATTRIBUTE);
          Map<String, String> next = pending == null ? new HashMap<>() : new HashMap<>(pending);
          next.put(caseNumber, code);
          session.setAttribute(SESSION_ATTRIBUTE, next);
        }
      }
    }
  }

  /** The code issued in this very request (an API registration), if any. */
  public Optional<String> issuedInThisRequest(String caseNumber) {
    ServletRequestAttributes request = currentRequest();
    return Optional.ofNullable(request == null ? null
        : (String) request.getRequest().getAttribute(REQUEST_ATTRIBUTE + caseNumber));
  }

  /** The code issued at registration in this login, handed over once: a second call answers empty. */
  public Optional<String> takeFromSession(HttpSession session, String caseNumber) {
    if (session == null) {
      return Optional.empty();
    }
    synchronized (session) {
      @SuppressWarnings("unchecked")
      Map<String, String> pending = (Map<String, String>) session.getAttribute(SESSION_ATTRIBUTE);
      if (pending == null || !pending.containsKey(caseNumber)) {
        return Optional.empty();
      }
      Map<String, String> next = new HashMap<>(pending);
      String code = next.remove(caseNumber);
      session.setAttribute(SESSION_ATTRIBUTE, next);
      return Optional.of(code);
    }
  }

  /** A new code for a lost receipt: the old one stops working; the journal says who did it and when. */
  public String reissue(String caseNumber, String actor) {
    String code = store(caseNumber);
    ledger.recordEvent(caseNumber, "QUERY_CODE:" + PetitionLedger.now().toEpochMilli() + ":" + random.nextInt(1_000_000),
        "QUERY_CODE_REISSUED", actor, "重新出具查询码（原查询码作废）");
    return code;
  }

  /** True if the code is the case's current one; compares in constant time. */
  public boolean matches(String caseNumber, String code) {
    String stored = jdbc.query("SELECT query_code_hash FROM xf_petition WHERE case_number = ?",
        (rs, i) -> rs.getString(1), caseNumber).stream().findFirst().orElse(null);
    if (stored == null || code == null) {
      // the same work as a real check: the petitioner's page must not tell by its timing whether a case exists
      pbkdf2(code == null ? "" : normalize(code), DUMMY_SALT, ITERATIONS);
      return false;
    }
    String[] parts = stored.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(expected, pbkdf2(normalize(code), salt, Integer.parseInt(parts[1])));
  }

  private String store(String caseNumber) {
    Issued issued = newCode();
    jdbc.update("UPDATE xf_petition SET query_code_hash = ?, query_code_issued_at = ? WHERE case_number = ?",
        issued.hash(), Timestamp.from(issued.issuedAt()), caseNumber);
    return issued.code();
  }

  /**
   * A short fingerprint of the case's current code hash (not of the code): a petitioner's session
   * carries it, so a re-issued code ends the sessions opened with the old one. Empty without a code.
   */
  public String stamp(String caseNumber) {
    String stored = jdbc.query("SELECT query_code_hash FROM xf_petition WHERE case_number = ?",
        (rs, i) -> rs.getString(1), caseNumber).stream().findFirst().orElse(null);
    if (stored == null) {
      return "";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A code typed by a petitioner: letter case and spaces or dashes do not matter. */
  private static String normalize(String code) {
    return code.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
  }

  private static byte[] pbkdf2(String code, byte[] salt, int iterations) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(code.toCharArray(), salt, iterations, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ServletRequestAttributes currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? s : null;
  }
}
