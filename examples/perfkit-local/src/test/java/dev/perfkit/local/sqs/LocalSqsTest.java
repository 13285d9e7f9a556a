package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in-process as SQS: served on loopback, addressed by region and account, stopped. */
class LocalSqsTest {

  @Test
  void build_servesTheSdkClientOnLoopback() {
    try (LocalSqs sqs = LocalSqs.builder().region("eu-west-1").accountId("123456789012").build()) {
      SqsClient client = sqs.client();
      String url = client.createQueue(request -> request.queueName("hello")).queueUrl();
      client.sendMessage(request -> request.queueUrl(url).messageBody("hi"));
      List<Message> messages =
          client.receiveMessage(request -> request.queueUrl(url).waitTimeSeconds(5)).messages();

      assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(url).isEqualTo(sqs.endpoint() + "/123456789012/hello");
      assertThat(messages).extracting(Message::body).containsExactly("hi");
      assertThat(
              client
                  .getQueueAttributes(
                      request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                  .attributes())
          .containsEntry(QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:eu-west-1:123456789012:hello");
    }
  }

  @Test
  void close_freesThePortAndStopsTheActorSystem() {
    LocalSqs sqs = LocalSqs.builder().build();
    int port = sqs.endpoint().getPort();

    sqs.close();

    assertThat(SharedTestSupport.eventually(Duration.ofSeconds(10), () -> refused(port))).isTrue();
    assertThat(
            SharedTestSupport.eventually(
                Duration.ofSeconds(10),
                () ->
                    Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.getName().startsWith("perfkit-elasticmq"))))
        .as("no thread of ElasticMQ's actor system is left")
        .isTrue();
  }

  @Test
  void region_rejectsWhatIsNotARegion() {
    assertThatThrownBy(() -> LocalSqs.builder().region("Europe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("region must look like 'us-east-1', was 'Europe'");
  }

  @Test
  void accountId_rejectsWhatIsNotTwelveDigits() {
    assertThatThrownBy(() -> LocalSqs.builder().accountId("12345"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accountId must be 12 digits, was '12345'");
  }

  @Test
  void port_rejectsOutOfRange() {
    assertThatThrownBy(() -> LocalSqs.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0 to 65535, was 70000");
  }

  private static boolean refused(int port) {
    try {
      new Socket("127.0.0.1", port).close();
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
