package dev.perfkit.bench.batch;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.handlers.PerformanceFunction;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/** The two ways of writing records that {@link DatabaseBatchBenchmark} compares. */
final class Writes {

  private Writes() {}

  /**
   * One {@code database_batch} invocation.
   *
   * @throws IllegalStateException when the function does not answer 200, so that a failing write is
   *     never measured as a fast one
   */
  static APIGatewayProxyResponseEvent databaseBatch(
      PerformanceFunction function, APIGatewayProxyRequestEvent request) {
    APIGatewayProxyResponseEvent response = function.handleRequest(request, null);
    if (response.getStatusCode() != 200) {
      throw new IllegalStateException(
          "database_batch answered " + response.getStatusCode() + ": " + response.getBody());
    }
    return response;
  }

  /** One record, one PutItem: what a loop over the records does each time round. */
  static PutItemResponse putItem(
      DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
    return dynamo.putItem(b -> b.tableName(table).item(item));
  }
}
