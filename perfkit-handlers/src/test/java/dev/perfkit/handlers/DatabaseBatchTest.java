package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static dev.perfkit.handlers.PerformanceEvents.body;
import static dev.perfkit.handlers.PerformanceEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.testing.Dynalite;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** database_batch writing to a real DynamoDB implementation (dynalite), counted afterwards. */
class DatabaseBatchTest {

  private static final Instant NOW = Instant.parse("2025-11-26T14:27:00Z");
  private static final AtomicInteger TABLES = new AtomicInteger();

  private static Dynalite dynalite;
  private static ClientRegistry admin;

  private final CapturedEmf emf = new CapturedEmf();
  private ClientRegistry clients;
  private String table;

  @BeforeAll
  static void startDynalite() {
    dynalite = Dynalite.start();
    admin = ClientRegistry.builder(environment(dynalite.endpoint(), null)).build();
  }

  @AfterAll
  static void stopDynalite() {
    admin.close();
    dynalite.close();
  }

  @BeforeEach
  void createTable() {
    table = "perf-records-" + TABLES.incrementAndGet();
    createTable(dynamo(), table);
  }

  private static void createTable(DynamoDbClient dynamo, String table) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(PerformanceFunction.TABLE_PARTITION_KEY)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName(PerformanceFunction.TABLE_PARTITION_KEY)
                        .keyType(KeyType.HASH)
                        .build()));
  }

  @AfterEach
  void closeClients() {
    if (clients != null) {
      clients.close();
    }
  }

  private static DynamoDbClient dynamo() {
    return admin.client(DynamoDbClient.class);
  }

  private static Environment environment(URI endpoint, String table) {
    Map<String, String> variables = new HashMap<>();
    variables.put("AWS_REGION", "us-east-1");
    variables.put("AWS_ACCESS_KEY_ID", "perfkit");
    variables.put("AWS_SECRET_ACCESS_KEY", "perfkit");
    variables.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint.toString());
    variables.put("PERFKIT_NAMESPACE", "PerfkitDatabaseTest");
    if (table != null) {
      variables.put(PerformanceFunction.TABLE_NAME_VARIABLE, table);
    }
    return Environment.of(variables);
  }

  private APIGatewayProxyResponseEvent call(Environment environment, String body, int remainingMs) {
    return call(environment, body, remainingMs, null);
  }

  /** Calls the function; {@code executor}, when not null, runs its DynamoDB writes. */
  private APIGatewayProxyResponseEvent call(
      Environment environment, String body, int remainingMs, Executor executor) {
    clients = ClientRegistry.builder(environment).build();
    PerformanceFunction.Configuration.Builder configuration =
        PerformanceFunction.Configuration.builder(environment, clients)
            .metricsSink(emf)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    if (executor != null) {
      configuration.executor(executor);
    }
    PerformanceFunction function = new PerformanceFunction(configuration.build());
    return function.handleRequest(
        post(body), LambdaTestContext.of(FUNCTION_NAME, Duration.ofMillis(remainingMs)));
  }

  private long itemsInTable() {
    return itemsIn(dynamo(), table);
  }

  private static long itemsIn(DynamoDbClient dynamo, String table) {
    return dynamo.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
        .mapToLong(ScanResponse::count)
        .sum();
  }

  @ParameterizedTest
  @CsvSource({"small, 10", "medium, 100", "large, 1000"})
  void databaseBatch_dataSize_writesThreeBatchesToTheTable(String dataSize, int perBatch) {
    APIGatewayProxyResponseEvent response =
        call(
            environment(dynalite.endpoint(), table),
            "{\"operation\": \"database_batch\", \"dataSize\": \"" + dataSize + "\"}",
            300_000);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode result = body(response).get("result");
    assertThat(result.get("operation").asText()).isEqualTo("database_batch");
    assertThat(result.get("data_size").asText()).isEqualTo(dataSize);
    assertThat(result.get("total_records").asInt()).isEqualTo(3 * perBatch);
    assertThat(result.get("unprocessed_records").asInt()).isZero();
    assertThat(result.get("total_time_ms").isNumber()).isTrue();
    assertThat(result.get("batches").findValuesAsText("batch_id")).containsExactly("0", "1", "2");
    assertThat(result.get("batches").findValues("records_processed"))
        .allSatisfy(count -> assertThat(count.asInt()).isEqualTo(perBatch));
    assertThat(itemsInTable()).isEqualTo(3L * perBatch);
  }

  @Test
  void databaseBatch_items_carryTheKeyAndATtlOneDayLater() {
    call(environment(dynalite.endpoint(), table), "{\"operation\": \"database_batch\"}", 300_000);

    List<Map<String, AttributeValue>> items = dynamo().scan(b -> b.tableName(table)).items();
    assertThat(items).hasSize(30);
    assertThat(items)
        .allSatisfy(
            item -> {
              assertThat(item.get(PerformanceFunction.TABLE_PARTITION_KEY).s()).hasSize(36);
              assertThat(item.get(PerformanceFunction.TABLE_TTL_ATTRIBUTE).n())
                  .isEqualTo(Long.toString(NOW.getEpochSecond() + 86_400));
              assertThat(item.get("created_at").s()).isEqualTo(NOW.toString());
            });
    assertThat(items.stream().map(item -> item.get("batch_id").n()).distinct())
        .containsExactlyInAnyOrder("0", "1", "2");
  }

  @Test
  void databaseBatch_unprocessedItems_areRetriedUntilWritten() throws IOException {
    try (UnprocessedItemsProxy proxy = UnprocessedItemsProxy.start(dynalite.endpoint(), 2)) {
      APIGatewayProxyResponseEvent response =
          call(
              environment(proxy.endpoint(), table), "{\"operation\": \"database_batch\"}", 300_000);

      assertThat(response.getStatusCode()).isEqualTo(200);
      assertThat(body(response).at("/result/unprocessed_records").asInt()).isZero();
      assertThat(proxy.batchWrites()).isEqualTo(5);
    }
    assertThat(itemsInTable()).isEqualTo(30);
  }

  @Test
  void databaseBatch_unprocessedUntilTheDeadline_is500WithTheCounts() throws IOException {
    try (UnprocessedItemsProxy proxy =
        UnprocessedItemsProxy.start(dynalite.endpoint(), Integer.MAX_VALUE)) {
      APIGatewayProxyResponseEvent response =
          call(environment(proxy.endpoint(), table), "{\"operation\": \"database_batch\"}", 1_000);

      assertThat(response.getStatusCode()).isEqualTo(500);
      JsonNode error = body(response);
      assertThat(error.get("error_type").asText()).isEqualTo("UnprocessedItemsException");
      assertThat(error.get("error").asText())
          .startsWith("database_batch wrote 0 of 30 records to table '" + table + "'")
          .contains("still had 10 UnprocessedItems");
      assertThat(proxy.batchWrites()).isGreaterThan(1);
    }
    assertThat(itemsInTable()).isZero();
  }

  @Test
  void databaseBatch_dynamoKilledHalfway_is502WithTheRecordsWrittenSoFar() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(BatchWriter.MAX_PARALLEL_CHUNKS);
    try (Dynalite dying = Dynalite.start();
        ClientRegistry dyingAdmin =
            ClientRegistry.builder(environment(dying.endpoint(), null)).build()) {
      DynamoDbClient dyingDynamo = dyingAdmin.client(DynamoDbClient.class);
      createTable(dyingDynamo, table);
      AtomicLong writtenBeforeKill = new AtomicLong(-1);
      AtomicInteger chunks = new AtomicInteger();
      // small: one chunk per batch, so the second chunk is batch 1; dynalite dies before it.
      Executor killingBeforeBatchOne =
          task -> {
            if (chunks.incrementAndGet() == 2) {
              writtenBeforeKill.set(itemsIn(dyingDynamo, table));
              kill(dying.pid());
            }
            threads.execute(task);
          };

      APIGatewayProxyResponseEvent response =
          call(
              environment(dying.endpoint(), table),
              "{\"operation\": \"database_batch\"}",
              300_000,
              killingBeforeBatchOne);

      assertThat(writtenBeforeKill).hasValue(10);
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(502);
      JsonNode error = body(response);
      assertThat(error.get("error_type").asText()).isEqualTo("DynamoDbFailure");
      assertThat(error.get("error").asText())
          .isEqualTo(
              "database_batch wrote 10 of 30 records to table '"
                  + table
                  + "' (batch 0: 10 of 10, batch 1: 0 of 10) before DynamoDB failed: it could"
                  + " not be reached (connection refused); the records written stay in the table");
      assertThat(emf.last().get("RecordsProcessed").asInt()).isEqualTo(10);
      assertThat(chunks).hasValue(2);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Kills the process {@code pid} and waits for it to be gone. */
  private static void kill(long pid) {
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    process.destroyForcibly();
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("process " + pid + " did not exit within 10 s", e);
    }
  }

  @Test
  void databaseBatch_tableNameUnset_is500NamingTheVariable() {
    APIGatewayProxyResponseEvent response =
        call(
            environment(dynalite.endpoint(), null), "{\"operation\": \"database_batch\"}", 300_000);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(body(response).get("error_type").asText()).isEqualTo("ConfigurationError");
    assertThat(body(response).get("error").asText()).startsWith("PERFKIT_TABLE_NAME is not set");
  }

  @Test
  void databaseBatch_tableMissing_is500NamingTheTable() {
    APIGatewayProxyResponseEvent response =
        call(
            environment(dynalite.endpoint(), "no-such-table"),
            "{\"operation\": \"database_batch\"}",
            300_000);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(body(response).get("error_type").asText()).isEqualTo("ConfigurationError");
    assertThat(body(response).get("error").asText())
        .startsWith("DynamoDB table 'no-such-table' named by PERFKIT_TABLE_NAME does not exist");
  }

  @Test
  void databaseBatch_unknownDataSize_is400NamingTheAllowedValues() {
    APIGatewayProxyResponseEvent response =
        call(
            environment(dynalite.endpoint(), table),
            "{\"operation\": \"database_batch\", \"dataSize\": \"xl\"}",
            300_000);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("error").asText())
        .isEqualTo(
            "Invalid value for 'dataSize': expected one of [small, medium, large], got \"xl\"");
    assertThat(itemsInTable()).isZero();
  }

  @Test
  void databaseBatch_written_recordsRecordsProcessedInTheEmfDocument() {
    call(environment(dynalite.endpoint(), table), "{\"operation\": \"database_batch\"}", 300_000);

    JsonNode document = emf.last();
    assertThat(CapturedEmf.metricNames(document))
        .contains("BatchProcessingTime", "RecordsProcessed");
    assertThat(document.get("RecordsProcessed").asInt()).isEqualTo(30);
    assertThat(document.get("Operation").asText()).isEqualTo("database_batch");
  }
}
