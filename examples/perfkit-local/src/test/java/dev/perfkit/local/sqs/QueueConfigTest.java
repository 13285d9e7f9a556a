package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueConfigTest {

  @Test
  void lab_hasTheLabsNamesAndSettings() {
    QueueConfig config = QueueConfig.lab("alice");

    assertThat(config)
        .isEqualTo(
            new QueueConfig(
                "alice-high-throughput-queue",
                "alice-high-throughput-queue-dlq",
                Duration.ofSeconds(30),
                Duration.ofSeconds(1_209_600),
                Duration.ZERO,
                3));
  }

  @Test
  void toBuilder_keepsEveryField() {
    QueueConfig config =
        QueueConfig.builder("q")
            .deadLetterQueueName("dead")
            .visibilityTimeout(Duration.ofSeconds(2))
            .messageRetention(Duration.ofMinutes(5))
            .receiveMessageWait(Duration.ofSeconds(20))
            .maxReceiveCount(5)
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void name_rejectsCharactersSqsRefuses() {
    assertThatThrownBy(() -> QueueConfig.lab("al ice"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "name must be 1 to 80 letters, digits, '-' or '_', was 'al ice-high-throughput-queue'");
  }

  @Test
  void deadLetterQueueName_mustDifferFromName() {
    assertThatThrownBy(() -> QueueConfig.builder("q").deadLetterQueueName("q").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadLetterQueueName must differ from name, both were 'q'");
  }

  @Test
  void visibilityTimeout_rejectsFractionsOfASecond() {
    assertThatThrownBy(
            () -> QueueConfig.builder("q").visibilityTimeout(Duration.ofMillis(1500)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("visibilityTimeout must be 0 to 43200 whole seconds, was PT1.5S");
  }

  @Test
  void messageRetention_rejectsMoreThanFourteenDays() {
    assertThatThrownBy(() -> QueueConfig.builder("q").messageRetention(Duration.ofDays(15)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("messageRetention must be 60 to 1209600 whole seconds, was PT360H");
  }

  @Test
  void maxReceiveCount_rejectsZero() {
    assertThatThrownBy(() -> QueueConfig.builder("q").maxReceiveCount(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxReceiveCount must be 1 to 1000, was 0");
  }
}
