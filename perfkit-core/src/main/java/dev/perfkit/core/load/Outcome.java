package dev.perfkit.core.load;

import java.util.Objects;

/**
 * How one request ended.
 *
 * @param status success, failure or throttled
 * @param message what went wrong, for a failure (shown in the report's {@code errors}); empty
 *     otherwise
 */
public record Outcome(Status status, String message) {

  private static final Outcome SUCCEEDED = new Outcome(Status.SUCCESS, "");
  private static final Outcome THROTTLED = new Outcome(Status.THROTTLED, "");

  /** The three classes a report counts separately. */
  public enum Status {
    /** The request succeeded; its latency is recorded. */
    SUCCESS,
    /** The request failed, or the target threw. */
    FAILURE,
    /** The target refused the request for rate or concurrency. */
    THROTTLED
  }

  /**
   * Rejects nulls.
   *
   * @param status success, failure or throttled
   * @param message what went wrong for a failure, else empty; not null
   */
  public Outcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The request succeeded; its latency goes into the histogram.
   *
   * @return a {@link Status#SUCCESS} outcome with an empty message
   */
  public static Outcome success() {
    return SUCCEEDED;
  }

  /**
   * The request failed, for the reason given.
   *
   * @param message what went wrong, shown in the report's {@code errors}; not null
   * @return a {@link Status#FAILURE} outcome
   */
  public static Outcome failure(String message) {
    return new Outcome(Status.FAILURE, Objects.requireNonNull(message, "message"));
  }

  /**
   * The target refused the request for rate or concurrency (HTTP 429, Lambda throttling).
   *
   * @return a {@link Status#THROTTLED} outcome with an empty message
   */
  public static Outcome throttled() {
    return THROTTLED;
  }
}
