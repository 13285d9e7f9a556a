package dev.perfkit.local.sqs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Gathers one batch from the queue, as Lambda's pollers do: long polls, within the window. */
final class BatchReceiver {

  static final int MAX_RECEIVE = 10;
  private static final Duration SHORT_POLL_PAUSE = Duration.ofMillis(100);

  private final SqsClient sqs;
  private final String queueUrl;
  private final int batchSize;
  private final Duration window;
  private final int receiveWaitSeconds;
  private final Clock clock;
  private final BooleanSupplier running;
  private final Consumer<Duration> pause;
  private final EventSourceCounters counters;

  BatchReceiver(
      SqsClient sqs,
      String queueUrl,
      int batchSize,
      Duration window,
      Duration receiveWait,
      Clock clock,
      BooleanSupplier running,
      Consumer<Duration> pause,
      EventSourceCounters counters) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.batchSize = batchSize;
    this.window = window;
    this.receiveWaitSeconds = (int) receiveWait.toSeconds();
    this.clock = clock;
    this.running = running;
    this.pause = pause;
    this.counters = counters;
  }

  /**
   * A batch: what one long poll returns without a window; with one, receives until the batch is
   * full or the window from its first message has passed. Messages received while stopping are
   * still returned: dropping them would only cost them a receive.
   *
   * @throws SdkException when the first receive fails
   */
  List<Message> gather() {
    List<Message> batch = new ArrayList<>();
    long deadline = 0;
    while (batch.size() < batchSize) {
      int wait;
      if (batch.isEmpty()) {
        wait = receiveWaitSeconds;
      } else {
        long remaining = deadline - clock.millis();
        if (remaining <= 0 || !running.getAsBoolean()) {
          break;
        }
        wait = (int) Math.min(20, remaining / 1000);
      }
      List<Message> messages;
      try {
        messages = receive(Math.min(MAX_RECEIVE, batchSize - batch.size()), wait);
      } catch (SdkException e) {
        if (batch.isEmpty()) {
          throw e;
        }
        // The messages gathered so far are received already: invoke with them.
        counters.pollErrors.increment();
        counters.report("receiving failed", e);
        break;
      }
      if (messages.isEmpty()) {
        if (batch.isEmpty()) {
          return batch;
        }
        if (wait == 0) {
          // Under a second of window left: short polls, not a long poll that would overrun it.
          pause.accept(SHORT_POLL_PAUSE);
        }
        continue;
      }
      if (batch.isEmpty()) {
        deadline = clock.millis() + window.toMillis();
      }
      batch.addAll(messages);
      if (window.isZero()) {
        break;
      }
    }
    return batch;
  }

  private List<Message> receive(int max, int waitSeconds) {
    return sqs.receiveMessage(
            request ->
                request
                    .queueUrl(queueUrl)
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All"))
        .messages();
  }
}
