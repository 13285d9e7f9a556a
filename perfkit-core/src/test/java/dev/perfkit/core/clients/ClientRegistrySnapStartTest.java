package dev.perfkit.core.clients;

import static dev.perfkit.core.clients.ClientRegistrySdkClientTest.dynamoDb;
import static dev.perfkit.core.clients.ClientRegistrySdkClientTest.environmentFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.testing.LocalHttpServer;
import java.util.List;
import org.crac.Core;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The registry's checkpoint hook as SnapStart runs it before the snapshot: it warms every
 * registered SDK client without sending anything, the DynamoDB endpoint being a loopback server
 * that counts connections.
 */
class ClientRegistrySnapStartTest {

  @Test
  void beforeCheckpoint_builtClient_opensNoConnection() throws Exception {
    try (LocalHttpServer dynamo = dynamoDb();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(dynamo)).build()) {
      registry.client(DynamoDbClient.class);

      beforeCheckpoint(registry);

      assertThat(dynamo.connections()).isZero();
    }
  }

  @Test
  void beforeCheckpoint_builtClient_marshalsARequestOfItsService() throws Exception {
    try (LocalHttpServer dynamo = dynamoDb();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(dynamo)).build()) {
      registry.client(DynamoDbClient.class);
      int before = MarshallingRecorder.marshalled().size();

      beforeCheckpoint(registry);

      List<String> marshalled = MarshallingRecorder.marshalled();
      assertThat(marshalled.subList(before, marshalled.size())).contains("ListBackupsRequest");
    }
  }

  @Test
  void beforeCheckpoint_overrideClient_isWarmedWithoutConnecting() throws Exception {
    try (LocalHttpServer dynamo = dynamoDb();
        DynamoDbClient own =
            DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(dynamo.uri(""))
                .build();
        ClientRegistry registry =
            ClientRegistry.builder(environmentFor(dynamo))
                .override(DynamoDbClient.class, own)
                .build()) {
      int before = MarshallingRecorder.marshalled().size();

      beforeCheckpoint(registry);

      List<String> marshalled = MarshallingRecorder.marshalled();
      assertThat(marshalled.subList(before, marshalled.size())).contains("ListBackupsRequest");
      assertThat(dynamo.connections()).isZero();
    }
  }

  @Test
  void beforeCheckpoint_noClient_marshalsNothing() throws Exception {
    try (LocalHttpServer dynamo = dynamoDb();
        ClientRegistry registry = ClientRegistry.builder(environmentFor(dynamo)).build()) {
      int before = MarshallingRecorder.marshalled().size();

      beforeCheckpoint(registry);

      assertThat(MarshallingRecorder.marshalled()).hasSize(before);
    }
  }

  private static void beforeCheckpoint(ClientRegistry registry) throws Exception {
    ((PooledClientRegistry) registry).checkpointHook().beforeCheckpoint(Core.getGlobalContext());
  }
}
