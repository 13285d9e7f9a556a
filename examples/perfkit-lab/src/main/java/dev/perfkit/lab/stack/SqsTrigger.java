package dev.perfkit.lab.stack;

import java.util.Objects;

/**
 * The event source mapping that feeds the queue to the SQS function.
 *
 * @param queueName the source queue
 * @param functionName the function invoked
 * @param batchSize messages per invocation, 1 to 10000 (above 10 needs a batching window)
 * @param maximumBatchingWindowSeconds how long to gather a batch, 0 to 300 s
 * @param reportBatchItemFailures whether the function's {@code batchItemFailures} are honoured, so
 *     that only the failed messages come back
 * @param maximumConcurrency the most concurrent invocations this mapping makes, 2 to 1000
 */
public record SqsTrigger(
    String queueName,
    String functionName,
    int batchSize,
    int maximumBatchingWindowSeconds,
    boolean reportBatchItemFailures,
    int maximumConcurrency) {

  /** Validates the mapping. */
  public SqsTrigger {
    Objects.requireNonNull(queueName, "queueName");
    Objects.requireNonNull(functionName, "functionName");
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize is " + batchSize + ": allowed 1 to 10000");
    }
    if (maximumBatchingWindowSeconds < 0 || maximumBatchingWindowSeconds > 300) {
      throw new IllegalArgumentException(
          "maximumBatchingWindowSeconds is " + maximumBatchingWindowSeconds + ": allowed 0 to 300");
    }
    if (batchSize > 10 && maximumBatchingWindowSeconds < 1) {
      throw new IllegalArgumentException(
          "batchSize " + batchSize + " above 10 needs maximumBatchingWindowSeconds of at least 1");
    }
    if (maximumConcurrency < 2 || maximumConcurrency > 1000) {
      throw new IllegalArgumentException(
          "maximumConcurrency is " + maximumConcurrency + ": allowed 2 to 1000");
    }
  }
}
