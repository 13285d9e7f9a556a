package dev.perfkit.core.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The result of a load test, in the reference lab's field names plus percentiles, throttles,
 * truncation and the latency histogram. Serialises with Jackson as snake_case JSON and reads back
 * to an equal value, so reports of several generators (or Lambda workers) can be {@linkplain
 * #merge(List) merged} exactly.
 *
 * <p>Latencies are those of successful requests: in closed-loop mode from the start of each
 * request, in open-loop mode from its intended start (corrected for coordinated omission). The
 * histogram holds microseconds at 3 significant digits; every latency figure is derived from it.
 *
 * @param totalRequests requests completed: {@code successful + failed + throttled}
 * @param successfulRequests requests whose outcome was success
 * @param failedRequests requests whose outcome was failure, or that threw
 * @param throttledRequests requests the target throttled; neither successful nor failed
 * @param successRate successful over total, in percent (0 when nothing completed)
 * @param totalTestTimeMs wall time of the run (of the longest run, when merged)
 * @param requestsPerSecond completed requests per second of {@code totalTestTimeMs}
 * @param performanceMetrics latency figures of successful requests
 * @param errors up to 5 failures, lowest request ids first
 * @param truncated true when the run stopped (deadline, interruption) before all requests
 * @param latencyHistogram the latency histogram, compressed HdrHistogram encoding, base64
 */
@JsonPropertyOrder({
  "total_requests", "successful_requests", "failed_requests", "throttled_requests",
  "success_rate", "total_test_time_ms", "requests_per_second", "performance_metrics",
  "errors", "truncated", "latency_histogram"
})
public record LoadReport(
    @JsonProperty("total_requests") long totalRequests,
    @JsonProperty("successful_requests") long successfulRequests,
    @JsonProperty("failed_requests") long failedRequests,
    @JsonProperty("throttled_requests") long throttledRequests,
    @JsonProperty("success_rate") double successRate,
    @JsonProperty("total_test_time_ms") double totalTestTimeMs,
    @JsonProperty("requests_per_second") double requestsPerSecond,
    @JsonProperty("performance_metrics") PerformanceMetrics performanceMetrics,
    @JsonProperty("errors") List<ErrorSample> errors,
    @JsonProperty("truncated") boolean truncated,
    @JsonProperty("latency_histogram") String latencyHistogram) {

  /** How many failures a report keeps as examples. */
  public static final int MAX_ERRORS = 5;

  static final int SIGNIFICANT_DIGITS = 3;

  /**
   * Validates the counts and copies {@code errors}.
   *
   * @param totalRequests {@code successful + failed + throttled}
   * @param successfulRequests 0 or more
   * @param failedRequests 0 or more
   * @param throttledRequests 0 or more
   * @param successRate successful over total, in percent
   * @param totalTestTimeMs wall time of the run
   * @param requestsPerSecond completed requests per second
   * @param performanceMetrics latency figures; not null
   * @param errors at most {@value #MAX_ERRORS} failures; not null
   * @param truncated whether the run stopped before all requests
   * @param latencyHistogram the base64 compressed histogram; not null
   * @throws IllegalArgumentException when a count is negative, the counts do not add up, or {@code
   *     errors} holds more than {@value #MAX_ERRORS}
   */
  public LoadReport {
    if (successfulRequests < 0 || failedRequests < 0 || throttledRequests < 0) {
      throw new IllegalArgumentException(
          "request counts must be >= 0, were successful="
              + successfulRequests
              + " failed="
              + failedRequests
              + " throttled="
              + throttledRequests);
    }
    if (totalRequests != successfulRequests + failedRequests + throttledRequests) {
      throw new IllegalArgumentException(
          "total_requests ("
              + totalRequests
              + ") must equal successful + failed + throttled ("
              + (successfulRequests + failedRequests + throttledRequests)
              + ")");
    }
    Objects.requireNonNull(performanceMetrics, "performance_metrics");
    errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    if (errors.size() > MAX_ERRORS) {
      throw new IllegalArgumentException(
          "errors holds at most " + MAX_ERRORS + " entries, had " + errors.size());
    }
    Objects.requireNonNull(latencyHistogram, "latency_histogram");
  }

  /**
   * Latency figures in milliseconds, read from the histogram.
   *
   * @param avgExecutionTimeMs mean
   * @param minExecutionTimeMs minimum
   * @param maxExecutionTimeMs maximum
   * @param p50ExecutionTimeMs median
   * @param p90ExecutionTimeMs 90th percentile
   * @param p95ExecutionTimeMs 95th percentile
   * @param p99ExecutionTimeMs 99th percentile
   * @param p999ExecutionTimeMs 99.9th percentile
   */
  @JsonPropertyOrder({
    "avg_execution_time_ms", "min_execution_time_ms", "max_execution_time_ms",
    "p50_execution_time_ms", "p90_execution_time_ms", "p95_execution_time_ms",
    "p99_execution_time_ms", "p999_execution_time_ms"
  })
  public record PerformanceMetrics(
      @JsonProperty("avg_execution_time_ms") double avgExecutionTimeMs,
      @JsonProperty("min_execution_time_ms") double minExecutionTimeMs,
      @JsonProperty("max_execution_time_ms") double maxExecutionTimeMs,
      @JsonProperty("p50_execution_time_ms") double p50ExecutionTimeMs,
      @JsonProperty("p90_execution_time_ms") double p90ExecutionTimeMs,
      @JsonProperty("p95_execution_time_ms") double p95ExecutionTimeMs,
      @JsonProperty("p99_execution_time_ms") double p99ExecutionTimeMs,
      @JsonProperty("p999_execution_time_ms") double p999ExecutionTimeMs) {

    static PerformanceMetrics of(Histogram micros) {
      if (micros.getTotalCount() == 0) {
        return new PerformanceMetrics(0, 0, 0, 0, 0, 0, 0, 0);
      }
      return new PerformanceMetrics(
          micros.getMean() / 1000.0,
          micros.getMinValue() / 1000.0,
          micros.getMaxValue() / 1000.0,
          micros.getValueAtPercentile(50) / 1000.0,
          micros.getValueAtPercentile(90) / 1000.0,
          micros.getValueAtPercentile(95) / 1000.0,
          micros.getValueAtPercentile(99) / 1000.0,
          micros.getValueAtPercentile(99.9) / 1000.0);
    }
  }

  /**
   * One failed request.
   *
   * @param requestId the request's number within its run
   * @param error the target's failure message, or the exception it threw
   */
  public record ErrorSample(
      @JsonProperty("request_id") long requestId, @JsonProperty("error") String error) {

    /**
     * Rejects a null message.
     *
     * @param requestId the request's number within its run
     * @param error the failure message; not null
     */
    public ErrorSample {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The latencies of successful requests.
   *
   * @return a fresh copy of the latency histogram, values in microseconds
   * @throws IllegalArgumentException when {@code latencyHistogram} is not a base64 compressed
   *     HdrHistogram
   */
  public Histogram latencies() {
    return decode(latencyHistogram);
  }

  /**
   * Combines reports of runs that went on at the same time (e.g. one per Lambda worker): counts add
   * up, latency figures come from the sum of the histograms, the test time is the longest run's,
   * errors are the first 5 in report order, truncated if any run was.
   *
   * @param reports the reports to combine, at least one; none null
   * @return the combined report
   * @throws IllegalArgumentException when {@code reports} is empty or a histogram is invalid
   */
  public static LoadReport merge(List<LoadReport> reports) {
    Objects.requireNonNull(reports, "reports");
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("reports must not be empty");
    }
    Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
    long successful = 0;
    long failed = 0;
    long throttled = 0;
    double testTimeMs = 0;
    boolean truncated = false;
    List<ErrorSample> errors = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      LoadReport report = Objects.requireNonNull(reports.get(i), "reports[" + i + "]");
      Histogram latencies = report.latencies();
      if (latencies.getTotalCount() != report.successfulRequests()) {
        throw new IllegalArgumentException(
            "reports["
                + i
                + "]: latency_histogram holds "
                + latencies.getTotalCount()
                + " values but successful_requests is "
                + report.successfulRequests());
      }
      sum.add(latencies);
      successful += report.successfulRequests();
      failed += report.failedRequests();
      throttled += report.throttledRequests();
      testTimeMs = Math.max(testTimeMs, report.totalTestTimeMs());
      truncated |= report.truncated();
      errors.addAll(report.errors());
    }
    return of(
        sum,
        successful,
        failed,
        throttled,
        testTimeMs,
        errors.subList(0, Math.min(MAX_ERRORS, errors.size())),
        truncated);
  }

  /** A report from a histogram of successful latencies in microseconds. */
  static LoadReport of(
      Histogram micros,
      long successful,
      long failed,
      long throttled,
      double testTimeMs,
      List<ErrorSample> errors,
      boolean truncated) {
    long total = successful + failed + throttled;
    return new LoadReport(
        total,
        successful,
        failed,
        throttled,
        total == 0 ? 0 : successful * 100.0 / total,
        testTimeMs,
        testTimeMs <= 0 ? 0 : total * 1000.0 / testTimeMs,
        PerformanceMetrics.of(micros),
        errors,
        truncated,
        encode(micros));
  }

  private static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  private static Histogram decode(String base64) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
      return Histogram.decodeFromCompressedByteBuffer(buffer, 0);
    } catch (RuntimeException | DataFormatException e) {
      throw new IllegalArgumentException(
          "latency_histogram is not a base64 compressed HdrHistogram: " + e.getMessage(), e);
    }
  }
}
