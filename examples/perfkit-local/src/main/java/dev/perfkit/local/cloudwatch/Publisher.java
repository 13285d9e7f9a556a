package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Publishes a service's value under each of the dimension sets the service uses, per minute. */
final class Publisher {

  private final MetricStore store;

  Publisher(MetricStore store) {
    this.store = store;
  }

  void publish(
      ServiceMetric metric, Instant at, double value, List<List<Dimension>> dimensionSets) {
    publish(metric.namespace(), metric.metricName(), metric.unit(), at, value, dimensionSets);
  }

  void publish(
      String namespace,
      String metric,
      MetricUnit unit,
      Instant at,
      double value,
      List<List<Dimension>> dimensionSets) {
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "value of " + namespace + " " + metric + " must be a finite number: " + value);
    }
    for (List<Dimension> dimensions : dimensionSets) {
      store.put(
          Sample.of(
              MetricKey.of(namespace, metric, dimensions),
              at,
              unit,
              StorageResolution.STANDARD,
              value));
    }
  }

  static String required(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
