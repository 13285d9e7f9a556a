package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CloudWatch's checks of a dashboard body, each failure a message with the JSON path of the
 * offending value: a JSON object with a {@code widgets} array of at most 500 widgets; each widget
 * an object with a {@code type} and {@code properties}, integer {@code x} (0 to 23), {@code y},
 * {@code width} (1 to 24) and {@code height} (1 to 1000); a metric widget with a {@code region} and
 * {@code metrics} rows that are either an expression object or a namespace, a metric name,
 * dimension name and value pairs ({@code "."} repeating the row above) and an optional options
 * object; a text widget with its {@code markdown}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html">Dashboard
 *     body structure and syntax</a>
 */
final class DashboardValidator {

  /** One failed check, as {@code DashboardValidationMessage}. */
  record Message(String dataPath, String message) {}

  static final int MAX_WIDGETS = 500;
  private static final Set<String> TYPES =
      Set.of("metric", "text", "log", "alarm", "explorer", "custom");
  private static final Set<String> VIEWS =
      Set.of("timeSeries", "singleValue", "bar", "pie", "gauge", "table");

  private final List<Message> messages = new ArrayList<>();

  private DashboardValidator() {}

  /** The failed checks of {@code body}, a parsed JSON object; empty when it is valid. */
  static List<Message> validate(JsonNode body) {
    DashboardValidator validator = new DashboardValidator();
    validator.root(body);
    return List.copyOf(validator.messages);
  }

  private void root(JsonNode body) {
    JsonNode widgets = body.get("widgets");
    if (widgets == null) {
      fail("", "Should have required property 'widgets'");
      return;
    }
    if (!widgets.isArray()) {
      fail("/widgets", "Should be array");
      return;
    }
    if (widgets.size() > MAX_WIDGETS) {
      fail("/widgets", "Should NOT have more than " + MAX_WIDGETS + " items");
    }
    JsonNode override = body.get("periodOverride");
    if (override != null
        && !(override.isTextual() && Set.of("auto", "inherit").contains(override.asText()))) {
      fail("/periodOverride", "Should be equal to one of the allowed values: auto, inherit");
    }
    for (int i = 0; i < widgets.size(); i++) {
      widget(widgets.get(i), "/widgets/" + i);
    }
  }

  private void widget(JsonNode widget, String path) {
    if (!widget.isObject()) {
      fail(path, "Should be object");
      return;
    }
    JsonNode type = widget.get("type");
    if (type == null) {
      fail(path, "Should have required property 'type'");
    } else if (!type.isTextual() || !TYPES.contains(type.asText())) {
      fail(path + "/type", "Should be equal to one of the allowed values: " + TYPES);
    }
    integer(widget, "x", path, 0, 23);
    integer(widget, "y", path, 0, Integer.MAX_VALUE);
    integer(widget, "width", path, 1, 24);
    integer(widget, "height", path, 1, 1000);
    JsonNode properties = widget.get("properties");
    if (properties == null) {
      fail(path, "Should have required property 'properties'");
      return;
    }
    if (!properties.isObject()) {
      fail(path + "/properties", "Should be object");
      return;
    }
    String kind = type == null ? "" : type.asText();
    if (kind.equals("metric")) {
      metricProperties(properties, path + "/properties");
    } else if (kind.equals("text")) {
      JsonNode markdown = properties.get("markdown");
      if (markdown == null || !markdown.isTextual()) {
        fail(path + "/properties", "Should have required property 'markdown'");
      }
    }
  }

  private void metricProperties(JsonNode properties, String path) {
    JsonNode region = properties.get("region");
    if (region == null || !region.isTextual()) {
      fail(path, "Should have required property 'region'");
    }
    integer(properties, "period", path, 1, Integer.MAX_VALUE);
    JsonNode view = properties.get("view");
    if (view != null && !(view.isTextual() && VIEWS.contains(view.asText()))) {
      fail(path + "/view", "Should be equal to one of the allowed values: " + VIEWS);
    }
    JsonNode metrics = properties.get("metrics");
    if (metrics == null) {
      return;
    }
    if (!metrics.isArray()) {
      fail(path + "/metrics", "Should be array");
      return;
    }
    for (int r = 0; r < metrics.size(); r++) {
      row(metrics.get(r), path + "/metrics/" + r, r == 0);
    }
  }

  private void row(JsonNode row, String path, boolean first) {
    if (!row.isArray() || row.isEmpty()) {
      fail(path, "Should be a non-empty array");
      return;
    }
    int strings = row.size();
    JsonNode last = row.get(row.size() - 1);
    if (last.isObject()) {
      strings--;
      if (strings == 0) {
        JsonNode expression = last.get("expression");
        if (expression == null || !expression.isTextual() || expression.asText().isBlank()) {
          fail(path + "/0", "Should have required property 'expression'");
        }
        return;
      }
    }
    for (int i = 0; i < strings; i++) {
      if (!row.get(i).isTextual()) {
        fail(path + "/" + i, "Should be string");
        return;
      }
      if (first && row.get(i).asText().equals(".")) {
        fail(path + "/" + i, "Should not be '.' in the first row: there is no row above");
        return;
      }
    }
    if (strings < 2) {
      fail(path, "Should NOT have fewer than 2 items: a namespace and a metric name");
    } else if (strings % 2 != 0) {
      fail(path, "Should have dimension names and values in pairs");
    }
  }

  private void integer(JsonNode parent, String field, String path, int min, int max) {
    JsonNode value = parent.get(field);
    if (value == null) {
      return;
    }
    if (!value.isIntegralNumber()) {
      fail(path + "/" + field, "Should be integer");
    } else if (value.asLong() < min) {
      fail(path + "/" + field, "Should be >= " + min);
    } else if (value.asLong() > max) {
      fail(path + "/" + field, "Should be <= " + max);
    }
  }

  private void fail(String dataPath, String message) {
    messages.add(new Message(dataPath, message));
  }
}
