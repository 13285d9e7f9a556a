package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.time.Instant;
import java.util.Objects;

/**
 * What one publication adds to one metric: raw values (each with a count, as PutMetricData's {@code
 * Values} and {@code Counts}) or a statistic set.
 *
 * @param counts the weight of each value; null when every value counts once
 * @param set the statistic set, when {@code values} is empty
 */
@SuppressWarnings(
    "ArrayRecordComponent") // values and counts as PutMetricData sent them; never compared
record Sample(
    MetricKey key,
    Instant timestamp,
    MetricUnit unit,
    StorageResolution resolution,
    double[] values,
    double[] counts,
    StatisticSet set) {

  /** PutMetricData's {@code StatisticValues}. */
  record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {}

  Sample {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(values, "values");
    if (counts != null && counts.length != values.length) {
      throw new IllegalArgumentException(
          values.length + " values but " + counts.length + " counts");
    }
    if (values.length == 0 && set == null) {
      throw new IllegalArgumentException("a sample needs values or a statistic set");
    }
  }

  static Sample of(
      MetricKey key,
      Instant timestamp,
      MetricUnit unit,
      StorageResolution resolution,
      double value) {
    return new Sample(key, timestamp, unit, resolution, new double[] {value}, null, null);
  }
}
