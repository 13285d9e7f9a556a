package dev.perfkit.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ClientRegistryBuilderTest {

  private final ClientRegistry.Builder builder = ClientRegistry.builder(Environment.of(Map.of()));

  @Test
  void builder_nullEnvironment_isRejected() {
    assertThatThrownBy(() -> ClientRegistry.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("environment");
  }

  @Test
  void maxConnections_zero_isRejectedWithRange() {
    assertThatThrownBy(() -> builder.maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConnections must be 1 or more, but was 0");
  }

  @Test
  void maxConnectionsPerRoute_negative_isRejectedWithRange() {
    assertThatThrownBy(() -> builder.maxConnectionsPerRoute(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConnectionsPerRoute must be 1 or more, but was -1");
  }

  @Test
  void sdkMaxConnections_zero_isRejectedWithRange() {
    assertThatThrownBy(() -> builder.sdkMaxConnections(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sdkMaxConnections must be 1 or more, but was 0");
  }

  @Test
  void connectTimeout_zero_isRejected() {
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive, but was PT0S");
  }

  @Test
  void responseTimeout_null_isRejected() {
    assertThatThrownBy(() -> builder.responseTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("responseTimeout");
  }

  @Test
  void maxConnections_setTwice_isRejected() {
    builder.maxConnections(5);

    assertThatThrownBy(() -> builder.maxConnections(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxConnections was already set");
  }

  @Test
  void sslContext_null_isRejected() {
    assertThatThrownBy(() -> builder.sslContext(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sslContext");
  }

  @Test
  void sslContext_setTwice_isRejected() throws Exception {
    builder.sslContext(SSLContext.getDefault());

    assertThatThrownBy(() -> builder.sslContext(SSLContext.getDefault()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sslContext was already set");
  }

  @Test
  void build_perRouteAboveTotal_isRejected() {
    builder.maxConnections(5).maxConnectionsPerRoute(10);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConnectionsPerRoute (10) must not exceed maxConnections (5)");
  }

  @Test
  void override_nullClient_isRejected() {
    assertThatThrownBy(() -> builder.override(DynamoDbClient.class, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("client");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void override_clientOfAnotherType_isRejected() {
    try (DynamoDbClient dynamo = dynamoDbClient()) {
      Class raw = String.class;

      assertThatThrownBy(() -> builder.override(raw, dynamo))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("client is a ")
          .hasMessageEndingWith(", not a java.lang.String");
    }
  }

  @Test
  void override_sameTypeTwice_isRejected() {
    try (DynamoDbClient dynamo = dynamoDbClient()) {
      builder.override(DynamoDbClient.class, dynamo);

      assertThatThrownBy(() -> builder.override(DynamoDbClient.class, dynamo))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "override for software.amazon.awssdk.services.dynamodb.DynamoDbClient was already"
                  + " set");
    }
  }

  @Test
  void shared_returnsOneRegistryPerProcess() {
    assertThat(ClientRegistry.shared()).isSameAs(ClientRegistry.shared());
  }

  private static DynamoDbClient dynamoDbClient() {
    return DynamoDbClient.builder()
        .region(Region.EU_WEST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .build();
  }
}
