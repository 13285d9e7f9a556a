package dev.perfkit.local.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of an event source mapping the local Lambda runs, as {@code
 * CreateEventSourceMapping} and {@code UpdateEventSourceMapping} take them for an SQS queue.
 *
 * @param eventSourceArn the queue's ARN
 * @param functionName the function's name
 * @param qualifier the version or alias invoked, empty for {@code $LATEST}
 * @param batchSize {@code BatchSize}: 1 to 10,000 records per invocation
 * @param maximumBatchingWindow {@code MaximumBatchingWindowInSeconds}: 0 to 300 whole seconds, at
 *     least 1 when the batch size is above 10
 * @param reportBatchItemFailures {@code FunctionResponseTypes: [ReportBatchItemFailures]}
 * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency}: 2 to 1,000, empty for the
 *     event source's default
 */
public record EventSourceSettings(
    String eventSourceArn,
    String functionName,
    Optional<String> qualifier,
    int batchSize,
    Duration maximumBatchingWindow,
    boolean reportBatchItemFailures,
    OptionalInt maximumConcurrency) {

  /** Lambda's largest batch for an SQS standard queue. */
  public static final int MAX_BATCH_SIZE = 10_000;

  /**
   * Validates each field as the Lambda API does; the message names the field.
   *
   * @param eventSourceArn the queue's ARN
   * @param functionName the function's name
   * @param qualifier the version or alias invoked, empty for {@code $LATEST}
   * @param batchSize 1 to {@value #MAX_BATCH_SIZE}
   * @param maximumBatchingWindow 0 to 300 whole seconds; at least 1 when {@code batchSize} is above
   *     10
   * @param reportBatchItemFailures whether the function reports failed records
   * @param maximumConcurrency 2 to 1000, or empty
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the bad field
   */
  public EventSourceSettings {
    Objects.requireNonNull(eventSourceArn, "eventSourceArn");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
    Objects.requireNonNull(maximumConcurrency, "maximumConcurrency");
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "BatchSize must be 1 to " + MAX_BATCH_SIZE + ", was " + batchSize);
    }
    long window = maximumBatchingWindow.getSeconds();
    if (maximumBatchingWindow.getNano() != 0 || window < 0 || window > 300) {
      throw new IllegalArgumentException(
          "MaximumBatchingWindowInSeconds must be 0 to 300, was " + maximumBatchingWindow);
    }
    if (batchSize > 10 && window == 0) {
      throw new IllegalArgumentException(
          "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater"
              + " than 10");
    }
    if (maximumConcurrency.isPresent()
        && (maximumConcurrency.getAsInt() < 2 || maximumConcurrency.getAsInt() > 1000)) {
      throw new IllegalArgumentException(
          "ScalingConfig.MaximumConcurrency must be 2 to 1000, was "
              + maximumConcurrency.getAsInt());
    }
  }
}
