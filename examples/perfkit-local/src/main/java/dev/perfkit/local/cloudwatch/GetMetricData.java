package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.regex.Pattern;

/**
 * GetMetricData: up to 500 queries, each a MetricStat (a metric whose dimension set must match
 * exactly, a period, a statistic, optionally a unit) or a metric math {@link MetricMath expression}
 * over the other queries; values newest first unless {@code ScanBy} is {@code TimestampAscending};
 * at most {@code MaxDatapoints} (default 100,800) values per page, the rest behind {@code
 * NextToken}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData</a>
 */
final class GetMetricData {

  static final int MAX_QUERIES = 500;
  static final int DEFAULT_MAX_DATAPOINTS = 100_800;
  private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");

  private final MetricStore store;

  GetMetricData(MetricStore store) {
    this.store = store;
  }

  /** One query of the request, and, once evaluated, its values. */
  private static final class Query {
    Input input;
    String id;
    String label;
    boolean returnData;
    NavigableMap<Long, Double> values;
    final List<String> messages = new ArrayList<>();
    boolean evaluating;
  }

  ObjectNode handle(Input input) {
    Instant start = input.requiredTimestamp("StartTime");
    Instant end = input.requiredTimestamp("EndTime");
    if (!start.isBefore(end)) {
      throw CloudWatchException.invalidValue(
          "The parameter StartTime must be less than the parameter EndTime.");
    }
    List<Input> inputs = input.list("MetricDataQueries");
    if (inputs.isEmpty()) {
      throw CloudWatchException.missing("MetricDataQueries");
    }
    if (inputs.size() > MAX_QUERIES) {
      throw CloudWatchException.invalidValue(
          "The collection MetricDataQueries must not have a"
              + " size greater than "
              + MAX_QUERIES
              + ".");
    }
    boolean ascending = scanAscending(input);
    Integer maxDatapoints = input.integer("MaxDatapoints");
    int pageSize = maxDatapoints == null ? DEFAULT_MAX_DATAPOINTS : maxDatapoints;
    if (pageSize < 1) {
      throw CloudWatchException.invalidValue("The parameter MaxDatapoints must be positive.");
    }
    Map<String, Query> queries = parse(inputs);
    List<String> metricIds = new ArrayList<>();
    queries.values().stream()
        .filter(q -> q.input.has("MetricStat"))
        .forEach(q -> metricIds.add(q.id));
    for (Query query : queries.values()) {
      evaluate(query, queries, metricIds, start, end);
    }
    return page(queries, ascending, pageSize, input.text("NextToken"));
  }

  private static boolean scanAscending(Input input) {
    String scanBy = input.text("ScanBy");
    if (scanBy == null || scanBy.equals("TimestampDescending")) {
      return false;
    }
    if (scanBy.equals("TimestampAscending")) {
      return true;
    }
    throw CloudWatchException.invalidValue(
        "The value "
            + scanBy
            + " for parameter ScanBy is"
            + " not valid; allowed: TimestampDescending, TimestampAscending.");
  }

  private static Map<String, Query> parse(List<Input> inputs) {
    Map<String, Query> queries = new LinkedHashMap<>();
    for (Input input : inputs) {
      Query query = new Query();
      query.input = input;
      query.id = input.requiredText("Id");
      if (!ID.matcher(query.id).matches() || query.id.length() > 255) {
        throw CloudWatchException.invalidValue(
            "The value "
                + query.id
                + " for parameter "
                + input.path("Id")
                + " is not valid: an id starts with a lowercase letter and holds"
                + " only letters, digits and underscores.");
      }
      if (queries.putIfAbsent(query.id, query) != null) {
        throw CloudWatchException.invalidValue(
            "The value " + query.id + " for parameter MetricDataQueries.Id is not unique.");
      }
      if (input.has("MetricStat") == input.has("Expression")) {
        throw CloudWatchException.combination(
            "The parameter "
                + input.path()
                + " must have"
                + " exactly one of MetricStat and Expression.");
      }
      Boolean returnData = input.bool("ReturnData");
      query.returnData = returnData == null || returnData;
      query.label = input.text("Label");
    }
    return queries;
  }

  private void evaluate(
      Query query, Map<String, Query> queries, List<String> metricIds, Instant start, Instant end) {
    if (query.values != null) {
      return;
    }
    if (query.evaluating) {
      throw CloudWatchException.invalidValue(
          "The expression of " + query.id + " refers to itself through other expressions.");
    }
    Input input = query.input;
    if (input.has("MetricStat")) {
      Input stat = input.child("MetricStat");
      MetricKey key = MetricInput.key(stat.child("Metric"));
      int period = MetricInput.period(stat, "Period");
      String statName = stat.requiredText("Stat");
      Statistic statistic = MetricInput.statistic(stat, "Stat", statName);
      MetricStore.StatSeries series =
          store.series(
              key, TimeGrid.of(start, end, period), MetricInput.unit(stat, "Unit"), statistic);
      query.values = series.points();
      series
          .gap()
          .ifPresent(
              gap ->
                  query.messages.add(
                      gap == Aggregate.PercentileGap.NEGATIVE_VALUES
                          ? "Percentiles are not available for metrics with negative values."
                          : "Percentiles are missing where the local CloudWatch reached its bound on raw"
                              + " values."));
      if (query.label == null) {
        query.label = key.name();
      }
      return;
    }
    query.evaluating = true;
    Integer period = input.integer("Period");
    int gridPeriod = period != null ? period : firstPeriod(queries);
    MetricMath.Context context =
        new MetricMath.Context(
            id -> {
              Query other = queries.get(id);
              if (other == null) {
                return null;
              }
              evaluate(other, queries, metricIds, start, end);
              return other.values;
            },
            metricIds,
            TimeGrid.of(start, end, gridPeriod));
    try {
      query.values = MetricMath.evaluate(input.text("Expression"), context);
    } catch (IllegalArgumentException e) {
      throw CloudWatchException.invalidValue(
          "Error in expression '" + query.id + "': " + e.getMessage());
    }
    query.evaluating = false;
    if (query.label == null) {
      query.label = query.id;
    }
  }

  private static int firstPeriod(Map<String, Query> queries) {
    for (Query query : queries.values()) {
      if (query.input.has("MetricStat")) {
        Integer period = query.input.child("MetricStat").integer("Period");
        if (period != null) {
          return period;
        }
      }
    }
    return 60;
  }

  private static ObjectNode page(
      Map<String, Query> queries, boolean ascending, int pageSize, String nextToken) {
    long skip = nextToken == null ? 0 : PageToken.decode(nextToken);
    long offset = 0;
    long emitted = 0;
    boolean truncated = false;
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ArrayNode results = output.putArray("MetricDataResults");
    for (Query query : queries.values()) {
      if (!query.returnData) {
        continue;
      }
      List<Map.Entry<Long, Double>> points =
          new ArrayList<>((ascending ? query.values : query.values.descendingMap()).entrySet());
      long from = Math.max(0, Math.min(points.size(), skip - offset));
      offset += points.size();
      if (points.isEmpty() ? skip > 0 : from == points.size()) {
        continue;
      }
      long room = pageSize - emitted;
      if (room == 0 && !points.isEmpty()) {
        truncated = true;
        break;
      }
      long to = Math.min(points.size(), from + room);
      ObjectNode result = results.addObject();
      result.put("Id", query.id);
      result.put("Label", query.label);
      ArrayNode timestamps = result.putArray("Timestamps");
      ArrayNode values = result.putArray("Values");
      for (long i = from; i < to; i++) {
        timestamps.addPOJO(Instant.ofEpochSecond(points.get((int) i).getKey()));
        values.add(points.get((int) i).getValue());
      }
      emitted += to - from;
      boolean partial = to < points.size();
      truncated |= partial;
      result.put("StatusCode", partial ? "PartialData" : "Complete");
      if (!query.messages.isEmpty()) {
        ArrayNode messages = result.putArray("Messages");
        query.messages.forEach(m -> messages.addObject().put("Code", "Warning").put("Value", m));
      }
      if (partial) {
        break;
      }
    }
    output.putArray("Messages");
    if (truncated) {
      output.put("NextToken", PageToken.encode(skip + emitted));
    }
    return output;
  }
}
