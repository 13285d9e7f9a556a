package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The lab's queue and its dead-letter queue, created in ElasticMQ, and ElasticMQ's redrive. */
class QueuePairTest {

  private static LocalSqs sqs;

  @BeforeAll
  static void startSqs() {
    sqs = LocalSqs.builder().build();
  }

  @AfterAll
  static void stopSqs() {
    sqs.close();
  }

  @Test
  void create_putsMaxReceiveCountInTheRedrivePolicy() throws Exception {
    QueuePair queues = QueuePair.create(sqs.client(), QueueConfig.lab("redrive"));

    Map<String, String> attributes = attributes(queues.queueUrl());
    JsonNode policy = new ObjectMapper().readTree(attributes.get("RedrivePolicy"));
    assertThat(policy.get("deadLetterTargetArn").asText()).isEqualTo(queues.deadLetterQueueArn());
    assertThat(policy.get("maxReceiveCount").asInt()).isEqualTo(3);
    // ElasticMQ takes MessageRetentionPeriod without reporting it back: not checked here.
    assertThat(attributes)
        .containsEntry("VisibilityTimeout", "30")
        .containsEntry("ReceiveMessageWaitTimeSeconds", "0")
        .doesNotContainKey("MaxReceiveCount");
    assertThat(queues.queueArn())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:redrive-high-throughput-queue");
    assertThat(queues.deadLetterQueueUrl()).endsWith("/redrive-high-throughput-queue-dlq");
  }

  @Test
  void create_twiceWithTheSameConfig_returnsTheSameQueues() {
    QueueConfig config = QueueConfig.lab("again");

    QueuePair first = QueuePair.create(sqs.client(), config);
    QueuePair second = QueuePair.create(sqs.client(), config);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void redrive_movesAMessageToTheDeadLetterQueueAfterMaxReceiveCountReceives() {
    QueuePair queues =
        QueuePair.create(
            sqs.client(),
            QueueConfig.lab("moved").toBuilder().visibilityTimeout(Duration.ofSeconds(1)).build());
    SqsClient client = sqs.client();
    client.sendMessage(request -> request.queueUrl(queues.queueUrl()).messageBody("poison"));

    List<String> receiveCounts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // Each long poll returns once the visibility timeout has put the message back.
      List<Message> messages = receive(queues.queueUrl(), 10);
      assertThat(messages).hasSize(1);
      receiveCounts.add(
          messages.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }
    List<Message> fourth = receive(queues.queueUrl(), 3);
    List<Message> dead = receive(queues.deadLetterQueueUrl(), 10);

    assertThat(receiveCounts).containsExactly("1", "2", "3");
    assertThat(fourth).isEmpty();
    assertThat(dead).extracting(Message::body).containsExactly("poison");
    assertThat(dead.get(0).attributes())
        .containsEntry(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN, queues.queueArn());
    assertThat(SqsTestSupport.messagesIn(client, queues.queueUrl())).isZero();
  }

  private static List<Message> receive(String queueUrl, int waitSeconds) {
    return sqs.client()
        .receiveMessage(
            request ->
                request
                    .queueUrl(queueUrl)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }

  private static Map<String, String> attributes(String queueUrl) {
    return sqs.client()
        .getQueueAttributes(
            request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
        .attributesAsStrings();
  }
}
