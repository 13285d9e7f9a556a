package dev.perfkit.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.batch.BatchResult;
import dev.perfkit.core.batch.BatchStatistics;
import dev.perfkit.core.batch.MessageFailure;
import dev.perfkit.core.batch.SqsBatchProcessor;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.coldstart.InvocationStart;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The lab's SQS processor ({@code sqs_scaler.py}) for an event source mapping with {@code
 * ReportBatchItemFailures}. Handler string: {@code dev.perfkit.handlers.SqsScaler::handleRequest}.
 *
 * <p>Each message's body must be a JSON object; it is processed (simulated work, 10 ms by default)
 * and logged as {@code Processed message: <id>}, its body's {@code id} or {@code unknown}. A body
 * that is not a JSON object, or whose work fails, puts the message's {@code messageId} in {@code
 * batchItemFailures}; the others succeed. Standard queues run in parallel on a bounded pool; FIFO
 * queues in order, stopping at the first failure and reporting it and every later message.
 *
 * <p>A malformed event fails the invocation with an {@link IllegalArgumentException} that names the
 * field and carries no stack trace: {@code Records} missing or null, a null record, or a failed
 * message without a {@code messageId} (Lambda treats a null or empty {@code itemIdentifier} as a
 * failure of the whole batch, so the whole batch is failed explicitly, and retried). A message
 * without a body is a failed message like any other body that is not a JSON object.
 *
 * <p>Each batch writes one EMF document, dimension {@code FunctionName}: {@value
 * #MESSAGES_PROCESSED}, {@value #MESSAGES_FAILED} (every reported message), {@value #BATCH_TIME}
 * and {@value #MESSAGES_PER_SECOND}, with properties {@code RequestId}, {@code ColdStart}, {@code
 * MessagesReceived} and {@code MessagesSkipped}. Message bodies, attributes and receipt handles are
 * never logged.
 *
 * <p>Configuration: see {@link SqsScalerConfig#fromEnvironment} for the environment variables.
 */
public final class SqsScaler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** Messages that succeeded in a batch (Count). */
  public static final String MESSAGES_PROCESSED = "SqsMessagesProcessed";

  /** Messages reported in {@code batchItemFailures}: failed, or skipped on FIFO (Count). */
  public static final String MESSAGES_FAILED = "SqsMessagesFailed";

  /** Wall time of a batch (Milliseconds). */
  public static final String BATCH_TIME = "SqsBatchTime";

  /** Messages attempted per second of batch time (Count/Second). */
  public static final String MESSAGES_PER_SECOND = "SqsMessagesPerSecond";

  /** The dimension of every metric. */
  public static final String FUNCTION_NAME = "FunctionName";

  // Trailing tokens fail, as Python's json.loads does: "{}}" is not one JSON object.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final int MAX_LOGGED_ID_LENGTH = 256;

  private final Duration workPerMessage;
  private final Sleeper sleeper;
  private final Executor executor;
  private final Ticker ticker;
  private final Optional<String> functionName;
  private final ColdStartTracker coldStarts;
  private final MetricsEmitter metrics;

  /** What Lambda calls: configured by {@link SqsScalerConfig#fromEnvironment} on the process. */
  public SqsScaler() {
    this(SqsScalerConfig.fromEnvironment(Environment.system()));
  }

  /**
   * A handler configured by {@code config}, e.g. for tests and embedding code.
   *
   * @param config what it runs with
   */
  public SqsScaler(SqsScalerConfig config) {
    Objects.requireNonNull(config, "config");
    this.workPerMessage = config.workPerMessage();
    this.sleeper = config.sleeper();
    this.executor = config.executor();
    this.ticker = config.ticker();
    this.functionName = config.functionName();
    this.coldStarts = config.coldStarts();
    this.metrics =
        MetricsEmitter.builder()
            .namespace(config.namespace())
            .dimensionSet(FUNCTION_NAME)
            .sink(config.sink())
            .clock(config.clock())
            .build();
  }

  /**
   * Processes the batch and returns exactly the messages SQS must deliver again.
   *
   * @throws IllegalArgumentException without a stack trace, naming the field, when the event has no
   *     {@code Records} list or a null record, or when a failed message has no {@code messageId}:
   *     the invocation fails and Lambda retries the whole batch
   */
  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    InvocationStart start = coldStarts.onInvocation();
    LambdaLogger logger = context.getLogger();
    BatchResult result;
    try {
      result =
          SqsBatchProcessor.builder(message -> process(message, logger))
              .executor(executor)
              .ticker(ticker)
              .build()
              .process(event);
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException(e.getMessage());
    }
    for (MessageFailure failure : result.failures()) {
      logger.log(describe(failure) + "\n");
    }
    emit(result.statistics(), start, context);
    return result.response();
  }

  private void process(SQSMessage message, LambdaLogger logger) throws InterruptedException {
    JsonNode body = parse(message.getBody());
    // Stands in for the message's real I/O (a write, a call), as the lab's time.sleep(0.01): a
    // blocked thread, unlike a busy loop, leaves the CPU to the other messages.
    sleeper.sleep(workPerMessage);
    logger.log("Processed message: " + loggable(body.get("id")) + "\n");
  }

  private static JsonNode parse(String body) {
    if (body == null) {
      throw new IllegalArgumentException("body is missing, expected a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the offending text: only its position is reported.
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          "body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "body must be a JSON object, was "
              + (node.isMissingNode()
                  ? "empty"
                  : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return node;
  }

  /** The body's id as the lab prints it, without control characters that could forge lines. */
  private static String loggable(JsonNode id) {
    if (id == null || id.isNull()) {
      return "unknown";
    }
    String text = id.isTextual() ? id.textValue() : id.toString();
    if (text.length() > MAX_LOGGED_ID_LENGTH) {
      text = text.substring(0, MAX_LOGGED_ID_LENGTH) + "...";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }

  private static String describe(MessageFailure failure) {
    if (failure.skipped()) {
      return "Not processed: "
          + failure.messageId()
          + " (after an earlier failure in this FIFO"
          + " batch, or interrupted), reported for redelivery";
    }
    Throwable cause = failure.cause();
    String why =
        cause instanceof IllegalArgumentException
            ? cause.getMessage()
            : cause instanceof InterruptedException
                ? "interrupted before its work finished"
                : cause.getClass().getName();
    return "Failed message: " + failure.messageId() + " (" + why + "), reported for redelivery";
  }

  private void emit(BatchStatistics statistics, InvocationStart start, Context context) {
    MetricsScope scope =
        metrics
            .newScope()
            .dimension(FUNCTION_NAME, functionName.orElseGet(() -> contextFunctionName(context)))
            .property("ColdStart", start.isColdStart())
            .property("MessagesReceived", statistics.received())
            .property("MessagesSkipped", statistics.skipped())
            .put(MESSAGES_PROCESSED, statistics.succeeded(), MetricUnit.COUNT)
            .put(MESSAGES_FAILED, statistics.failed() + statistics.skipped(), MetricUnit.COUNT)
            .put(BATCH_TIME, statistics.batchTime().toNanos() / 1e6, MetricUnit.MILLISECONDS)
            .put(MESSAGES_PER_SECOND, statistics.messagesPerSecond(), MetricUnit.COUNT_PER_SECOND);
    if (context.getAwsRequestId() != null) {
      scope.property("RequestId", context.getAwsRequestId());
    }
    try {
      scope.flush();
    } catch (UncheckedIOException e) {
      // The batch's outcome stands: failing the invocation would redeliver messages that succeeded.
      context.getLogger().log("Metrics not written: " + e.getCause() + "\n");
    }
  }

  private static String contextFunctionName(Context context) {
    String name = context.getFunctionName();
    return name == null || name.isBlank() ? "unknown" : name;
  }
}
