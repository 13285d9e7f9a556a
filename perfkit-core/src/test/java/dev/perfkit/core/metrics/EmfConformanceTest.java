package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.testing.CapturedEmf;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;

/**
 * The same recording is fed to our emitter and to aws-embedded-metrics' MetricsLogger; the
 * documents must be equal as parsed JSON (one document), or carry the same metrics, values and
 * envelope across the documents of a split. Numbers compare by value: we write a whole number as
 * {@code 1} where the library writes {@code 1.0}, and CloudWatch reads both as the same number.
 */
class EmfConformanceTest {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  /** What a handler records in one invocation. */
  record Recording(
      String namespace,
      List<List<String>> dimensionSets,
      Map<String, String> dimensions,
      Map<String, Object> properties,
      List<Datum> metrics) {}

  record Datum(String name, double value, MetricUnit unit, StorageResolution resolution) {
    static Datum of(String name, double value, MetricUnit unit) {
      return new Datum(name, value, unit, StorageResolution.STANDARD);
    }
  }

  static Stream<Arguments> recordings() {
    List<List<String>> byFunction = List.of(List.of("FunctionName"));
    List<List<String>> byFunctionAndOperation =
        List.of(List.of("FunctionName"), List.of("FunctionName", "Operation"));
    Map<String, String> function = Map.of("FunctionName", "perf-fn");
    Map<String, String> functionAndOperation =
        Map.of("FunctionName", "perf-fn", "Operation", "cpu_intensive");

    List<Datum> manyMetrics = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      manyMetrics.add(Datum.of("Metric" + i, i, MetricUnit.COUNT));
    }
    List<Datum> manyValues = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      manyValues.add(Datum.of("Latency", i * 1.5, MetricUnit.MILLISECONDS));
    }
    manyValues.add(Datum.of("Errors", 1, MetricUnit.COUNT));
    List<Datum> everyUnit = new ArrayList<>();
    for (MetricUnit unit : MetricUnit.values()) {
      everyUnit.add(Datum.of("In" + unit.name(), 42, unit));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("RequestId", "8f5e-11ee");
    properties.put("MemorySize", 512L);
    properties.put("MemoryUtilization", 0.25);
    properties.put("ColdStart", true);

    return Stream.of(
        Arguments.of(
            "single metric",
            new Recording(
                "HighPerformance",
                byFunction,
                function,
                Map.of(),
                List.of(Datum.of("ExecutionTime", 12.5, MetricUnit.MILLISECONDS)))),
        Arguments.of(
            "several dimension sets",
            new Recording(
                "HighPerformance",
                byFunctionAndOperation,
                functionAndOperation,
                Map.of(),
                List.of(
                    Datum.of("ExecutionTime", 12.5, MetricUnit.MILLISECONDS),
                    Datum.of("SuccessfulInvocations", 1, MetricUnit.COUNT),
                    Datum.of("MemoryUtilization", 37.5, MetricUnit.PERCENT)))),
        Arguments.of(
            "repeated metric name",
            new Recording(
                "HighPerformance",
                byFunction,
                function,
                Map.of(),
                List.of(
                    Datum.of("DbLatency", 3, MetricUnit.MILLISECONDS),
                    Datum.of("DbLatency", 4, MetricUnit.MILLISECONDS),
                    Datum.of("DbLatency", 5, MetricUnit.MILLISECONDS)))),
        Arguments.of(
            "properties",
            new Recording(
                "HighPerformance",
                byFunctionAndOperation,
                functionAndOperation,
                properties,
                List.of(Datum.of("ColdStarts", 1, MetricUnit.COUNT)))),
        Arguments.of(
            "high resolution",
            new Recording(
                "HighPerformance",
                byFunction,
                function,
                Map.of(),
                List.of(
                    new Datum("Burst", 7, MetricUnit.COUNT, StorageResolution.HIGH),
                    new Datum("Burst", 9, MetricUnit.COUNT, StorageResolution.HIGH),
                    Datum.of("ExecutionTime", 1, MetricUnit.MILLISECONDS)))),
        Arguments.of(
            "more than 100 metrics",
            new Recording(
                "HighPerformance",
                byFunctionAndOperation,
                functionAndOperation,
                properties,
                manyMetrics)),
        Arguments.of(
            "more than 100 values of one metric",
            new Recording("HighPerformance", byFunction, function, properties, manyValues)),
        Arguments.of(
            "no dimensions",
            new Recording(
                "Lab/Perf",
                List.of(),
                Map.of(),
                Map.of(),
                List.of(Datum.of("ExecutionTime", 12.5, MetricUnit.MILLISECONDS)))),
        Arguments.of(
            "every unit",
            new Recording("HighPerformance", byFunction, function, Map.of(), everyUnit)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordings")
  void flush_writesWhatAwsEmbeddedMetricsWrites(String name, Recording recording) {
    List<JsonNode> ours = ours(recording);
    List<JsonNode> theirs = theirs(recording);

    assertThat(ours).isNotEmpty();
    for (JsonNode document : ours) {
      assertThat(metricDefinitions(document).size()).isLessThanOrEqualTo(100);
      for (Map.Entry<String, JsonNode> member : document.properties()) {
        if (member.getValue().isArray()) {
          assertThat(member.getValue().size()).isLessThanOrEqualTo(100);
        }
      }
    }
    if (theirs.size() == 1) {
      assertThat(comparable(ours)).isEqualTo(comparable(theirs));
    } else {
      assertThat(ours).hasSameSizeAs(theirs);
      assertThat(envelopes(ours)).isEqualTo(envelopes(theirs));
      assertThat(definitions(ours)).isEqualTo(definitions(theirs));
      assertThat(values(ours)).isEqualTo(values(theirs));
    }
  }

  private static List<JsonNode> ours(Recording recording) {
    CapturedEmf sink = new CapturedEmf();
    MetricsEmitter.Builder builder =
        MetricsEmitter.builder()
            .namespace(recording.namespace())
            .sink(sink)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    recording.dimensionSets().forEach(set -> builder.dimensionSet(set.toArray(String[]::new)));
    MetricsScope scope = builder.build().newScope();
    recording.dimensions().forEach(scope::dimension);
    recording
        .properties()
        .forEach(
            (key, value) -> {
              if (value instanceof String text) {
                scope.property(key, text);
              } else if (value instanceof Long number) {
                scope.property(key, number);
              } else if (value instanceof Double number) {
                scope.property(key, number);
              } else {
                scope.property(key, (Boolean) value);
              }
            });
    recording
        .metrics()
        .forEach(datum -> scope.put(datum.name(), datum.value(), datum.unit(), datum.resolution()));
    scope.flush();
    return sink.all();
  }

  private static List<JsonNode> theirs(Recording recording) {
    EmfOracle oracle = new EmfOracle(recording.namespace(), NOW);
    DimensionSet[] sets =
        recording.dimensionSets().isEmpty()
            ? new DimensionSet[] {new DimensionSet()}
            : recording.dimensionSets().stream()
                .map(
                    keys -> {
                      DimensionSet set = new DimensionSet();
                      keys.forEach(key -> set.addDimension(key, recording.dimensions().get(key)));
                      return set;
                    })
                .toArray(DimensionSet[]::new);
    oracle.logger().setDimensions(sets);
    recording.properties().forEach(oracle.logger()::putProperty);
    recording
        .metrics()
        .forEach(
            datum ->
                oracle
                    .logger()
                    .putMetric(
                        datum.name(),
                        datum.value(),
                        EmfOracle.unit(datum.unit()),
                        EmfOracle.resolution(datum.resolution())));
    return oracle.flush().stream().map(CapturedEmf::parse).toList();
  }

  private static ArrayNode metricDefinitions(JsonNode document) {
    return (ArrayNode) document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics");
  }

  /** The metric definitions in name order: the oracle keeps them in a hash map. */
  private static JsonNode sortedDefinitions(JsonNode document) {
    JsonNode copy = document.deepCopy();
    ArrayNode definitions = metricDefinitions(copy);
    List<JsonNode> sorted = new ArrayList<>();
    definitions.forEach(sorted::add);
    sorted.sort(Comparator.comparing(definition -> definition.path("Name").asText()));
    definitions.removeAll();
    definitions.addAll(sorted);
    return copy;
  }

  private static List<JsonNode> comparable(List<JsonNode> documents) {
    return documents.stream()
        .map(EmfConformanceTest::sortedDefinitions)
        .map(EmfConformanceTest::byValue)
        .toList();
  }

  /** A copy whose numbers are all doubles, so that {@code 1} and {@code 1.0} compare equal. */
  private static JsonNode byValue(JsonNode node) {
    if (node.isNumber()) {
      return DoubleNode.valueOf(node.asDouble());
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(byValue(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(member -> copy.set(member.getKey(), byValue(member.getValue())));
      return copy;
    }
    return node;
  }

  /** Each document without its metrics: namespace, dimensions, timestamp, properties. */
  private static Set<JsonNode> envelopes(List<JsonNode> documents) {
    Set<JsonNode> envelopes = new HashSet<>();
    for (JsonNode document : documents) {
      ObjectNode copy = document.deepCopy();
      metricDefinitions(copy).forEach(definition -> copy.remove(definition.path("Name").asText()));
      metricDefinitions(copy).removeAll();
      envelopes.add(byValue(copy));
    }
    return envelopes;
  }

  private static Map<String, JsonNode> definitions(List<JsonNode> documents) {
    Map<String, JsonNode> definitions = new TreeMap<>();
    documents.forEach(
        document ->
            metricDefinitions(document)
                .forEach(
                    definition -> definitions.put(definition.path("Name").asText(), definition)));
    return definitions;
  }

  /** Every value of every metric, in document order. */
  private static Map<String, List<Double>> values(List<JsonNode> documents) {
    Map<String, List<Double>> values = new TreeMap<>();
    for (JsonNode document : documents) {
      for (JsonNode definition : metricDefinitions(document)) {
        String name = definition.path("Name").asText();
        JsonNode member = document.path(name);
        List<Double> list = values.computeIfAbsent(name, key -> new ArrayList<>());
        if (member.isArray()) {
          member.forEach(value -> list.add(value.asDouble()));
        } else {
          list.add(member.asDouble());
        }
      }
    }
    return values;
  }
}
