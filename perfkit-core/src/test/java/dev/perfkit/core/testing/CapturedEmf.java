package dev.perfkit.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.metrics.MetricsSink;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A metrics sink that keeps every EMF document as CloudWatch Logs would receive it: as text, and
 * parsed for assertions.
 */
public final class CapturedEmf implements MetricsSink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> texts = new ArrayList<>();

  /** A sink that has kept nothing yet. */
  public CapturedEmf() {}

  @Override
  public synchronized void write(byte[] utf8Json, int offset, int length) {
    texts.add(new String(utf8Json, offset, length, StandardCharsets.UTF_8));
  }

  /**
   * The documents written so far, as written.
   *
   * @return one string per document, in order
   */
  public synchronized List<String> texts() {
    return List.copyOf(texts);
  }

  /**
   * The documents written so far, parsed.
   *
   * @return one JSON tree per document, in order
   */
  public List<JsonNode> all() {
    return texts().stream().map(CapturedEmf::parse).toList();
  }

  /**
   * The only document written.
   *
   * @return that document, parsed
   * @throws AssertionError when there is not exactly one
   */
  public JsonNode single() {
    List<JsonNode> documents = all();
    if (documents.size() != 1) {
      throw new AssertionError(
          "expected exactly one EMF document, got " + documents.size() + ": " + documents);
    }
    return documents.get(0);
  }

  /**
   * The last document written.
   *
   * @return that document, parsed
   * @throws AssertionError when there is none
   */
  public JsonNode last() {
    List<JsonNode> documents = all();
    if (documents.isEmpty()) {
      throw new AssertionError("no EMF document was written");
    }
    return documents.get(documents.size() - 1);
  }

  /**
   * The names of the metrics a document declares, in the order of its directives.
   *
   * @param document an EMF document
   * @return the {@code Name} of every metric definition
   */
  public static List<String> metricNames(JsonNode document) {
    List<String> names = new ArrayList<>();
    for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
      for (JsonNode metric : directive.path("Metrics")) {
        names.add(metric.path("Name").asText());
      }
    }
    return names;
  }

  /**
   * One document parsed.
   *
   * @param document the text of an EMF document
   * @return its JSON tree
   * @throws UncheckedIOException when it is not JSON
   */
  public static JsonNode parse(String document) {
    try {
      return JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
