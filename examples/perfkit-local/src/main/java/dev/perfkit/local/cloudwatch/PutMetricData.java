package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * PutMetricData: up to 1,000 data of a custom namespace (not {@code AWS/}), each one value, a
 * statistic set, or up to 150 values with counts; StorageResolution 1 or 60; a timestamp from two
 * weeks ago to two hours ahead (now when absent). Every datum is checked before any is stored.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html">PutMetricData</a>
 */
final class PutMetricData {

  static final int MAX_DATA = 1000;
  static final int MAX_VALUES = 150;

  private final MetricStore store;
  private final Clock clock;

  PutMetricData(MetricStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void handle(Input input) {
    String namespace = input.requiredText("Namespace");
    if (namespace.startsWith("AWS/") || namespace.startsWith(":") || namespace.length() > 255) {
      throw CloudWatchException.invalidValue(
          "The value " + namespace + " for parameter Namespace is invalid.");
    }
    List<Input> data = input.list("MetricData");
    if (data.isEmpty()) {
      throw CloudWatchException.missing("MetricData");
    }
    if (data.size() > MAX_DATA) {
      throw CloudWatchException.invalidValue(
          "The collection MetricData must not have a size" + " greater than " + MAX_DATA + ".");
    }
    List<Sample> samples = new ArrayList<>();
    for (Input datum : data) {
      samples.add(sample(namespace, datum));
    }
    int refused = 0;
    for (Sample sample : samples) {
      if (!store.put(sample)) {
        refused++;
      }
    }
    if (refused > 0) {
      throw CloudWatchException.limitExceeded(
          refused
              + " of "
              + samples.size()
              + " data were"
              + " refused: the local CloudWatch holds its bound on buckets (see its usage).");
    }
  }

  private Sample sample(String namespace, Input datum) {
    String name = datum.requiredText("MetricName");
    if (name.length() > 255) {
      throw CloudWatchException.invalidValue(
          "The parameter " + datum.path("MetricName") + " must have 1 to 255 characters.");
    }
    MetricKey key = MetricKey.of(namespace, name, MetricInput.dimensions(datum));
    Instant now = clock.instant();
    Instant timestamp = datum.timestamp("Timestamp");
    if (timestamp == null) {
      timestamp = now;
    } else if (timestamp.isBefore(now.minus(Duration.ofDays(14)))
        || timestamp.isAfter(now.plus(Duration.ofHours(2)))) {
      throw CloudWatchException.invalidValue(
          "The parameter "
              + datum.path("Timestamp")
              + " must specify a time no more than two weeks in the past and no more than two hours"
              + " in the future.");
    }
    MetricUnit unit = MetricInput.unit(datum, "Unit");
    StorageResolution resolution = resolution(datum);
    boolean hasValue = datum.has("Value");
    boolean hasSet = datum.has("StatisticValues");
    boolean hasValues = !datum.list("Values").isEmpty();
    if ((hasValue ? 1 : 0) + (hasSet ? 1 : 0) + (hasValues ? 1 : 0) > 1) {
      throw CloudWatchException.combination(
          "The parameters "
              + datum.path("Value")
              + ", "
              + datum.path("StatisticValues")
              + " and "
              + datum.path("Values")
              + " are mutually exclusive and you have specified more than one.");
    }
    unit = unit == null ? MetricUnit.NONE : unit;
    if (hasValue) {
      double value = checked(datum.number("Value"), datum.path("Value"));
      return Sample.of(key, timestamp, unit, resolution, value);
    }
    if (hasSet) {
      Input set = datum.child("StatisticValues");
      double count = checked(required(set, "SampleCount"), set.path("SampleCount"));
      double sum = checked(required(set, "Sum"), set.path("Sum"));
      double minimum = checked(required(set, "Minimum"), set.path("Minimum"));
      double maximum = checked(required(set, "Maximum"), set.path("Maximum"));
      if (count <= 0 || minimum > maximum) {
        throw CloudWatchException.invalidValue(
            "The parameter "
                + set.path()
                + " must have a"
                + " positive SampleCount and a Minimum no greater than its Maximum.");
      }
      return new Sample(
          key,
          timestamp,
          unit,
          resolution,
          new double[0],
          null,
          new Sample.StatisticSet(count, sum, minimum, maximum));
    }
    if (!hasValues) {
      throw CloudWatchException.missing(
          datum.path("Value")
              + ", "
              + datum.path("StatisticValues")
              + " or "
              + datum.path("Values"));
    }
    return valuesSample(datum, key, timestamp, unit, resolution);
  }

  private static Sample valuesSample(
      Input datum,
      MetricKey key,
      Instant timestamp,
      MetricUnit unit,
      StorageResolution resolution) {
    List<Input> values = datum.list("Values");
    List<Input> counts = datum.list("Counts");
    if (values.size() > MAX_VALUES) {
      throw CloudWatchException.invalidValue(
          "The collection "
              + datum.path("Values")
              + " must not have a size greater than "
              + MAX_VALUES
              + ".");
    }
    if (!counts.isEmpty() && counts.size() != values.size()) {
      throw CloudWatchException.combination(
          "The parameters "
              + datum.path("Values")
              + " and "
              + datum.path("Counts")
              + " must have the same number of members.");
    }
    double[] numbers = new double[values.size()];
    double[] weights = counts.isEmpty() ? null : new double[values.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = checked(values.get(i).asNumber(), values.get(i).path());
      if (weights != null) {
        weights[i] = checked(counts.get(i).asNumber(), counts.get(i).path());
        if (weights[i] < 0) {
          throw CloudWatchException.invalidValue(
              "The parameter " + counts.get(i).path() + " must not be negative.");
        }
      }
    }
    return new Sample(key, timestamp, unit, resolution, numbers, weights, null);
  }

  private static StorageResolution resolution(Input datum) {
    Integer resolution = datum.integer("StorageResolution");
    if (resolution == null || resolution == 60) {
      return StorageResolution.STANDARD;
    }
    if (resolution == 1) {
      return StorageResolution.HIGH;
    }
    throw CloudWatchException.invalidValue(
        "The value "
            + resolution
            + " for parameter "
            + datum.path("StorageResolution")
            + " is invalid: it must be 1 or 60.");
  }

  private static double required(Input set, String field) {
    Double value = set.number(field);
    if (value == null) {
      throw CloudWatchException.missing(set.path(field));
    }
    return value;
  }

  private static double checked(double value, String path) {
    if (!Double.isFinite(value) || Math.abs(value) > EmfExtractor.MAX_MAGNITUDE) {
      throw CloudWatchException.invalidValue(
          "The value "
              + value
              + " for parameter "
              + path
              + " is invalid: values must be finite and within +/-2^360.");
    }
    return value;
  }
}
