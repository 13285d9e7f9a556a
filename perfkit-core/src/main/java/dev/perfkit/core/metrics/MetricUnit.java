package dev.perfkit.core.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** The units CloudWatch accepts for a metric, with the exact names EMF documents carry. */
public enum MetricUnit {
  SECONDS("Seconds"),
  MICROSECONDS("Microseconds"),
  MILLISECONDS("Milliseconds"),
  BYTES("Bytes"),
  KILOBYTES("Kilobytes"),
  MEGABYTES("Megabytes"),
  GIGABYTES("Gigabytes"),
  TERABYTES("Terabytes"),
  BITS("Bits"),
  KILOBITS("Kilobits"),
  MEGABITS("Megabits"),
  GIGABITS("Gigabits"),
  TERABITS("Terabits"),
  PERCENT("Percent"),
  COUNT("Count"),
  BYTES_PER_SECOND("Bytes/Second"),
  KILOBYTES_PER_SECOND("Kilobytes/Second"),
  MEGABYTES_PER_SECOND("Megabytes/Second"),
  GIGABYTES_PER_SECOND("Gigabytes/Second"),
  TERABYTES_PER_SECOND("Terabytes/Second"),
  BITS_PER_SECOND("Bits/Second"),
  KILOBITS_PER_SECOND("Kilobits/Second"),
  MEGABITS_PER_SECOND("Megabits/Second"),
  GIGABITS_PER_SECOND("Gigabits/Second"),
  TERABITS_PER_SECOND("Terabits/Second"),
  COUNT_PER_SECOND("Count/Second"),
  NONE("None");

  private final String cloudWatchName;

  MetricUnit(String cloudWatchName) {
    this.cloudWatchName = cloudWatchName;
  }

  /** The name CloudWatch uses, e.g. {@code "Milliseconds"} or {@code "Count/Second"}. */
  public String cloudWatchName() {
    return cloudWatchName;
  }

  /**
   * The unit whose CloudWatch name is {@code name} (case-sensitive, as CloudWatch is).
   *
   * @throws IllegalArgumentException naming the allowed values when there is none
   */
  public static MetricUnit fromCloudWatchName(String name) {
    Objects.requireNonNull(name, "name");
    for (MetricUnit unit : values()) {
      if (unit.cloudWatchName.equals(name)) {
        return unit;
      }
    }
    throw new IllegalArgumentException(
        "unit '"
            + name
            + "' is not a CloudWatch unit; allowed: "
            + Arrays.stream(values())
                .map(MetricUnit::cloudWatchName)
                .collect(Collectors.joining(", ")));
  }
}
