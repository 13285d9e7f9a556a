package dev.perfkit.lab.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.handlers.LabMetrics;
import dev.perfkit.lab.stack.LabStack;
import java.util.List;
import java.util.Objects;

/**
 * The body of the lab's CloudWatch dashboard: its five widgets, with the user's names filled in and
 * a statistic per metric where one statistic for the whole widget would mislead (a count is summed,
 * a duration averaged).
 */
public final class DashboardBody {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int PERIOD_SECONDS = 300;

  private DashboardBody() {}

  /**
   * Renders the dashboard body as JSON.
   *
   * @param stack the stack whose functions and API the widgets show
   * @param region the region of the metrics, or {@code ${AWS::Region}} inside {@code Fn::Sub}
   */
  public static String render(LabStack stack, String region) {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(region, "region");
    String performance = stack.performanceFunction().name();
    String sqsScaler = stack.sqsScaler().name();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode widgets = body.putArray("widgets");

    ObjectNode duration = widget(widgets, 0, 0, 12, "Average Function Duration", "Average", region);
    metric(duration, "AWS/Lambda", "Duration", "FunctionName", performance, null);
    metric(duration, "AWS/Lambda", "Duration", "FunctionName", sqsScaler, null);

    ObjectNode concurrency = widget(widgets, 12, 0, 12, "Concurrent Executions", "Maximum", region);
    metric(concurrency, "AWS/Lambda", "ConcurrentExecutions", "FunctionName", performance, null);
    metric(concurrency, "AWS/Lambda", "ConcurrentExecutions", "FunctionName", sqsScaler, null);

    ObjectNode failures = widget(widgets, 0, 6, 12, "Throttles and Errors", "Sum", region);
    metric(failures, "AWS/Lambda", "Throttles", "FunctionName", performance, null);
    metric(failures, "AWS/Lambda", "Errors", "FunctionName", performance, null);

    // The performance function's own EMF metrics, as LabMetrics defines them, asked for under
    // the dimension set [FunctionName] alone: CloudWatch matches dimension sets exactly, so this
    // graph shows data only because the function emits each metric under that set too (the lab
    // emitted four dimensions only and its graph stayed empty).
    ObjectNode custom = widget(widgets, 12, 6, 12, "Custom Performance Metrics", "Average", region);
    for (LabMetrics.Metric metric :
        List.of(
            LabMetrics.EXECUTION_TIME, LabMetrics.COLD_STARTS, LabMetrics.SUCCESSFUL_INVOCATIONS)) {
      metric(
          custom,
          LabStack.METRICS_NAMESPACE,
          metric.name(),
          LabMetrics.FUNCTION_NAME,
          performance,
          metric.statistic());
    }

    String api = stack.api().name();
    ObjectNode gateway =
        widget(widgets, 0, 12, 24, "API Gateway Performance Metrics", "Sum", region);
    metric(gateway, "AWS/ApiGateway", "Count", "ApiName", api, null);
    metric(gateway, "AWS/ApiGateway", "Latency", "ApiName", api, "Average");
    metric(gateway, "AWS/ApiGateway", "4XXError", "ApiName", api, null);
    metric(gateway, "AWS/ApiGateway", "5XXError", "ApiName", api, null);

    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes failed to serialise", e);
    }
  }

  private static ObjectNode widget(
      ArrayNode widgets, int x, int y, int width, String title, String stat, String region) {
    ObjectNode widget = widgets.addObject();
    widget.put("type", "metric").put("x", x).put("y", y).put("width", width).put("height", 6);
    ObjectNode properties = widget.putObject("properties");
    properties.putArray("metrics");
    properties
        .put("period", PERIOD_SECONDS)
        .put("stat", stat)
        .put("region", region)
        .put("title", title)
        .put("view", "timeSeries");
    return properties;
  }

  private static void metric(
      ObjectNode properties,
      String namespace,
      String metric,
      String dimension,
      String value,
      String stat) {
    ArrayNode row = ((ArrayNode) properties.get("metrics")).addArray();
    row.add(namespace).add(metric).add(dimension).add(value);
    if (stat != null) {
      row.addObject().put("stat", stat);
    }
  }
}
