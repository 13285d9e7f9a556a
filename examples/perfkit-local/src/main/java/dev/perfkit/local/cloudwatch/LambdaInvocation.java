package dev.perfkit.local.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation Lambda ran, as its metrics see it.
 *
 * @param functionName the function's name
 * @param qualifier the alias or version the caller named; empty for an unqualified invocation
 * @param executedVersion the version that ran, e.g. {@code $LATEST} or {@code 3}
 * @param start when the invocation began: Lambda timestamps its metrics with it
 * @param duration how long the function code ran
 * @param functionError whether it ended in a function error (an exception, a timeout)
 * @param capacity on which concurrency it ran
 */
public record LambdaInvocation(
    String functionName,
    Optional<String> qualifier,
    String executedVersion,
    Instant start,
    Duration duration,
    boolean functionError,
    Capacity capacity) {

  /** On which concurrency an invocation ran. */
  public enum Capacity {
    /** Unreserved or reserved concurrency of a version without provisioned concurrency. */
    STANDARD,
    /** An execution environment of the version's provisioned concurrency. */
    PROVISIONED,
    /** Standard concurrency because all of the version's provisioned concurrency was busy. */
    SPILLOVER
  }

  /**
   * Checks for nulls, blank names and a negative duration.
   *
   * @param functionName the function's name
   * @param qualifier the alias or version the caller named, if any
   * @param executedVersion the version that ran
   * @param start when the invocation began
   * @param duration how long the function code ran
   * @param functionError whether it ended in a function error
   * @param capacity on which concurrency it ran
   */
  public LambdaInvocation {
    Publisher.required("functionName", functionName);
    Objects.requireNonNull(qualifier, "qualifier");
    Publisher.required("executedVersion", executedVersion);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    Objects.requireNonNull(capacity, "capacity");
  }
}
