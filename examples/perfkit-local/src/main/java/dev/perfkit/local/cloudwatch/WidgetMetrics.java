package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric widget's {@code metrics} rows as the GetMetricData request CloudWatch's console makes of
 * them: {@code "."} repeats the value at the same place in the row above, an options object may
 * give the row its own {@code stat}, {@code period}, {@code label}, {@code id} and {@code visible},
 * and a row that is only an options object is a metric math {@code expression}.
 */
final class WidgetMetrics {

  /** One drawn series: its label and its values in time order. */
  record Series(String label, List<Instant> timestamps, List<Double> values) {}

  static final int DEFAULT_PERIOD = 300;
  static final String DEFAULT_STAT = "Average";

  private WidgetMetrics() {}

  /** A row's label: its metric name, then its dimension values. */
  private static String defaultLabel(List<String> values) {
    StringBuilder label = new StringBuilder(values.get(1));
    for (int i = 3; i < values.size(); i += 2) {
      label.append(' ').append(values.get(i));
    }
    return label.toString();
  }

  /**
   * Keeps only the metric name in default labels that are unique by it, as the console shows a lone
   * metric; rows that share a metric name keep their dimension values to tell them apart.
   */
  private static void distinguishRepeatedLabels(ArrayNode queries, List<ObjectNode> defaulted) {
    Map<String, Integer> byName = new HashMap<>();
    for (JsonNode query : queries) {
      if (query.has("MetricStat")) {
        byName.merge(query.at("/MetricStat/Metric/MetricName").asText(), 1, Integer::sum);
      }
    }
    for (ObjectNode query : defaulted) {
      String name = query.at("/MetricStat/Metric/MetricName").asText();
      if (byName.get(name) == 1) {
        query.put("Label", name);
      }
    }
  }

  /** The series of the widget with {@code properties}, from {@code start} to {@code end}. */
  static List<Series> series(
      GetMetricData getMetricData, JsonNode properties, Instant start, Instant end) {
    JsonNode rows = properties.get("metrics");
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      return List.of();
    }
    int widgetPeriod = properties.path("period").asInt(DEFAULT_PERIOD);
    String widgetStat = properties.path("stat").asText(DEFAULT_STAT);
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("StartTime", start.toString());
    request.put("EndTime", end.toString());
    request.put("ScanBy", "TimestampAscending");
    ArrayNode queries = request.putArray("MetricDataQueries");
    List<String> previous = List.of();
    List<ObjectNode> defaulted = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = rows.get(r);
      JsonNode options = row.get(row.size() - 1).isObject() ? row.get(row.size() - 1) : null;
      ObjectNode query = queries.addObject();
      query.put(
          "Id", options != null && options.has("id") ? options.get("id").asText() : "m" + (r + 1));
      if (options != null && options.has("label")) {
        query.put("Label", options.get("label").asText());
      }
      query.put("ReturnData", options == null || options.path("visible").asBoolean(true));
      if (options != null && options.has("expression") && row.size() == 1) {
        query.put("Expression", options.get("expression").asText());
        query.put("Period", options.path("period").asInt(widgetPeriod));
        continue;
      }
      List<String> values = new ArrayList<>();
      int strings = options == null ? row.size() : row.size() - 1;
      for (int i = 0; i < strings; i++) {
        String value = row.get(i).asText();
        values.add(value.equals(".") && i < previous.size() ? previous.get(i) : value);
      }
      previous = values;
      if (!query.has("Label")) {
        query.put("Label", defaultLabel(values));
        defaulted.add(query);
      }
      ObjectNode stat = query.putObject("MetricStat");
      ObjectNode metric = stat.putObject("Metric");
      metric.put("Namespace", values.get(0));
      metric.put("MetricName", values.get(1));
      ArrayNode dimensions = metric.putArray("Dimensions");
      for (int i = 2; i + 1 < values.size(); i += 2) {
        dimensions.addObject().put("Name", values.get(i)).put("Value", values.get(i + 1));
      }
      stat.put(
          "Period", options != null ? options.path("period").asInt(widgetPeriod) : widgetPeriod);
      stat.put("Stat", options != null ? options.path("stat").asText(widgetStat) : widgetStat);
    }
    distinguishRepeatedLabels(queries, defaulted);
    JsonNode output = getMetricData.handle(Input.root(request));
    List<Series> series = new ArrayList<>();
    for (JsonNode result : output.get("MetricDataResults")) {
      List<Instant> timestamps = new ArrayList<>();
      result.get("Timestamps").forEach(t -> timestamps.add((Instant) ((POJONode) t).getPojo()));
      List<Double> values = new ArrayList<>();
      result.get("Values").forEach(v -> values.add(v.asDouble()));
      series.add(new Series(result.get("Label").asText(), timestamps, values));
    }
    return series;
  }
}
