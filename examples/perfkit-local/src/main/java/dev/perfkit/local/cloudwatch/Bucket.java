package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.util.Arrays;

/**
 * Everything one metric received for one second (high resolution) or one minute (standard), in one
 * unit: the four aggregates CloudWatch keeps for every statistic, and the raw values it needs for
 * percentiles while the store's bound on raw values allows.
 */
final class Bucket {

  final long epochSecond;
  final MetricUnit unit;
  final StorageResolution resolution;
  double sampleCount;
  double sum;
  double minimum = Double.POSITIVE_INFINITY;
  double maximum = Double.NEGATIVE_INFINITY;
  private double[] values = new double[2];

  /** The count of each value; null while every value counted once. */
  private double[] weights;

  private int size;

  /** False once a value was aggregated without being kept: percentiles are then unavailable. */
  private boolean complete = true;

  Bucket(long epochSecond, MetricUnit unit, StorageResolution resolution) {
    this.epochSecond = epochSecond;
    this.unit = unit;
    this.resolution = resolution;
  }

  /** Adds {@code value}, {@code count} times; keeps it for percentiles when {@code keep}. */
  void add(double value, double count, boolean keep) {
    sampleCount += count;
    sum += value * count;
    minimum = Math.min(minimum, value);
    maximum = Math.max(maximum, value);
    if (!keep) {
      complete = false;
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      if (weights != null) {
        weights = Arrays.copyOf(weights, size * 2);
      }
    }
    if (count != 1 && weights == null) {
      weights = new double[values.length];
      Arrays.fill(weights, 0, size, 1);
    }
    values[size] = value;
    if (weights != null) {
      weights[size] = count;
    }
    size++;
  }

  /** Adds a statistic set that is not a repeated single value: only its aggregates are kept. */
  void addAggregates(double count, double setSum, double setMinimum, double setMaximum) {
    sampleCount += count;
    sum += setSum;
    minimum = Math.min(minimum, setMinimum);
    maximum = Math.max(maximum, setMaximum);
    complete = false;
  }

  int size() {
    return size;
  }

  boolean complete() {
    return complete;
  }

  double value(int index) {
    return values[index];
  }

  double weight(int index) {
    return weights == null ? 1 : weights[index];
  }
}
