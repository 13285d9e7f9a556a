package dev.perfkit.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

class StreamBatchProcessorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KINESIS = "events/kinesis-third-malformed.json";
  private static final String TWO_SHARDS = "events/kinesis-two-shards-one-failure-each.json";
  private static final String DYNAMODB = "events/dynamodb-second-without-name.json";

  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * AWS (services-kinesis-batchfailurereporting): "If the batchItemFailures array contains multiple
   * items, Lambda uses the record with the lowest sequence number as the checkpoint. Lambda then
   * retries all records starting from that checkpoint." So the first failed record is the one to
   * report; the records after it are retried without being listed. (Powertools for AWS Lambda
   * (Java) handles every record and lists every failure; only the lowest of them counts.)
   */
  @ParameterizedTest
  @Event(value = KINESIS, type = KinesisEvent.class)
  void process_kinesisFailure_reportsOnlyItsSequenceNumberAsTheCheckpoint(KinesisEvent event) {
    StreamBatchResult result = parsingKinesis().process(event);

    assertThat(reported(result)).containsExactly(kinesisSequenceNumbers(event).get(2));
  }

  @ParameterizedTest
  @Event(value = KINESIS, type = KinesisEvent.class)
  void process_kinesisFailure_stopsTheShardAtIt(KinesisEvent event) {
    parsingKinesis().process(event);

    assertThat(handled).containsExactlyElementsOf(kinesisSequenceNumbers(event).subList(0, 3));
  }

  @ParameterizedTest
  @Event(value = KINESIS, type = KinesisEvent.class)
  void process_kinesisFailure_listsItWithItsCauseAndTheLaterRecordsAsSkipped(KinesisEvent event) {
    StreamBatchResult result = parsingKinesis().process(event);

    assertThat(result.failures())
        .extracting(RecordFailure::sequenceNumber)
        .containsExactlyElementsOf(kinesisSequenceNumbers(event).subList(2, 5));
    assertThat(result.failures().get(0).cause()).isInstanceOf(JsonProcessingException.class);
    assertThat(result.failures().subList(1, 3)).allMatch(RecordFailure::skipped);
  }

  @ParameterizedTest
  @Event(value = KINESIS, type = KinesisEvent.class)
  void process_kinesisFailure_countsTheRecordsAfterItAsSkipped(KinesisEvent event) {
    BatchStatistics statistics = parsingKinesis().process(event).statistics();

    assertThat(List.of(statistics.succeeded(), statistics.failed(), statistics.skipped()))
        .containsExactly(2, 1, 2);
  }

  @ParameterizedTest
  @Event(value = TWO_SHARDS, type = KinesisEvent.class)
  void process_twoKinesisShards_reportsEachShardsFirstFailure(KinesisEvent event) {
    StreamBatchResult result = parsingKinesis().process(event);

    List<String> sequenceNumbers = kinesisSequenceNumbers(event);
    assertThat(reported(result)).containsExactly(sequenceNumbers.get(2), sequenceNumbers.get(5));
    assertThat(handled).contains(sequenceNumbers.get(3)).doesNotContain(sequenceNumbers.get(4));
  }

  @ParameterizedTest
  @Event(value = TWO_SHARDS, type = KinesisEvent.class)
  void process_kinesisShards_runConcurrentlyOnTheExecutor(KinesisEvent event) {
    CountDownLatch secondShardStarted = new CountDownLatch(1);
    StreamBatchProcessor<KinesisEvent> processor =
        StreamBatchProcessor.kinesis(
                record -> {
                  if (record.getEventID().startsWith("shardId-000000000007:")) {
                    secondShardStarted.countDown();
                  } else if (!secondShardStarted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("shard 7 did not start while shard 6 waited");
                  }
                })
            .executor(pool)
            .build();

    StreamBatchResult result = processor.process(event);

    assertThat(result.failures()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = DYNAMODB, type = DynamodbEvent.class)
  void process_dynamodbFailure_reportsItsSequenceNumber(DynamodbEvent event) {
    StreamBatchResult result = namingDynamodb().process(event);

    assertThat(reported(result)).containsExactly(dynamodbSequenceNumbers(event).get(1));
  }

  @ParameterizedTest
  @Event(value = DYNAMODB, type = DynamodbEvent.class)
  void process_dynamodbBatch_isOneShardHandledInOrderUntilTheFailure(DynamodbEvent event) {
    namingDynamodb().process(event);

    assertThat(handled).containsExactlyElementsOf(dynamodbSequenceNumbers(event).subList(0, 2));
  }

  @ParameterizedTest
  @Event(value = KINESIS, type = KinesisEvent.class)
  void process_response_serialisesAsLambdaReadsIt(KinesisEvent event) throws Exception {
    StreamBatchResult result = parsingKinesis().process(event);

    assertThat(JSON.writeValueAsString(result.response()))
        .isEqualTo(
            "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                + kinesisSequenceNumbers(event).get(2)
                + "\"}]}");
  }

  @Test
  void process_allRecordsSucceed_reportsNothing() {
    KinesisEvent event = EventLoader.loadKinesisEvent(KINESIS);
    event.setRecords(event.getRecords().subList(0, 2));

    StreamBatchResult result = parsingKinesis().process(event);

    assertThat(result.response().getBatchItemFailures()).isEmpty();
    assertThat(result.statistics().succeeded()).isEqualTo(2);
  }

  @Test
  void process_failedKinesisRecordWithoutSequenceNumber_failsTheWholeBatchNamingTheField() {
    KinesisEvent event = EventLoader.loadKinesisEvent(KINESIS);
    event.getRecords().get(2).getKinesis().setSequenceNumber(null);

    assertThatThrownBy(() -> parsingKinesis().process(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event.Records[2].kinesis.sequenceNumber is missing")
        .hasMessageContaining("the whole batch fails");
  }

  @Test
  void process_failedDynamodbRecordWithBlankSequenceNumber_failsTheWholeBatchNamingTheField() {
    DynamodbEvent event = EventLoader.loadDynamoDbEvent(DYNAMODB);
    event.getRecords().get(1).getDynamodb().setSequenceNumber(" ");

    assertThatThrownBy(() -> namingDynamodb().process(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event.Records[1].dynamodb.SequenceNumber is blank");
  }

  @Test
  void process_nullRecords_throwsNamingRecords() {
    assertThatThrownBy(() -> parsingKinesis().process(new KinesisEvent()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event.Records is null: not a Kinesis event (expected a \"Records\" list)");
  }

  @Test
  void process_nullRecord_throwsNamingItsIndex() {
    DynamodbEvent event = EventLoader.loadDynamoDbEvent(DYNAMODB);
    event.getRecords().set(3, null);

    assertThatThrownBy(() -> namingDynamodb().process(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event.Records[3] is null");
  }

  @Test
  void process_nullEvent_throwsNamingEvent() {
    assertThatThrownBy(() -> parsingKinesis().process(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void process_handlerThrowsError_rethrowsItAfterTheOtherShardFinishes() {
    Error fatal = new OutOfMemoryError("simulated");
    KinesisEvent event = EventLoader.loadKinesisEvent(TWO_SHARDS);
    String failing = kinesisSequenceNumbers(event).get(0);
    AtomicInteger attempted = new AtomicInteger();
    StreamBatchProcessor<KinesisEvent> processor =
        StreamBatchProcessor.kinesis(
                record -> {
                  attempted.incrementAndGet();
                  if (record.getKinesis().getSequenceNumber().equals(failing)) {
                    throw fatal;
                  }
                })
            .executor(pool)
            .build();

    assertThatThrownBy(() -> processor.process(event)).isSameAs(fatal);
    assertThat(attempted).hasValue(4);
  }

  @Test
  void process_executorRejectsShard_reportsItsFirstRecord() {
    KinesisEvent event = EventLoader.loadKinesisEvent(TWO_SHARDS);
    AtomicInteger submitted = new AtomicInteger();
    StreamBatchProcessor<KinesisEvent> processor =
        StreamBatchProcessor.kinesis(record -> {})
            .executor(
                task -> {
                  if (submitted.getAndIncrement() == 1) {
                    throw new RejectedExecutionException("queue full");
                  }
                  task.run();
                })
            .build();

    StreamBatchResult result = processor.process(event);

    assertThat(reported(result)).containsExactly(kinesisSequenceNumbers(event).get(1));
    assertThat(result.failures().get(0).cause()).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void process_injectedTicker_reportsBatchTime() {
    AtomicLong now = new AtomicLong();
    StreamBatchProcessor<DynamodbEvent> processor =
        StreamBatchProcessor.dynamodbStreams(record -> now.addAndGet(250_000_000L))
            .ticker(now::get)
            .build();

    BatchStatistics statistics =
        processor.process(EventLoader.loadDynamoDbEvent(DYNAMODB)).statistics();

    assertThat(statistics.batchTime()).isEqualTo(Duration.ofSeconds(1));
    assertThat(statistics.messagesPerSecond()).isEqualTo(4.0);
  }

  @Test
  void executor_setTwice_isRejectedNamingIt() {
    StreamBatchProcessor.Builder<KinesisEvent> builder =
        StreamBatchProcessor.kinesis(record -> {}).executor(Runnable::run);

    assertThatThrownBy(() -> builder.executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("executor was already set");
  }

  @Test
  void kinesis_nullHandler_isRejectedNamingIt() {
    assertThatThrownBy(() -> StreamBatchProcessor.kinesis(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("handler");
  }

  /** Parses each record's data as JSON, recording the sequence numbers it was given. */
  private StreamBatchProcessor<KinesisEvent> parsingKinesis() {
    return StreamBatchProcessor.kinesis(
            (KinesisEventRecord record) -> {
              handled.add(record.getKinesis().getSequenceNumber());
              JSON.readTree(
                  StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString());
            })
        .executor(pool)
        .build();
  }

  /** Requires each new image to have a name, recording the sequence numbers it was given. */
  private StreamBatchProcessor<DynamodbEvent> namingDynamodb() {
    return StreamBatchProcessor.dynamodbStreams(
            (DynamodbStreamRecord record) -> {
              handled.add(record.getDynamodb().getSequenceNumber());
              if (!record.getDynamodb().getNewImage().containsKey("name")) {
                throw new IllegalArgumentException("NewImage.name is missing");
              }
            })
        .executor(pool)
        .build();
  }

  private static List<String> reported(StreamBatchResult result) {
    return result.response().getBatchItemFailures().stream()
        .map(BatchItemFailure::getItemIdentifier)
        .collect(Collectors.toList());
  }

  private static List<String> kinesisSequenceNumbers(KinesisEvent event) {
    return event.getRecords().stream()
        .map(record -> record.getKinesis().getSequenceNumber())
        .collect(Collectors.toList());
  }

  private static List<String> dynamodbSequenceNumbers(DynamodbEvent event) {
    return event.getRecords().stream()
        .map(record -> record.getDynamodb().getSequenceNumber())
        .collect(Collectors.toList());
  }
}
