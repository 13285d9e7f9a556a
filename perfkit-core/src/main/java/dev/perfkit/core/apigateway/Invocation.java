package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.coldstart.InvocationStart;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.routing.InvocationMetrics;
import dev.perfkit.core.routing.Operation;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One invocation's metric scope, timing and deadline, started by the {@link InvocationRecorder}.
 * Its outcome, {@link InvocationMetrics#SUCCESSFUL_INVOCATIONS} or {@link InvocationMetrics#ERRORS},
 * is recorded once, with the measures of the answer; {@link #flush()} writes the one document.
 */
final class Invocation {

  private static final System.Logger LOG = System.getLogger(ApiGatewayPipeline.class.getName());
  private static final double BYTES_PER_MB = 1024.0 * 1024.0;

  private final MetricsScope scope;
  private final Context lambdaContext;
  private final String functionName;
  private final Integer memoryLimitMb;
  private final InvocationStart invocationStart;
  private final Ticker ticker;
  private final long startNanos;
  private final Deadline deadline;
  private final LongSupplier residentMemoryBytes;
  private boolean outcomeRecorded;

  Invocation(
      MetricsScope scope,
      Context lambdaContext,
      String functionName,
      Integer memoryLimitMb,
      InvocationStart invocationStart,
      Ticker ticker,
      long startNanos,
      Deadline deadline,
      LongSupplier residentMemoryBytes) {
    this.scope = scope;
    this.lambdaContext = lambdaContext;
    this.functionName = functionName;
    this.memoryLimitMb = memoryLimitMb;
    this.invocationStart = invocationStart;
    this.ticker = ticker;
    this.startNanos = startNanos;
    this.deadline = deadline;
    this.residentMemoryBytes = residentMemoryBytes;
  }

  /** The function, the request, the start: the dimensions and properties known before routing. */
  void describe() {
    scope.dimension(InvocationMetrics.FUNCTION_NAME, functionName);
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
      scope.put(InvocationMetrics.COLD_STARTS, 1, MetricUnit.COUNT);
    }
  }

  /**
   * Routes {@code request} with {@code routes}; when it names an operation, records that operation
   * as the {@code Operation} dimension and the time it took under the operation's time metric.
   */
  RouteOutcome route(Routes routes, ObjectNode request) {
    long routeStart = ticker.read();
    RouteOutcome outcome =
        routes.route(request, new HandlerContext(scope, lambdaContext, deadline));
    Operation<?> operation = outcome.operation();
    if (operation != null) {
      scope.dimension(InvocationMetrics.OPERATION, operation.name());
      scope.put(
          operation.timeMetric(), (ticker.read() - routeStart) / 1e6, MetricUnit.MILLISECONDS);
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
    scope.put(InvocationMetrics.SUCCESSFUL_INVOCATIONS, 1, MetricUnit.COUNT);
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
      scope.put(InvocationMetrics.ERRORS, 1, MetricUnit.COUNT);
      scope.property(InvocationMetrics.ERROR_TYPE, errorType);
      record(measures);
      return measures.executionTimeMs();
    } catch (RuntimeException metricsFailure) {
      LOG.log(Level.WARNING, "Could not record the metrics of a failed invocation", metricsFailure);
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
    scope.put(
        InvocationMetrics.EXECUTION_TIME, measures.executionTimeMs(), MetricUnit.MILLISECONDS);
    scope.put(
        InvocationMetrics.REMAINING_TIME, measures.remainingTimeMs(), MetricUnit.MILLISECONDS);
    if (measures.memoryUtilizationPercent() != null) {
      scope.put(
          InvocationMetrics.MEMORY_UTILIZATION,
          measures.memoryUtilizationPercent(),
          MetricUnit.PERCENT);
    }
  }

  private double elapsedMillis() {
    return round2((ticker.read() - startNanos) / 1e6);
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
