package dev.perfkit.bench.clients;

import dev.perfkit.core.clients.ClientRegistry;
import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** One HTTPS GET, the two ways a function can send it. */
final class HttpsGet {

  private static final HttpClientResponseHandler<String> BODY =
      response -> EntityUtils.toString(response.getEntity());

  private HttpsGet() {}

  /** Over the registry's pooled client: the connection and its TLS session stay open. */
  static String pooled(ClientRegistry registry, URI uri) throws IOException {
    return registry.http().execute(new HttpGet(uri), BODY);
  }

  /**
   * Over a client built for this call and closed after it, as a handler without a shared client
   * does: a new connection and TLS handshake each time.
   */
  static String clientPerCall(SSLContext tls, URI uri) throws IOException {
    try (CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                    .build())
            .build()) {
      return client.execute(new HttpGet(uri), BODY);
    }
  }
}
