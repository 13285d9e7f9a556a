package dev.perfkit.local.sqs;

import java.time.Duration;
import java.util.Objects;

/**
 * How far an {@link SqsLoadGenerator} got, after each {@code SendMessageBatch} call.
 *
 * @param sent messages the queue accepted so far
 * @param failed messages that could not be sent, after retries
 * @param total messages to send
 * @param elapsed time since sending started
 */
public record SendProgress(long sent, long failed, long total, Duration elapsed) {

  /**
   * Rejects a null duration.
   *
   * @param sent messages the queue accepted so far
   * @param failed messages that could not be sent, after retries
   * @param total messages to send
   * @param elapsed time since sending started
   */
  public SendProgress {
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
