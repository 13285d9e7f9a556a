package dev.perfkit.core.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * aws-embedded-metrics' {@link MetricsLogger} with an environment that adds no default dimensions
 * and keeps the serialised documents: the reference our documents are compared with.
 */
final class EmfOracle {

  private final List<String> documents = new ArrayList<>();
  private final MetricsLogger logger;

  EmfOracle(String namespace, Instant timestamp) {
    ISink sink =
        new ISink() {
          @Override
          public void accept(MetricsContext context) {
            try {
              documents.addAll(context.serialize());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              throw new IllegalStateException(e);
            }
          }

          @Override
          public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
          }
        };
    Environment environment =
        new Environment() {
          @Override
          public boolean probe() {
            return true;
          }

          @Override
          public String getName() {
            return "perfkit-test";
          }

          @Override
          public String getType() {
            return "perfkit-test";
          }

          @Override
          public String getLogGroupName() {
            return "perfkit-test";
          }

          @Override
          public void configureContext(MetricsContext context) {}

          @Override
          public ISink getSink() {
            return sink;
          }
        };
    this.logger = new MetricsLogger(environment);
    logger.setNamespace(namespace);
    logger.setTimestamp(timestamp);
  }

  MetricsLogger logger() {
    return logger;
  }

  static Unit unit(MetricUnit unit) {
    return Unit.fromValue(unit.cloudWatchName());
  }

  static software.amazon.cloudwatchlogs.emf.model.StorageResolution resolution(
      StorageResolution resolution) {
    return resolution == StorageResolution.HIGH
        ? software.amazon.cloudwatchlogs.emf.model.StorageResolution.HIGH
        : software.amazon.cloudwatchlogs.emf.model.StorageResolution.STANDARD;
  }

  List<String> flush() {
    logger.flush();
    return List.copyOf(documents);
  }
}
