package dev.perfkit.bench.metrics;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * aws-embedded-metrics as its README shows it: a {@link MetricsLogger} per invocation in the Lambda
 * environment, whose console sink is replaced by the same work on {@code out}.
 */
final class EmbeddedMetricsEmf {

  private final Environment environment;

  EmbeddedMetricsEmf(PrintStream out) {
    this.environment = lambdaEnvironment(out);
  }

  /** {@link LambdaEnvironment} writing where {@code out} goes, as its ConsoleSink does. */
  static Environment lambdaEnvironment(PrintStream out) {
    ISink sink = new PrintStreamSink(out);
    return new LambdaEnvironment() {
      @Override
      public ISink getSink() {
        return sink;
      }
    };
  }

  MetricsLogger flush(Invocation in) {
    MetricsLogger logger = new MetricsLogger(environment);
    logger.setNamespace(in.namespace);
    logger.setDimensions(
        DimensionSet.of("FunctionName", in.functionName),
        DimensionSet.of("FunctionName", in.functionName, "Operation", in.operation));
    logger.putProperty("RequestId", in.requestId);
    logger.putProperty("ColdStart", in.coldStart);
    logger.putProperty("MemorySize", in.memorySizeMb);
    logger.putProperty("FunctionVersion", in.functionVersion);
    if (in.coldStart) {
      logger.putMetric("ColdStarts", 1, Unit.COUNT);
    }
    logger.putMetric("BatchProcessingTime", in.batchProcessingTimeMs, Unit.MILLISECONDS);
    logger.putMetric("RecordsProcessed", (double) in.recordsProcessed, Unit.COUNT);
    logger.putMetric("ExecutionTime", in.executionTimeMs, Unit.MILLISECONDS);
    logger.putMetric("RemainingTime", in.remainingTimeMs, Unit.MILLISECONDS);
    logger.putMetric("MemoryUtilization", in.memoryUtilizationPercent, Unit.PERCENT);
    logger.putMetric("SuccessfulInvocations", 1, Unit.COUNT);
    logger.flush();
    return logger;
  }

  /** The library's ConsoleSink, printing to {@code out} instead of {@code System.out}. */
  private static final class PrintStreamSink implements ISink {
    private final PrintStream out;

    PrintStreamSink(PrintStream out) {
      this.out = out;
    }

    @Override
    public void accept(MetricsContext context) {
      try {
        for (String document : context.serialize()) {
          out.println(document);
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("aws-embedded-metrics could not serialise", e);
      }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      return CompletableFuture.completedFuture(null);
    }
  }
}
