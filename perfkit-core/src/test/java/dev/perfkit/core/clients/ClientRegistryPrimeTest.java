package dev.perfkit.core.clients;

import static dev.perfkit.core.clients.ClientRegistrySdkClientTest.dynamoDb;
import static dev.perfkit.core.clients.ClientRegistrySdkClientTest.environmentFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LocalHttpServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ClientRegistryPrimeTest {

  @Test
  void prime_sendsOneGetAndReturnsItsStatus() {
    try (LocalHttpServer server = LocalHttpServer.answering(204, Map.of(), "");
        ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build()) {
      assertThat(registry.prime(server.uri("/ping"))).isEqualTo(new PrimeResult(204, List.of()));

      assertThat(server.requests())
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.path()).isEqualTo("/ping");
              });
    }
  }

  @Test
  void prime_withBuiltClient_warmsItWithoutCallingItsService() {
    try (LocalHttpServer dynamo = dynamoDb();
        LocalHttpServer target = LocalHttpServer.ok();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(dynamo)).build()) {
      registry.client(DynamoDbClient.class);

      assertThat(registry.prime(target.uri("/")).warmedClients())
          .containsExactly(DynamoDbClient.class.getName());
      assertThat(dynamo.requests()).isEmpty();
      assertThat(target.requests()).hasSize(1);
    }
  }

  @Test
  void prime_unreachableUri_reportsTheFailure() throws Exception {
    URI unreachable;
    try (LocalHttpServer server = LocalHttpServer.ok()) {
      unreachable = server.uri("/");
    }
    try (ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build()) {
      assertThatThrownBy(() -> registry.prime(unreachable))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("prime: GET " + unreachable + " failed");
    }
  }

  @Test
  void prime_relativeOrNonHttpUri_isRejected() {
    try (ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build()) {
      assertThatThrownBy(() -> registry.prime(URI.create("/ping")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("uri must be an absolute http or https URI, but was '/ping'");
      assertThatThrownBy(() -> registry.prime(URI.create("ftp://example.com/")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ftp://example.com/");
    }
  }

  @Test
  void prime_nullUri_isRejected() {
    try (ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build()) {
      assertThatThrownBy(() -> registry.prime(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("uri");
    }
  }
}
