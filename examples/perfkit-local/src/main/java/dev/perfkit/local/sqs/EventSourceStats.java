package dev.perfkit.local.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What an {@link EventSourceMapping} did so far. A message received several times counts each time
 * in {@code messagesReceived} and, when it failed, in {@code messagesFailed}.
 *
 * @param batches invocations attempted, throttled ones included
 * @param messagesReceived messages received from the queue, redeliveries included
 * @param messagesProcessed messages deleted after their function succeeded with them
 * @param messagesFailed messages left in the queue for redelivery: reported in {@code
 *     batchItemFailures}, or in a batch that failed whole (function error, throttle, invalid
 *     response)
 * @param functionErrors invocations that ended in a function error
 * @param throttles invocations the function's or the account's concurrency refused (429)
 * @param invokeErrors invocations refused otherwise (e.g. function not found)
 * @param deleteFailures messages whose deletion failed; they come back and run again
 * @param pollErrors failed calls to the queue (receive, queue attributes)
 * @param activePollers pollers running now
 * @param maxActivePollers the most pollers that ran at once
 * @param endToEndLatencyMillis from each processed message's {@code SentTimestamp} to its deletion,
 *     in milliseconds
 * @param backlog samples of the queue, oldest first (the latest {@value
 *     EventSourceMapping#MAX_BACKLOG_SAMPLES} at most)
 * @param elapsed time since the mapping started, until it stopped
 * @param lastError the last error met (refused invocation, failed call), if any
 */
public record EventSourceStats(
    long batches,
    long messagesReceived,
    long messagesProcessed,
    long messagesFailed,
    long functionErrors,
    long throttles,
    long invokeErrors,
    long deleteFailures,
    long pollErrors,
    int activePollers,
    int maxActivePollers,
    Histogram endToEndLatencyMillis,
    List<BacklogSample> backlog,
    Duration elapsed,
    Optional<String> lastError) {

  /**
   * Rejects nulls; copies the histogram and the samples.
   *
   * @param batches invocations attempted
   * @param messagesReceived messages received, redeliveries included
   * @param messagesProcessed messages deleted after success
   * @param messagesFailed messages left in the queue for redelivery
   * @param functionErrors invocations that ended in a function error
   * @param throttles invocations refused for concurrency
   * @param invokeErrors invocations refused otherwise
   * @param deleteFailures messages whose deletion failed
   * @param pollErrors failed calls to the queue
   * @param activePollers pollers running now
   * @param maxActivePollers the most pollers that ran at once
   * @param endToEndLatencyMillis sent-to-deleted latency in milliseconds; copied
   * @param backlog samples of the queue, oldest first; copied
   * @param elapsed time since the mapping started, until it stopped
   * @param lastError the last error met, if any
   */
  public EventSourceStats {
    endToEndLatencyMillis =
        Objects.requireNonNull(endToEndLatencyMillis, "endToEndLatencyMillis").copy();
    backlog = List.copyOf(Objects.requireNonNull(backlog, "backlog"));
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(lastError, "lastError");
  }

  /**
   * The latency histogram.
   *
   * @return a copy, from each processed message's {@code SentTimestamp} to its deletion, in
   *     milliseconds
   */
  @Override
  public Histogram endToEndLatencyMillis() {
    return endToEndLatencyMillis.copy();
  }

  /**
   * The throughput.
   *
   * @return messages processed per second of {@link #elapsed()}; 0 before any time passed
   */
  public double messagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? messagesProcessed / seconds : 0;
  }
}
