package dev.perfkit.local.cloudwatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A metric's identity: namespace, name and its whole set of dimensions. CloudWatch matches the set
 * exactly: a metric published with four dimensions is not found by a query naming one of them.
 *
 * @param dimensions sorted by name, each name once
 */
record MetricKey(String namespace, String name, List<Dimension> dimensions)
    implements Comparable<MetricKey> {

  MetricKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    List<Dimension> sorted = new ArrayList<>(dimensions);
    sorted.sort(null);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
        throw new IllegalArgumentException(
            "dimension '" + sorted.get(i).name() + "' appears twice in " + dimensions);
      }
    }
    dimensions = List.copyOf(sorted);
  }

  static MetricKey of(String namespace, String name, Collection<Dimension> dimensions) {
    return new MetricKey(namespace, name, List.copyOf(dimensions));
  }

  @Override
  public int compareTo(MetricKey other) {
    int order = namespace.compareTo(other.namespace);
    if (order == 0) {
      order = name.compareTo(other.name);
    }
    for (int i = 0; order == 0 && i < Math.min(dimensions.size(), other.dimensions.size()); i++) {
      order = dimensions.get(i).compareTo(other.dimensions.get(i));
    }
    return order != 0 ? order : Integer.compare(dimensions.size(), other.dimensions.size());
  }
}
