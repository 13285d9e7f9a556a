package dev.perfkit.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The benchmark compares like with like: every variant writes the same invocation's metrics,
 * dimensions and properties; only the lab spreads them over one document per metric. Numbers
 * compare by value (perfkit writes {@code 1} where the libraries write {@code 1.0}: the same number
 * to CloudWatch).
 */
class EmfFlushVariantsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One EMF document, without its timestamp, with members in name order and numbers as doubles. */
  record Document(
      String namespace,
      List<List<String>> dimensionSets,
      Map<String, String> units,
      Map<String, JsonNode> members) {}

  @Test
  void perfkit_writesOneDocumentWithTheInvocationsMetricsDimensionsAndProperties() {
    Invocation invocation = new Invocation();

    List<Document> documents = documents(out -> new PerfkitEmf(invocation, out).flush(invocation));

    assertThat(documents).hasSize(1);
    Document document = documents.get(0);
    assertThat(document.namespace()).isEqualTo("HighPerformance");
    assertThat(document.dimensionSets())
        .containsExactly(List.of("FunctionName"), List.of("FunctionName", "Operation"));
    assertThat(document.units())
        .containsOnly(
            Map.entry("ColdStarts", "Count"),
            Map.entry("BatchProcessingTime", "Milliseconds"),
            Map.entry("RecordsProcessed", "Count"),
            Map.entry("ExecutionTime", "Milliseconds"),
            Map.entry("RemainingTime", "Milliseconds"),
            Map.entry("MemoryUtilization", "Percent"),
            Map.entry("SuccessfulInvocations", "Count"));
    assertThat(document.members().get("FunctionName").asText())
        .isEqualTo("perfkit-PerformanceFunction");
    assertThat(document.members().get("Operation").asText()).isEqualTo("database_batch");
    assertThat(document.members().get("RequestId").asText()).isEqualTo(invocation.requestId);
    assertThat(document.members().get("ColdStart").asBoolean()).isTrue();
    assertThat(document.members().get("MemorySize").asLong()).isEqualTo(1024);
    assertThat(document.members().get("FunctionVersion").asText()).isEqualTo("$LATEST");
    assertThat(document.members().get("ExecutionTime").asDouble()).isEqualTo(41.75);
  }

  @Test
  void awsEmbeddedMetrics_writesTheSameDocumentAsPerfkit() {
    Invocation invocation = new Invocation();

    List<Document> documents = documents(out -> new EmbeddedMetricsEmf(out).flush(invocation));

    assertThat(documents).isEqualTo(perfkitDocuments(invocation));
  }

  @Test
  void powertools_writesTheSameDocumentAsPerfkit() {
    Invocation invocation = new Invocation();

    List<Document> documents =
        documents(out -> new PowertoolsEmf(invocation, out).flush(invocation));

    assertThat(documents).isEqualTo(perfkitDocuments(invocation));
  }

  @Test
  void everyVariant_leavesOutColdStarts_whenTheInvocationIsWarm() {
    Invocation invocation = new Invocation();
    invocation.coldStart = false;

    List<Document> perfkit = perfkitDocuments(invocation);

    assertThat(perfkit.get(0).units()).hasSize(6).doesNotContainKey("ColdStarts");
    assertThat(documents(out -> new EmbeddedMetricsEmf(out).flush(invocation))).isEqualTo(perfkit);
    assertThat(documents(out -> new PowertoolsEmf(invocation, out).flush(invocation)))
        .isEqualTo(perfkit);
    assertThat(documents(out -> new LabEmf(out).flush(invocation)))
        .hasSize(6)
        .noneMatch(document -> document.units().containsKey("ColdStarts"));
  }

  @Test
  void lab_writesOneDocumentPerMetricWithTheLabsDimensions() {
    Invocation invocation = new Invocation();

    List<Document> documents = documents(out -> new LabEmf(out).flush(invocation));

    assertThat(documents)
        .extracting(document -> List.copyOf(document.units().keySet()))
        .containsExactly(
            List.of("ColdStarts"),
            List.of("BatchProcessingTime"),
            List.of("RecordsProcessed"),
            List.of("ExecutionTime"),
            List.of("RemainingTime"),
            List.of("MemoryUtilization"),
            List.of("SuccessfulInvocations"));
    assertThat(documents.get(0).dimensionSets()).containsExactly(List.of("FunctionName"));
    Document execution = documents.get(3);
    assertThat(execution.dimensionSets())
        .containsExactly(List.of("FunctionName", "Operation", "ColdStart", "MemorySize"));
    assertThat(execution.members().get("ColdStart").asText()).isEqualTo("True");
    assertThat(execution.members().get("MemorySize").asText()).isEqualTo("1024");
    assertThat(execution.members().get("ExecutionTime").asDouble()).isEqualTo(41.75);
  }

  @Test
  void lab_writesWhatPythonsJsonDumpsWrites() {
    Invocation invocation = new Invocation();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    new LabEmf(new PrintStream(bytes, true, StandardCharsets.UTF_8)).flush(invocation);

    // What the lab's put_custom_metric prints under CPython 3 for the same invocation.
    String[] lines =
        bytes
            .toString(StandardCharsets.UTF_8)
            .replaceAll("\"Timestamp\": \\d{13}", "\"Timestamp\": T")
            .split("\n");
    assertThat(lines[0])
        .isEqualTo(
            "{\"_aws\": {\"Timestamp\": T, \"CloudWatchMetrics\": [{\"Namespace\":"
                + " \"HighPerformance\", \"Dimensions\": [[\"FunctionName\"]], \"Metrics\":"
                + " [{\"Name\": \"ColdStarts\", \"Unit\": \"Count\"}]}]}, \"ColdStarts\": 1,"
                + " \"FunctionName\": \"perfkit-PerformanceFunction\"}");
    assertThat(lines[3])
        .isEqualTo(
            "{\"_aws\": {\"Timestamp\": T, \"CloudWatchMetrics\": [{\"Namespace\":"
                + " \"HighPerformance\", \"Dimensions\": [[\"FunctionName\", \"Operation\","
                + " \"ColdStart\", \"MemorySize\"]], \"Metrics\": [{\"Name\": \"ExecutionTime\","
                + " \"Unit\": \"Milliseconds\"}]}]}, \"ExecutionTime\": 41.75, \"FunctionName\":"
                + " \"perfkit-PerformanceFunction\", \"Operation\": \"database_batch\","
                + " \"ColdStart\": \"True\", \"MemorySize\": \"1024\"}");
    assertThat(bytes.size()).isEqualTo(2538);
  }

  private static List<Document> perfkitDocuments(Invocation invocation) {
    return documents(out -> new PerfkitEmf(invocation, out).flush(invocation));
  }

  private static List<Document> documents(Consumer<PrintStream> flush) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    flush.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<Document> documents = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      documents.add(parse(line));
    }
    return documents;
  }

  private static Document parse(String line) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode directive = root.path("_aws").path("CloudWatchMetrics").get(0);
    List<List<String>> dimensionSets = new ArrayList<>();
    for (JsonNode set : directive.get("Dimensions")) {
      List<String> keys = new ArrayList<>();
      set.forEach(key -> keys.add(key.asText()));
      dimensionSets.add(keys);
    }
    Map<String, String> units = new LinkedHashMap<>();
    for (JsonNode metric : directive.get("Metrics")) {
      units.put(metric.get("Name").asText(), metric.get("Unit").asText());
    }
    Map<String, JsonNode> members = new TreeMap<>();
    root.properties()
        .forEach(
            member -> {
              JsonNode value = member.getValue();
              members.put(
                  member.getKey(), value.isNumber() ? DoubleNode.valueOf(value.asDouble()) : value);
            });
    members.remove("_aws");
    return new Document(
        directive.get("Namespace").asText(), dimensionSets, new TreeMap<>(units), members);
  }
}
