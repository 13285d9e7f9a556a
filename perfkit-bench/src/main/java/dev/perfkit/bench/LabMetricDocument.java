package dev.perfkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document the lab's {@code put_custom_metric} builds for one metric, as the Python dicts it
 * serialises: {@code _aws} with one directive naming one metric, the value, the dimensions. The
 * benchmarks' ports of the lab serialise it their own way.
 */
public final class LabMetricDocument {

  /** The lab's namespace, fixed in its code. */
  public static final String NAMESPACE = "HighPerformance";

  private LabMetricDocument() {}

  /** The document of {@code metricName}, stamped with the current time as the lab does. */
  public static Map<String, Object> of(
      String metricName, Number value, String unit, Map<String, String> dimensions) {
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put(
        "Dimensions",
        dimensions.isEmpty() ? List.of(List.of()) : List.of(new ArrayList<>(dimensions.keySet())));
    Map<String, Object> metric = new LinkedHashMap<>();
    metric.put("Name", metricName);
    metric.put("Unit", unit);
    directive.put("Metrics", List.of(metric));
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", System.currentTimeMillis());
    aws.put("CloudWatchMetrics", List.of(directive));
    Map<String, Object> emfLog = new LinkedHashMap<>();
    emfLog.put("_aws", aws);
    emfLog.put(metricName, value);
    emfLog.putAll(dimensions);
    return emfLog;
  }
}
