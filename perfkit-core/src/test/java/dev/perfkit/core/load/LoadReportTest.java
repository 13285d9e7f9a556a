package dev.perfkit.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.load.LoadReport.ErrorSample;
import dev.perfkit.core.load.LoadReport.PerformanceMetrics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void merge_threeReports_equalsOneRunOfTheSameRequests() {
    LoadReport whole = deterministicRun(300);
    List<LoadReport> parts =
        List.of(deterministicRun(100), deterministicRun(100), deterministicRun(100));

    LoadReport merged = LoadReport.merge(parts);

    assertThat(merged.totalRequests()).isEqualTo(whole.totalRequests()).isEqualTo(300);
    assertThat(merged.successfulRequests()).isEqualTo(whole.successfulRequests()).isEqualTo(240);
    assertThat(merged.failedRequests()).isEqualTo(whole.failedRequests()).isEqualTo(30);
    assertThat(merged.throttledRequests()).isEqualTo(whole.throttledRequests()).isEqualTo(30);
    assertThat(merged.successRate()).isEqualTo(whole.successRate());
    assertThat(merged.latencies()).isEqualTo(whole.latencies());
    assertThat(merged.latencies().getTotalCount()).isEqualTo(240);
    assertThat(merged.performanceMetrics()).isEqualTo(whole.performanceMetrics());
    // The parts ran side by side: the merged run lasted as long as the longest part.
    assertThat(merged.totalTestTimeMs()).isEqualTo(parts.get(0).totalTestTimeMs());
    assertThat(merged.requestsPerSecond()).isEqualTo(3 * parts.get(0).requestsPerSecond());
    assertThat(merged.errors()).hasSize(5);
  }

  @Test
  void merge_anyTruncatedPart_marksMergedTruncated() {
    LoadReport complete = deterministicRun(10);
    LoadReport truncated = withTruncated(deterministicRun(10));

    assertThat(LoadReport.merge(List.of(complete, complete)).truncated()).isFalse();
    assertThat(LoadReport.merge(List.of(complete, truncated)).truncated()).isTrue();
  }

  @Test
  void json_roundTrip_usesSnakeCaseFieldsAndReadsBackEqual() throws Exception {
    LoadReport report = deterministicRun(20);

    String json = JSON.writeValueAsString(report);
    JsonNode tree = JSON.readTree(json);

    assertThat(fieldNames(tree))
        .containsExactly(
            "total_requests",
            "successful_requests",
            "failed_requests",
            "throttled_requests",
            "success_rate",
            "total_test_time_ms",
            "requests_per_second",
            "performance_metrics",
            "errors",
            "truncated",
            "latency_histogram");
    assertThat(fieldNames(tree.get("performance_metrics")))
        .containsExactly(
            "avg_execution_time_ms",
            "min_execution_time_ms",
            "max_execution_time_ms",
            "p50_execution_time_ms",
            "p90_execution_time_ms",
            "p95_execution_time_ms",
            "p99_execution_time_ms",
            "p999_execution_time_ms");
    assertThat(fieldNames(tree.get("errors").get(0))).containsExactly("request_id", "error");
    assertThat(JSON.readValue(json, LoadReport.class)).isEqualTo(report);
  }

  @Test
  void performanceMetrics_knownLatencies_readFromHistogram() {
    LoadReport report = deterministicRun(10);

    PerformanceMetrics metrics = report.performanceMetrics();
    // Successful requests 0..7 took 1..8 ms; 8 is throttled, 9 fails. The histogram keeps
    // 3 significant digits: values are exact to 0.1%.
    assertThat(metrics.minExecutionTimeMs()).isCloseTo(1.0, withinPercentage(0.1));
    assertThat(metrics.maxExecutionTimeMs()).isCloseTo(8.0, withinPercentage(0.1));
    assertThat(metrics.avgExecutionTimeMs()).isCloseTo(4.5, withinPercentage(0.1));
    assertThat(metrics.p50ExecutionTimeMs()).isCloseTo(4.0, withinPercentage(0.1));
    assertThat(metrics.p99ExecutionTimeMs()).isCloseTo(8.0, withinPercentage(0.1));
  }

  @Test
  void of_noSuccessfulRequest_reportsZeroLatencies() {
    LoadReport report = LoadReport.of(new Histogram(3), 0, 4, 0, 10.0, List.of(), false);

    assertThat(report.performanceMetrics())
        .isEqualTo(new PerformanceMetrics(0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(report.successRate()).isZero();
    assertThat(report.requestsPerSecond()).isEqualTo(400.0);
  }

  @Test
  void merge_corruptHistogram_throwsNamingTheField() {
    LoadReport good = deterministicRun(10);
    LoadReport corrupt =
        new LoadReport(
            good.totalRequests(),
            good.successfulRequests(),
            good.failedRequests(),
            good.throttledRequests(),
            good.successRate(),
            good.totalTestTimeMs(),
            good.requestsPerSecond(),
            good.performanceMetrics(),
            good.errors(),
            good.truncated(),
            "bm90IGEgaGlzdG9ncmFt");

    assertThatThrownBy(() -> LoadReport.merge(List.of(good, corrupt)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("latency_histogram is not a base64 compressed HdrHistogram");
  }

  @Test
  void merge_histogramDisagreesWithCount_throwsNamingTheReport() {
    LoadReport good = deterministicRun(10);
    LoadReport other = deterministicRun(20);
    LoadReport mismatched =
        new LoadReport(
            good.totalRequests(),
            good.successfulRequests(),
            good.failedRequests(),
            good.throttledRequests(),
            good.successRate(),
            good.totalTestTimeMs(),
            good.requestsPerSecond(),
            good.performanceMetrics(),
            good.errors(),
            good.truncated(),
            other.latencyHistogram());

    assertThatThrownBy(() -> LoadReport.merge(List.of(good, mismatched)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reports[1]: latency_histogram holds 16 values but successful_requests is 8");
  }

  @Test
  void merge_noReports_throws() {
    assertThatThrownBy(() -> LoadReport.merge(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reports must not be empty");
  }

  @Test
  void constructor_countsThatDoNotAddUp_throws() {
    assertThatThrownBy(
            () ->
                new LoadReport(
                    10,
                    5,
                    1,
                    1,
                    50,
                    1,
                    1,
                    new PerformanceMetrics(0, 0, 0, 0, 0, 0, 0, 0),
                    List.of(),
                    false,
                    ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("total_requests (10) must equal successful + failed + throttled (7)");
  }

  @Test
  void constructor_moreThanFiveErrors_throws() {
    List<ErrorSample> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      six.add(new ErrorSample(i, "e"));
    }

    assertThatThrownBy(
            () ->
                new LoadReport(
                    6,
                    0,
                    6,
                    0,
                    0,
                    1,
                    1,
                    new PerformanceMetrics(0, 0, 0, 0, 0, 0, 0, 0),
                    six,
                    false,
                    ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("errors holds at most 5 entries, had 6");
  }

  /**
   * Closed loop, one thread, a clock the target advances: request i takes (i % 10 + 1) ms; i % 10
   * == 8 is throttled and i % 10 == 9 fails, so runs of multiples of 10 requests have the same
   * distribution.
   */
  private static LoadReport deterministicRun(int total) {
    AtomicLong now = new AtomicLong();
    return LoadGenerator.builder()
        .totalRequests(total)
        .ticker(now::get)
        .build()
        .run(
            id -> {
              int slot = (int) (id % 10);
              now.addAndGet(TimeUnit.MILLISECONDS.toNanos(slot + 1));
              return switch (slot) {
                case 8 -> Outcome.throttled();
                case 9 -> Outcome.failure("request " + id + " failed");
                default -> Outcome.success();
              };
            });
  }

  private static LoadReport withTruncated(LoadReport r) {
    return new LoadReport(
        r.totalRequests(),
        r.successfulRequests(),
        r.failedRequests(),
        r.throttledRequests(),
        r.successRate(),
        r.totalTestTimeMs(),
        r.requestsPerSecond(),
        r.performanceMetrics(),
        r.errors(),
        true,
        r.latencyHistogram());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }
}
