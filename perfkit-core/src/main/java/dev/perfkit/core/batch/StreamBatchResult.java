package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one stream batch.
 *
 * @param response what the handler returns to Lambda: per shard with a failure, the sequence number
 *     of its first record that did not succeed, where Lambda resumes the shard
 * @param failures every record that did not succeed, in batch order: the failed ones with their
 *     causes, and those not attempted after them
 * @param statistics counts and timing, for metrics
 */
public record StreamBatchResult(
    StreamsEventResponse response, List<RecordFailure> failures, BatchStatistics statistics) {

  /**
   * Copies {@code failures}; rejects nulls.
   *
   * @param response what the handler returns to Lambda
   * @param failures the records that did not succeed, in batch order
   * @param statistics counts and timing
   */
  public StreamBatchResult {
    Objects.requireNonNull(response, "response");
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    Objects.requireNonNull(statistics, "statistics");
  }
}
