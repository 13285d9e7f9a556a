package dev.perfkit.lab.analysis;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one function did in the analysed window: the lab's figures (average, maximum and minimum
 * duration, maximum concurrency, errors) and more (percentiles, throttles, cold starts,
 * GB-seconds). A figure the source cannot tell is empty.
 *
 * @param functionName the function
 * @param memoryMb its memory size, for GB-seconds
 * @param invocations invocations in the window
 * @param averageDurationMs mean duration
 * @param maxDurationMs longest duration
 * @param minDurationMs shortest duration
 * @param p95DurationMs 95th percentile of duration
 * @param p99DurationMs 99th percentile of duration
 * @param maxConcurrency most invocations running at once
 * @param errors invocations that failed
 * @param throttles invocations refused for concurrency
 * @param coldStarts invocations that started a new environment
 * @param gbSeconds compute billed: duration times memory
 */
public record FunctionReport(
    String functionName,
    int memoryMb,
    long invocations,
    OptionalDouble averageDurationMs,
    OptionalDouble maxDurationMs,
    OptionalDouble minDurationMs,
    OptionalDouble p95DurationMs,
    OptionalDouble p99DurationMs,
    OptionalDouble maxConcurrency,
    long errors,
    OptionalLong throttles,
    long coldStarts,
    double gbSeconds) {

  /** Validates the report. */
  public FunctionReport {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(averageDurationMs, "averageDurationMs");
    Objects.requireNonNull(maxDurationMs, "maxDurationMs");
    Objects.requireNonNull(minDurationMs, "minDurationMs");
    Objects.requireNonNull(p95DurationMs, "p95DurationMs");
    Objects.requireNonNull(p99DurationMs, "p99DurationMs");
    Objects.requireNonNull(maxConcurrency, "maxConcurrency");
    Objects.requireNonNull(throttles, "throttles");
    if (invocations < 0 || errors < 0 || coldStarts < 0 || !(gbSeconds >= 0)) {
      throw new IllegalArgumentException(
          "counts of "
              + functionName
              + " must not be negative:"
              + " invocations "
              + invocations
              + ", errors "
              + errors
              + ", coldStarts "
              + coldStarts
              + ", gbSeconds "
              + gbSeconds);
    }
  }

  /** The estimated cost of these invocations at {@code prices}, in USD. */
  public double estimatedCostUsd(LambdaPrices prices) {
    return prices.cost(gbSeconds, invocations);
  }
}
