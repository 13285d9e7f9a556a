package dev.perfkit.local.sqs;

import java.time.Instant;
import java.util.Objects;

/**
 * The queue and the mapping at one moment, sampled each scaling interval: a point of the backlog
 * and throughput charts.
 *
 * @param at when the sample was taken (the mapping's clock)
 * @param visible {@code ApproximateNumberOfMessages}: waiting to be received
 * @param inFlight {@code ApproximateNumberOfMessagesNotVisible}: received, neither deleted nor back
 *     in the queue
 * @param activePollers pollers (concurrent batches) running after this sample's scaling decision
 * @param allowedConcurrency the concurrent batches the scaling ramp allowed at this sample (see
 *     {@link ScalingRamp}), at most the mapping's maximum concurrency
 * @param processed messages processed (deleted) by the mapping so far
 */
public record BacklogSample(
    Instant at,
    long visible,
    long inFlight,
    int activePollers,
    int allowedConcurrency,
    long processed) {

  /**
   * Rejects a null time and negative counts.
   *
   * @param at when the sample was taken
   * @param visible messages waiting to be received, 0 or more
   * @param inFlight messages received and neither deleted nor back in the queue, 0 or more
   * @param activePollers pollers running after the scaling decision, 0 or more
   * @param allowedConcurrency concurrent batches the ramp allowed, 0 or more
   * @param processed messages processed so far, 0 or more
   * @throws IllegalArgumentException if a count is negative
   */
  public BacklogSample {
    Objects.requireNonNull(at, "at");
    if (visible < 0
        || inFlight < 0
        || activePollers < 0
        || allowedConcurrency < 0
        || processed < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, were visible="
              + visible
              + " inFlight="
              + inFlight
              + " activePollers="
              + activePollers
              + " allowedConcurrency="
              + allowedConcurrency
              + " processed="
              + processed);
    }
  }
}
