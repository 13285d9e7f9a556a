package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.Preconditions;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.time.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Serves API Gateway proxy requests with an {@link OperationRouter}: reads the parameters from the
 * query string and the body (JSON text, base64 or, through {@link #handle(InputStream,
 * OutputStream, Context)}, a JSON object), routes them, and answers with the envelope {@code
 * {"result": ..., "performance": {...}}} or {@code {"error", "error_type", "execution_time_ms"}}.
 * Bad input is a 4xx naming the field; no exception escapes for it and no body ever carries a stack
 * trace. An {@link dev.perfkit.core.routing.OperationException}'s message is answered as it is; any
 * other exception is a 500 {@code {"error": "Internal server error", "error_type": "InternalError",
 * "request_id": ...}}, its class, message and stack trace only in the log. Each invocation writes
 * one EMF document.
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

  /**
   * The variable that switches the pipeline's metrics off: {@code true} writes no EMF document,
   * neither the built-in metrics nor the operations' own; {@code false} (the default) writes them.
   */
  public static final String METRICS_DISABLED_VARIABLE = "PERFKIT_METRICS_DISABLED";

  /** The variable Lambda sets to the function's name, used when there is no Lambda context. */
  public static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

  /** The variable Lambda sets to the function's memory in MB, used when there is no context. */
  public static final String MEMORY_SIZE_VARIABLE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

  /** The function name outside Lambda, when {@value #FUNCTION_NAME_VARIABLE} is unset. */
  public static final String LOCAL_FUNCTION_NAME = "perfkit-local";

  /** The deadline of an invocation without a Lambda context: Lambda's longest timeout. */
  public static final Duration DEFAULT_TIMEOUT_WITHOUT_CONTEXT = Duration.ofMinutes(15);

  private final ObjectMapper mapper;
  private final ProxyEventCodec codec;
  private final Routes routes;
  private final InvocationRecorder recorder;
  private final Builder settings;

  private ApiGatewayPipeline(Builder builder) {
    this.settings = builder;
    Environment environment =
        builder.environment == null ? Environment.system() : builder.environment;
    this.mapper = builder.mapper == null ? defaultObjectMapper() : builder.mapper;
    this.codec = new ProxyEventCodec(mapper);
    this.routes = new Routes(builder.router, mapper);
    this.recorder =
        new InvocationRecorder(
            builder.metrics == null
                ? standardEmitter(environment, MetricsSink.stdout())
                : builder.metrics,
            builder.builtInMetrics == null
                ? EnumSet.allOf(BuiltInMetric.class)
                : builder.builtInMetrics,
            metricsDisabled(environment),
            builder.coldStarts == null ? ColdStartTracker.shared() : builder.coldStarts,
            builder.ticker == null ? Ticker.system() : builder.ticker,
            builder.residentMemoryBytes == null
                ? ResidentMemory::bytes
                : builder.residentMemoryBytes,
            new LambdaSettings(
                environment,
                builder.timeoutWithoutContext == null
                    ? DEFAULT_TIMEOUT_WITHOUT_CONTEXT
                    : builder.timeoutWithoutContext));
  }

  private static boolean metricsDisabled(Environment environment) {
    String value = environment.getOrDefault(METRICS_DISABLED_VARIABLE, "false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(
          METRICS_DISABLED_VARIABLE + " must be true or false, got '" + value + "'");
    }
    return value.equals("true");
  }

  /**
   * A builder around {@code router}.
   *
   * @param router the operations to serve
   * @return the builder
   */
  public static Builder builder(OperationRouter router) {
    return new Builder(Objects.requireNonNull(router, "router"));
  }

  /**
   * The emitter the pipeline uses unless given another: namespace from {@value #NAMESPACE_VARIABLE}
   * (default {@value #DEFAULT_NAMESPACE}), metrics by {@code FunctionName} and by {@code
   * FunctionName} + {@code Operation}, documents to {@code sink}.
   *
   * @param environment where the namespace variable is read
   * @param sink where the documents go
   * @return the emitter
   */
  public static MetricsEmitter standardEmitter(Environment environment, MetricsSink sink) {
    return InvocationRecorder.standardEmitter(environment, sink);
  }

  /**
   * A new mapper as the pipeline uses by default: unknown properties ignored, and a value binds
   * only to a field of its own JSON type, so that each of these is a 400 naming the field: a number
   * or boolean for a string, a string (even of digits) for a number or boolean, a fraction for an
   * integer, a number for an enum, an enum name with white space around it, an empty string, a
   * missing or null primitive of a record. Query string parameters are text: those of number and
   * boolean fields are converted when they are ASCII decimals, {@code true} or {@code false}.
   *
   * @return the mapper
   */
  public static ObjectMapper defaultObjectMapper() {
    return StrictMapper.create();
  }

  /**
   * Serves one request event.
   *
   * @param event the API Gateway proxy event; null is answered with a 400
   * @param context the Lambda context, or null outside Lambda
   * @return the response event
   */
  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
    return codec.responseEvent(invoke(() -> codec.read(event), context));
  }

  /**
   * Serves one request event read as JSON from {@code input}, writing the response event to {@code
   * output}: for {@code RequestStreamHandler}s, and for callers whose event carries the body as a
   * JSON object rather than a string.
   *
   * @param input the event, as JSON
   * @param output where the response event is written, as JSON
   * @param context the Lambda context, or null outside Lambda
   * @throws IOException when {@code input} cannot be read or {@code output} written; malformed JSON
   *     is answered with a 400 instead
   */
  public void handle(InputStream input, OutputStream output, Context context) throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    byte[] event = input.readAllBytes();
    codec.write(invoke(() -> codec.read(event), context), output);
  }

  /**
   * Serves {@code event} as {@link #handle(APIGatewayProxyRequestEvent, Context)} does (binding,
   * routing, the operation, the answer, the EMF document) without touching this pipeline's metrics
   * or cold-start tracker: the document is dropped, and the first real invocation still reports
   * {@code cold_start: true} and {@code ColdStarts}. Call it while the function initialises (in the
   * handler's constructor): with SnapStart the warmed code is in the snapshot, with provisioned
   * concurrency it is warm before the first request. The operation runs for real: pick one with no
   * side effect.
   *
   * @param event a request the function serves, e.g. {@code new
   *     APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody("{...}")}
   * @return the answer to {@code event}
   * @throws IllegalStateException when the answer is not a 2xx (the priming request is wrong)
   */
  public APIGatewayProxyResponseEvent prime(APIGatewayProxyRequestEvent event) {
    return Priming.run(settings.forPriming(mapper), event);
  }

  private ProxyEventCodec.Answer invoke(Supplier<ObjectNode> request, Context context) {
    InvocationRecorder.Invocation invocation = recorder.start(context);
    try {
      return answer(request, invocation, context);
    } finally {
      invocation.flush();
    }
  }

  private ProxyEventCodec.Answer answer(
      Supplier<ObjectNode> request, InvocationRecorder.Invocation invocation, Context context) {
    Exception failure;
    try {
      invocation.describe();
      RouteOutcome outcome = invocation.route(routes, request.get());
      if (outcome.succeeded()) {
        // Written before the outcome is recorded, so that a result Jackson cannot write is one
        // error, measured once, not a success and an error.
        String resultJson = mapper.writeValueAsString(outcome.result());
        return codec.success(resultJson, invocation.succeeded());
      }
      failure = outcome.failure();
    } catch (Exception e) {
      failure = e;
    }
    Failure answer = Failure.of(failure, context);
    return codec.error(answer, invocation.failed(answer.recordedType()));
  }

  /** Configures an {@link ApiGatewayPipeline}; each option may be set once. */
  public static final class Builder {
    private final OperationRouter router;
    private Environment environment;
    private MetricsEmitter metrics;
    private Set<BuiltInMetric> builtInMetrics;
    private ColdStartTracker coldStarts;
    private Ticker ticker;
    private LongSupplier residentMemoryBytes;
    private Duration timeoutWithoutContext;
    private ObjectMapper mapper;

    private Builder(OperationRouter router) {
      this.router = router;
    }

    /**
     * Where the variables are read; the process environment by default.
     *
     * @param environment the environment
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder environment(Environment environment) {
      this.environment = Preconditions.setOnce("environment", this.environment, environment);
      return this;
    }

    /**
     * The emitter of the invocation documents; {@link #standardEmitter} to standard output by
     * default. Its dimension sets must name {@code FunctionName} and {@code Operation}.
     *
     * @param metrics the emitter
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder metrics(MetricsEmitter metrics) {
      this.metrics = Preconditions.setOnce("metrics", this.metrics, metrics);
      return this;
    }

    /**
     * The built-in metrics each invocation's document carries; all of them by default. The
     * operations' own metrics and the properties are written whatever the selection; {@value
     * #METRICS_DISABLED_VARIABLE}{@code =true} switches every metric off.
     *
     * @param metrics the metrics to write, e.g. {@code EnumSet.of(BuiltInMetric.ERRORS)}; empty for
     *     none
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder builtInMetrics(Set<BuiltInMetric> metrics) {
      Objects.requireNonNull(metrics, "metrics");
      this.builtInMetrics =
          Preconditions.setOnce(
              "builtInMetrics",
              this.builtInMetrics,
              metrics.isEmpty() ? EnumSet.noneOf(BuiltInMetric.class) : EnumSet.copyOf(metrics));
      return this;
    }

    /**
     * The execution environment's cold-start tracker; {@link ColdStartTracker#shared()} by default.
     *
     * @param coldStarts the tracker
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder coldStarts(ColdStartTracker coldStarts) {
      this.coldStarts = Preconditions.setOnce("coldStarts", this.coldStarts, coldStarts);
      return this;
    }

    /**
     * The ticker of execution and operation times and deadlines; {@link Ticker#system()} by
     * default.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Preconditions.setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * The process's resident memory in bytes; {@code VmRSS} of {@code /proc/self/status} by
     * default.
     *
     * @param residentMemoryBytes reads the resident memory
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder residentMemoryBytes(LongSupplier residentMemoryBytes) {
      this.residentMemoryBytes =
          Preconditions.setOnce(
              "residentMemoryBytes", this.residentMemoryBytes, residentMemoryBytes);
      return this;
    }

    /**
     * The deadline of invocations without a Lambda context; {@link
     * #DEFAULT_TIMEOUT_WITHOUT_CONTEXT} by default.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is not positive
     * @throws IllegalStateException when it was already set
     */
    public Builder timeoutWithoutContext(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeoutWithoutContext =
          Preconditions.setOnce("timeoutWithoutContext", this.timeoutWithoutContext, timeout);
      return this;
    }

    /**
     * The mapper that reads requests, binds the operations' parameters and writes the answers; a
     * {@link #defaultObjectMapper()} by default. Unknown fields are ignored and floats are not
     * truncated to integers whatever its settings.
     *
     * @param mapper the mapper; the pipeline does not reconfigure it
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = Preconditions.setOnce("objectMapper", this.mapper, mapper);
      return this;
    }

    /**
     * The pipeline.
     *
     * @return the pipeline
     * @throws IllegalArgumentException when the emitter lacks a dimension the pipeline sets,
     *     {@value #MEMORY_SIZE_VARIABLE} is not a positive number, or {@value
     *     #METRICS_DISABLED_VARIABLE} is neither {@code true} nor {@code false}
     * @throws dev.perfkit.core.routing.ConfigurationException when the mapper cannot bind an
     *     operation's parameter type from a JSON object, naming the operation and the type
     */
    public ApiGatewayPipeline build() {
      return new ApiGatewayPipeline(this);
    }

    /**
     * These settings, with the silent emitter and own cold-start tracker of {@link Priming}, and
     * the pipeline's {@code mapper}, so that priming fills the caches of the mapper that serves.
     */
    Builder forPriming(ObjectMapper pipelineMapper) {
      Builder copy = new Builder(router);
      Environment env = environment == null ? Environment.system() : environment;
      copy.environment = env;
      copy.metrics =
          metrics == null ? standardEmitter(env, Priming.DISCARD) : Priming.silent(metrics);
      copy.coldStarts = Priming.ownColdStarts(env);
      copy.ticker = ticker;
      copy.residentMemoryBytes = residentMemoryBytes;
      copy.timeoutWithoutContext = timeoutWithoutContext;
      copy.mapper = pipelineMapper;
      return copy;
    }
  }
}
