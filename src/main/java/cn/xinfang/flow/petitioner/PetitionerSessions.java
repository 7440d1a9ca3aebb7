package cn.xinfang.flow.petitioner;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.QueryCodes;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The petitioner's session: a short-lived cookie, signed (HMAC-SHA256), bound to one case and to the
 * case's current query code (a re-issued code ends it). Nothing is kept on the server, so any node
 * accepts it: the signing key is one row of {@code xf_public_secret}, created at first use.
 *
 * <p>The cookie is HttpOnly, SameSite=Strict and only sent to {@code /public}. Every POST also needs
 * the CSRF token the page received with the case ({@code X-CSRF-Token}), an HMAC of the cookie that a
 * page of another site can neither read nor compute.
 */
@Component
class PetitionerSessions {

  static final String COOKIE = "XF_PETITIONER";
  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent inserts;
  private final QueryCodes codes;
  private volatile byte[] key;

  PetitionerSessions(JdbcTemplate jdbc, InsertIfAbsent inserts, QueryCodes codes) {
    this.jdbc = jdbc;
    this.inserts = inserts;
    this.codes = codes;
  }

  /** Opens a session for the case (after the code was checked) and sets its cookie. */
  String open(String caseNumber, HttpServletRequest request, HttpServletResponse response) {
    long expires = PetitionLedger.now().plus(LIFETIME).getEpochSecond();
    String payload = caseNumber + "|" + expires + "|" + codes.stamp(caseNumber);
    String value = b64(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64(hmac("session|" + payload));
    response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, value).httpOnly(true).secure(request.isSecure())
        .sameSite("Strict").path("/public").maxAge(LIFETIME).build().toString());
    return value;
  }

  void close(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, "").httpOnly(true).secure(request.isSecure())
        .sameSite("Strict").path("/public").maxAge(0).build().toString());
  }

  /** The case of a valid, unexpired session whose code is still the case's code; empty otherwise. */
  Optional<String> caseOf(HttpServletRequest request) {
    return cookie(request).flatMap(this::verify);
  }

  /** The CSRF token of the request's session. */
  Optional<String> csrfToken(HttpServletRequest request) {
    return cookie(request).map(this::csrfFor);
  }

  String csrfFor(String cookieValue) {
    return b64(hmac("csrf|" + cookieValue));
  }

  /** True if the request carries the CSRF token of its own session. */
  boolean csrfMatches(HttpServletRequest request) {
    String sent = request.getHeader("X-CSRF-Token");
    return sent != null && cookie(request).map(v -> MessageDigest.isEqual(
        csrfFor(v).getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))).orElse(false);
  }

  private Optional<String> verify(String value) {
    int dot = value.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    try {
      String payload = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, hmac("session|" + payload))) {
        return Optional.empty();
      }
      String[] parts = payload.split("\\|", -1);
      if (parts.length != 3 || Long.parseLong(parts[1]) < PetitionLedger.now().getEpochSecond()
          || parts[2].isEmpty() || !parts[2].equals(codes.stamp(parts[0]))) {
        return Optional.empty();
      }
      return Optional.of(parts[0]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> cookie(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return Optional.empty();
    }
    for (Cookie c : request.getCookies()) {
      if (COOKIE.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()) {
        return Optional.of(c.getValue());
      }
    }
    return Optional.empty();
  }

  private byte[] hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      // the first node to need it stores it; every node then reads the same row
      inserts.insert("name", new Object[] {"petitioner-session"},
          "INSERT INTO xf_public_secret (name, secret, created_at) VALUES (?, ?, ?)", "petitioner-session",
          Base64.getEncoder().encodeToString(fresh), Timestamp.from(PetitionLedger.now()));
      k = Base64.getDecoder().decode(jdbc.queryForObject("SELECT secret FROM xf_public_secret WHERE name = ?",
          String.class, "petitioner-session"));
      key = k;
    }
    return k;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
