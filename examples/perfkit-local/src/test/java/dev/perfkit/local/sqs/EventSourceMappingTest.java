package dev.perfkit.local.sqs;

import static dev.perfkit.local.sqs.SqsTestSupport.messagesIn;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.handlers.SqsScaler;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.LocalLambdaException;
import dev.perfkit.local.testing.SharedTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The event source mapping against real parts: ElasticMQ, the local Lambda's environment JVMs and
 * the real SqsScaler handler.
 */
class EventSourceMappingTest {

  private static final String SCALER = "sqs-scaler";
  private static final String ALIAS = "live";
  private static final int CONCURRENCY = 3;
  private static final Duration BOUND = Duration.ofSeconds(90);

  private static LocalSqs sqs;
  private static LocalLambda lambda;

  @BeforeAll
  static void start() throws Exception {
    sqs = LocalSqs.builder().build();
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(60)).build();
    // Provisioned environments: no cold start runs past a short visibility timeout.
    lambda.deploy(scaler(SCALER, 5).alias(ALIAS, CONCURRENCY).build());
    lambda.deploy(scaler("slow-scaler", 1500).build());
    lambda.deploy(scaler("throttled", 5).reservedConcurrency(0).build());
    lambda.deploy(scaler("capped", 50).reservedConcurrency(2).build());
    lambda.deploy(
        FunctionConfig.builder(
                "failing",
                FailingSqsHandler.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .timeout(Duration.ofSeconds(30))
            .build());
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (sqs != null) {
      sqs.close();
    }
  }

  private static FunctionConfig.Builder scaler(String name, int workMillis) {
    return FunctionConfig.builder(
            name, SqsScaler.class.getName() + "::handleRequest", SharedTestSupport.testClasspath())
        .memoryMb(256)
        .timeout(Duration.ofSeconds(30))
        .environmentVariable("PERFKIT_SQS_WORK_MS", Integer.toString(workMillis));
  }

  private static EventSourceMapping.Builder labMapping(QueuePair queues, String function) {
    return mapping(queues, function).reportBatchItemFailures(true);
  }

  /** The lab's mapping without its {@code FunctionResponseTypes}. */
  private static EventSourceMapping.Builder mapping(QueuePair queues, String function) {
    return EventSourceMapping.builder(sqs.client(), queues.queueUrl(), lambda, function)
        .batchSize(10)
        .maximumBatchingWindow(Duration.ofSeconds(1))
        .maximumConcurrency(CONCURRENCY)
        .scalingInterval(Duration.ofMillis(100));
  }

  private static QueuePair queues(String prefix, Duration visibilityTimeout) {
    return QueuePair.create(
        sqs.client(),
        QueueConfig.lab(prefix).toBuilder().visibilityTimeout(visibilityTimeout).build());
  }

  @Test
  void poisonMessages_endInTheDeadLetterQueueAfterThreeReceives_theOthersAreProcessed() {
    QueuePair queues = queues("poison", Duration.ofSeconds(2));
    SqsLoadReport sent =
        SqsLoadGenerator.builder(sqs.client(), queues.queueUrl())
            .poisonMessages(5)
            .build()
            .send(100);

    EventSourceStats stats;
    try (EventSourceMapping mapping = labMapping(queues, SCALER).qualifier(ALIAS).start()) {
      boolean settled =
          eventually(
              BOUND,
              () ->
                  messagesIn(sqs.client(), queues.deadLetterQueueUrl()) == 5
                      && messagesIn(sqs.client(), queues.queueUrl()) == 0
                      && mapping.stats().messagesProcessed() == 95);
      stats = mapping.stats();
      assertThat(settled).as("settled: %s", stats).isTrue();
    }

    List<Message> dead = receiveAll(queues.deadLetterQueueUrl(), 5);
    assertThat(dead)
        .extracting(Message::body)
        .containsExactlyInAnyOrderElementsOf(
            sent.poisonNumbers().stream().map(SqsLoadGenerator::poisonBody).toList());
    // ElasticMQ carries the count over: 3 receives from the queue, then this one.
    assertThat(dead)
        .allSatisfy(
            message ->
                assertThat(message.attributes())
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "4"));
    assertThat(stats.messagesProcessed()).isEqualTo(95);
    assertThat(stats.messagesFailed()).as("5 poison messages, 3 receives each").isEqualTo(15);
    assertThat(stats.messagesReceived()).isEqualTo(110);
    assertThat(stats.functionErrors()).isZero();
    assertThat(stats.throttles()).isZero();
    assertThat(stats.deleteFailures()).isZero();
    assertThat(stats.endToEndLatencyMillis().getTotalCount()).isEqualTo(95);
  }

  /**
   * Lambda's standard scaling (services-sqs-scaling) at a fifth of its rate: the mapping starts
   * with the ramp's initial concurrency, adds up to its rate a minute while messages wait, stops at
   * the maximum concurrency, and scales back to the initial concurrency when the queue is idle.
   * Time passes only on the mapping's ticker, so every step is exact.
   */
  @Test
  void backlog_rampsPollersUpAsTheTickerAdvances_toTheMaximumConcurrency_andBackWhenIdle() {
    QueuePair queues = queues("scaling", Duration.ofSeconds(30));
    SqsLoadGenerator.builder(sqs.client(), queues.queueUrl()).build().send(600);
    AtomicLong now = new AtomicLong();

    try (EventSourceMapping mapping =
        EventSourceMapping.builder(sqs.client(), queues.queueUrl(), lambda, SCALER)
            .qualifier(ALIAS)
            .batchSize(1)
            .maximumConcurrency(CONCURRENCY)
            .scalingInterval(Duration.ofMillis(100))
            .ramp(new ScalingRamp(1, 60))
            .ticker(now::get)
            .start()) {
      assertThat(eventually(BOUND, () -> mapping.stats().batches() >= 20))
          .as("started: %s", mapping.stats())
          .isTrue();
      EventSourceStats frozen = mapping.stats();
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      boolean second = eventually(BOUND, () -> mapping.stats().maxActivePollers() == 2);
      EventSourceStats oneSecond = mapping.stats();
      now.addAndGet(Duration.ofMinutes(1).toNanos());
      boolean maximum = eventually(BOUND, () -> mapping.stats().maxActivePollers() == CONCURRENCY);
      boolean processed = eventually(BOUND, () -> mapping.stats().messagesProcessed() == 600);
      boolean idle = eventually(BOUND, () -> mapping.stats().activePollers() == 1);
      EventSourceStats stats = mapping.stats();

      assertThat(frozen.maxActivePollers()).as("no time passed: the initial concurrency").isOne();
      assertThat(frozen.backlog())
          .allSatisfy(sample -> assertThat(sample.allowedConcurrency()).isOne());
      assertThat(second).as("one second at 60 a minute adds one: %s", oneSecond).isTrue();
      assertThat(oneSecond.maxActivePollers()).isEqualTo(2);
      assertThat(maximum).as("a minute later, the maximum: %s", stats).isTrue();
      assertThat(processed).as("processed: %s", stats).isTrue();
      assertThat(idle).as("scaled back to the initial concurrency: %s", stats).isTrue();
      assertThat(stats.backlog())
          .allSatisfy(
              sample -> {
                assertThat(sample.activePollers()).isBetween(1, CONCURRENCY);
                assertThat(sample.allowedConcurrency()).isBetween(1, CONCURRENCY);
              });
      assertThat(stats.messagesPerSecond()).isPositive();
    }
  }

  /** Lambda throttles invocations beyond reserved concurrency; the mapping does not go there. */
  @Test
  void reservedConcurrency_capsThePollers_soThatTheMappingIsNotThrottled() {
    QueuePair queues = queues("capped", Duration.ofSeconds(30));
    SqsLoadGenerator.builder(sqs.client(), queues.queueUrl()).build().send(100);

    try (EventSourceMapping mapping =
        labMapping(queues, "capped").ramp(new ScalingRamp(1, 1000)).start()) {
      assertThat(eventually(BOUND, () -> mapping.stats().messagesProcessed() == 100))
          .as("processed: %s", mapping.stats())
          .isTrue();
      EventSourceStats stats = mapping.stats();

      assertThat(stats.maxActivePollers()).isEqualTo(2);
      assertThat(stats.backlog())
          .allSatisfy(sample -> assertThat(sample.allowedConcurrency()).isLessThanOrEqualTo(2));
      assertThat(stats.throttles()).isZero();
    }
  }

  @Test
  void functionError_leavesTheWholeBatchInTheQueue() {
    QueuePair queues = queues("failing", Duration.ofSeconds(30));
    SqsLoadGenerator.builder(sqs.client(), queues.queueUrl()).build().send(10);

    EventSourceStats stats;
    try (EventSourceMapping mapping = labMapping(queues, "failing").start()) {
      assertThat(eventually(BOUND, () -> mapping.stats().messagesFailed() == 10))
          .as("failed: %s", mapping.stats())
          .isTrue();
      stats = mapping.stats();
    }

    assertThat(stats.functionErrors()).isPositive();
    assertThat(stats.messagesProcessed()).isZero();
    assertThat(stats.lastError())
        .hasValueSatisfying(error -> assertThat(error).contains("failing on purpose"));
    assertThat(messagesIn(sqs.client(), queues.queueUrl())).isEqualTo(10);
  }

  @Test
  void throttle_leavesTheWholeBatchInTheQueue() {
    QueuePair queues = queues("throttled", Duration.ofSeconds(30));
    SqsLoadGenerator.builder(sqs.client(), queues.queueUrl()).build().send(10);

    EventSourceStats stats;
    try (EventSourceMapping mapping = labMapping(queues, "throttled").start()) {
      assertThat(eventually(BOUND, () -> mapping.stats().messagesFailed() == 10))
          .as("failed: %s", mapping.stats())
          .isTrue();
      stats = mapping.stats();
    }

    assertThat(stats.throttles()).isPositive();
    assertThat(stats.messagesProcessed()).isZero();
    assertThat(messagesIn(sqs.client(), queues.queueUrl())).isEqualTo(10);
  }

  @Test
  void withoutReportBatchItemFailures_aSuccessfulInvocationDeletesTheWholeBatch() {
    QueuePair queues = queues("unreported", Duration.ofSeconds(30));
    SqsLoadGenerator.builder(sqs.client(), queues.queueUrl()).poisonMessages(1).build().send(10);

    try (EventSourceMapping mapping = mapping(queues, SCALER).qualifier(ALIAS).start()) {
      assertThat(eventually(BOUND, () -> mapping.stats().messagesProcessed() == 10))
          .as("processed: %s", mapping.stats())
          .isTrue();
      assertThat(mapping.stats().messagesFailed()).isZero();
    }

    assertThat(messagesIn(sqs.client(), queues.queueUrl())).isZero();
    assertThat(messagesIn(sqs.client(), queues.deadLetterQueueUrl())).isZero();
  }

  @Test
  void stop_letsTheBatchInFlightFinish() {
    QueuePair queues = queues("draining", Duration.ofSeconds(30));
    SqsLoadGenerator.builder(sqs.client(), queues.queueUrl()).build().send(1);
    EventSourceMapping mapping = labMapping(queues, "slow-scaler").start();
    assertThat(eventually(BOUND, () -> mapping.stats().batches() == 1)).isTrue();

    boolean drained = mapping.stop(BOUND);

    assertThat(drained).isTrue();
    assertThat(mapping.stats().messagesProcessed()).isEqualTo(1);
    assertThat(mapping.stats().activePollers()).isZero();
    assertThat(messagesIn(sqs.client(), queues.queueUrl())).isZero();
  }

  @Test
  void start_withAnUnknownFunction_failsAtOnce() {
    QueuePair queues = queues("nofunction", Duration.ofSeconds(30));

    assertThatThrownBy(() -> labMapping(queues, "missing").start())
        .isInstanceOf(LocalLambdaException.class)
        .satisfies(e -> assertThat(((LocalLambdaException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void start_rejectsABatchSizeAboveTenWithoutABatchingWindow() {
    QueuePair queues = queues("bigbatch", Duration.ofSeconds(30));
    EventSourceMapping.Builder builder =
        EventSourceMapping.builder(sqs.client(), queues.queueUrl(), lambda, SCALER).batchSize(11);

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "maximumBatchingWindow must be at least 1 second when batchSize is above 10,"
                + " batchSize was 11");
  }

  @Test
  void maximumConcurrency_rejectsOne() {
    assertThatThrownBy(
            () ->
                EventSourceMapping.builder(sqs.client(), "http://unused", lambda, SCALER)
                    .maximumConcurrency(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumConcurrency must be 2 to 1000, was 1");
  }

  @Test
  void maximumBatchingWindow_rejectsMoreThanFiveMinutes() {
    assertThatThrownBy(
            () ->
                EventSourceMapping.builder(sqs.client(), "http://unused", lambda, SCALER)
                    .maximumBatchingWindow(Duration.ofSeconds(301)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumBatchingWindow must be 0 to 300 whole seconds, was PT5M1S");
  }

  /** Receives until {@code count} messages came (each hidden for the queue's timeout), or 30 s. */
  private static List<Message> receiveAll(String queueUrl, int count) {
    List<Message> messages = new ArrayList<>();
    eventually(
        Duration.ofSeconds(30),
        () -> {
          messages.addAll(
              sqs.client()
                  .receiveMessage(
                      request ->
                          request
                              .queueUrl(queueUrl)
                              .maxNumberOfMessages(10)
                              .waitTimeSeconds(1)
                              .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                  .messages());
          return messages.size() >= count;
        });
    return messages;
  }
}
