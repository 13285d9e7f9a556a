package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The buckets of one metric that fall in one period, combined: what a datapoint of
 * GetMetricStatistics or a value of GetMetricData is computed from.
 */
final class Aggregate {

  /** Why a percentile has no value here; null when it has one. */
  enum PercentileGap {
    NEGATIVE_VALUES,
    NO_RAW_VALUES
  }

  final Instant timestamp;

  /** The unit of every value, or null when the period holds values of several units. */
  final MetricUnit unit;

  final double sampleCount;
  final double sum;
  final double minimum;
  final double maximum;
  private final double[] sortedValues;
  private final double[] sortedWeights;
  final PercentileGap percentileGap;

  private Aggregate(Instant timestamp, List<Bucket> buckets) {
    this.timestamp = timestamp;
    MetricUnit common = buckets.get(0).unit;
    double count = 0;
    double total = 0;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    boolean complete = true;
    int size = 0;
    for (Bucket bucket : buckets) {
      if (bucket.unit != common) {
        common = null;
      }
      count += bucket.sampleCount;
      total += bucket.sum;
      low = Math.min(low, bucket.minimum);
      high = Math.max(high, bucket.maximum);
      complete &= bucket.complete();
      size += bucket.size();
    }
    this.unit = common;
    this.sampleCount = count;
    this.sum = total;
    this.minimum = low;
    this.maximum = high;
    if (low < 0) {
      percentileGap = PercentileGap.NEGATIVE_VALUES;
    } else if (!complete) {
      percentileGap = PercentileGap.NO_RAW_VALUES;
    } else {
      percentileGap = null;
    }
    if (percentileGap != null) {
      sortedValues = new double[0];
      sortedWeights = new double[0];
      return;
    }
    double[] values = new double[size];
    double[] weights = new double[size];
    boolean weighted = false;
    int next = 0;
    for (Bucket bucket : buckets) {
      for (int i = 0; i < bucket.size(); i++) {
        values[next] = bucket.value(i);
        weights[next] = bucket.weight(i);
        weighted |= weights[next] != 1;
        next++;
      }
    }
    if (!weighted) {
      Arrays.sort(values);
      sortedValues = values;
      sortedWeights = weights;
      return;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    sortedValues = new double[size];
    sortedWeights = new double[size];
    for (int i = 0; i < size; i++) {
      sortedValues[i] = values[order[i]];
      sortedWeights[i] = weights[order[i]];
    }
  }

  /** Combines {@code buckets} (not empty) into the datapoint at {@code timestamp}. */
  static Aggregate of(Instant timestamp, List<Bucket> buckets) {
    if (buckets.isEmpty()) {
      throw new IllegalArgumentException("no buckets to aggregate");
    }
    return new Aggregate(timestamp, new ArrayList<>(buckets));
  }

  /**
   * The value of {@code statistic}, empty for a percentile CloudWatch cannot compute here ({@link
   * #percentileGap}).
   *
   * <p>A percentile is CloudWatch's: {@code p99} "ignores the 1% of the data points with the
   * highest values ... p99 is the maximum value of the remaining 99%", that is the value of nearest
   * rank {@code ceil(p/100 * count)} among the period's values sorted ascending.
   */
  OptionalDouble value(Statistic statistic) {
    return switch (statistic.kind()) {
      case SAMPLE_COUNT -> OptionalDouble.of(sampleCount);
      case SUM -> OptionalDouble.of(sum);
      case AVERAGE -> OptionalDouble.of(sum / sampleCount);
      case MINIMUM -> OptionalDouble.of(minimum);
      case MAXIMUM -> OptionalDouble.of(maximum);
      case PERCENTILE -> percentile(statistic.percentile());
    };
  }

  private OptionalDouble percentile(double percentile) {
    if (percentileGap != null) {
      return OptionalDouble.empty();
    }
    double rank = Math.ceil(percentile / 100 * sampleCount);
    double seen = 0;
    for (int i = 0; i < sortedValues.length; i++) {
      seen += sortedWeights[i];
      if (seen >= rank) {
        return OptionalDouble.of(sortedValues[i]);
      }
    }
    return OptionalDouble.of(sortedValues[sortedValues.length - 1]);
  }
}
