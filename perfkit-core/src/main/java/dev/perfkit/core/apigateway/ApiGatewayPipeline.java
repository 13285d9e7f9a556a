package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.coldstart.InvocationStart;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.routing.ClientErrorException;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.routing.InvocationMetrics;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.routing.OperationException;
import dev.perfkit.core.routing.OperationRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Serves API Gateway proxy requests with an {@link OperationRouter}: reads the parameters from the
 * query string and the body (JSON text, base64 or, through {@link #handle(InputStream,
 * OutputStream, Context)}, a JSON object), routes them, and answers with the envelope {@code
 * {"result": ..., "performance": {...}}} or {@code {"error", "error_type", "execution_time_ms"}}.
 * Bad input is a 4xx naming the field; no exception escapes for it and no body ever carries a stack
 * trace. Each invocation writes one EMF document.
 *
 * <p>Build one per handler, when the handler is created; it is thread-safe.
 *
 * <pre>{@code
 * public class MyFunction
 *     implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
 *   private final ApiGatewayPipeline pipeline = ApiGatewayPipeline.builder(router).build();
 *
 *   public APIGatewayProxyResponseEvent handleRequest(
 *       APIGatewayProxyRequestEvent event, Context context) {
 *     return pipeline.handle(event, context);
 *   }
 * }
 * }</pre>
 */
public final class ApiGatewayPipeline {

  /** The variable naming the EMF namespace of {@link #standardEmitter}. */
  public static final String NAMESPACE_VARIABLE = "PERFKIT_NAMESPACE";

  /** The EMF namespace when {@value #NAMESPACE_VARIABLE} is unset. */
  public static final String DEFAULT_NAMESPACE = "HighPerformance";

  /** The variable Lambda sets to the function's name, used when there is no Lambda context. */
  public static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

  /** The variable Lambda sets to the function's memory in MB, used when there is no context. */
  public static final String MEMORY_SIZE_VARIABLE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

  /** The function name outside Lambda, when {@value #FUNCTION_NAME_VARIABLE} is unset. */
  public static final String LOCAL_FUNCTION_NAME = "perfkit-local";

  /** The deadline of an invocation without a Lambda context: Lambda's longest timeout. */
  public static final Duration DEFAULT_TIMEOUT_WITHOUT_CONTEXT = Duration.ofMinutes(15);

  private static final System.Logger LOG = System.getLogger(ApiGatewayPipeline.class.getName());
  private static final String CONTENT_TYPE = "Content-Type";
  private static final String APPLICATION_JSON = "application/json";
  private static final int MAX_MESSAGE_LENGTH = 300;
  private static final double BYTES_PER_MB = 1024.0 * 1024.0;

  private final OperationRouter router;
  private final ObjectMapper mapper;
  private final RequestReader reader;
  private final MetricsEmitter metrics;
  private final ColdStartTracker coldStarts;
  private final LongSupplier nanoTicker;
  private final LongSupplier residentMemoryBytes;
  private final Duration timeoutWithoutContext;
  private final String functionNameWithoutContext;
  private final Integer memoryLimitWithoutContext;

  private ApiGatewayPipeline(Builder builder) {
    Environment environment =
        builder.environment == null ? Environment.system() : builder.environment;
    this.router = builder.router;
    this.mapper = router.objectMapper();
    this.reader = new RequestReader(mapper);
    this.metrics =
        builder.metrics == null
            ? standardEmitter(environment, MetricsSink.stdout())
            : builder.metrics;
    this.coldStarts = builder.coldStarts == null ? ColdStartTracker.shared() : builder.coldStarts;
    this.nanoTicker = builder.nanoTicker == null ? System::nanoTime : builder.nanoTicker;
    this.residentMemoryBytes =
        builder.residentMemoryBytes == null ? ResidentMemory::bytes : builder.residentMemoryBytes;
    this.timeoutWithoutContext =
        builder.timeoutWithoutContext == null
            ? DEFAULT_TIMEOUT_WITHOUT_CONTEXT
            : builder.timeoutWithoutContext;
    this.functionNameWithoutContext =
        environment.getOrDefault(FUNCTION_NAME_VARIABLE, LOCAL_FUNCTION_NAME);
    this.memoryLimitWithoutContext =
        environment.get(MEMORY_SIZE_VARIABLE).map(ApiGatewayPipeline::parseMegabytes).orElse(null);
    requireDimensions(metrics);
  }

  /** A builder around {@code router}. */
  public static Builder builder(OperationRouter router) {
    return new Builder(Objects.requireNonNull(router, "router"));
  }

  /**
   * The emitter the pipeline uses unless given another: namespace from {@value #NAMESPACE_VARIABLE}
   * (default {@value #DEFAULT_NAMESPACE}), metrics by {@code FunctionName} and by {@code
   * FunctionName} + {@code Operation}, documents to {@code sink}.
   */
  public static MetricsEmitter standardEmitter(Environment environment, MetricsSink sink) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(sink, "sink");
    return MetricsEmitter.builder()
        .namespace(environment.getOrDefault(NAMESPACE_VARIABLE, DEFAULT_NAMESPACE))
        .dimensionSet(InvocationMetrics.FUNCTION_NAME)
        .dimensionSet(InvocationMetrics.FUNCTION_NAME, InvocationMetrics.OPERATION)
        .sink(sink)
        .build();
  }

  /**
   * Serves one request event.
   *
   * @param event the API Gateway proxy event; null is answered with a 400
   * @param context the Lambda context, or null outside Lambda
   */
  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
    Answer answer =
        invoke(
            () -> {
              if (event == null) {
                throw malformed("The request event is missing");
              }
              return reader.read(
                  event.getBody(),
                  Boolean.TRUE.equals(event.getIsBase64Encoded()),
                  event.getQueryStringParameters());
            },
            context);
    Map<String, String> headers = new HashMap<>();
    headers.put(CONTENT_TYPE, APPLICATION_JSON);
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(answer.statusCode())
        .withHeaders(headers)
        .withIsBase64Encoded(false)
        .withBody(answer.body());
  }

  /**
   * Serves one request event read as JSON from {@code input}, writing the response event to {@code
   * output}: for {@code RequestStreamHandler}s, and for callers whose event carries the body as a
   * JSON object rather than a string.
   *
   * @throws IOException when {@code input} cannot be read or {@code output} written; malformed JSON
   *     is answered with a 400 instead
   */
  public void handle(InputStream input, OutputStream output, Context context) throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    byte[] event = input.readAllBytes();
    Answer answer = invoke(() -> readStreamEvent(event), context);
    try (JsonGenerator json = mapper.getFactory().createGenerator(output)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeNumberField("statusCode", answer.statusCode());
      json.writeObjectFieldStart("headers");
      json.writeStringField(CONTENT_TYPE, APPLICATION_JSON);
      json.writeEndObject();
      json.writeStringField("body", answer.body());
      json.writeBooleanField("isBase64Encoded", false);
      json.writeEndObject();
    }
    output.flush();
  }

  private ObjectNode readStreamEvent(byte[] event) {
    JsonNode tree;
    try {
      tree = mapper.readTree(event);
    } catch (IOException e) {
      throw malformed(
          "The request event is not JSON: "
              + firstLine(
                  e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw malformed("The request event must be a JSON object");
    }
    JsonNode body = tree.get("body");
    Map<String, String> query = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> parameter : tree.path("queryStringParameters").properties()) {
      if (!parameter.getValue().isNull()) {
        query.put(parameter.getKey(), parameter.getValue().asText());
      }
    }
    return reader.read(
        body == null || body.isNull() ? null : body,
        tree.path("isBase64Encoded").asBoolean(false),
        query);
  }

  private Answer invoke(Supplier<ObjectNode> source, Context context) {
    long start = nanoTicker.getAsLong();
    Deadline deadline = Deadline.after(budget(context), nanoTicker);
    InvocationStart invocationStart = coldStarts.onInvocation();
    Integer memoryLimitMb = memoryLimitMb(context);
    MetricsScope scope = metrics.newScope();
    try {
      return answer(
          source, context, scope, new Timing(start, deadline), invocationStart, memoryLimitMb);
    } finally {
      flush(scope);
    }
  }

  private Answer answer(
      Supplier<ObjectNode> source,
      Context context,
      MetricsScope scope,
      Timing timing,
      InvocationStart invocationStart,
      Integer memoryLimitMb) {
    boolean routerRecordsOutcome = false;
    try {
      describe(scope, context, invocationStart, memoryLimitMb);
      ObjectNode request = source.get();
      Optional<String> operation = router.operationOf(request);
      operation.ifPresent(name -> scope.dimension(InvocationMetrics.OPERATION, name));
      routerRecordsOutcome = true;
      Object result = router.route(request, OperationContext.of(scope, context, timing.deadline()));
      routerRecordsOutcome = false;
      // Serialised before the measures are taken, so that a result Jackson cannot write is a 500
      // measured once, not a 200 cut short.
      String resultJson = mapper.writeValueAsString(result);
      Measures measures = measure(scope, timing, memoryLimitMb);
      Performance performance =
          new Performance(
              measures.executionTimeMs(),
              measures.remainingTimeMs(),
              invocationStart.isColdStart(),
              invocationStart.initializationType(),
              invocationStart.isColdStart() ? millis(invocationStart.initDuration()) : null,
              memoryLimitMb,
              measures.memoryUtilizationPercent());
      return new Answer(200, mapper.writeValueAsString(new SuccessBody(resultJson, performance)));
    } catch (Exception e) {
      return failure(e, routerRecordsOutcome, scope, context, timing, memoryLimitMb);
    }
  }

  private Answer failure(
      Exception failure,
      boolean recordedByRouter,
      MetricsScope scope,
      Context context,
      Timing timing,
      Integer memoryLimitMb) {
    int statusCode;
    String errorType;
    String message;
    String field = null;
    if (failure instanceof OperationException expected) {
      statusCode = expected.statusCode();
      errorType = expected.errorType();
      message = expected.getMessage();
      field = expected.field().orElse(null);
      if (statusCode >= 500) {
        LOG.log(
            Level.WARNING,
            "Request "
                + requestId(context)
                + " answered "
                + statusCode
                + " "
                + errorType
                + ": "
                + message);
      }
    } else {
      statusCode = 500;
      errorType = OperationRouter.errorTypeOf(failure);
      message = safeMessage(failure);
      LOG.log(Level.ERROR, "Request " + requestId(context) + " failed with " + errorType, failure);
    }
    Measures measures = null;
    try {
      if (!recordedByRouter) {
        InvocationMetrics.recordError(scope, errorType);
      }
      measures = measure(scope, timing, memoryLimitMb);
    } catch (RuntimeException metricsFailure) {
      LOG.log(Level.WARNING, "Could not record the metrics of a failed invocation", metricsFailure);
    }
    double executionTimeMs = measures == null ? elapsedMillis(timing) : measures.executionTimeMs();
    ErrorBody body = new ErrorBody(message, errorType, field, executionTimeMs);
    try {
      return new Answer(statusCode, mapper.writeValueAsString(body));
    } catch (JacksonException e) {
      throw new IllegalStateException("Cannot write an error body of strings and a number", e);
    }
  }

  private void describe(
      MetricsScope scope, Context context, InvocationStart invocationStart, Integer memoryLimitMb) {
    scope.dimension(InvocationMetrics.FUNCTION_NAME, functionName(context));
    scope.dimension(InvocationMetrics.OPERATION, InvocationMetrics.UNRESOLVED_OPERATION);
    if (context != null && context.getAwsRequestId() != null) {
      scope.property(InvocationMetrics.REQUEST_ID, context.getAwsRequestId());
    }
    scope.property(InvocationMetrics.COLD_START, invocationStart.isColdStart());
    scope.property(InvocationMetrics.INIT_TYPE, invocationStart.initializationType());
    if (memoryLimitMb != null) {
      scope.property(InvocationMetrics.MEMORY_SIZE, memoryLimitMb.longValue());
    }
    if (invocationStart.isColdStart()) {
      scope.put(InvocationMetrics.COLD_STARTS, 1, MetricUnit.COUNT);
    }
  }

  private Measures measure(MetricsScope scope, Timing timing, Integer memoryLimitMb) {
    double executionTimeMs = elapsedMillis(timing);
    long remainingTimeMs = timing.deadline().remainingMillis();
    Double utilization =
        memoryLimitMb == null
            ? null
            : round2(100.0 * residentMemoryBytes.getAsLong() / (memoryLimitMb * BYTES_PER_MB));
    scope.put(InvocationMetrics.EXECUTION_TIME, executionTimeMs, MetricUnit.MILLISECONDS);
    scope.put(InvocationMetrics.REMAINING_TIME, remainingTimeMs, MetricUnit.MILLISECONDS);
    if (utilization != null) {
      scope.put(InvocationMetrics.MEMORY_UTILIZATION, utilization, MetricUnit.PERCENT);
    }
    return new Measures(executionTimeMs, remainingTimeMs, utilization);
  }

  private double elapsedMillis(Timing timing) {
    return round2((nanoTicker.getAsLong() - timing.startNanos()) / 1_000_000.0);
  }

  private static void flush(MetricsScope scope) {
    try {
      scope.flush();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not write the invocation's EMF document", e);
    }
  }

  private static String requestId(Context context) {
    return context == null ? "(no context)" : context.getAwsRequestId();
  }

  private String functionName(Context context) {
    if (context != null
        && context.getFunctionName() != null
        && !context.getFunctionName().isBlank()) {
      return context.getFunctionName();
    }
    return functionNameWithoutContext;
  }

  private Integer memoryLimitMb(Context context) {
    if (context != null && context.getMemoryLimitInMB() > 0) {
      return context.getMemoryLimitInMB();
    }
    return memoryLimitWithoutContext;
  }

  private Duration budget(Context context) {
    return context == null
        ? timeoutWithoutContext
        : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
  }

  private static Integer parseMegabytes(String value) {
    try {
      int megabytes = Integer.parseInt(value.strip());
      if (megabytes > 0) {
        return megabytes;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed values
    }
    throw new IllegalArgumentException(
        MEMORY_SIZE_VARIABLE + " must be a positive whole number of MB, got '" + value + "'");
  }

  private static void requireDimensions(MetricsEmitter emitter) {
    List<String> needed = List.of(InvocationMetrics.FUNCTION_NAME, InvocationMetrics.OPERATION);
    for (String key : needed) {
      if (emitter.dimensionSets().stream().noneMatch(set -> set.contains(key))) {
        throw new IllegalArgumentException(
            "the metrics emitter must have '"
                + key
                + "' in a dimension set (the pipeline sets "
                + needed
                + "); its sets: "
                + emitter.dimensionSets());
      }
    }
  }

  private static ClientErrorException malformed(String message) {
    return new ClientErrorException(400, ClientErrorException.MALFORMED_REQUEST, null, message);
  }

  private static String safeMessage(Throwable failure) {
    String message = firstLine(failure.getMessage());
    if (message == null || message.isBlank()) {
      return "Internal error (" + OperationRouter.errorTypeOf(failure) + ")";
    }
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return null;
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static double millis(Duration duration) {
    return round2(duration.toNanos() / 1_000_000.0);
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }

  private record Answer(int statusCode, String body) {}

  private record Timing(long startNanos, Deadline deadline) {}

  private record Measures(
      double executionTimeMs, long remainingTimeMs, Double memoryUtilizationPercent) {}

  /** Configures an {@link ApiGatewayPipeline}; each option may be set once. */
  public static final class Builder {
    private final OperationRouter router;
    private Environment environment;
    private MetricsEmitter metrics;
    private ColdStartTracker coldStarts;
    private LongSupplier nanoTicker;
    private LongSupplier residentMemoryBytes;
    private Duration timeoutWithoutContext;

    private Builder(OperationRouter router) {
      this.router = router;
    }

    /** Where the variables are read; the process environment by default. */
    public Builder environment(Environment environment) {
      this.environment = once(this.environment, environment, "environment");
      return this;
    }

    /**
     * The emitter of the invocation documents; {@link #standardEmitter} to standard output by
     * default. Its dimension sets must name {@code FunctionName} and {@code Operation}.
     */
    public Builder metrics(MetricsEmitter metrics) {
      this.metrics = once(this.metrics, metrics, "metrics");
      return this;
    }

    /**
     * The execution environment's cold-start tracker; {@link ColdStartTracker#shared()} by default.
     */
    public Builder coldStarts(ColdStartTracker coldStarts) {
      this.coldStarts = once(this.coldStarts, coldStarts, "coldStarts");
      return this;
    }

    /** The ticker of execution times and deadlines; {@code System::nanoTime} by default. */
    public Builder nanoTicker(LongSupplier nanoTicker) {
      this.nanoTicker = once(this.nanoTicker, nanoTicker, "nanoTicker");
      return this;
    }

    /**
     * The process's resident memory in bytes; {@code VmRSS} of {@code /proc/self/status} by
     * default.
     */
    public Builder residentMemoryBytes(LongSupplier residentMemoryBytes) {
      this.residentMemoryBytes =
          once(this.residentMemoryBytes, residentMemoryBytes, "residentMemoryBytes");
      return this;
    }

    /**
     * The deadline of invocations without a Lambda context; {@link
     * #DEFAULT_TIMEOUT_WITHOUT_CONTEXT} by default.
     */
    public Builder timeoutWithoutContext(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeoutWithoutContext =
          once(this.timeoutWithoutContext, timeout, "timeoutWithoutContext");
      return this;
    }

    /**
     * The pipeline.
     *
     * @throws IllegalArgumentException when the emitter lacks a dimension the pipeline sets, or
     *     {@value #MEMORY_SIZE_VARIABLE} is not a positive number
     */
    public ApiGatewayPipeline build() {
      return new ApiGatewayPipeline(this);
    }

    private static <T> T once(T current, T value, String name) {
      Objects.requireNonNull(value, name);
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
      return value;
    }
  }
}
