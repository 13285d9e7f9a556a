package dev.perfkit.handlers;

import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.load.LoadReport.ErrorSample;
import dev.perfkit.core.load.LoadReport.PerformanceMetrics;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Reports the load generator did not make: nothing run, a lost worker's share, renumbering. */
final class LoadTesterReports {

  private static final PerformanceMetrics NO_LATENCIES =
      new PerformanceMetrics(0, 0, 0, 0, 0, 0, 0, 0);
  private static final String EMPTY_HISTOGRAM = encode(new Histogram(3));

  private LoadTesterReports() {}

  /** No request run: no time was left to start one. */
  static LoadReport nothingRun() {
    return new LoadReport(0, 0, 0, 0, 0, 0, 0, NO_LATENCIES, List.of(), true, EMPTY_HISTOGRAM);
  }

  /** {@code total} requests from {@code first} on, all failed for one reason. */
  static LoadReport failed(long total, long first, String error, double elapsedMs) {
    return new LoadReport(
        total,
        0,
        total,
        0,
        0,
        elapsedMs,
        0,
        NO_LATENCIES,
        List.of(new ErrorSample(first, error)),
        false,
        EMPTY_HISTOGRAM);
  }

  /** {@code report} with its errors' request ids moved up by {@code first}. */
  static LoadReport renumbered(LoadReport report, long first) {
    List<ErrorSample> errors =
        report.errors().stream()
            .map(error -> new ErrorSample(error.requestId() + first, error.error()))
            .toList();
    return new LoadReport(
        report.totalRequests(),
        report.successfulRequests(),
        report.failedRequests(),
        report.throttledRequests(),
        report.successRate(),
        report.totalTestTimeMs(),
        report.requestsPerSecond(),
        report.performanceMetrics(),
        errors,
        report.truncated(),
        report.latencyHistogram());
  }

  private static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }
}
