package dev.perfkit.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.AllAtOnce;
import dev.perfkit.core.testing.LocalHttpServer;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class ClientRegistrySdkClientTest {

  static final String LIST_TABLES = "{\"TableNames\":[\"orders\",\"users\"]}";
  static final Map<String, String> JSON = Map.of("Content-Type", "application/x-amz-json-1.0");

  static LocalHttpServer dynamoDb() {
    return LocalHttpServer.answering(200, JSON, LIST_TABLES);
  }

  static Environment environment(String... keysAndValues) {
    Map<String, String> variables = new HashMap<>();
    variables.put("AWS_REGION", "eu-west-1");
    variables.put("AWS_ACCESS_KEY_ID", "AKIDPERFKIT");
    variables.put("AWS_SECRET_ACCESS_KEY", "perfkit-secret");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      variables.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Environment.of(variables);
  }

  static Environment environmentFor(LocalHttpServer server) {
    return environment("AWS_ENDPOINT_URL_DYNAMODB", server.uri("").toString());
  }

  @Test
  void client_concurrentFirstUse_returnsOneInstance() throws Exception {
    try (ClientRegistry registry = ClientRegistry.builder(environment()).build()) {
      List<DynamoDbClient> clients =
          AllAtOnce.run(16, thread -> registry.client(DynamoDbClient.class));

      Set<DynamoDbClient> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      distinct.addAll(clients);
      assertThat(distinct).hasSize(1);
    }
  }

  @Test
  void client_secondCall_returnsSameInstance() {
    try (ClientRegistry registry = ClientRegistry.builder(environment()).build()) {
      assertThat(registry.client(DynamoDbClient.class))
          .isSameAs(registry.client(DynamoDbClient.class));
    }
  }

  @Test
  void client_withOverride_returnsOverrideAsIs() {
    try (DynamoDbClient own =
            DynamoDbClient.builder()
                .region(Region.AP_SOUTHEAST_2)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        ClientRegistry registry =
            ClientRegistry.builder(environment()).override(DynamoDbClient.class, own).build()) {
      assertThat(registry.client(DynamoDbClient.class)).isSameAs(own);
    }
  }

  @Test
  void client_withServiceEndpointVariable_sendsSignedRequestToIt() {
    try (LocalHttpServer server = dynamoDb();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(server)).build()) {
      List<String> tables = registry.client(DynamoDbClient.class).listTables().tableNames();

      assertThat(tables).containsExactly("orders", "users");
      LocalHttpServer.Request request = server.requests().get(0);
      assertThat(request.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.ListTables");
      assertThat(request.header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDPERFKIT/")
          .contains("/eu-west-1/dynamodb/aws4_request");
    }
  }

  @Test
  void client_withSessionToken_sendsIt() {
    try (LocalHttpServer server = dynamoDb();
        ClientRegistry registry =
            ClientRegistry.builder(
                    environment(
                        "AWS_ENDPOINT_URL_DYNAMODB",
                        server.uri("").toString(),
                        "AWS_SESSION_TOKEN",
                        "perfkit-token"))
                .build()) {
      registry.client(DynamoDbClient.class).listTables();

      assertThat(server.requests().get(0).header("X-Amz-Security-Token"))
          .isEqualTo("perfkit-token");
    }
  }

  @Test
  void client_withoutRegion_signsForUsEast1() {
    try (LocalHttpServer server = dynamoDb();
        ClientRegistry registry =
            ClientRegistry.builder(
                    Environment.of(
                        Map.of(
                            "AWS_ACCESS_KEY_ID", "AKIDPERFKIT",
                            "AWS_SECRET_ACCESS_KEY", "perfkit-secret",
                            "AWS_ENDPOINT_URL_DYNAMODB", server.uri("").toString())))
                .build()) {
      registry.client(DynamoDbClient.class).listTables();

      assertThat(server.requests().get(0).header("Authorization"))
          .contains("/us-east-1/dynamodb/aws4_request");
    }
  }

  @Test
  void client_withGlobalEndpointVariableOnly_sendsRequestToIt() {
    try (LocalHttpServer server = dynamoDb();
        ClientRegistry registry =
            ClientRegistry.builder(environment("AWS_ENDPOINT_URL", server.uri("").toString()))
                .build()) {
      registry.client(DynamoDbClient.class).listTables();

      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void client_withBothEndpointVariables_prefersServiceSpecific() {
    try (LocalHttpServer service = dynamoDb();
        LocalHttpServer global = dynamoDb();
        ClientRegistry registry =
            ClientRegistry.builder(
                    environment(
                        "AWS_ENDPOINT_URL", global.uri("").toString(),
                        "AWS_ENDPOINT_URL_DYNAMODB", service.uri("").toString()))
                .build()) {
      registry.client(DynamoDbClient.class).listTables();

      assertThat(service.requests()).hasSize(1);
      assertThat(global.requests()).isEmpty();
    }
  }

  @Test
  void client_withMalformedEndpointVariable_namesTheVariable() {
    try (ClientRegistry registry =
        ClientRegistry.builder(environment("AWS_ENDPOINT_URL_DYNAMODB", "localhost:8000"))
            .build()) {
      assertThatThrownBy(() -> registry.client(DynamoDbClient.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "AWS_ENDPOINT_URL_DYNAMODB must be an http or https URL with a host,"
                  + " e.g. http://localhost:8000, but was 'localhost:8000'");
    }
  }

  @Test
  void client_sharesOneConnectionAcrossCalls() {
    try (LocalHttpServer server = dynamoDb();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(server)).build()) {
      DynamoDbClient dynamo = registry.client(DynamoDbClient.class);
      for (int i = 0; i < 20; i++) {
        dynamo.listTables();
      }

      assertThat(server.requests()).hasSize(20);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void client_serverError_triesThreeTimes() {
    String error =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
            + "\"message\":\"boom\"}";
    try (LocalHttpServer server = LocalHttpServer.answering(500, JSON, error);
        ClientRegistry registry = ClientRegistry.builder(environmentFor(server)).build()) {
      DynamoDbClient dynamo = registry.client(DynamoDbClient.class);

      assertThatThrownBy(dynamo::listTables)
          .isInstanceOf(DynamoDbException.class)
          .hasMessageContaining("boom");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void client_nullType_isRejected() {
    try (ClientRegistry registry = ClientRegistry.builder(environment()).build()) {
      assertThatThrownBy(() -> registry.client(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("type");
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void client_nonClientClass_isRejectedWithExample() {
    try (ClientRegistry registry = ClientRegistry.builder(environment()).build()) {
      Class raw = String.class;

      assertThatThrownBy(() -> registry.client(raw))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "java.lang.String is not an AWS SDK v2 client; pass a service client interface"
                  + " such as DynamoDbClient.class");
    }
  }

  @Test
  void client_interfaceWithoutBuilder_isRejected() {
    try (ClientRegistry registry = ClientRegistry.builder(environment()).build()) {
      assertThatThrownBy(() -> registry.client(SdkClient.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "software.amazon.awssdk.core.SdkClient has no public static builder(); pass a"
                  + " service client interface such as DynamoDbClient.class");
    }
  }

  @Test
  void client_asyncClient_isRejected() {
    try (ClientRegistry registry = ClientRegistry.builder(environment()).build()) {
      assertThatThrownBy(() -> registry.client(DynamoDbAsyncClient.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient is not a synchronous"
                  + " AWS SDK v2 client")
          .hasMessageContaining("DynamoDbClient rather than DynamoDbAsyncClient");
    }
  }

  @Test
  void client_afterClose_failsNamingTheRegistry() {
    ClientRegistry registry = ClientRegistry.builder(environment()).build();
    registry.close();

    assertThatThrownBy(() -> registry.client(DynamoDbClient.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ClientRegistry is closed");
  }

  @Test
  void close_closesBuiltClients() {
    try (LocalHttpServer server = dynamoDb()) {
      ClientRegistry registry = ClientRegistry.builder(environmentFor(server)).build();
      DynamoDbClient dynamo = registry.client(DynamoDbClient.class);
      registry.close();

      assertThatThrownBy(dynamo::listTables).isInstanceOf(IllegalStateException.class);
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void close_leavesOverridesOpen() {
    try (LocalHttpServer server = dynamoDb();
        DynamoDbClient own =
            DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(server.uri(""))
                .build()) {
      ClientRegistry registry =
          ClientRegistry.builder(environment()).override(DynamoDbClient.class, own).build();
      registry.close();

      assertThat(own.listTables().tableNames()).containsExactly("orders", "users");
    }
  }

  @Test
  void endpointOverride_whenConfiguredEndpointsIgnored_isEmpty() {
    Environment environment =
        environment(
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    try (SdkClientFactory factory = new SdkClientFactory(environment, null)) {
      assertThat(factory.endpointOverride(DynamoDbClient.class)).isEmpty();
    }
  }

  @Test
  void serviceEndpointVariable_followsTheSdkName() {
    assertThat(SdkClientFactory.serviceEndpointVariable(DynamoDbClient.class))
        .isEqualTo("AWS_ENDPOINT_URL_DYNAMODB");
  }
}
