package cn.xinfang.flow.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer of {@code /api} and {@code /engine-rest}, set before anything else runs so
 * that errors (401, 403, 429) carry them too. Case data must not stay in browser or proxy caches
 * ({@code no-store}); a browser must not guess a type ({@code nosniff}); and an HTML answer (a printable
 * document) may use its own inline styles but run no script, load nothing, and not be framed by other
 * sites. The webapps under {@code /camunda} have Camunda's own header filter.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
      + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    // on every answer, not only text/html ones: a JSON answer opened in a browser gets the same protection
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
