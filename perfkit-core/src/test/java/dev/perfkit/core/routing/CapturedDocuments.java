package dev.perfkit.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.metrics.MetricsSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A metrics sink that keeps every EMF document, parsed, for assertions. */
public final class CapturedDocuments implements MetricsSink {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final List<JsonNode> documents = new ArrayList<>();

  @Override
  public synchronized void write(byte[] utf8Json, int offset, int length) {
    try {
      documents.add(MAPPER.readTree(new String(utf8Json, offset, length, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents written so far. */
  public synchronized List<JsonNode> all() {
    return List.copyOf(documents);
  }

  /** The only document written; fails when there is not exactly one. */
  public synchronized JsonNode single() {
    if (documents.size() != 1) {
      throw new AssertionError(
          "expected exactly one EMF document, got " + documents.size() + ": " + documents);
    }
    return documents.get(0);
  }

  /** The names of the metrics the document defines, in its first directive. */
  public static List<String> metricNames(JsonNode document) {
    List<String> names = new ArrayList<>();
    for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
      for (JsonNode metric : directive.path("Metrics")) {
        names.add(metric.path("Name").asText());
      }
    }
    return names;
  }
}
