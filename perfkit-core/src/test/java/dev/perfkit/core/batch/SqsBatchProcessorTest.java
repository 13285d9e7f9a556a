package dev.perfkit.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class SqsBatchProcessorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STANDARD_ARN = "arn:aws:sqs:us-east-1:123456789012:perfkit-queue";

  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @Event(value = "events/sqs-standard-two-malformed.json", type = SQSEvent.class)
  void process_twoMalformedMessages_reportsExactlyThoseIds(SQSEvent event) {
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(message -> JSON.readTree(message.getBody()))
            .executor(pool)
            .build();

    BatchResult result = processor.process(event);

    assertThat(failedIds(result))
        .containsExactly(
            "00f2630d-a4c6-5ca9-a79a-7ec13e88759b", "7a9687dd-a395-5244-9205-68269b7567d6");
    assertThat(result.failures())
        .allSatisfy(
            failure -> assertThat(failure.cause()).isInstanceOf(JsonProcessingException.class));
    assertThat(result.statistics())
        .extracting(
            BatchStatistics::received,
            BatchStatistics::succeeded,
            BatchStatistics::failed,
            BatchStatistics::skipped)
        .containsExactly(5, 3, 2, 0);
  }

  @ParameterizedTest
  @Event(value = "events/sqs-fifo-third-malformed.json", type = SQSEvent.class)
  void process_fifoFailure_stopsAndReportsItAndEveryLaterMessage(SQSEvent event) {
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(
                message -> {
                  handled.add(message.getMessageId());
                  JSON.readTree(message.getBody());
                })
            .executor(pool)
            .build();

    BatchResult result = processor.process(event);

    List<String> ids = ids(event);
    assertThat(handled).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(failedIds(result)).containsExactlyElementsOf(ids.subList(2, 5));
    assertThat(result.failures().get(0).cause()).isInstanceOf(JsonProcessingException.class);
    assertThat(result.failures().subList(1, 3)).allMatch(MessageFailure::skipped);
    assertThat(result.statistics())
        .extracting(BatchStatistics::succeeded, BatchStatistics::failed, BatchStatistics::skipped)
        .containsExactly(2, 1, 2);
  }

  @Test
  void process_messageGroupIdOnStandardArn_isProcessedAsFifo() {
    SQSEvent event =
        event(
            List.of(
                message("a", STANDARD_ARN, Map.of("MessageGroupId", "g")),
                message("b", STANDARD_ARN, Map.of("MessageGroupId", "g")),
                message("c", STANDARD_ARN, Map.of("MessageGroupId", "g"))));
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(
                message -> {
                  handled.add(message.getMessageId());
                  if (message.getMessageId().equals("a")) {
                    throw new IllegalStateException("first fails");
                  }
                })
            .executor(pool)
            .build();

    BatchResult result = processor.process(event);

    assertThat(handled).containsExactly("a");
    assertThat(failedIds(result)).containsExactly("a", "b", "c");
  }

  @Test
  void process_standardQueue_runsMessagesConcurrentlyOnTheExecutor() {
    int size = 8;
    CountDownLatch allStarted = new CountDownLatch(size);
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(
                message -> {
                  allStarted.countDown();
                  if (!allStarted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not all messages were in flight together");
                  }
                })
            .executor(pool)
            .build();

    BatchResult result = processor.process(standardEvent(size));

    assertThat(result.failures()).isEmpty();
    assertThat(result.statistics().succeeded()).isEqualTo(size);
  }

  @Test
  void process_sixteenThreadsOverThousandRandomBatches_losesNoFailure() {
    Random random = new Random(20240611L);
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(
                message -> {
                  if (message.getBody().equals("fail")) {
                    throw new IllegalArgumentException("rejected " + message.getMessageId());
                  }
                })
            .executor(pool)
            .build();

    for (int run = 0; run < 1000; run++) {
      int size = 1 + random.nextInt(100);
      List<SQSMessage> messages = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        String id = run + "-" + i;
        boolean fails = random.nextInt(3) == 0;
        SQSMessage message = message(id, STANDARD_ARN, Map.of());
        message.setBody(fails ? "fail" : "ok");
        messages.add(message);
        if (fails) {
          expected.add(id);
        }
      }

      BatchResult result = processor.process(event(messages));

      assertThat(failedIds(result)).as("run %d", run).containsExactlyElementsOf(expected);
      assertThat(result.statistics().failed()).as("run %d", run).isEqualTo(expected.size());
    }
  }

  @Test
  void process_emptyBatch_returnsEmptyResponse() {
    BatchResult result =
        SqsBatchProcessor.builder(
                message -> {
                  throw new AssertionError("no message to handle");
                })
            .build()
            .process(event(List.of()));

    assertThat(result.response().getBatchItemFailures()).isEmpty();
    assertThat(result.statistics().received()).isZero();
    assertThat(result.statistics().messagesPerSecond()).isZero();
  }

  @Test
  void process_nullRecords_throwsNamingRecords() {
    SqsBatchProcessor processor = SqsBatchProcessor.builder(message -> {}).build();

    assertThatThrownBy(() -> processor.process(new SQSEvent()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event.Records is null");
  }

  @Test
  void process_nullRecord_throwsNamingItsIndex() {
    List<SQSMessage> records = new ArrayList<>();
    records.add(message("a", STANDARD_ARN, Map.of()));
    records.add(null);
    SqsBatchProcessor processor = SqsBatchProcessor.builder(message -> {}).build();

    assertThatThrownBy(() -> processor.process(event(records)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event.Records[1] is null");
  }

  /**
   * AWS (services-sqs-errorhandling): Lambda treats a batch as a complete failure when an
   * itemIdentifier is null or empty, so the invocation fails, naming the field, rather than
   * answering {"batchItemFailures": [{}]}.
   */
  @Test
  void process_failedMessageWithoutMessageId_failsTheWholeBatchNamingTheField() {
    SQSMessage failing = message(null, STANDARD_ARN, Map.of());
    failing.setBody("{");
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(message -> JSON.readTree(message.getBody())).build();

    assertThatThrownBy(
            () -> processor.process(event(List.of(message("a", STANDARD_ARN, Map.of()), failing))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event.Records[1].messageId is missing")
        .hasMessageContaining("the whole batch fails");
  }

  @Test
  void process_failedMessageWithBlankMessageId_failsTheWholeBatchNamingTheField() {
    SQSMessage failing = message("", STANDARD_ARN, Map.of());
    failing.setBody("{");
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(message -> JSON.readTree(message.getBody())).build();

    assertThatThrownBy(() -> processor.process(event(List.of(failing))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event.Records[0].messageId is blank");
  }

  @Test
  void process_succeededMessageWithoutMessageId_isNotReported() {
    SqsBatchProcessor processor = SqsBatchProcessor.builder(message -> {}).build();

    BatchResult result = processor.process(event(List.of(message(null, STANDARD_ARN, Map.of()))));

    assertThat(result.response().getBatchItemFailures()).isEmpty();
  }

  @Test
  void process_nullEvent_throwsNamingEvent() {
    SqsBatchProcessor processor = SqsBatchProcessor.builder(message -> {}).build();

    assertThatThrownBy(() -> processor.process(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void process_handlerThrowsError_rethrowsItAfterTheOtherMessagesFinish() {
    Error fatal = new OutOfMemoryError("simulated");
    AtomicInteger handled = new AtomicInteger();
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(
                message -> {
                  handled.incrementAndGet();
                  if (message.getMessageId().equals("m3")) {
                    throw fatal;
                  }
                })
            .executor(pool)
            .build();

    assertThatThrownBy(() -> processor.process(standardEvent(10))).isSameAs(fatal);
    assertThat(handled).hasValue(10);
  }

  @Test
  void process_executorRejectsMessage_reportsItAsFailed() {
    AtomicInteger submitted = new AtomicInteger();
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(message -> {})
            .executor(
                task -> {
                  if (submitted.getAndIncrement() % 2 == 1) {
                    throw new RejectedExecutionException("queue full");
                  }
                  task.run();
                })
            .build();

    BatchResult result = processor.process(standardEvent(4));

    assertThat(failedIds(result)).containsExactly("m1", "m3");
    assertThat(result.failures())
        .allSatisfy(f -> assertThat(f.cause()).isInstanceOf(RejectedExecutionException.class));
  }

  @Test
  void process_injectedTicker_reportsBatchTimeAndRate() {
    AtomicLong now = new AtomicLong();
    SqsBatchProcessor processor =
        SqsBatchProcessor.builder(
                message -> {
                  now.addAndGet(500_000_000L);
                  if (message.getMessageId().equals("m0")) {
                    throw new IllegalStateException("failed");
                  }
                })
            .ticker(now::get)
            .build();

    BatchStatistics statistics = processor.process(standardEvent(4)).statistics();

    assertThat(statistics.batchTime()).isEqualTo(Duration.ofSeconds(2));
    assertThat(statistics.messagesPerSecond()).isEqualTo(2.0);
  }

  @Test
  void ticker_setTwice_isRejectedNamingIt() {
    SqsBatchProcessor.Builder builder = SqsBatchProcessor.builder(message -> {}).ticker(() -> 0L);

    assertThatThrownBy(() -> builder.ticker(() -> 1L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ticker was already set");
  }

  @Test
  void executor_setTwice_isRejectedNamingIt() {
    SqsBatchProcessor.Builder builder =
        SqsBatchProcessor.builder(message -> {}).executor(Runnable::run);

    assertThatThrownBy(() -> builder.executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("executor was already set");
  }

  private static List<String> failedIds(BatchResult result) {
    return result.response().getBatchItemFailures().stream()
        .map(BatchItemFailure::getItemIdentifier)
        .collect(Collectors.toList());
  }

  private static List<String> ids(SQSEvent event) {
    return event.getRecords().stream().map(SQSMessage::getMessageId).collect(Collectors.toList());
  }

  private static SQSEvent standardEvent(int size) {
    List<SQSMessage> messages = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      messages.add(message("m" + i, STANDARD_ARN, Map.of()));
    }
    return event(messages);
  }

  private static SQSEvent event(List<SQSMessage> messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }

  private static SQSMessage message(String id, String arn, Map<String, String> attributes) {
    SQSMessage message = new SQSMessage();
    message.setMessageId(id);
    message.setEventSourceArn(arn);
    message.setAttributes(attributes);
    message.setBody("{}");
    return message;
  }
}
