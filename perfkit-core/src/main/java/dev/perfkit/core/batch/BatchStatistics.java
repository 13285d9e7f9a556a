package dev.perfkit.core.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * What one batch cost, for the caller to emit as metrics.
 *
 * @param received messages (or stream records) in the batch
 * @param succeeded messages whose handler returned normally
 * @param failed messages whose handler threw (or could not be scheduled)
 * @param skipped messages not attempted (FIFO, or a stream's shard, after a failure), retried too
 * @param batchTime wall time of {@link SqsBatchProcessor#process} or {@link
 *     StreamBatchProcessor#process}
 */
public record BatchStatistics(
    int received, int succeeded, int failed, int skipped, Duration batchTime) {

  /**
   * Validates the counts: none negative, and they add up to {@code received}.
   *
   * @param received messages in the batch
   * @param succeeded messages whose handler returned normally
   * @param failed messages whose handler threw
   * @param skipped messages not attempted
   * @param batchTime wall time of the batch; not null
   * @throws IllegalArgumentException when a count is negative or the counts do not add up
   */
  public BatchStatistics {
    Objects.requireNonNull(batchTime, "batchTime");
    if (received < 0 || succeeded < 0 || failed < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, were received="
              + received
              + " succeeded="
              + succeeded
              + " failed="
              + failed
              + " skipped="
              + skipped);
    }
    if (succeeded + failed + skipped != received) {
      throw new IllegalArgumentException(
          "succeeded + failed + skipped must equal received ("
              + received
              + "), was "
              + (succeeded + failed + skipped));
    }
  }

  /**
   * The batch's throughput.
   *
   * @return messages attempted (succeeded or failed) per second of batch time; 0 for an empty batch
   *     or one that took no time
   */
  public double messagesPerSecond() {
    long nanos = batchTime.toNanos();
    return nanos == 0 ? 0 : (succeeded + failed) * 1e9 / nanos;
  }
}
