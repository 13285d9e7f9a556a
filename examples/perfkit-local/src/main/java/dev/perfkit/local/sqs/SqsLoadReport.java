package dev.perfkit.local.sqs;

import dev.perfkit.core.load.LoadReport;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link SqsLoadGenerator} sent.
 *
 * @param messagesSent messages the queue accepted
 * @param messagesFailed messages not sent after retries
 * @param poisonNumbers the numbers {@code N} of the poison messages, ascending
 * @param calls the {@code SendMessageBatch} calls: counts, failures and latency per call
 */
public record SqsLoadReport(
    long messagesSent, long messagesFailed, List<Long> poisonNumbers, LoadReport calls) {

  /**
   * Rejects nulls and copies the numbers.
   *
   * @param messagesSent messages the queue accepted
   * @param messagesFailed messages not sent after retries
   * @param poisonNumbers the poison messages' numbers, ascending; copied
   * @param calls the {@code SendMessageBatch} calls
   */
  public SqsLoadReport {
    poisonNumbers = List.copyOf(Objects.requireNonNull(poisonNumbers, "poisonNumbers"));
    Objects.requireNonNull(calls, "calls");
  }

  /**
   * The send rate.
   *
   * @return messages sent per second of the run's wall time; 0 if no time passed
   */
  public double messagesPerSecond() {
    return calls.totalTestTimeMs() > 0 ? messagesSent / (calls.totalTestTimeMs() / 1000) : 0;
  }
}
