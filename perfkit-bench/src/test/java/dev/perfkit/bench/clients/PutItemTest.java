package dev.perfkit.bench.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.clients.ClientRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Both PutItem variants write the whole record to the table. */
class PutItemTest {

  private static LabTable lab;
  private static String table;

  @BeforeAll
  static void startDynalite() {
    lab = LabTable.start();
    table = lab.create();
  }

  @AfterAll
  static void stopDynalite() {
    lab.close();
  }

  @Test
  void pooled_writesTheRecord() {
    Map<String, AttributeValue> item = LabTable.record(0, 1, Instant.now());
    try (ClientRegistry registry = ClientRegistry.builder(lab.environment(table)).build()) {
      PutItem.pooled(registry.client(DynamoDbClient.class), table, item);
    }

    assertThat(lab.get(table, item.get("id").s())).isEqualTo(item);
  }

  @Test
  void clientPerCall_writesTheRecord() {
    Map<String, AttributeValue> item = LabTable.record(0, 2, Instant.now());

    PutItem.clientPerCall(lab.endpoint(), table, item);

    assertThat(lab.get(table, item.get("id").s())).isEqualTo(item);
  }
}
