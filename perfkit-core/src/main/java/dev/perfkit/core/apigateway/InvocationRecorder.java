package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.coldstart.InvocationStart;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.routing.InvocationMetrics;
import dev.perfkit.core.routing.Operation;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The one owner of the standard metrics of every invocation ({@link InvocationMetrics}): each
 * {@link Invocation} it starts writes its dimensions, properties, cold start, operation time,
 * outcome and measures once, into one EMF document.
 */
final class InvocationRecorder {

  private static final System.Logger LOG = System.getLogger(ApiGatewayPipeline.class.getName());
  private static final double BYTES_PER_MB = 1024.0 * 1024.0;

  private static final List<String> DIMENSIONS =
      List.of(InvocationMetrics.FUNCTION_NAME, InvocationMetrics.OPERATION);

  private final MetricsEmitter emitter;
  private final Set<BuiltInMetric> builtIns;
  private final boolean metricsDisabled;
  private final ColdStartTracker coldStarts;
  private final Ticker ticker;
  private final LongSupplier residentMemoryBytes;
  private final LambdaSettings settings;

  /**
   * A recorder writing the {@code builtIns} and the operations' own metrics to {@code emitter}, or
   * nothing at all when {@code metricsDisabled}.
   */
  InvocationRecorder(
      MetricsEmitter emitter,
      Set<BuiltInMetric> builtIns,
      boolean metricsDisabled,
      ColdStartTracker coldStarts,
      Ticker ticker,
      LongSupplier residentMemoryBytes,
      LambdaSettings settings) {
    requireDimensions(emitter);
    this.emitter = emitter;
    this.builtIns = builtIns;
    this.metricsDisabled = metricsDisabled;
    this.coldStarts = coldStarts;
    this.ticker = ticker;
    this.residentMemoryBytes = residentMemoryBytes;
    this.settings = settings;
  }

  /** See {@link ApiGatewayPipeline#standardEmitter}. */
  static MetricsEmitter standardEmitter(Environment environment, MetricsSink sink) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(sink, "sink");
    return MetricsEmitter.builder()
        .namespace(
            environment.getOrDefault(
                ApiGatewayPipeline.NAMESPACE_VARIABLE, ApiGatewayPipeline.DEFAULT_NAMESPACE))
        .dimensionSet(InvocationMetrics.FUNCTION_NAME)
        .dimensionSet(InvocationMetrics.FUNCTION_NAME, InvocationMetrics.OPERATION)
        .sink(sink)
        .build();
  }

  /** Starts timing an invocation that has {@code context} (null outside Lambda). */
  Invocation start(Context context) {
    return new Invocation(context);
  }

  private static void requireDimensions(MetricsEmitter emitter) {
    for (String key : DIMENSIONS) {
      if (emitter.dimensionSets().stream().noneMatch(set -> set.contains(key))) {
        throw new IllegalArgumentException(
            "the metrics emitter must have '"
                + key
                + "' in a dimension set (the pipeline sets "
                + DIMENSIONS
                + "); its sets: "
                + emitter.dimensionSets());
      }
    }
  }

  /**
   * One invocation's metric scope, timing and deadline. Its outcome, {@link
   * InvocationMetrics#SUCCESSFUL_INVOCATIONS} or {@link InvocationMetrics#ERRORS}, is recorded
   * once, with the measures of the answer; {@link #flush()} writes the one document.
   */
  final class Invocation {

    private final long startNanos = ticker.read();
    private final Context lambdaContext;
    private final Deadline deadline;
    private final Integer memoryLimitMb;
    private final InvocationStart invocationStart = coldStarts.onInvocation();
    private final MetricsScope scope = metricsDisabled ? new DiscardingScope() : emitter.newScope();
    private boolean outcomeRecorded;

    private Invocation(Context lambdaContext) {
      this.lambdaContext = lambdaContext;
      this.deadline = Deadline.after(settings.budget(lambdaContext), ticker);
      this.memoryLimitMb = settings.memoryLimitMb(lambdaContext);
    }

    /** The function, the request, the start: what is known before routing. */
    void describe() {
      scope.dimension(InvocationMetrics.FUNCTION_NAME, settings.functionName(lambdaContext));
      scope.dimension(InvocationMetrics.OPERATION, InvocationMetrics.UNRESOLVED_OPERATION);
      if (lambdaContext != null && lambdaContext.getAwsRequestId() != null) {
        scope.property(InvocationMetrics.REQUEST_ID, lambdaContext.getAwsRequestId());
      }
      scope.property(InvocationMetrics.COLD_START, invocationStart.isColdStart());
      scope.property(InvocationMetrics.INIT_TYPE, invocationStart.initializationType());
      if (memoryLimitMb != null) {
        scope.property(InvocationMetrics.MEMORY_SIZE, memoryLimitMb.longValue());
      }
      if (invocationStart.isColdStart()) {
        put(BuiltInMetric.COLD_STARTS, InvocationMetrics.COLD_STARTS, 1, MetricUnit.COUNT);
      }
    }

    /**
     * Routes {@code request} with {@code routes}; when it names an operation, records that
     * operation as the {@code Operation} dimension and the time it took under its time metric.
     */
    RouteOutcome route(Routes routes, ObjectNode request) {
      long routeStart = ticker.read();
      RouteOutcome outcome =
          routes.route(request, new HandlerContext(scope, lambdaContext, deadline));
      Operation<?> operation = outcome.operation();
      if (operation != null) {
        scope.dimension(InvocationMetrics.OPERATION, operation.name());
        put(
            BuiltInMetric.OPERATION_TIME,
            operation.timeMetric(),
            (ticker.read() - routeStart) / 1e6,
            MetricUnit.MILLISECONDS);
      }
      return outcome;
    }

    /**
     * Records a success and the measures of the answer.
     *
     * @return the measures, as the response's {@code performance} block
     */
    Performance succeeded() {
      requireNoOutcome();
      Measures measures = measure();
      outcomeRecorded = true;
      put(
          BuiltInMetric.SUCCESSFUL_INVOCATIONS,
          InvocationMetrics.SUCCESSFUL_INVOCATIONS,
          1,
          MetricUnit.COUNT);
      record(measures);
      return new Performance(
          measures.executionTimeMs(),
          measures.remainingTimeMs(),
          invocationStart.isColdStart(),
          invocationStart.initializationType(),
          invocationStart.isColdStart() ? round2(millis(invocationStart.initDuration())) : null,
          memoryLimitMb,
          measures.memoryUtilizationPercent());
    }

    /**
     * Records an error of {@code errorType} and the measures of the answer; a failure to record is
     * logged, not thrown, so that the error is still answered.
     *
     * @return the execution time in milliseconds, for the error body
     */
    double failed(String errorType) {
      try {
        requireNoOutcome();
        Measures measures = measure();
        outcomeRecorded = true;
        put(BuiltInMetric.ERRORS, InvocationMetrics.ERRORS, 1, MetricUnit.COUNT);
        scope.property(InvocationMetrics.ERROR_TYPE, errorType);
        record(measures);
        return measures.executionTimeMs();
      } catch (RuntimeException metricsFailure) {
        LOG.log(
            Level.WARNING, "Could not record the metrics of a failed invocation", metricsFailure);
        return elapsedMillis();
      }
    }

    /** Writes the invocation's document; a failure to write is logged, never answered. */
    void flush() {
      try {
        scope.flush();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not write the invocation's EMF document", e);
      }
    }

    private void requireNoOutcome() {
      if (outcomeRecorded) {
        throw new IllegalStateException("the invocation's outcome was already recorded");
      }
    }

    private Measures measure() {
      Double utilization =
          memoryLimitMb == null
              ? null
              : round2(100.0 * residentMemoryBytes.getAsLong() / (memoryLimitMb * BYTES_PER_MB));
      return new Measures(elapsedMillis(), deadline.remainingMillis(), utilization);
    }

    private void record(Measures measures) {
      put(
          BuiltInMetric.EXECUTION_TIME,
          InvocationMetrics.EXECUTION_TIME,
          measures.executionTimeMs(),
          MetricUnit.MILLISECONDS);
      put(
          BuiltInMetric.REMAINING_TIME,
          InvocationMetrics.REMAINING_TIME,
          (double) measures.remainingTimeMs(),
          MetricUnit.MILLISECONDS);
      if (measures.memoryUtilizationPercent() != null) {
        put(
            BuiltInMetric.MEMORY_UTILIZATION,
            InvocationMetrics.MEMORY_UTILIZATION,
            measures.memoryUtilizationPercent(),
            MetricUnit.PERCENT);
      }
    }

    private void put(BuiltInMetric metric, String name, double value, MetricUnit unit) {
      if (builtIns.contains(metric)) {
        scope.put(name, value, unit);
      }
    }

    private double elapsedMillis() {
      return round2((ticker.read() - startNanos) / 1e6);
    }
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }

  private record Measures(
      double executionTimeMs, long remainingTimeMs, Double memoryUtilizationPercent) {}

  /** What the operation's handler sees of the invocation. */
  private record HandlerContext(MetricsScope metrics, Context lambda, Deadline deadline)
      implements OperationContext {

    @Override
    public Optional<Context> lambdaContext() {
      return Optional.ofNullable(lambda);
    }
  }
}
