package cn.xinfang.flow.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic verifications remembered for a short while (issue 12). An API client sends its password with every
 * request; checking it cost three engine transactions each time (the user row and its password hash, the user's
 * groups, the user's tenants) before the request did anything. A successful check is remembered with the groups
 * and tenants for {@code xinfang.security.verified-login-ttl} (default 30 s; 0 switches this off): the next request
 * with the same user and the same password uses them without asking the database.
 *
 * <p>Nothing a wrong password could use: only successful checks are remembered, keyed by an HMAC of user and
 * password under a random key made at start (the map holds neither the password nor its stored hash). Every change
 * of users, groups, memberships or tenants made through the engine on this node ({@link PasswordCheckWithoutLock})
 * forgets everything at once, again when that change commits. A change made on another node of a cluster reaches
 * this node's memory at the latest after the TTL: a changed password or a removed membership may work up to 30 s
 * longer there.
 */
@Component
public class VerifiedLogins {

  /** Bumped by every identity change; an entry remembered under an older generation is not used. */
  private static final AtomicLong GENERATION = new AtomicLong();
  private static final int MAX_ENTRIES = 10_000;

  record Verified(List<String> groups, List<String> tenants, long expiresAtNanos, long generation) {}

  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final byte[] key = new byte[32];

  public VerifiedLogins(@Value("${xinfang.security.verified-login-ttl:30s}") Duration ttl) {
    this.ttlNanos = ttl.toNanos();
    new SecureRandom().nextBytes(key);
  }

  /** The groups and tenants of a recent successful check of exactly this user and password, if any. */
  public Optional<Verified> recall(String userId, String password) {
    if (ttlNanos <= 0 || userId == null || password == null) {
      return Optional.empty();
    }
    String k = keyOf(userId, password);
    Verified v = verified.get(k);
    if (v == null) {
      return Optional.empty();
    }
    if (v.generation() != GENERATION.get() || System.nanoTime() - v.expiresAtNanos() > 0) {
      verified.remove(k, v);
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /**
   * Remembers a successful check. {@code generationBefore} is {@link #generation()} taken before the database was
   * read: if an identity change happened in between, the answer may be stale and is not remembered.
   */
  public void remember(String userId, String password, List<String> groups, List<String> tenants,
      long generationBefore) {
    if (ttlNanos <= 0 || generationBefore != GENERATION.get()) {
      return;
    }
    if (verified.size() >= MAX_ENTRIES) {
      verified.clear(); // many distinct logins at once: start again rather than grow without bound
    }
    verified.put(keyOf(userId, password),
        new Verified(List.copyOf(groups), List.copyOf(tenants), System.nanoTime() + ttlNanos, generationBefore));
  }

  public static long generation() {
    return GENERATION.get();
  }

  /**
   * Called on every identity write (inside the engine command that makes it): forgets every remembered check now
   * and once more when the command's transaction has committed, so that a check reading the old rows in between
   * is not kept either.
   */
  static void identityChanged() {
    GENERATION.incrementAndGet();
    var commandContext = Context.getCommandContext();
    if (commandContext != null) {
      commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
          context -> GENERATION.incrementAndGet());
      commandContext.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK,
          context -> GENERATION.incrementAndGet());
    }
  }

  private String keyOf(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return userId + ":" + HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
