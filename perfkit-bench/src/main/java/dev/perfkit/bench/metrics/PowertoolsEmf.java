package dev.perfkit.bench.metrics;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Powertools for AWS Lambda metrics 2.x as a handler uses it: the {@link Metrics} that {@link
 * MetricsBuilder} configures at class-load time, filled and flushed per invocation (what its
 * {@code @FlushMetrics} aspect does at the end of the handler).
 *
 * <p>Powertools keeps the instance in a JVM-wide singleton ({@code MetricsFactory}); {@link
 * MetricsBuilder#withMetricsProvider} replaces it, so each construction starts clean without
 * reflection. The provider builds exactly what Powertools' own {@code EmfMetricsProvider} builds,
 * except that its environment is resolved to the Lambda one writing to {@code out} (the stock one
 * probes the process environment and prints to {@code System.out}). Two instances in one JVM would
 * share the singleton: JMH runs each benchmark in its own fork.
 */
final class PowertoolsEmf {

  private final Metrics metrics;

  PowertoolsEmf(Invocation setup, PrintStream out) {
    EnvironmentProvider environmentProvider =
        new LambdaOnlyEnvironmentProvider(EmbeddedMetricsEmf.lambdaEnvironment(out));
    this.metrics =
        MetricsBuilder.builder()
            .withMetricsProvider(
                () -> new EmfMetricsLogger(environmentProvider, new MetricsContext()))
            .withNamespace(setup.namespace)
            .withDefaultDimension("FunctionName", setup.functionName)
            .build();
  }

  Metrics flush(Invocation in) {
    metrics.addDimension(
        DimensionSet.of("FunctionName", in.functionName, "Operation", in.operation));
    metrics.addMetadata("RequestId", in.requestId);
    metrics.addMetadata("ColdStart", in.coldStart);
    metrics.addMetadata("MemorySize", in.memorySizeMb);
    metrics.addMetadata("FunctionVersion", in.functionVersion);
    if (in.coldStart) {
      metrics.addMetric("ColdStarts", 1, MetricUnit.COUNT);
    }
    metrics.addMetric("BatchProcessingTime", in.batchProcessingTimeMs, MetricUnit.MILLISECONDS);
    metrics.addMetric("RecordsProcessed", (double) in.recordsProcessed, MetricUnit.COUNT);
    metrics.addMetric("ExecutionTime", in.executionTimeMs, MetricUnit.MILLISECONDS);
    metrics.addMetric("RemainingTime", in.remainingTimeMs, MetricUnit.MILLISECONDS);
    metrics.addMetric("MemoryUtilization", in.memoryUtilizationPercent, MetricUnit.PERCENT);
    metrics.addMetric("SuccessfulInvocations", 1, MetricUnit.COUNT);
    metrics.flush();
    return metrics;
  }

  /** Resolves to one environment, as the stock provider does once it has probed Lambda's. */
  private static final class LambdaOnlyEnvironmentProvider extends EnvironmentProvider {
    private final CompletableFuture<Environment> environment;

    LambdaOnlyEnvironmentProvider(Environment environment) {
      this.environment = CompletableFuture.completedFuture(environment);
    }

    @Override
    public CompletableFuture<Environment> resolveEnvironment() {
      return environment;
    }
  }
}
