package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock the test moves: delays grow, expire, and never spill over. */
class LoginThrottleTest {

  final MovableClock clock = new MovableClock();
  // 3 free failures per (address, account), 6 per address; 1 s doubling to 8 s; forgotten after 60 s
  final LoginThrottle throttle = new LoginThrottle(new LoginProperties(3, Duration.ofSeconds(1), Duration.ofSeconds(8),
      6, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60), 100), clock);

  @Test
  void shouldDelayAfterTheFreeFailuresWithGrowingDelaysUpToTheMaximum() {
    for (int i = 0; i < 3; i++) {
      fail("10.0.0.1", "admin");
    }
    LoginThrottle.Attempt refused = throttle.begin("10.0.0.1", "admin");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    long[] expected = {2, 4, 8, 8};
    for (long seconds : expected) {
      clock.advance(Duration.ofSeconds(8));
      fail("10.0.0.1", "admin");
      assertThat(throttle.begin("10.0.0.1", "admin").retryAfterSeconds()).isEqualTo(seconds);
    }
  }

  @Test
  void shouldLetTheRightPasswordInOnceTheDelayHasPassedAndStartAgainFromZero() {
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(10));
      fail("10.0.0.2", "office1");
    }
    LoginThrottle.Attempt during = throttle.begin("10.0.0.2", "office1");
    assertThat(during.allowed()).as("even the right password waits out the delay").isFalse();
    assertThat(during.retryAfterSeconds()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    LoginThrottle.Attempt right = throttle.begin("10.0.0.2", "office1");
    assertThat(right.allowed()).isTrue();
    right.succeeded();
    // the count of this account at this address started from zero again: a mistake costs no delay
    fail("10.0.0.2", "office1");
    LoginThrottle.Attempt next = throttle.begin("10.0.0.2", "office1");
    assertThat(next.allowed()).isTrue();
    next.abandoned();
  }

  @Test
  void shouldNeverStopTheSameAccountFromAnotherAddress() {
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(9));
      LoginThrottle.Attempt attempt = throttle.begin("203.0.113.9", "admin");
      if (attempt.allowed()) {
        attempt.failed();
      }
    }
    assertThat(throttle.begin("203.0.113.9", "admin").allowed()).isFalse();
    LoginThrottle.Attempt elsewhere = throttle.begin("198.51.100.20", "admin");
    assertThat(elsewhere.allowed()).isTrue();
    elsewhere.succeeded();
  }

  @Test
  void shouldLimitAnAddressTryingManyAccounts() {
    for (int i = 0; i < 6; i++) {
      fail("10.0.0.3", "user" + i);
    }
    LoginThrottle.Attempt next = throttle.begin("10.0.0.3", "someone-new");
    assertThat(next.allowed()).isFalse();
    assertThat(next.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void shouldNotLetAnAttackerWipeTheAddressCountWithAnAccountOfTheirOwn() {
    for (int i = 0; i < 6; i++) {
      fail("10.0.0.4", "victim" + i);
    }
    clock.advance(Duration.ofSeconds(1));
    throttle.begin("10.0.0.4", "attacker").succeeded();
    fail("10.0.0.4", "victim9");
    // had the success wiped the address count, this failure would have been free again
    LoginThrottle.Attempt next = throttle.begin("10.0.0.4", "victim10");
    assertThat(next.allowed()).isFalse();
    assertThat(next.retryAfterSeconds()).isEqualTo(2);
  }

  @Test
  void shouldAllowOneAttemptAtATimeOnceDelayed() {
    for (int i = 0; i < 3; i++) {
      fail("10.0.0.5", "admin");
    }
    clock.advance(Duration.ofSeconds(1));
    LoginThrottle.Attempt first = throttle.begin("10.0.0.5", "admin");
    LoginThrottle.Attempt parallel = throttle.begin("10.0.0.5", "admin");
    assertThat(first.allowed()).isTrue();
    assertThat(parallel.allowed()).as("a guess sent while the first is checked").isFalse();
    first.abandoned();
    assertThat(throttle.begin("10.0.0.5", "admin").allowed()).as("an attempt never checked frees its slot").isTrue();
  }

  @Test
  void shouldForgetAQuietKeyAndStayWithinItsMemoryBound() {
    for (int i = 0; i < 3; i++) {
      fail("10.0.0.6", "admin");
    }
    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.begin("10.0.0.6", "admin").allowed()).isTrue();
      fail("10.0.0.6", "admin");
    }
    for (int i = 0; i < 1000; i++) {
      fail("10.1." + (i / 250) + "." + (i % 250), "user" + i);
    }
    assertThat(throttle.size()).isLessThanOrEqualTo(200);
  }

  @Test
  void shouldGroupIpv6AddressesByTheirSlash64() {
    assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.addressKey("2001:db8:1:2::ffff"));
    assertThat(LoginThrottle.addressKey("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:2::1"));
    assertThat(LoginThrottle.addressKey("192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(LoginThrottle.accountKey(" Admin ")).isEqualTo("admin");
  }

  private void fail(String address, String account) {
    LoginThrottle.Attempt attempt = throttle.begin(address, account);
    assertThat(attempt.allowed()).as("attempt from %s for %s", address, account).isTrue();
    attempt.failed();
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-30T08:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
