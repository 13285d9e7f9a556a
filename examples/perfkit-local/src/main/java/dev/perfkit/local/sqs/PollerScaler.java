package dev.perfkit.local.sqs;

/**
 * Decides how many pollers (concurrent batches) a mapping runs, as Lambda's standard mode does
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): it starts with the
 * ramp's initial concurrency; while the backlog holds more batches than the ramp allows, it adds up
 * to the ramp's rate per minute, never beyond the ceiling (the mapping's {@code MaximumConcurrency}
 * and the function's reserved concurrency); when the queue is idle it scales back to the initial
 * concurrency. Invocations that failed (a function error, a throttle) hold the ramp until they
 * stop: "Lambda throttles function scaling when invocation errors occur"
 * (https://repost.aws/knowledge-center/lambda-sqs-scaling). Not thread-safe: one scaling thread
 * decides.
 *
 * <p>Lambda's optimisation down to two batches on a quiet queue without a maximum concurrency is
 * not modelled: the initial concurrency is the floor.
 */
final class PollerScaler {

  private static final double NANOS_PER_MINUTE = 60e9;

  private final ScalingRamp ramp;
  private final int batchSize;
  private double allowed;
  private long lastDecision;
  private long lastFailures;

  /**
   * @param ramp the ramp
   * @param batchSize messages per batch: no more pollers than the backlog fills
   * @param now the ticker's reading at the mapping's start, in nanoseconds
   */
  PollerScaler(ScalingRamp ramp, int batchSize, long now) {
    this.ramp = ramp;
    this.batchSize = batchSize;
    this.allowed = ramp.initialConcurrency();
    this.lastDecision = now;
  }

  /** The fewest pollers under {@code ceiling}: the initial concurrency, and at least one. */
  int floor(int ceiling) {
    return Math.max(1, Math.min(ramp.initialConcurrency(), ceiling));
  }

  /**
   * The pollers wanted now.
   *
   * @param now the ticker's reading, in nanoseconds
   * @param visible messages waiting in the queue
   * @param active pollers running
   * @param ceiling the most pollers allowed (at least 1)
   * @param failures invocations failed so far (function errors and throttles), a running count
   * @return at least {@link #floor(int)}, at most {@code ceiling}
   */
  int decide(long now, long visible, int active, int ceiling, long failures) {
    int floor = floor(ceiling);
    long elapsed = Math.max(0, now - lastDecision);
    boolean failing = failures != lastFailures;
    lastDecision = now;
    lastFailures = failures;
    long batchesWaiting = (visible + batchSize - 1) / batchSize;
    if (visible == 0) {
      // Traffic is low: idle pollers stop, and a later burst ramps up from what still runs.
      allowed = Math.min(allowed, active);
    } else if (batchesWaiting > allowed && !failing) {
      double added = ramp.addedPerMinute() * (double) elapsed / NANOS_PER_MINUTE;
      allowed = Math.min((double) batchesWaiting, allowed + added);
    }
    allowed = Math.max(floor, Math.min(ceiling, allowed));
    return (int) Math.max(floor, Math.min((long) allowed, batchesWaiting));
  }

  /** The concurrency the ramp allowed at the last decision (whole batches). */
  int allowed() {
    return (int) allowed;
  }
}
