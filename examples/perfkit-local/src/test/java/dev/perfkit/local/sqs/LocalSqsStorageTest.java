package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The queues across a stop, with ElasticMQ's own persistence (messages-storage in H2): what was
 * sent before the stop is delivered after the next start, and the stop counts what it kept.
 */
class LocalSqsStorageTest {

  private static final int MESSAGES = 50;

  @TempDir Path storage;

  private static String sendAll(SqsClient client) {
    String url = client.createQueue(request -> request.queueName("kept")).queueUrl();
    for (int i = 0; i < MESSAGES; i++) {
      String body = "message-" + i;
      client.sendMessage(request -> request.queueUrl(url).messageBody(body));
    }
    return url;
  }

  /** Receives until {@link #MESSAGES} distinct bodies came or the receives run out. */
  private static Set<String> receiveAll(SqsClient client, String url) {
    Set<String> bodies = new HashSet<>();
    for (int receive = 0; receive < 100 && bodies.size() < MESSAGES; receive++) {
      for (Message message :
          client
              .receiveMessage(
                  request -> request.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages()) {
        bodies.add(message.body());
      }
    }
    return bodies;
  }

  @Test
  void messagesSentBeforeAStop_areDeliveredAfterTheNextStart() {
    String url;
    try (LocalSqs sqs = LocalSqs.builder().storage(storage).build()) {
      url = sendAll(sqs.client());
    }

    try (LocalSqs again = LocalSqs.builder().storage(storage).build()) {
      assertThat(receiveAll(again.client(), url)).hasSize(MESSAGES);
    }
  }

  @Test
  void stop_withStorage_countsEveryMessageKept() {
    LocalSqs sqs = LocalSqs.builder().storage(storage).build();
    sendAll(sqs.client());

    MessagesAtStop stopped = sqs.stop();

    assertThat(stopped).isEqualTo(new MessagesAtStop(MESSAGES, MESSAGES));
    assertThat(stopped.lost()).isZero();
  }

  @Test
  void stop_inMemory_countsEveryMessageLost() {
    LocalSqs sqs = LocalSqs.builder().build();
    sendAll(sqs.client());

    MessagesAtStop stopped = sqs.stop();

    assertThat(stopped.lost()).isEqualTo(MESSAGES);
  }
}
