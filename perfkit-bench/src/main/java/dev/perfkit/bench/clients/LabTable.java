package dev.perfkit.bench.clients;

import static dev.perfkit.core.testing.Eventually.eventually;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.handlers.testing.Dynalite;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The lab's records table (partition key {@code id}, a string) on dynalite, started on a free
 * loopback port for the benchmarks that write to DynamoDB and stopped on {@link #close()}.
 */
public final class LabTable implements AutoCloseable {

  /** The region every client of the benchmarks uses. */
  public static final Region REGION = Region.US_EAST_1;

  /** Dynalite accepts any credentials; these are the benchmarks'. */
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("perfkit", "perfkit"));

  private static final Duration TIME_TO_LIVE = Duration.ofDays(1);
  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(10);

  private final AtomicInteger tables = new AtomicInteger();
  private final Dynalite dynalite;
  private final ClientRegistry admin;

  private LabTable(Dynalite dynalite) {
    this.dynalite = dynalite;
    this.admin = ClientRegistry.builder(environment(null)).build();
  }

  /** Installs dynalite if needed (npm) and starts it. */
  public static LabTable start() {
    return new LabTable(Dynalite.start());
  }

  /** Dynalite's endpoint. */
  public URI endpoint() {
    return dynalite.endpoint();
  }

  /**
   * What a function on Lambda would see: region, credentials, {@code AWS_ENDPOINT_URL_DYNAMODB}
   * and, unless null, {@code PERFKIT_TABLE_NAME}.
   */
  public Environment environment(String table) {
    Map<String, String> variables =
        new HashMap<>(
            Map.of(
                "AWS_REGION",
                REGION.id(),
                "AWS_ACCESS_KEY_ID",
                "perfkit",
                "AWS_SECRET_ACCESS_KEY",
                "perfkit",
                "AWS_ENDPOINT_URL_DYNAMODB",
                endpoint().toString()));
    if (table != null) {
      variables.put(PerformanceFunction.TABLE_NAME_VARIABLE, table);
    }
    return Environment.of(variables);
  }

  /** Creates a new, empty table with the lab's key and returns its name. */
  public String create() {
    String table = "perf-records-" + tables.incrementAndGet();
    dynamo()
        .createTable(
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
    awaitActive(table);
    return table;
  }

  /** Dynalite answers CreateTable before the table is ACTIVE, and rejects writes until it is. */
  private void awaitActive(String table) {
    boolean active =
        eventually(
            ACTIVE_TIMEOUT,
            () ->
                dynamo().describeTable(b -> b.tableName(table)).table().tableStatus()
                    == TableStatus.ACTIVE);
    if (!active) {
      throw new IllegalStateException(
          "table " + table + " was not ACTIVE within " + ACTIVE_TIMEOUT);
    }
  }

  /** Deletes {@code table} and the items in it. */
  public void delete(String table) {
    dynamo().deleteTable(b -> b.tableName(table));
  }

  /** How many items {@code table} holds. */
  public long count(String table) {
    return dynamo().scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
        .mapToLong(ScanResponse::count)
        .sum();
  }

  /** The item whose {@code id} is {@code id}, or an empty map. */
  public Map<String, AttributeValue> get(String table, String id) {
    return dynamo()
        .getItem(
            b ->
                b.tableName(table)
                    .key(Map.of(PerformanceFunction.TABLE_PARTITION_KEY, AttributeValue.fromS(id))))
        .item();
  }

  /**
   * A record as {@code database_batch} writes it: a random UUID {@code id}, {@code batch_id},
   * {@code record_index}, {@code data}, {@code created_at} and the TTL {@code expires_at}.
   */
  public static Map<String, AttributeValue> record(int batchId, int index, Instant now) {
    return Map.of(
        PerformanceFunction.TABLE_PARTITION_KEY,
        AttributeValue.fromS(UUID.randomUUID().toString()),
        "batch_id",
        AttributeValue.fromN(Integer.toString(batchId)),
        "record_index",
        AttributeValue.fromN(Integer.toString(index)),
        "data",
        AttributeValue.fromS("Performance test record " + index + " of batch " + batchId),
        "created_at",
        AttributeValue.fromS(now.toString()),
        PerformanceFunction.TABLE_TTL_ATTRIBUTE,
        AttributeValue.fromN(Long.toString(now.plus(TIME_TO_LIVE).getEpochSecond())));
  }

  private DynamoDbClient dynamo() {
    return admin.client(DynamoDbClient.class);
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      dynalite.close();
    }
  }
}
