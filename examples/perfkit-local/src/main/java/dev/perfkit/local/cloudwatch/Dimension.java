package dev.perfkit.local.cloudwatch;

import java.util.Objects;

/** One name and value of a metric's identity, as CloudWatch's {@code Dimension}. */
record Dimension(String name, String value) implements Comparable<Dimension> {

  Dimension {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public int compareTo(Dimension other) {
    int byName = name.compareTo(other.name);
    return byName != 0 ? byName : value.compareTo(other.value);
  }
}
