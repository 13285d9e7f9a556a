package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ListMetrics: the metrics with data, filtered by namespace, name and dimensions (a metric matches
 * when it has every filter's dimension, with the filter's value when one is given), 500 per page;
 * {@code RecentlyActive=PT3H} keeps those with data in the last three hours.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html">ListMetrics</a>
 */
final class ListMetrics {

  static final int PAGE_SIZE = 500;

  private final MetricStore store;
  private final Clock clock;

  ListMetrics(MetricStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** One {@code DimensionFilter}: a name, and a value or null for any value. */
  private record Filter(String name, String value) {}

  ObjectNode handle(Input input) {
    String namespace = input.text("Namespace");
    String metricName = input.text("MetricName");
    List<Filter> filters = new ArrayList<>();
    List<Input> dimensions = input.list("Dimensions");
    if (dimensions.size() > 10) {
      throw CloudWatchException.invalidValue(
          "The collection Dimensions must not have a size greater than 10.");
    }
    for (Input filter : dimensions) {
      filters.add(new Filter(filter.requiredText("Name"), filter.text("Value")));
    }
    String recentlyActive = input.text("RecentlyActive");
    if (recentlyActive != null && !recentlyActive.equals("PT3H")) {
      throw CloudWatchException.invalidValue(
          "The value "
              + recentlyActive
              + " for parameter RecentlyActive is invalid; allowed: PT3H.");
    }
    String token = input.text("NextToken");
    long skip = token == null ? 0 : PageToken.decode(token);
    List<MetricKey> matching = new ArrayList<>();
    for (MetricKey key : store.metrics()) {
      if ((namespace == null || key.namespace().equals(namespace))
          && (metricName == null || key.name().equals(metricName))
          && hasAll(key, filters)
          && (recentlyActive == null
              || store
                  .latest(key)
                  .map(t -> t.isAfter(clock.instant().minus(Duration.ofHours(3))))
                  .orElse(false))) {
        matching.add(key);
      }
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ArrayNode metrics = output.putArray("Metrics");
    long end = Math.min(matching.size(), skip + PAGE_SIZE);
    for (long i = skip; i < end; i++) {
      write(metrics.addObject(), matching.get((int) i));
    }
    if (end < matching.size()) {
      output.put("NextToken", PageToken.encode(end));
    }
    return output;
  }

  static void write(ObjectNode metric, MetricKey key) {
    metric.put("Namespace", key.namespace());
    metric.put("MetricName", key.name());
    ArrayNode dimensions = metric.putArray("Dimensions");
    for (Dimension dimension : key.dimensions()) {
      dimensions.addObject().put("Name", dimension.name()).put("Value", dimension.value());
    }
  }

  private static boolean hasAll(MetricKey key, List<Filter> filters) {
    for (Filter filter : filters) {
      boolean found =
          key.dimensions().stream()
              .anyMatch(
                  d ->
                      d.name().equals(filter.name())
                          && (filter.value() == null || d.value().equals(filter.value())));
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
