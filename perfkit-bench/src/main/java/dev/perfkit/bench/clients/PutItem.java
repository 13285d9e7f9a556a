package dev.perfkit.bench.clients;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/** One DynamoDB PutItem, the two ways a function can send it. */
final class PutItem {

  private PutItem() {}

  /** With the registry's client: built once, its connections pooled. */
  static PutItemResponse pooled(
      DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
    return dynamo.putItem(b -> b.tableName(table).item(item));
  }

  /**
   * With a client built for this invocation and closed after it, as a handler that builds its
   * client in {@code handleRequest} does: the SDK's default HTTP client (the Apache 5 one on this
   * class path), a new connection each time.
   */
  static PutItemResponse clientPerCall(
      URI endpoint, String table, Map<String, AttributeValue> item) {
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .region(LabTable.REGION)
            .credentialsProvider(LabTable.CREDENTIALS)
            .endpointOverride(endpoint)
            .build()) {
      return dynamo.putItem(b -> b.tableName(table).item(item));
    }
  }
}
