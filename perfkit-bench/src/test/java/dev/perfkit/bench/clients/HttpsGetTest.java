package dev.perfkit.bench.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.bench.UuidServer;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.LocalHttpServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both ways of sending the GET get the server's body; only the pooled one keeps its connection. */
class HttpsGetTest {

  private static final String BODY = UuidServer.body(HttpsPoolingBenchmark.Server.UUID);

  private LocalHttpServer server;

  @BeforeEach
  void startServer() {
    server = UuidServer.https(HttpsPoolingBenchmark.Server.UUID);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void pooled_getsTheBodyOverOneConnection() throws IOException {
    try (ClientRegistry registry =
        ClientRegistry.builder(Environment.of(Map.of()))
            .sslContext(server.trustingContext())
            .build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(HttpsGet.pooled(registry, server.uri("/uuid"))).isEqualTo(BODY);
      }
    }

    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void clientPerCall_getsTheBodyOverANewConnectionEachTime() throws IOException {
    for (int i = 0; i < 3; i++) {
      assertThat(HttpsGet.clientPerCall(server.trustingContext(), server.uri("/uuid")))
          .isEqualTo(BODY);
    }

    assertThat(server.connections()).isEqualTo(3);
  }
}
