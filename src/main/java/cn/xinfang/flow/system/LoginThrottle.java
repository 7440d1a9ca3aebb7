package cn.xinfang.flow.system;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Limits password guessing per client address and per (address, account), in the memory of this node.
 *
 * <p>Why these keys: there is deliberately no limit per account alone, because that is exactly what
 * lets a stranger lock out the real user (the engine's own lock did so, for good). A stranger failing
 * from their address slows down that address only; the real user logging in from elsewhere is not
 * affected. Once the free failures of a key are used, each further attempt must wait a delay that
 * doubles up to a maximum; when the delay has passed the next attempt is checked normally, and the
 * right password clears the (address, account) count. Nothing is permanent: after
 * {@code forget-after} without attempts a key starts from zero.
 *
 * <p>Why memory and not the database: counting in the database turns every guess into a write an
 * attacker can provoke at will, and shared rows are what made the engine's lock an availability
 * problem. With several nodes an attacker gets each node's budget, which only multiplies a budget of a
 * few guesses per quarter of an hour. Memory is bounded: at most {@code max-entries} addresses and
 * as many (address, account) pairs are kept, least recently seen forgotten first.
 *
 * <p>Concurrency: once a key is in its delayed phase, the one attempt allowed takes the slot before the
 * password is checked (a provisional delay), so a burst of parallel guesses cannot all slip through
 * while the first is being checked.
 */
public final class LoginThrottle {

  private final LoginProperties limits;
  private final Clock clock;
  private final Map<String, Counter> addresses;
  private final Map<String, Counter> pairs;

  public LoginThrottle(LoginProperties limits) {
    this(limits, Clock.systemUTC());
  }

  LoginThrottle(LoginProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    this.addresses = bounded(limits.maxEntries());
    this.pairs = bounded(limits.maxEntries());
  }

  /**
   * Starts a password check from {@code address} for {@code account}. When the answer is not
   * {@link Attempt#allowed() allowed}, do not check the password: answer 429 with
   * {@link Attempt#retryAfterSeconds()}. Otherwise report the outcome exactly once.
   */
  public synchronized Attempt begin(String address, String account) {
    long now = clock.millis();
    String addressKey = addressKey(address);
    Counter byAddress = counter(addresses, addressKey, now);
    Counter byPair = counter(pairs, addressKey + '\n' + accountKey(account), now);
    long waitUntil = Math.max(byAddress.blockedUntil, byPair.blockedUntil);
    if (waitUntil > now) {
      return new Attempt(this, null, null, 0, 0, false, Math.max(1, (waitUntil - now + 999) / 1000));
    }
    long previousAddressBlock = byAddress.blockedUntil;
    long previousPairBlock = byPair.blockedUntil;
    // in the delayed phase the attempt takes the slot before its password is checked
    if (byAddress.failures >= limits.addressFreeFailures()) {
      byAddress.blockedUntil = now + addressDelay(byAddress.failures + 1).toMillis();
    }
    if (byPair.failures >= limits.accountFreeFailures()) {
      byPair.blockedUntil = now + accountDelay(byPair.failures + 1).toMillis();
    }
    return new Attempt(this, byAddress, byPair, previousAddressBlock, previousPairBlock, true, 0);
  }

  private synchronized void failed(Attempt attempt) {
    long now = clock.millis();
    Counter address = attempt.byAddress;
    Counter pair = attempt.byPair;
    address.failures++;
    address.lastSeen = now;
    if (address.failures >= limits.addressFreeFailures()) {
      address.blockedUntil = Math.max(address.blockedUntil, now + addressDelay(address.failures).toMillis());
    }
    pair.failures++;
    pair.lastSeen = now;
    if (pair.failures >= limits.accountFreeFailures()) {
      pair.blockedUntil = Math.max(pair.blockedUntil, now + accountDelay(pair.failures).toMillis());
    }
  }

  private synchronized void succeeded(Attempt attempt) {
    // the right password clears this account's count at this address; the address keeps the failures
    // of others (else an attacker with an account of their own could wipe the address count between guesses)
    attempt.byPair.failures = 0;
    attempt.byPair.blockedUntil = 0;
    attempt.byAddress.blockedUntil = attempt.previousAddressBlock;
  }

  private synchronized void abandoned(Attempt attempt) {
    attempt.byAddress.blockedUntil = attempt.previousAddressBlock;
    attempt.byPair.blockedUntil = attempt.previousPairBlock;
  }

  /** How many addresses and pairs are remembered now (bounded by {@code max-entries} each). */
  synchronized int size() {
    return addresses.size() + pairs.size();
  }

  /** Delay after the n-th failure of a pair (n counted from 1). */
  Duration accountDelay(int failures) {
    return delay(failures - limits.accountFreeFailures(), limits.accountFirstDelay(), limits.accountMaxDelay());
  }

  Duration addressDelay(int failures) {
    return delay(failures - limits.addressFreeFailures(), limits.addressFirstDelay(), limits.addressMaxDelay());
  }

  private static Duration delay(int beyondFree, Duration first, Duration max) {
    if (beyondFree < 0) {
      return Duration.ZERO;
    }
    long millis = first.toMillis() << Math.min(beyondFree, 30);
    return Duration.ofMillis(millis < 0 ? max.toMillis() : Math.min(millis, max.toMillis()));
  }

  private Counter counter(Map<String, Counter> map, String key, long now) {
    Counter counter = map.get(key);
    if (counter == null || (now - counter.lastSeen > limits.forgetAfter().toMillis() && counter.blockedUntil <= now)) {
      counter = new Counter();
      map.put(key, counter);
    }
    counter.lastSeen = now;
    return counter;
  }

  /**
   * IPv4 addresses as they are; IPv6 by their /64 prefix, because one client usually owns a whole /64
   * and could otherwise rotate through billions of addresses.
   */
  static String addressKey(String address) {
    if (address == null || address.isBlank()) {
      return "unknown";
    }
    if (address.indexOf(':') >= 0) {
      try {
        // a literal is parsed, never looked up
        InetAddress parsed = InetAddress.getByName(address.startsWith("[") ? address : "[" + address + "]");
        if (parsed instanceof Inet6Address) {
          byte[] bytes = parsed.getAddress();
          StringBuilder prefix = new StringBuilder();
          for (int i = 0; i < 8; i++) {
            prefix.append(String.format("%02x", bytes[i] & 0xff));
          }
          return prefix.append("::/64").toString();
        }
        return parsed.getHostAddress();
      } catch (UnknownHostException | SecurityException e) {
        return address.length() > 64 ? address.substring(0, 64) : address;
      }
    }
    return address.length() > 64 ? address.substring(0, 64) : address;
  }

  /** Account names compare without case; long names are cut so that a key never grows unbounded. */
  static String accountKey(String account) {
    String key = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    return key.length() > 128 ? key.substring(0, 128) : key;
  }

  private static Map<String, Counter> bounded(int maxEntries) {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
        return size() > maxEntries;
      }
    };
  }

  private static final class Counter {
    int failures;
    long blockedUntil;
    long lastSeen;
  }

  /** One password check: allowed or not, and its outcome reported once. */
  public static final class Attempt {
    private final LoginThrottle throttle;
    private final Counter byAddress;
    private final Counter byPair;
    private final long previousAddressBlock;
    private final long previousPairBlock;
    private final boolean allowed;
    private final long retryAfterSeconds;
    private boolean reported;

    private Attempt(LoginThrottle throttle, Counter byAddress, Counter byPair, long previousAddressBlock,
        long previousPairBlock, boolean allowed, long retryAfterSeconds) {
      this.throttle = throttle;
      this.byAddress = byAddress;
      this.byPair = byPair;
      this.previousAddressBlock = previousAddressBlock;
      this.previousPairBlock = previousPairBlock;
      this.allowed = allowed;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public boolean allowed() {
      return allowed;
    }

    /** Whole seconds until this address may try this account again (at least 1) when not allowed. */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    public void failed() {
      if (take()) {
        throttle.failed(this);
      }
    }

    public void succeeded() {
      if (take()) {
        throttle.succeeded(this);
      }
    }

    /** The password was never checked (the request ended otherwise): release the slot, count nothing. */
    public void abandoned() {
      if (take()) {
        throttle.abandoned(this);
      }
    }

    private synchronized boolean take() {
      if (!allowed || reported) {
        return false;
      }
      reported = true;
      return true;
    }
  }
}
