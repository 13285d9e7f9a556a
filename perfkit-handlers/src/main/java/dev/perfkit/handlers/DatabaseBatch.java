package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.routing.ConfigurationException;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.routing.ServerErrorException;
import dev.perfkit.core.time.Ticker;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code database_batch}: three batches of 10, 100 or 1000 records written to the DynamoDB table
 * named by {@code PERFKIT_TABLE_NAME}, each batch in BatchWriteItem chunks of 25 sent in parallel.
 *
 * <p>Items: {@code id} (S, the partition key, a random UUID), {@code batch_id} (N), {@code
 * record_index} (N), {@code data} (S), {@code created_at} (S, ISO-8601) and {@code expires_at} (N,
 * epoch seconds one day later: the table's TTL attribute).
 *
 * <p>When DynamoDB fails halfway (unreachable, or an error after the SDK's retries), no further
 * batch starts and the answer is a 502 {@value #DYNAMODB_FAILURE} saying how many records each
 * batch wrote before; records left unprocessed at the deadline are a 500 with the counts.
 */
final class DatabaseBatch {

  static final int BATCHES = 3;
  static final Duration TIME_TO_LIVE = Duration.ofDays(1);
  static final String DYNAMODB_FAILURE = "DynamoDbFailure";

  /** The parameters: {@code dataSize}, default small. */
  record Params(DataSize dataSize) {
    Params {
      dataSize = DataSize.orDefault(dataSize);
    }

    int recordsPerBatch() {
      return switch (dataSize) {
        case SMALL -> 10;
        case MEDIUM -> 100;
        case LARGE -> 1000;
      };
    }
  }

  /** One batch as the lab reports it. */
  record Batch(
      @JsonProperty("batch_id") int batchId,
      @JsonProperty("records_processed") int recordsProcessed,
      @JsonProperty("batch_time_ms") double batchTimeMs) {}

  /** The lab's result, plus the records left unwritten (0, or the operation fails). */
  record Result(
      @JsonProperty("operation") String operation,
      @JsonProperty("data_size") DataSize dataSize,
      @JsonProperty("total_records") int totalRecords,
      @JsonProperty("total_time_ms") double totalTimeMs,
      @JsonProperty("batches") List<Batch> batches,
      @JsonProperty("unprocessed_records") int unprocessedRecords) {}

  private final Environment environment;
  private final ClientRegistry clients;
  private final Clock clock;
  private final Ticker ticker;
  private final BatchWriter writer;

  DatabaseBatch(
      Environment environment,
      ClientRegistry clients,
      Clock clock,
      Ticker ticker,
      BatchWriter writer) {
    this.environment = environment;
    this.clients = clients;
    this.clock = clock;
    this.ticker = ticker;
    this.writer = writer;
  }

  Result run(Params params, OperationContext context) throws Exception {
    String table =
        environment
            .get(PerformanceFunction.TABLE_NAME_VARIABLE)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        PerformanceFunction.TABLE_NAME_VARIABLE
                            + " is not set: database_batch writes its records to the DynamoDB"
                            + " table it names (partition key '"
                            + PerformanceFunction.TABLE_PARTITION_KEY
                            + "' of type S, TTL attribute '"
                            + PerformanceFunction.TABLE_TTL_ATTRIBUTE
                            + "')"));
    DynamoDbClient dynamo = clients.client(DynamoDbClient.class);
    int perBatch = params.recordsPerBatch();
    int expected = perBatch * BATCHES;
    long start = ticker.read();
    List<Batch> batches = new ArrayList<>(BATCHES);
    int written = 0;
    for (int batchId = 0; batchId < BATCHES; batchId++) {
      long batchStart = ticker.read();
      BatchWriter.Outcome outcome;
      try {
        outcome = writer.write(dynamo, table, items(batchId, perBatch), context.deadline());
      } catch (ResourceNotFoundException e) {
        throw new ConfigurationException(
            "DynamoDB table '"
                + table
                + "' named by "
                + PerformanceFunction.TABLE_NAME_VARIABLE
                + " does not exist: create it with partition key '"
                + PerformanceFunction.TABLE_PARTITION_KEY
                + "' (S) or name an existing table",
            e);
      }
      written += outcome.written();
      if (outcome.failure() != null) {
        context.metrics().put(LabMetrics.RECORDS_PROCESSED.name(), written, MetricUnit.COUNT);
        batches.add(new Batch(batchId, outcome.written(), Millis.since(batchStart, ticker)));
        throw dynamoFailed(table, written, expected, batches, perBatch, outcome.failure());
      }
      if (outcome.unprocessed() > 0) {
        context.metrics().put(LabMetrics.RECORDS_PROCESSED.name(), written, MetricUnit.COUNT);
        throw new ServerErrorException(
            500,
            "UnprocessedItemsException",
            wrote(written, expected, table)
                + ": batch "
                + batchId
                + " still had "
                + outcome.unprocessed()
                + " UnprocessedItems after "
                + outcome.attempts()
                + " attempts when the invocation deadline came near");
      }
      batches.add(new Batch(batchId, outcome.written(), Millis.since(batchStart, ticker)));
    }
    context.metrics().put(LabMetrics.RECORDS_PROCESSED.name(), written, MetricUnit.COUNT);
    return new Result(
        PerformanceFunction.DATABASE_BATCH,
        params.dataSize(),
        written,
        Millis.since(start, ticker),
        batches,
        expected - written);
  }

  /**
   * A 502 saying what was written before DynamoDB failed: a caller can tell that the records
   * written stay in the table, and why the rest are not.
   */
  private static ServerErrorException dynamoFailed(
      String table,
      int written,
      int expected,
      List<Batch> batches,
      int perBatch,
      SdkException failure) {
    String perBatchWritten =
        batches.stream()
            .map(b -> "batch " + b.batchId() + ": " + b.recordsProcessed() + " of " + perBatch)
            .collect(Collectors.joining(", "));
    return new ServerErrorException(
        502,
        DYNAMODB_FAILURE,
        wrote(written, expected, table)
            + " ("
            + perBatchWritten
            + ") before DynamoDB failed: "
            + describe(failure)
            + "; the records written stay in the table");
  }

  private static String wrote(int written, int expected, String table) {
    return "database_batch wrote "
        + written
        + " of "
        + expected
        + " records to table '"
        + table
        + "'";
  }

  /** What went wrong, without the SDK's message (it names endpoints and internals). */
  private static String describe(SdkException failure) {
    if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return "it answered "
          + service.awsErrorDetails().errorCode()
          + " (HTTP "
          + service.statusCode()
          + ")";
    }
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause instanceof ConnectException) {
        return "it could not be reached (connection refused)";
      }
    }
    return "it could not be reached (" + cause.getClass().getSimpleName() + ")";
  }

  private List<WriteRequest> items(int batchId, int count) {
    Instant now = clock.instant();
    AttributeValue batch = number(batchId);
    AttributeValue createdAt = AttributeValue.fromS(now.toString());
    AttributeValue expiresAt = number(now.plus(TIME_TO_LIVE).getEpochSecond());
    List<WriteRequest> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, AttributeValue> item =
          Map.of(
              PerformanceFunction.TABLE_PARTITION_KEY,
              AttributeValue.fromS(UUID.randomUUID().toString()),
              "batch_id",
              batch,
              "record_index",
              number(i),
              "data",
              AttributeValue.fromS("Performance test record " + i + " of batch " + batchId),
              "created_at",
              createdAt,
              PerformanceFunction.TABLE_TTL_ATTRIBUTE,
              expiresAt);
      items.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    return items;
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
