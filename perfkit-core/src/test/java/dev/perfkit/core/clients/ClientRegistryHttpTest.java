package dev.perfkit.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LocalHttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientRegistryHttpTest {

  private final ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build();

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  @Test
  void http_reusesOneConnectionAcross100SequentialRequests() throws IOException {
    try (LocalHttpServer server = LocalHttpServer.ok()) {
      for (int i = 0; i < 100; i++) {
        assertThat(execute(new HttpGet(server.uri("/get")))).isEqualTo(200);
      }

      assertThat(server.requests()).hasSize(100);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void http_sendsPerfkitUserAgentWithProjectVersion() throws IOException {
    try (LocalHttpServer server = LocalHttpServer.ok()) {
      execute(new HttpGet(server.uri("/")));

      assertThat(server.requests().get(0).header("User-Agent"))
          .matches("perfkit/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
  }

  @Test
  void http_retriesIdempotentRequestThreeTimes() throws Exception {
    try (DroppingServer server = new DroppingServer(3)) {
      assertThat(execute(new HttpGet(server.uri()))).isEqualTo(200);

      assertThat(server.connections()).isEqualTo(4);
    }
  }

  @Test
  void http_failsAfterThreeRetries() throws Exception {
    try (DroppingServer server = new DroppingServer(4)) {
      assertThatThrownBy(() -> execute(new HttpGet(server.uri()))).isInstanceOf(IOException.class);

      assertThat(server.connections()).isEqualTo(4);
    }
  }

  @Test
  void http_doesNotRetryPost() throws Exception {
    try (DroppingServer server = new DroppingServer(1)) {
      HttpPost post = new HttpPost(server.uri());
      post.setEntity(new StringEntity("{}"));

      assertThatThrownBy(() -> execute(post)).isInstanceOf(IOException.class);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void http_afterClose_failsNamingTheRegistry() {
    registry.close();

    assertThatThrownBy(registry::http)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ClientRegistry is closed");
  }

  @Test
  void close_closesTheHttpClient() {
    var http = registry.http();
    registry.close();

    assertThatThrownBy(() -> http.execute(new HttpGet(URI.create("http://127.0.0.1:9/")), r -> 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void close_twice_doesNothing() {
    registry.close();

    registry.close();
    assertThatThrownBy(registry::http).isInstanceOf(IllegalStateException.class);
  }

  private int execute(HttpUriRequestBase request) throws IOException {
    return registry
        .http()
        .execute(
            request,
            response -> {
              EntityUtils.consume(response.getEntity());
              return response.getCode();
            });
  }
}
