package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.testing.AllAtOnce;
import dev.perfkit.core.testing.CapturedEmf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsScopeTest {

  private final CapturedEmf sink = new CapturedEmf();
  private final MetricsEmitter emitter =
      MetricsEmitter.builder()
          .namespace("HighPerformance")
          .dimensionSet("FunctionName")
          .dimensionSet("FunctionName", "Operation")
          .defaultDimension("FunctionName", "perf-fn")
          .sink(sink)
          .clock(Clock.fixed(Instant.parse("2025-01-02T03:04:05.678Z"), ZoneOffset.UTC))
          .build();

  @Test
  void flush_writesNothing_whenNoMetricWasRecorded() {
    MetricsScope scope = emitter.newScope();
    scope.dimension("Operation", "default").property("RequestId", "r-1");

    scope.flush();

    assertThat(sink.texts()).isEmpty();
  }

  @Test
  void flush_writesOneDocumentWithEverySetAndTheClockTimestamp() {
    MetricsScope scope = emitter.newScope();
    scope.dimension("Operation", "default").put("Errors", 0, MetricUnit.COUNT);

    scope.flush();

    assertThat(sink.all())
        .singleElement()
        .satisfies(
            document -> {
              JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
              assertThat(document.path("_aws").path("Timestamp").asLong())
                  .isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z").toEpochMilli());
              assertThat(directive.path("Dimensions").toString())
                  .isEqualTo("[[\"FunctionName\"],[\"FunctionName\",\"Operation\"]]");
              assertThat(document.path("FunctionName").asText()).isEqualTo("perf-fn");
              assertThat(document.path("Operation").asText()).isEqualTo("default");
            });
  }

  @Test
  void put_fromSixteenThreadsAtOnce_recordsEveryValueExactlyOnce() throws Exception {
    int threads = 16;
    int perThread = 40;
    MetricsScope scope = emitter.newScope().dimension("Operation", "parallel");
    AllAtOnce.run(
        threads,
        thread -> {
          for (int i = 0; i < perThread; i++) {
            scope.put("Shared", thread * 1000 + i, MetricUnit.COUNT);
            scope.put("Thread" + thread, i, MetricUnit.MILLISECONDS);
          }
          return null;
        });
    scope.flush();

    List<Double> shared = new ArrayList<>();
    List<String> perThreadMetrics = new ArrayList<>();
    for (JsonNode document : sink.all()) {
      document.path("Shared").forEach(value -> shared.add(value.asDouble()));
      for (Map.Entry<String, JsonNode> member : document.properties()) {
        if (member.getKey().startsWith("Thread")) {
          perThreadMetrics.add(member.getKey());
          assertThat(member.getValue()).hasSize(perThread);
        }
      }
    }
    List<Double> expected = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        expected.add((double) (t * 1000 + i));
      }
    }
    assertThat(shared).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(perThreadMetrics).hasSize(threads).doesNotHaveDuplicates();
  }

  @Test
  void flush_failsWithoutWriting_whenADimensionOfASetHasNoValue() {
    MetricsScope scope = emitter.newScope().put("Errors", 1, MetricUnit.COUNT);

    assertThatThrownBy(scope::flush)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dimension 'Operation'")
        .hasMessageContaining("[FunctionName, Operation]");
    assertThat(sink.texts()).isEmpty();
  }

  @Test
  void flush_writes_afterTheMissingDimensionIsSupplied() {
    MetricsScope scope = emitter.newScope().put("Errors", 1, MetricUnit.COUNT);
    assertThatThrownBy(scope::flush).isInstanceOf(IllegalStateException.class);

    scope.dimension("Operation", "unknown").flush();

    assertThat(sink.all())
        .singleElement()
        .satisfies(
            document -> assertThat(document.path("Operation").asText()).isEqualTo("unknown"));
  }

  @Test
  void dimension_replacesTheEmittersDefaultValue() {
    emitter
        .newScope()
        .dimension("FunctionName", "other-fn")
        .dimension("Operation", "x")
        .put("Errors", 1, MetricUnit.COUNT)
        .flush();

    assertThat(sink.all().get(0).path("FunctionName").asText()).isEqualTo("other-fn");
  }

  @Test
  void flush_calledTwice_writesOnce() {
    MetricsScope scope = emitter.newScope().dimension("Operation", "x");
    scope.put("Errors", 1, MetricUnit.COUNT);

    scope.flush();
    scope.flush();

    assertThat(sink.texts()).hasSize(1);
  }

  @Test
  void close_flushesTheScope() {
    try (MetricsScope scope = emitter.newScope()) {
      scope.dimension("Operation", "x").put("Errors", 1, MetricUnit.COUNT);
    }

    assertThat(sink.texts()).hasSize(1);
  }

  @Test
  void put_afterFlush_isRejected() {
    MetricsScope scope = emitter.newScope();
    scope.flush();

    assertThatThrownBy(() -> scope.put("Errors", 1, MetricUnit.COUNT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already flushed");
  }

  @Test
  void flush_reportsTheSinksFailure() {
    MetricsEmitter failing =
        MetricsEmitter.builder()
            .namespace("HighPerformance")
            .sink(
                (bytes, offset, length) -> {
                  throw new IOException("disk full");
                })
            .build();
    MetricsScope scope = failing.newScope().put("Errors", 1, MetricUnit.COUNT);

    assertThatThrownBy(scope::flush)
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("disk full");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "_aws"})
  void put_rejectsAnInvalidMetricName(String name) {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.put(name, 1, MetricUnit.COUNT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric name");
  }

  @Test
  void put_rejectsAMetricNameLongerThan1024Characters() {
    MetricsScope scope = emitter.newScope();
    scope.put("m".repeat(1024), 1, MetricUnit.COUNT);

    assertThatThrownBy(() -> scope.put("m".repeat(1025), 1, MetricUnit.COUNT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric name must have 1 to 1024 characters");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void put_rejectsANonFiniteValue(double value) {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.put("Latency", value, MetricUnit.MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value of metric 'Latency' must be a finite number");
  }

  @Test
  void put_rejectsNullUnitAndResolution() {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.put("Latency", 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("unit");
    assertThatThrownBy(() -> scope.put("Latency", 1, MetricUnit.COUNT, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("resolution");
  }

  @Test
  void put_rejectsASecondUnitForTheSameName() {
    MetricsScope scope = emitter.newScope().put("Latency", 1, MetricUnit.MILLISECONDS);

    assertThatThrownBy(() -> scope.put("Latency", 1, MetricUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric 'Latency' was recorded with unit Milliseconds")
        .hasMessageContaining("got Seconds");
  }

  @Test
  void put_rejectsASecondResolutionForTheSameName() {
    MetricsScope scope = emitter.newScope().put("Latency", 1, MetricUnit.MILLISECONDS);

    assertThatThrownBy(
            () -> scope.put("Latency", 1, MetricUnit.MILLISECONDS, StorageResolution.HIGH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resolution STANDARD");
  }

  @Test
  void put_rejectsADimensionKeyAsMetricName() {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.put("Operation", 1, MetricUnit.COUNT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric name 'Operation' is already a dimension key");
  }

  @Test
  void put_rejectsAPropertyKeyAsMetricName() {
    MetricsScope scope = emitter.newScope().property("RequestId", "r-1");

    assertThatThrownBy(() -> scope.put("RequestId", 1, MetricUnit.COUNT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric name 'RequestId' is already a property");
  }

  @Test
  void property_rejectsAMetricName() {
    MetricsScope scope = emitter.newScope().put("Errors", 1, MetricUnit.COUNT);

    assertThatThrownBy(() -> scope.property("Errors", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'Errors' is already a metric name");
  }

  @Test
  void property_rejectsADimensionKey() {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.property("FunctionName", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'FunctionName' is a dimension key");
  }

  @Test
  void property_rejectsNonFiniteNumbersAndNullText() {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.property("Ratio", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value of property 'Ratio' must be a finite number");
    assertThatThrownBy(() -> scope.property("RequestId", (String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value of property 'RequestId'");
  }

  @Test
  void dimension_rejectsAKeyInNoSet() {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.dimension("Region", "eu-west-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "dimension 'Region' is in no dimension set; sets: [[FunctionName],"
                + " [FunctionName, Operation]]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "caf\u00e9", "line\nbreak"})
  void dimension_rejectsAnInvalidValue(String value) {
    MetricsScope scope = emitter.newScope();

    assertThatThrownBy(() -> scope.dimension("Operation", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value of dimension 'Operation' must");
  }

  @Test
  void dimension_rejectsAValueLongerThan1024Characters() {
    MetricsScope scope = emitter.newScope();
    scope.dimension("Operation", "o".repeat(1024));

    assertThatThrownBy(() -> scope.dimension("Operation", "o".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value of dimension 'Operation' must have 1 to 1024 characters");
  }

  @Test
  void property_setTwice_writesTheLastValueOnce() {
    emitter
        .newScope()
        .dimension("Operation", "x")
        .property("Attempt", 1)
        .property("Attempt", 2)
        .put("Errors", 1, MetricUnit.COUNT)
        .flush();

    String document = sink.texts().get(0);
    assertThat(document).containsOnlyOnce("\"Attempt\"");
    assertThat(sink.all().get(0).path("Attempt").asLong()).isEqualTo(2);
  }

  @Test
  void names_areFoundAmongMoreThanSixteen_whenRecordedAgainOrReusedForAnotherKind() {
    MetricsScope scope = emitter.newScope().dimension("Operation", "x");
    for (int i = 0; i < 40; i++) {
      scope.property("Property" + i, i);
      scope.put("Metric" + i, i, MetricUnit.COUNT);
    }
    scope.property("Property7", "replaced").put("Metric33", 1000, MetricUnit.COUNT);

    assertThatThrownBy(() -> scope.put("Property21", 1, MetricUnit.COUNT))
        .hasMessage("metric name 'Property21' is already a property");
    assertThatThrownBy(() -> scope.property("Metric38", "x"))
        .hasMessage("property 'Metric38' is already a metric name");
    scope.flush();
    JsonNode document = sink.all().get(0);
    assertThat(document.path("Property7").asText()).isEqualTo("replaced");
    assertThat(document.path("Metric33").toString()).isEqualTo("[33,1000]");
    assertThat(document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")).hasSize(40);
  }

  @Test
  void flush_writesEveryKindOfProperty() {
    emitter
        .newScope()
        .dimension("Operation", "x")
        .property("RequestId", "r-\"1\"")
        .property("MemorySize", 1024L)
        .property("Ratio", 0.25)
        .property("ColdStart", true)
        .put("Errors", 1, MetricUnit.COUNT)
        .flush();

    assertThat(sink.texts().get(0))
        .endsWith(
            "\"RequestId\":\"r-\\\"1\\\"\",\"MemorySize\":1024,\"Ratio\":0.25,"
                + "\"ColdStart\":true,\"Errors\":1}");
  }
}
