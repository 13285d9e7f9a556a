package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.testing.CapturedEmf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the writer puts in a document: each value as the shortest decimal that reads back as the
 * recorded double ({@link ShortestDecimal}), and each scope's own directive and member names, never
 * another's from the {@link LayoutCache}.
 */
class EmfWriterTest {

  private final CapturedEmf sink = new CapturedEmf();
  private final MetricsEmitter emitter =
      MetricsEmitter.builder().namespace("Writer").dimensionSet("Operation").sink(sink).build();

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "300, 300",
    "-7, -7",
    "29957, 29957",
    "38.25, 38.25",
    "0.1, 0.1",
    "-0.05, -0.05",
    "41.753218, 41.753218",
    "0.001, 0.001",
    "123456789.5, 123456789.5"
  })
  void put_writesTheShortestDecimalAndWholeNumbersWithoutAFraction(double value, String text) {
    emitter
        .newScope()
        .dimension("Operation", "x")
        .put("Latency", value, MetricUnit.MILLISECONDS)
        .flush();

    assertThat(sink.texts().get(0)).contains("\"Latency\":" + text + "}");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0 / 3, 0.0001, 2.5e-10, 1e300, 9.007199254740994E15, -0.0})
  void put_writesJacksonsRepresentation_whenNoShortFixedPointDecimalReadsBackExactly(double value) {
    emitter
        .newScope()
        .dimension("Operation", "x")
        .put("Latency", value, MetricUnit.MILLISECONDS)
        .flush();

    assertThat(sink.texts().get(0)).contains("\"Latency\":" + value + "}");
  }

  @Test
  void put_valuesReadBackAsExactlyTheRecordedDoubles() {
    Random random = new Random(42);
    double[] values = new double[100];
    for (int i = 0; i < values.length; i++) {
      double magnitude = Math.pow(10, random.nextInt(16) - 6);
      values[i] =
          switch (i % 4) {
            case 0 -> random.nextDouble() * magnitude;
            case 1 -> Math.round(random.nextDouble() * 1_000_000) / 1000.0;
            case 2 -> -random.nextInt(1_000_000) / 100.0;
            default -> System.nanoTime() % 10_000_000 / 1e6;
          };
    }
    MetricsScope scope = emitter.newScope().dimension("Operation", "x");
    for (double value : values) {
      scope.put("Latency", value, MetricUnit.MILLISECONDS);
    }

    scope.flush();

    List<Double> written = new ArrayList<>();
    sink.all().get(0).path("Latency").forEach(value -> written.add(value.doubleValue()));
    assertThat(written).containsExactlyElementsOf(Arrays.stream(values).boxed().toList());
  }

  @Test
  void flush_writesEachScopesOwnDefinitions_whenMetricNamesShareAHashCode() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

    emitter.newScope().dimension("Operation", "x").put("Aa", 1, MetricUnit.COUNT).flush();
    emitter.newScope().dimension("Operation", "x").put("BB", 2, MetricUnit.SECONDS).flush();
    emitter.newScope().dimension("Operation", "x").put("Aa", 3, MetricUnit.COUNT).flush();

    assertThat(sink.all())
        .extracting(
            document ->
                document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").toString())
        .containsExactly(
            "[{\"Name\":\"Aa\",\"Unit\":\"Count\"}]",
            "[{\"Name\":\"BB\",\"Unit\":\"Seconds\"}]",
            "[{\"Name\":\"Aa\",\"Unit\":\"Count\"}]");
    assertThat(sink.texts()).allMatch(document -> document.startsWith("{\"_aws\":{"));
  }

  @Test
  void flush_writesTheUnitOfThisScope_whenAnEarlierScopeUsedTheSameNameWithAnother() {
    emitter.newScope().dimension("Operation", "x").put("Wait", 1, MetricUnit.SECONDS).flush();
    emitter.newScope().dimension("Operation", "x").put("Wait", 1, MetricUnit.MILLISECONDS).flush();

    assertThat(sink.all())
        .extracting(
            document ->
                document
                    .path("_aws")
                    .path("CloudWatchMetrics")
                    .path(0)
                    .path("Metrics")
                    .path(0)
                    .path("Unit")
                    .asText())
        .containsExactly("Seconds", "Milliseconds");
  }

  @Test
  void flush_writesEachScopesOwnPropertyKeys_whenTheMetricsAreTheSame() {
    emitter
        .newScope()
        .dimension("Operation", "x")
        .property("RequestId", "r-1")
        .put("Errors", 1, MetricUnit.COUNT)
        .flush();
    emitter
        .newScope()
        .dimension("Operation", "x")
        .property("TraceId", "t-2")
        .put("Errors", 1, MetricUnit.COUNT)
        .flush();

    assertThat(sink.texts().get(0)).contains("\"RequestId\":\"r-1\"").doesNotContain("TraceId");
    assertThat(sink.texts().get(1)).contains("\"TraceId\":\"t-2\"").doesNotContain("RequestId");
  }
}
