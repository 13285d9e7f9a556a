package dev.perfkit.lab.tune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

/**
 * What one memory size measured. Figures of durations and cost are null when no invocation
 * succeeded at this size.
 *
 * @param memoryMb the memory size, MB
 * @param invocations invocations sent: {@code successful + failed + throttled}
 * @param successful invocations that succeeded; the figures below are theirs
 * @param failed invocations that failed (function error, error status, no REPORT line, ...)
 * @param throttled invocations Lambda throttled
 * @param p50Ms median duration, ms
 * @param p95Ms 95th percentile duration, ms
 * @param p99Ms 99th percentile duration, ms
 * @param coldStarts invocations that started an environment (REPORT lines with an Init Duration);
 *     null when the driver cannot see them (through the load tester)
 * @param meanBilledMs mean billed duration, ms (each rounded up to 1 ms)
 * @param costPerMillionX86 USD per million invocations on x86_64, requests included
 * @param costPerMillionArm64 USD per million invocations on arm64, at the same durations
 * @param firstError the first failure's message, or null
 */
@JsonPropertyOrder({
  "memory_mb",
  "invocations",
  "successful",
  "failed",
  "throttled",
  "p50_ms",
  "p95_ms",
  "p99_ms",
  "cold_starts",
  "mean_billed_ms",
  "cost_per_million_x86_64_usd",
  "cost_per_million_arm64_usd",
  "first_error"
})
public record SizeResult(
    @JsonProperty("memory_mb") int memoryMb,
    @JsonProperty("invocations") long invocations,
    @JsonProperty("successful") long successful,
    @JsonProperty("failed") long failed,
    @JsonProperty("throttled") long throttled,
    @JsonProperty("p50_ms") Double p50Ms,
    @JsonProperty("p95_ms") Double p95Ms,
    @JsonProperty("p99_ms") Double p99Ms,
    @JsonProperty("cold_starts") Long coldStarts,
    @JsonProperty("mean_billed_ms") Double meanBilledMs,
    @JsonProperty("cost_per_million_x86_64_usd") Double costPerMillionX86,
    @JsonProperty("cost_per_million_arm64_usd") Double costPerMillionArm64,
    @JsonProperty("first_error") String firstError) {

  /** Checks the counts add up, and that figures are there exactly when something succeeded. */
  public SizeResult {
    if (successful < 0
        || failed < 0
        || throttled < 0
        || invocations != successful + failed + throttled) {
      throw new IllegalArgumentException(
          "invocations ("
              + invocations
              + ") must be successful + failed + throttled, each not negative: "
              + successful
              + " + "
              + failed
              + " + "
              + throttled);
    }
    boolean figures =
        p50Ms != null
            && p95Ms != null
            && p99Ms != null
            && meanBilledMs != null
            && costPerMillionX86 != null
            && costPerMillionArm64 != null;
    if (figures != (successful > 0)) {
      throw new IllegalArgumentException(
          "duration and cost figures are given exactly when an invocation succeeded");
    }
  }

  /**
   * A result from the durations of the successful invocations (a histogram in microseconds) and the
   * sum of their billed milliseconds.
   */
  static SizeResult of(
      int memoryMb,
      Histogram durationsMicros,
      long billedMsSum,
      long failed,
      long throttled,
      Long coldStarts,
      String firstError) {
    long successful = durationsMicros.getTotalCount();
    if (successful == 0) {
      return new SizeResult(
          memoryMb,
          failed + throttled,
          0,
          failed,
          throttled,
          null,
          null,
          null,
          coldStarts,
          null,
          null,
          null,
          firstError);
    }
    double meanBilledMs = (double) billedMsSum / successful;
    return new SizeResult(
        memoryMb,
        successful + failed + throttled,
        successful,
        failed,
        throttled,
        durationsMicros.getValueAtPercentile(50) / 1000.0,
        durationsMicros.getValueAtPercentile(95) / 1000.0,
        durationsMicros.getValueAtPercentile(99) / 1000.0,
        coldStarts,
        meanBilledMs,
        Pricing.costPerMillion(Pricing.X86_64, memoryMb, meanBilledMs),
        Pricing.costPerMillion(Pricing.ARM64, memoryMb, meanBilledMs),
        firstError);
  }

  /** Whether some invocation succeeded, so that the size has figures. */
  boolean measured() {
    return successful > 0;
  }

  /** The cost per million invocations on {@code architecture} ({@code arm64} or x86_64). */
  double costPerMillion(String architecture) {
    return "arm64".equals(architecture) ? costPerMillionArm64 : costPerMillionX86;
  }
}
