package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.testing.CapturedEmf;
import org.junit.jupiter.api.Test;

/** The cached directive and member names: each document gets its own scope's, never another's. */
class LayoutCacheTest {

  private final CapturedEmf sink = new CapturedEmf();
  private final MetricsEmitter emitter =
      MetricsEmitter.builder()
          .namespace("HighPerformance")
          .dimensionSet("Operation")
          .sink(sink)
          .build();

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
                document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")
                    .path(0).path("Unit").asText())
        .containsExactly("Seconds", "Milliseconds");
  }

  @Test
  void flush_writesEachScopesOwnPropertyKeys_whenTheMetricsAreTheSame() {
    emitter.newScope().dimension("Operation", "x").property("RequestId", "r-1")
        .put("Errors", 1, MetricUnit.COUNT).flush();
    emitter.newScope().dimension("Operation", "x").property("TraceId", "t-2")
        .put("Errors", 1, MetricUnit.COUNT).flush();

    assertThat(sink.texts().get(0)).contains("\"RequestId\":\"r-1\"").doesNotContain("TraceId");
    assertThat(sink.texts().get(1)).contains("\"TraceId\":\"t-2\"").doesNotContain("RequestId");
  }
}
