package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.routing.ClientErrorException;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.time.Ticker;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stream_processing}: the request's {@code records} processed in chunks of 50, as the lab. A
 * record without an {@code id} is named {@code record-<its index>}.
 *
 * <p>The answer holds one entry per chunk with its first and last ids, so its size is bounded by
 * {@link #MAX_RECORDS} and {@link #MAX_ID_LENGTH}: at most 2,000 chunks of two ids of 128
 * characters, each character at most 7 bytes once escaped into the response event (a control
 * character as {@code \\u0001}), about 4 MB in all, under Lambda's 6 MB response limit.
 */
final class StreamProcessing {

  static final int CHUNK_SIZE = 50;
  static final int MAX_RECORDS = 100_000;
  static final int MAX_ID_LENGTH = 128;
  private static final String PROCESSED = "processed";
  private static final String ID_ALLOWED =
      "a string or number of at most " + MAX_ID_LENGTH + " characters";

  /**
   * The parameters: {@code records}, a list of at most {@value #MAX_RECORDS} objects, each with an
   * optional {@code id} (a string or number of at most {@value #MAX_ID_LENGTH} characters).
   */
  record Params(List<ObjectNode> records) {
    Params {
      records = records == null ? List.of() : records;
      if (records.size() > MAX_RECORDS) {
        throw new ClientErrorException(
            "records",
            "Too many records: at most " + MAX_RECORDS + " per request, got " + records.size());
      }
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i) == null) {
          throw ClientErrorException.invalidValue(
              "records[" + i + "]", "an object with an optional 'id'", null);
        }
        checkId(records.get(i).get("id"), "records[" + i + "].id");
      }
    }

    private static void checkId(JsonNode id, String field) {
      if (id == null || id.isNull()) {
        return;
      }
      if (!id.isTextual() && !id.isNumber()) {
        throw new ClientErrorException(
            field,
            "Invalid value for '" + field + "': expected " + ID_ALLOWED + ", got " + describe(id));
      }
      if (id.asText().length() > MAX_ID_LENGTH) {
        throw new ClientErrorException(
            field,
            "Invalid value for '"
                + field
                + "': expected "
                + ID_ALLOWED
                + ", got "
                + id.asText().length()
                + " characters");
      }
    }

    private static String describe(JsonNode id) {
      return switch (id.getNodeType()) {
        case OBJECT -> "an object";
        case ARRAY -> "an array";
        case BOOLEAN -> "a boolean";
        default -> id.getNodeType().name().toLowerCase(Locale.ROOT);
      };
    }
  }

  /** A record after processing, as the lab builds it. */
  record ProcessedRecord(String recordId, BigDecimal processedAt, String status) {}

  /** One chunk: the lab's fields, and the ids of its first and last records. */
  record Chunk(
      @JsonProperty("chunk_index") int chunkIndex,
      @JsonProperty("records_in_chunk") int recordsInChunk,
      @JsonProperty("processing_time_ms") double processingTimeMs,
      @JsonProperty("first_record_id") String firstRecordId,
      @JsonProperty("last_record_id") String lastRecordId) {}

  /** The lab's result, plus the chunks it computed but did not return. */
  record Result(
      @JsonProperty("operation") String operation,
      @JsonProperty("total_records") int totalRecords,
      @JsonProperty("chunks_processed") int chunksProcessed,
      @JsonProperty("total_time_ms") double totalTimeMs,
      @JsonProperty("throughput_records_per_sec") BigDecimal throughputRecordsPerSec,
      @JsonProperty("chunks") List<Chunk> chunks) {}

  private final Clock clock;
  private final Ticker ticker;

  StreamProcessing(Clock clock, Ticker ticker) {
    this.clock = clock;
    this.ticker = ticker;
  }

  Result run(Params params, OperationContext context) {
    long start = ticker.read();
    List<ObjectNode> records = params.records();
    List<Chunk> chunks = new ArrayList<>((records.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
    for (int from = 0; from < records.size(); from += CHUNK_SIZE) {
      long chunkStart = ticker.read();
      int to = Math.min(records.size(), from + CHUNK_SIZE);
      List<ProcessedRecord> processed = new ArrayList<>(to - from);
      for (int index = from; index < to; index++) {
        processed.add(
            new ProcessedRecord(
                recordId(records.get(index), index), Millis.epochSeconds(clock), PROCESSED));
      }
      chunks.add(
          new Chunk(
              chunks.size(),
              processed.size(),
              Millis.since(chunkStart, ticker),
              processed.get(0).recordId(),
              processed.get(processed.size() - 1).recordId()));
    }
    long elapsed = ticker.read() - start;
    context
        .metrics()
        .put(LabMetrics.STREAM_RECORDS_PROCESSED.name(), records.size(), MetricUnit.COUNT);
    return new Result(
        PerformanceFunction.STREAM_PROCESSING,
        records.size(),
        chunks.size(),
        Millis.between(0, elapsed),
        Millis.perSecond(records.size(), elapsed),
        chunks);
  }

  private static String recordId(ObjectNode record, int index) {
    JsonNode id = record.get("id");
    if (id == null || id.isNull()) {
      return "record-" + index;
    }
    return id.asText();
  }
}
