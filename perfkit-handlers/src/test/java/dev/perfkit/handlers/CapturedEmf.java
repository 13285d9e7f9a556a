package dev.perfkit.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.metrics.MetricsSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A metrics sink keeping every EMF document, parsed, as CloudWatch Logs would receive it. */
final class CapturedEmf implements MetricsSink {

  private final List<JsonNode> documents = new ArrayList<>();

  @Override
  public synchronized void write(byte[] utf8Json, int offset, int length) {
    documents.add(
        PerformanceEvents.parse(new String(utf8Json, offset, length, StandardCharsets.UTF_8)));
  }

  synchronized List<JsonNode> documents() {
    return List.copyOf(documents);
  }

  /** The last document written; fails when there is none. */
  synchronized JsonNode last() {
    if (documents.isEmpty()) {
      throw new AssertionError("no EMF document was written");
    }
    return documents.get(documents.size() - 1);
  }

  /** The names of the metrics {@code document} declares. */
  static List<String> metricNames(JsonNode document) {
    List<String> names = new ArrayList<>();
    for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
      for (JsonNode metric : directive.path("Metrics")) {
        names.add(metric.path("Name").asText());
      }
    }
    return names;
  }
}
