package dev.perfkit.core.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** The units CloudWatch accepts for a metric, with the exact names EMF documents carry. */
public enum MetricUnit {
  /** A duration in seconds: {@code "Seconds"}. */
  SECONDS("Seconds"),
  /** A duration in microseconds: {@code "Microseconds"}. */
  MICROSECONDS("Microseconds"),
  /** A duration in milliseconds: {@code "Milliseconds"}. */
  MILLISECONDS("Milliseconds"),
  /** A data size in bytes: {@code "Bytes"}. */
  BYTES("Bytes"),
  /** A data size in kilobytes: {@code "Kilobytes"}. */
  KILOBYTES("Kilobytes"),
  /** A data size in megabytes: {@code "Megabytes"}. */
  MEGABYTES("Megabytes"),
  /** A data size in gigabytes: {@code "Gigabytes"}. */
  GIGABYTES("Gigabytes"),
  /** A data size in terabytes: {@code "Terabytes"}. */
  TERABYTES("Terabytes"),
  /** A data size in bits: {@code "Bits"}. */
  BITS("Bits"),
  /** A data size in kilobits: {@code "Kilobits"}. */
  KILOBITS("Kilobits"),
  /** A data size in megabits: {@code "Megabits"}. */
  MEGABITS("Megabits"),
  /** A data size in gigabits: {@code "Gigabits"}. */
  GIGABITS("Gigabits"),
  /** A data size in terabits: {@code "Terabits"}. */
  TERABITS("Terabits"),
  /** A ratio in percent: {@code "Percent"}. */
  PERCENT("Percent"),
  /** A number of events or things, e.g. cold starts: {@code "Count"}. */
  COUNT("Count"),
  /** A data rate in bytes per second: {@code "Bytes/Second"}. */
  BYTES_PER_SECOND("Bytes/Second"),
  /** A data rate in kilobytes per second: {@code "Kilobytes/Second"}. */
  KILOBYTES_PER_SECOND("Kilobytes/Second"),
  /** A data rate in megabytes per second: {@code "Megabytes/Second"}. */
  MEGABYTES_PER_SECOND("Megabytes/Second"),
  /** A data rate in gigabytes per second: {@code "Gigabytes/Second"}. */
  GIGABYTES_PER_SECOND("Gigabytes/Second"),
  /** A data rate in terabytes per second: {@code "Terabytes/Second"}. */
  TERABYTES_PER_SECOND("Terabytes/Second"),
  /** A data rate in bits per second: {@code "Bits/Second"}. */
  BITS_PER_SECOND("Bits/Second"),
  /** A data rate in kilobits per second: {@code "Kilobits/Second"}. */
  KILOBITS_PER_SECOND("Kilobits/Second"),
  /** A data rate in megabits per second: {@code "Megabits/Second"}. */
  MEGABITS_PER_SECOND("Megabits/Second"),
  /** A data rate in gigabits per second: {@code "Gigabits/Second"}. */
  GIGABITS_PER_SECOND("Gigabits/Second"),
  /** A data rate in terabits per second: {@code "Terabits/Second"}. */
  TERABITS_PER_SECOND("Terabits/Second"),
  /** Events per second: {@code "Count/Second"}. */
  COUNT_PER_SECOND("Count/Second"),
  /** No unit, what EMF assumes when a metric names none: {@code "None"}. */
  NONE("None");

  private final String cloudWatchName;

  MetricUnit(String cloudWatchName) {
    this.cloudWatchName = cloudWatchName;
  }

  /**
   * The name CloudWatch uses, as EMF documents carry it.
   *
   * @return e.g. {@code "Milliseconds"} or {@code "Count/Second"}
   */
  public String cloudWatchName() {
    return cloudWatchName;
  }

  /**
   * The unit whose CloudWatch name is {@code name} (case-sensitive, as CloudWatch is).
   *
   * @param name a CloudWatch unit name, e.g. {@code "Count/Second"}
   * @return the unit of that name
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
