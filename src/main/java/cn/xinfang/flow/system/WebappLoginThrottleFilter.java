package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form of Tasklist, Cockpit and Admin ({@code POST .../auth/user/{engine}/login/{app}})
 * through the {@link LoginThrottle}. The form body is read here to learn the account name and handed
 * on unchanged to Camunda's login resource, which answers 200 (right password), 401 (wrong) or 403
 * (right password, no access to that app, or no CSRF token); only 200 and 401 say anything about the
 * password.
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

  /** A login form is a few hundred bytes; anything far larger is not a login. */
  private static final int MAX_BODY = 16 * 1024;

  private final LoginThrottle throttle;
  private final ObjectMapper json;

  WebappLoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "登录请求过大");
      return;
    }
    Charset charset = charset(request.getCharacterEncoding());
    // an unreadable name still counts against the address
    String account = formField(new String(body, charset), "username", charset);
    LoginThrottle.Attempt attempt = throttle.begin(request.getRemoteAddr(), account);
    if (!attempt.allowed()) {
      LoginResponses.tooManyAttempts(request, response, attempt.retryAfterSeconds(), json);
      return;
    }
    try {
      chain.doFilter(new CachedBody(request, body), response);
      if (response.getStatus() == HttpServletResponse.SC_OK) {
        attempt.succeeded();
      } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
        attempt.failed();
      }
    } finally {
      attempt.abandoned();
    }
  }

  private static Charset charset(String name) {
    try {
      return name != null ? Charset.forName(name) : StandardCharsets.UTF_8;
    } catch (RuntimeException unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  static String formField(String body, String name, Charset charset) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      try {
        if (name.equals(URLDecoder.decode(key, charset))) {
          return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
        }
      } catch (IllegalArgumentException malformed) {
        return "";
      }
    }
    return "";
  }

  /** The request with its body read again from memory. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset(getCharacterEncoding())));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
