package cn.xinfang.flow.system;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP client of an outbound channel (webhook notices, the exchange with other offices), made on the first
 * request rather than when the bean is created. Building a JDK {@link HttpClient} sets up TLS — the security
 * providers and the certificate store, about 650 classes — and that cost sat in every start of every node,
 * before readiness, although most nodes send nothing in their first minutes and many offices never configure
 * a webhook (issue 12, start to ready). One client per channel, shared by all threads, as the JDK intends.
 */
public final class OutboundHttp {

  private final Duration connectTimeout;
  private volatile HttpClient client;

  public OutboundHttp(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return client().send(request, body);
  }

  private HttpClient client() {
    HttpClient made = client;
    if (made == null) {
      synchronized (this) {
        made = client;
        if (made == null) {
          made = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
          client = made;
        }
      }
    }
    return made;
  }
}
