package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PutDashboard, GetDashboard, ListDashboards and DeleteDashboards, with CloudWatch's checks: a name
 * of 1 to 255 letters, digits, dashes and underscores; a body that passes {@link
 * DashboardValidator}, else {@code InvalidParameterInput} with the validation messages.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html">PutDashboard</a>
 */
final class DashboardOperations {

  static final int PAGE_SIZE = 1000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dashboards dashboards;
  private final Clock clock;
  private final String accountId;

  DashboardOperations(Dashboards dashboards, Clock clock, String accountId) {
    this.dashboards = dashboards;
    this.clock = clock;
    this.accountId = accountId;
  }

  String arn(String name) {
    return "arn:aws:cloudwatch::" + accountId + ":dashboard/" + name;
  }

  ObjectNode put(Input input) {
    String name = name(input);
    String body = input.requiredText("DashboardBody");
    JsonNode parsed;
    try {
      parsed = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw CloudWatchException.dashboardInvalid(
          "The field DashboardBody must be a valid JSON object");
    }
    List<DashboardValidator.Message> messages = DashboardValidator.validate(parsed);
    if (!messages.isEmpty()) {
      CloudWatchException error = CloudWatchException.dashboardInvalid(describe(messages));
      ArrayNode list = error.members.putArray("dashboardValidationMessages");
      messages.forEach(
          m -> list.addObject().put("DataPath", m.dataPath()).put("Message", m.message()));
      throw error;
    }
    dashboards.put(new Dashboards.Dashboard(name, body, clock.instant()));
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.putArray("DashboardValidationMessages");
    return output;
  }

  ObjectNode get(Input input) {
    String name = input.requiredText("DashboardName");
    Dashboards.Dashboard dashboard =
        dashboards
            .get(name)
            .orElseThrow(
                () ->
                    CloudWatchException.dashboardNotFound("Dashboard " + name + " does not exist"));
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("DashboardArn", arn(name));
    output.put("DashboardBody", dashboard.body());
    output.put("DashboardName", name);
    return output;
  }

  ObjectNode list(Input input) {
    String prefix = input.text("DashboardNamePrefix");
    String token = input.text("NextToken");
    long skip = token == null ? 0 : PageToken.decode(token);
    List<Dashboards.Dashboard> matching = dashboards.list(prefix == null ? "" : prefix);
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ArrayNode entries = output.putArray("DashboardEntries");
    long end = Math.min(matching.size(), skip + PAGE_SIZE);
    for (long i = skip; i < end; i++) {
      Dashboards.Dashboard dashboard = matching.get((int) i);
      ObjectNode entry = entries.addObject();
      entry.put("DashboardName", dashboard.name());
      entry.put("DashboardArn", arn(dashboard.name()));
      entry.putPOJO("LastModified", dashboard.lastModified());
      entry.put("Size", dashboard.size());
    }
    if (end < matching.size()) {
      output.put("NextToken", PageToken.encode(end));
    }
    return output;
  }

  ObjectNode delete(Input input) {
    List<String> names = new ArrayList<>();
    for (Input name : input.list("DashboardNames")) {
      names.add(name.asText());
    }
    if (names.isEmpty()) {
      throw CloudWatchException.missing("DashboardNames");
    }
    dashboards.deleteAll(names);
    return JsonNodeFactory.instance.objectNode();
  }

  private static String name(Input input) {
    String name = input.requiredText("DashboardName");
    if (!NAME.matcher(name).matches()) {
      throw CloudWatchException.dashboardInvalid(
          "The value for field DashboardName contains"
              + " invalid characters. It can only contain alphanumerics, dash (-) and underscore"
              + " (_), 1 to 255 of them.");
    }
    return name;
  }

  private static String describe(List<DashboardValidator.Message> messages) {
    StringBuilder text =
        new StringBuilder("The dashboard body is invalid, there are ")
            .append(messages.size())
            .append(" validation errors:\n[");
    for (int i = 0; i < messages.size(); i++) {
      DashboardValidator.Message message = messages.get(i);
      text.append(i == 0 ? "\n" : ",\n")
          .append("  {\n    \"dataPath\": \"")
          .append(message.dataPath())
          .append("\",\n    \"message\": \"")
          .append(message.message())
          .append("\"\n  }");
    }
    return text.append("\n]").toString();
  }
}
