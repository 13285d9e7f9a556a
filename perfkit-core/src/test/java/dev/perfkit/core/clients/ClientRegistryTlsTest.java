package dev.perfkit.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LocalHttpServer;
import java.io.IOException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ClientRegistry#http()} against an HTTPS server whose certificate no public CA signed. */
class ClientRegistryTlsTest {

  private static LocalHttpServer server;

  @BeforeAll
  static void startServer() {
    server = LocalHttpServer.builder().https().start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void http_sslContextTrustingTheServer_getsOverHttps() throws IOException {
    try (ClientRegistry registry =
        ClientRegistry.builder(Environment.of(Map.of()))
            .sslContext(server.trustingContext())
            .build()) {

      String body =
          registry
              .http()
              .execute(
                  new HttpGet(server.uri("/private")), r -> EntityUtils.toString(r.getEntity()));

      assertThat(body).isEqualTo("ok");
    }
  }

  @Test
  void http_withoutSslContext_refusesTheUntrustedCertificate() {
    try (ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build()) {

      assertThatThrownBy(
              () -> registry.http().execute(new HttpGet(server.uri("/private")), r -> r.getCode()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }
}
