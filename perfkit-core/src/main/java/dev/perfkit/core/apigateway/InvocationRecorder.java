package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.routing.InvocationMetrics;
import dev.perfkit.core.time.Ticker;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The one owner of the standard metrics of every invocation ({@link InvocationMetrics}): each
 * {@link Invocation} it starts writes its dimensions, properties, cold start, operation time,
 * outcome and measures once, into one EMF document.
 */
final class InvocationRecorder {

  private static final List<String> DIMENSIONS =
      List.of(InvocationMetrics.FUNCTION_NAME, InvocationMetrics.OPERATION);

  private final MetricsEmitter emitter;
  private final ColdStartTracker coldStarts;
  private final Ticker ticker;
  private final LongSupplier residentMemoryBytes;
  private final LambdaSettings settings;

  InvocationRecorder(
      MetricsEmitter emitter,
      ColdStartTracker coldStarts,
      Ticker ticker,
      LongSupplier residentMemoryBytes,
      LambdaSettings settings) {
    requireDimensions(emitter);
    this.emitter = emitter;
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
    long startNanos = ticker.read();
    Deadline deadline = Deadline.after(settings.budget(context), ticker);
    return new Invocation(
        emitter.newScope(),
        context,
        settings.functionName(context),
        settings.memoryLimitMb(context),
        coldStarts.onInvocation(),
        ticker,
        startNanos,
        deadline,
        residentMemoryBytes);
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
}
