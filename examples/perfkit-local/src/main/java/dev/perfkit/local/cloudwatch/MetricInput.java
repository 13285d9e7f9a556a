package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The members that name a metric, a unit or a statistic, checked as CloudWatch checks them. */
final class MetricInput {

  static final int MAX_DIMENSIONS = 30;

  private MetricInput() {}

  /** A {@code Metric} structure (namespace, name, dimensions) as the metric's identity. */
  static MetricKey key(Input metric) {
    String namespace = metric.requiredText("Namespace");
    String name = metric.requiredText("MetricName");
    return MetricKey.of(namespace, name, dimensions(metric));
  }

  /** The {@code Dimensions} list of {@code parent}: at most 30, names once each. */
  static List<Dimension> dimensions(Input parent) {
    List<Input> list = parent.list("Dimensions");
    if (list.size() > MAX_DIMENSIONS) {
      throw CloudWatchException.invalidValue(
          "The collection "
              + parent.path("Dimensions")
              + " must not have a size greater than "
              + MAX_DIMENSIONS
              + ".");
    }
    List<Dimension> dimensions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Input dimension : list) {
      String name = dimension.requiredText("Name");
      String value = dimension.requiredText("Value");
      if (name.length() > 255 || value.length() > 1024) {
        throw CloudWatchException.invalidValue(
            "The dimension "
                + dimension.path()
                + " must have a name of 1 to 255 and a value of 1 to 1024 characters.");
      }
      if (!names.add(name)) {
        throw CloudWatchException.invalidValue(
            "The dimension " + name + " appears twice in " + parent.path("Dimensions") + ".");
      }
      dimensions.add(new Dimension(name, value));
    }
    return dimensions;
  }

  /** The unit in {@code field}, null when absent. */
  static MetricUnit unit(Input parent, String field) {
    String unit = parent.text(field);
    if (unit == null) {
      return null;
    }
    try {
      return MetricUnit.fromCloudWatchName(unit);
    } catch (IllegalArgumentException e) {
      throw CloudWatchException.invalidValue(
          "The value "
              + unit
              + " for parameter "
              + parent.path(field)
              + " is not a CloudWatch unit; "
              + e.getMessage().substring(e.getMessage().indexOf("allowed")));
    }
  }

  /** A period CloudWatch accepts: 1, 5, 10, 20, 30 or a multiple of 60 seconds. */
  static int period(Input parent, String field) {
    Integer period = parent.integer(field);
    if (period == null) {
      throw CloudWatchException.missing(parent.path(field));
    }
    if (!TimeGrid.validPeriod(period)) {
      throw CloudWatchException.invalidValue(
          "The parameter "
              + parent.path(field)
              + " must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, was "
              + period
              + ".");
    }
    return period;
  }

  /** The statistic named in {@code field}. */
  static Statistic statistic(Input parent, String field, String name) {
    return Statistic.parse(name)
        .orElseThrow(
            () ->
                CloudWatchException.invalidValue(
                    "The value "
                        + name
                        + " for parameter "
                        + parent.path(field)
                        + " is not a statistic; allowed: "
                        + Statistic.ALLOWED
                        + "."));
  }
}
