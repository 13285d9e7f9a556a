package dev.perfkit.local.sqs;

/**
 * How fast an SQS event source mapping scales up: the concurrent batches it starts with, and how
 * many more it may add each minute while messages are waiting. Lambda's standard mode starts with
 * five and adds up to 300 a minute ({@link #LAMBDA}; "Configuring scaling behavior for SQS event
 * source mappings", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html); a
 * machine that runs a fraction of an account's concurrency scales both by that fraction, so that
 * the mapping takes as long as on Lambda to reach its maximum concurrency.
 *
 * @param initialConcurrency concurrent batches to start with, and to scale back to when the queue
 *     is idle: 1 to 1000
 * @param addedPerMinute concurrent batches added at most per minute while messages are waiting: 1
 *     to 1000
 */
public record ScalingRamp(int initialConcurrency, int addedPerMinute) {

  /** Lambda's: five concurrent batches to start, then up to 300 more a minute. */
  public static final ScalingRamp LAMBDA = new ScalingRamp(5, 300);

  /**
   * Rejects values out of range, naming the field.
   *
   * @param initialConcurrency concurrent batches to start with, 1 to 1000
   * @param addedPerMinute concurrent batches added at most per minute, 1 to 1000
   * @throws IllegalArgumentException naming the value out of range
   */
  public ScalingRamp {
    if (initialConcurrency < 1 || initialConcurrency > 1000) {
      throw new IllegalArgumentException(
          "initialConcurrency must be 1 to 1000, was " + initialConcurrency);
    }
    if (addedPerMinute < 1 || addedPerMinute > 1000) {
      throw new IllegalArgumentException("addedPerMinute must be 1 to 1000, was " + addedPerMinute);
    }
  }
}
