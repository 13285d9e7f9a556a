package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one batch.
 *
 * @param response what the handler returns to Lambda: the failed message ids in batch order
 * @param failures the same messages with their causes, in batch order
 * @param statistics counts and timing, for metrics
 */
public record BatchResult(
    SQSBatchResponse response, List<MessageFailure> failures, BatchStatistics statistics) {

  /**
   * Copies {@code failures}; rejects nulls.
   *
   * @param response what the handler returns to Lambda
   * @param failures the failed messages with their causes, in batch order
   * @param statistics counts and timing
   */
  public BatchResult {
    Objects.requireNonNull(response, "response");
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    Objects.requireNonNull(statistics, "statistics");
  }
}
