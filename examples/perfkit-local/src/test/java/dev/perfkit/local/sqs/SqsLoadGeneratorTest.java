package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.local.testing.SharedTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The lab's load script as SendMessageBatch calls, against ElasticMQ. */
class SqsLoadGeneratorTest {

  private static final Instant NOW = Instant.parse("2024-01-02T03:04:05.006Z");

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
  void send_putsEveryMessageInTheQueue_withTheLabsBodyOrAPoisonOne() {
    String queue = sqs.client().createQueue(request -> request.queueName("bodies")).queueUrl();

    SqsLoadReport report =
        SqsLoadGenerator.builder(sqs.client(), queue)
            .poisonMessages(3)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()
            .send(25);

    List<String> bodies = drain(queue, 25);
    List<String> expected = new ArrayList<>();
    for (long number = 1; number <= 25; number++) {
      expected.add(
          report.poisonNumbers().contains(number)
              ? SqsLoadGenerator.poisonBody(number)
              : SqsLoadGenerator.body(number, NOW));
    }
    assertThat(bodies).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(report.poisonNumbers()).containsExactly(5L, 13L, 21L);
    assertThat(report.messagesSent()).isEqualTo(25);
    assertThat(report.messagesFailed()).isZero();
    assertThat(report.calls().totalRequests()).isEqualTo(3);
  }

  @Test
  void send_reportsProgressAfterEachCall() {
    String queue = sqs.client().createQueue(request -> request.queueName("progress")).queueUrl();
    List<SendProgress> progress = Collections.synchronizedList(new ArrayList<>());

    SqsLoadGenerator.builder(sqs.client(), queue)
        .parallelism(2)
        .progress(progress::add)
        .build()
        .send(35);

    assertThat(progress).hasSize(4);
    assertThat(progress).allSatisfy(each -> assertThat(each.total()).isEqualTo(35));
    assertThat(progress.stream().mapToLong(SendProgress::sent).max()).hasValue(35);
  }

  @Test
  void send_toAMissingQueue_reportsEveryMessageFailed() {
    String missing = sqs.endpoint() + "/000000000000/missing";

    SqsLoadReport report = SqsLoadGenerator.builder(sqs.client(), missing).build().send(15);

    assertThat(report.messagesSent()).isZero();
    assertThat(report.messagesFailed()).isEqualTo(15);
    assertThat(report.calls().failedRequests()).isEqualTo(2);
    assertThat(report.calls().errors()).first().asString().contains("messages not sent");
  }

  @Test
  void body_isTheLabsBody() {
    assertThat(SqsLoadGenerator.body(7, NOW))
        .isEqualTo(
            "{\"id\": \"msg-7\", \"timestamp\": \"2024-01-02T03:04:05.006Z\","
                + " \"data\": \"Sample data for message 7\"}");
  }

  @Test
  void poisonNumbers_takeTheMiddleOfEqualSlices() {
    assertThat(SqsLoadGenerator.poisonNumbers(100, 5)).containsExactly(11L, 31L, 51L, 71L, 91L);
    assertThat(SqsLoadGenerator.poisonNumbers(4, 4)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(SqsLoadGenerator.poisonNumbers(9, 0)).isEmpty();
  }

  @Test
  void send_rejectsMorePoisonThanMessages() {
    SqsLoadGenerator generator =
        SqsLoadGenerator.builder(sqs.client(), "http://unused").poisonMessages(6).build();

    assertThatThrownBy(() -> generator.send(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poisonMessages (6) must not exceed messages (5)");
  }

  @Test
  void send_rejectsZeroMessages() {
    SqsLoadGenerator generator = SqsLoadGenerator.builder(sqs.client(), "http://unused").build();

    assertThatThrownBy(() -> generator.send(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("messages must be 1 to 10000000, was 0");
  }

  @Test
  void parallelism_rejectsZero() {
    assertThatThrownBy(() -> SqsLoadGenerator.builder(sqs.client(), "http://unused").parallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be 1 to 100, was 0");
  }

  /** Receives and deletes until {@code count} bodies came, or 30 s passed. */
  private static List<String> drain(String queue, int count) {
    List<String> bodies = new ArrayList<>();
    SharedTestSupport.eventually(
        Duration.ofSeconds(30),
        () -> {
          List<Message> messages =
              sqs.client()
                  .receiveMessage(
                      request -> request.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                  .messages();
          for (Message message : messages) {
            bodies.add(message.body());
            sqs.client()
                .deleteMessage(
                    request -> request.queueUrl(queue).receiptHandle(message.receiptHandle()));
          }
          return bodies.size() >= count;
        });
    return bodies;
  }
}
