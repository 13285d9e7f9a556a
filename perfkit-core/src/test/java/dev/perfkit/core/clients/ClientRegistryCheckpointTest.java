package dev.perfkit.core.clients;

import static dev.perfkit.core.clients.ClientRegistrySdkClientTest.dynamoDb;
import static dev.perfkit.core.clients.ClientRegistrySdkClientTest.environmentFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LocalHttpServer;
import java.io.IOException;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.crac.Core;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Calls the registry's CRaC resource the way a SnapStart checkpoint and restore would. */
class ClientRegistryCheckpointTest {

  @Test
  void checkpointAndRestore_http_opensNewConnectionAndWorks() throws Exception {
    try (LocalHttpServer server = LocalHttpServer.ok();
        ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build()) {
      get(registry, server);
      get(registry, server);
      assertThat(server.connections()).isEqualTo(1);

      checkpointAndRestore(registry);

      assertThat(get(registry, server)).isEqualTo(200);
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void checkpointAndRestore_sdkClient_opensNewConnectionAndWorks() throws Exception {
    try (LocalHttpServer server = dynamoDb();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(server)).build()) {
      DynamoDbClient dynamo = registry.client(DynamoDbClient.class);
      dynamo.listTables();
      dynamo.listTables();
      assertThat(server.connections()).isEqualTo(1);

      checkpointAndRestore(registry);

      assertThat(dynamo.listTables().tableNames()).containsExactly("orders", "users");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void checkpointAndRestore_afterClose_doesNothing() {
    ClientRegistry registry = ClientRegistry.builder(Environment.of(Map.of())).build();
    registry.close();

    assertThatCode(() -> checkpointAndRestore(registry)).doesNotThrowAnyException();
  }

  private static void checkpointAndRestore(ClientRegistry registry) throws Exception {
    Resource hook = ((PooledClientRegistry) registry).checkpointHook();
    hook.beforeCheckpoint(Core.getGlobalContext());
    hook.afterRestore(Core.getGlobalContext());
  }

  private static int get(ClientRegistry registry, LocalHttpServer server) throws IOException {
    return registry
        .http()
        .execute(
            new HttpGet(server.uri("/")),
            response -> {
              EntityUtils.consume(response.getEntity());
              return response.getCode();
            });
  }
}
