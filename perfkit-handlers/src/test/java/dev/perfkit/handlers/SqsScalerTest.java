package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqsScalerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STANDARD = "events/sqs-scaler-standard-two-malformed.json";
  private static final String FIFO = "events/sqs-scaler-fifo-second-malformed.json";
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final List<String> documents = new ArrayList<>();
  private final LambdaTestContext context =
      LambdaTestContext.of("perfkit-sqs-scaler").withRequestId("request-1");

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_twoMalformedMessages_reportsExactlyThoseIds(SQSEvent event) {
    SQSBatchResponse response = scaler(config()).handleRequest(event, context);

    assertThat(failedIds(response))
        .containsExactly(
            "d7ddff61-3174-59a4-a8d0-8ce3d9fb2a0b", "13593d8c-30b4-5bd7-b4fa-907ea6539377");
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_standardQueue_logsEachProcessedBodyIdAsTheLab(SQSEvent event) {
    scaler(config()).handleRequest(event, context);

    assertThat(context.logLines())
        .filteredOn(line -> line.startsWith("Processed message: "))
        .containsExactlyInAnyOrder(
            "Processed message: msg-1", "Processed message: msg-3", "Processed message: unknown");
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_malformedMessages_logsWhyByMessageIdWithoutTheBody(SQSEvent event) {
    scaler(config()).handleRequest(event, context);

    assertThat(context.logLines())
        .filteredOn(line -> line.startsWith("Failed message: "))
        .containsExactly(
            "Failed message: d7ddff61-3174-59a4-a8d0-8ce3d9fb2a0b"
                + " (body is not valid JSON (line 1, column 4)), reported for redelivery",
            "Failed message: 13593d8c-30b4-5bd7-b4fa-907ea6539377"
                + " (body must be a JSON object, was array), reported for redelivery");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "42", "\"text\"", "[]", "true", "{\"id\": 1", "{}}"})
  void handleRequest_bodyNotOneJsonObject_reportsTheMessage(String body) {
    SQSEvent event = EventLoader.loadSQSEvent(STANDARD);
    event.setRecords(List.of(event.getRecords().get(0), event.getRecords().get(2)));
    event.getRecords().get(1).setBody(body);

    SQSBatchResponse response = scaler(config()).handleRequest(event, context);

    assertThat(failedIds(response)).containsExactly(event.getRecords().get(1).getMessageId());
  }

  @ParameterizedTest
  @Event(value = FIFO, type = SQSEvent.class)
  void handleRequest_fifoFailure_reportsItAndEveryLaterMessage(SQSEvent event) {
    SQSBatchResponse response = scaler(config()).handleRequest(event, context);

    assertThat(failedIds(response))
        .containsExactly(
            "551739da-5bf9-56ff-b539-4ffd2f2cffae",
            "d2d3b3b5-65f9-5d2b-826c-4ca146a02c33",
            "085148eb-6b9a-5600-ae2f-017d9d76e39a");
  }

  @ParameterizedTest
  @Event(value = FIFO, type = SQSEvent.class)
  void handleRequest_fifoFailure_processesNothingAfterIt(SQSEvent event) {
    scaler(config()).handleRequest(event, context);

    assertThat(context.logLines())
        .filteredOn(line -> line.startsWith("Processed message: "))
        .containsExactly("Processed message: msg-1");
  }

  @Test
  void handleRequest_sixteenThreads_losesNoFailureOver1000Runs() {
    SqsScaler scaler = scaler(config());
    Random random = new Random(42);
    SQSMessage template = EventLoader.loadSQSEvent(STANDARD).getRecords().get(0);
    for (int run = 0; run < 1000; run++) {
      List<SQSMessage> records = new ArrayList<>();
      List<String> malformed = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        boolean bad = random.nextInt(4) == 0;
        String id = "run-" + run + "-message-" + i;
        records.add(message(template, id, bad ? "{\"id\": " : "{\"id\": \"" + id + "\"}"));
        if (bad) {
          malformed.add(id);
        }
      }
      SQSEvent event = new SQSEvent();
      event.setRecords(records);

      SQSBatchResponse response =
          scaler.handleRequest(event, LambdaTestContext.of("f").withRequestId("r-" + run));

      assertThat(failedIds(response)).as("run %d", run).containsExactlyElementsOf(malformed);
    }
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_batch_writesOneEmfDocumentWithTheStatistics(SQSEvent event)
      throws IOException {
    AtomicLong nanos = new AtomicLong();
    SqsScalerConfig config =
        builder()
            .functionName("perfkit-sqs-scaler")
            .ticker(() -> nanos.getAndAdd(40_000_000))
            .build();

    scaler(config).handleRequest(event, context);

    assertThat(documents).hasSize(1);
    JsonNode document = JSON.readTree(documents.get(0));
    JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
    assertThat(document.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(directive.get("Namespace").asText()).isEqualTo("PerfkitTest");
    assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"FunctionName\"]]");
    assertThat(directive.get("Metrics").findValuesAsText("Name"))
        .containsExactly(
            "SqsMessagesProcessed", "SqsMessagesFailed", "SqsBatchTime", "SqsMessagesPerSecond");
    assertThat(directive.get("Metrics").findValuesAsText("Unit"))
        .containsExactly("Count", "Count", "Milliseconds", "Count/Second");
    assertThat(document.get("FunctionName").asText()).isEqualTo("perfkit-sqs-scaler");
    assertThat(document.get("SqsMessagesProcessed").asDouble()).isEqualTo(3);
    assertThat(document.get("SqsMessagesFailed").asDouble()).isEqualTo(2);
    assertThat(document.get("SqsBatchTime").asDouble()).isEqualTo(40.0);
    assertThat(document.get("SqsMessagesPerSecond").asDouble()).isEqualTo(125.0);
    assertThat(document.get("MessagesReceived").asInt()).isEqualTo(5);
    assertThat(document.get("MessagesSkipped").asInt()).isZero();
    assertThat(document.get("RequestId").asText()).isEqualTo("request-1");
    assertThat(document.get("ColdStart").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @Event(value = FIFO, type = SQSEvent.class)
  void handleRequest_fifoFailure_countsSkippedMessagesAsFailed(SQSEvent event) throws IOException {
    scaler(config()).handleRequest(event, context);

    JsonNode document = JSON.readTree(documents.get(0));
    assertThat(document.get("SqsMessagesProcessed").asDouble()).isEqualTo(1);
    assertThat(document.get("SqsMessagesFailed").asDouble()).isEqualTo(3);
    assertThat(document.get("MessagesSkipped").asInt()).isEqualTo(2);
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_noFunctionNameConfigured_takesItFromTheContext(SQSEvent event)
      throws IOException {
    scaler(config()).handleRequest(event, context);

    assertThat(JSON.readTree(documents.get(0)).get("FunctionName").asText())
        .isEqualTo("perfkit-sqs-scaler");
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_secondBatch_isNotAColdStart(SQSEvent event) throws IOException {
    SqsScaler scaler = scaler(config());
    scaler.handleRequest(event, context);
    scaler.handleRequest(event, context);

    assertThat(documents).hasSize(2);
    assertThat(JSON.readTree(documents.get(1)).get("ColdStart").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_messagesWithAttributes_writesNoneOfThemToLogsOrMetrics(SQSEvent event) {
    SQSMessage first = event.getRecords().get(0);
    Map<String, MessageAttribute> attributes = first.getMessageAttributes();
    assertThat(attributes).containsKeys("Authorization", "x-api-key");
    List<String> secrets =
        Stream.of(
                attributes.get("Authorization").getStringValue(),
                attributes.get("x-api-key").getStringValue(),
                first.getAttributes().get("SenderId"),
                first.getReceiptHandle(),
                "do-not-log-this-body")
            .collect(Collectors.toList());

    scaler(config()).handleRequest(event, context);

    String written = String.join("\n", context.logLines()) + "\n" + String.join("\n", documents);
    assertThat(context.logLines()).hasSize(5);
    assertThat(secrets).allSatisfy(secret -> assertThat(written).doesNotContain(secret));
  }

  @Test
  void handleRequest_idWithLineBreaks_logsOneLine() {
    SQSEvent event = EventLoader.loadSQSEvent(STANDARD);
    SQSMessage message = event.getRecords().get(0);
    message.setBody("{\"id\": \"msg-1\\nProcessed message: forged\"}");
    event.setRecords(List.of(message));

    scaler(config()).handleRequest(event, context);

    assertThat(context.logLines())
        .containsExactly("Processed message: msg-1?Processed message: forged");
  }

  @ParameterizedTest
  @Event(value = STANDARD, type = SQSEvent.class)
  void handleRequest_metricsSinkFails_stillReportsTheFailuresAndLogsWhy(SQSEvent event) {
    SqsScalerConfig config =
        SqsScalerConfig.builder()
            .workPerMessage(Duration.ZERO)
            .executor(pool)
            .coldStarts(newTracker())
            .sink(
                (bytes, offset, length) -> {
                  throw new IOException("log pipe closed");
                })
            .build();

    SQSBatchResponse response = new SqsScaler(config).handleRequest(event, context);

    assertThat(failedIds(response)).hasSize(2);
    assertThat(context.logLines())
        .contains("Metrics not written: java.io.IOException: log pipe closed");
  }

  @ParameterizedTest
  @Event(value = "events/sqs-scaler-records-null.json", type = SQSEvent.class)
  void handleRequest_nullRecords_failsNamingTheField(SQSEvent event) {
    SqsScaler scaler = scaler(config());

    assertThatThrownBy(() -> scaler.handleRequest(event, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event.Records is null: not an SQS event (expected a \"Records\" list)");
  }

  @ParameterizedTest
  @Event(value = "events/sqs-scaler-records-null.json", type = SQSEvent.class)
  void handleRequest_malformedEvent_failsWithoutAStackTrace(SQSEvent event) {
    SqsScaler scaler = scaler(config());

    assertThatThrownBy(() -> scaler.handleRequest(event, context))
        .satisfies(error -> assertThat(error.getStackTrace()).isEmpty());
  }

  @ParameterizedTest
  @Event(value = "events/sqs-scaler-null-record.json", type = SQSEvent.class)
  void handleRequest_nullRecord_failsNamingItsIndex(SQSEvent event) {
    SqsScaler scaler = scaler(config());

    assertThatThrownBy(() -> scaler.handleRequest(event, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event.Records[0] is null");
  }

  /**
   * AWS (services-sqs-errorhandling): a null or empty itemIdentifier makes Lambda treat the batch
   * as a complete failure; the invocation fails naming the field instead of answering
   * {"batchItemFailures": [{}]}.
   */
  @ParameterizedTest
  @Event(value = "events/sqs-scaler-failed-without-message-id.json", type = SQSEvent.class)
  void handleRequest_failedMessageWithoutMessageId_failsTheWholeBatchNamingTheField(
      SQSEvent event) {
    SqsScaler scaler = scaler(config());

    assertThatThrownBy(() -> scaler.handleRequest(event, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event.Records[1].messageId is missing: the record failed and cannot be reported"
                + " without it, so the whole batch fails and Lambda retries it");
  }

  @ParameterizedTest
  @Event(value = "events/sqs-scaler-message-without-body.json", type = SQSEvent.class)
  void handleRequest_messageWithoutBody_reportsItAndLogsWhy(SQSEvent event) {
    SQSBatchResponse response = scaler(config()).handleRequest(event, context);

    assertThat(failedIds(response)).containsExactly("6ddeb70d-f0c0-53df-9845-07ea2115a44c");
    assertThat(context.logLines())
        .contains(
            "Failed message: 6ddeb70d-f0c0-53df-9845-07ea2115a44c"
                + " (body is missing, expected a JSON object), reported for redelivery");
  }

  @Test
  void handleRequest_nullEvent_isRejectedNamingIt() {
    SqsScaler scaler = scaler(config());

    assertThatThrownBy(() -> scaler.handleRequest(null, context))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void constructor_nullConfig_isRejectedNamingIt() {
    assertThatThrownBy(() -> new SqsScaler(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("config");
  }

  private SqsScalerConfig.Builder builder() {
    return SqsScalerConfig.builder()
        .namespace("PerfkitTest")
        .workPerMessage(Duration.ZERO)
        .executor(pool)
        .coldStarts(newTracker())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .sink(capture());
  }

  private SqsScalerConfig config() {
    return builder().build();
  }

  private static SqsScaler scaler(SqsScalerConfig config) {
    return new SqsScaler(config);
  }

  private static ColdStartTracker newTracker() {
    return ColdStartTracker.create(Environment.of(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC), NOW);
  }

  private MetricsSink capture() {
    return (bytes, offset, length) -> {
      synchronized (documents) {
        documents.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
      }
    };
  }

  private static SQSMessage message(SQSMessage template, String messageId, String body) {
    SQSMessage message = new SQSMessage();
    message.setMessageId(messageId);
    message.setReceiptHandle(template.getReceiptHandle());
    message.setBody(body);
    message.setAttributes(template.getAttributes());
    message.setMessageAttributes(template.getMessageAttributes());
    message.setEventSource(template.getEventSource());
    message.setEventSourceArn(template.getEventSourceArn());
    message.setAwsRegion(template.getAwsRegion());
    return message;
  }

  private static List<String> failedIds(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream()
        .map(BatchItemFailure::getItemIdentifier)
        .collect(Collectors.toList());
  }
}
