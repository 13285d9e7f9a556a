package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.metrics.MetricUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * GetMetricStatistics: each datapoint holds only the statistics asked for (a client that reads
 * {@code Sum} without asking for it finds no {@code Sum}, as on AWS), one datapoint per period and
 * unit with data, at most 1,440 datapoints per call.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html">GetMetricStatistics</a>
 */
final class GetMetricStatistics {

  static final int MAX_DATAPOINTS = 1440;
  private static final Set<String> STATISTICS =
      Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

  private final MetricStore store;

  GetMetricStatistics(MetricStore store) {
    this.store = store;
  }

  ObjectNode handle(Input input) {
    MetricKey key = MetricInput.key(input);
    Instant start = input.requiredTimestamp("StartTime");
    Instant end = input.requiredTimestamp("EndTime");
    int period = MetricInput.period(input, "Period");
    if (!start.isBefore(end)) {
      throw CloudWatchException.invalidValue(
          "The parameter StartTime must be less than the parameter EndTime.");
    }
    List<Statistic> statistics = statistics(input);
    MetricUnit unit = MetricInput.unit(input, "Unit");
    TimeGrid grid = TimeGrid.of(start, end, period);
    if (grid.count() > MAX_DATAPOINTS) {
      throw CloudWatchException.combination(
          "You have requested up to "
              + grid.count()
              + " datapoints, which exceeds the limit of "
              + MAX_DATAPOINTS
              + ". You may reduce the"
              + " datapoints requested by increasing Period, or decreasing the time range.");
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("Label", key.name());
    ArrayNode datapoints = output.putArray("Datapoints");
    for (Aggregate aggregate : store.aggregate(key, grid, unit, true)) {
      ObjectNode datapoint = datapoints.addObject();
      datapoint.putPOJO("Timestamp", aggregate.timestamp);
      ObjectNode extended = null;
      for (Statistic statistic : statistics) {
        OptionalDouble value = aggregate.value(statistic);
        if (statistic.isPercentile()) {
          if (value.isPresent()) {
            if (extended == null) {
              extended = JsonNodeFactory.instance.objectNode();
            }
            extended.put(statistic.name(), value.getAsDouble());
          }
        } else {
          datapoint.put(statistic.name(), value.getAsDouble());
        }
      }
      datapoint.put("Unit", aggregate.unit.cloudWatchName());
      if (extended != null) {
        datapoint.set("ExtendedStatistics", extended);
      }
    }
    return output;
  }

  private static List<Statistic> statistics(Input input) {
    List<Input> standard = input.list("Statistics");
    List<Input> extended = input.list("ExtendedStatistics");
    if (standard.isEmpty() && extended.isEmpty()) {
      throw CloudWatchException.missing("Statistics or ExtendedStatistics");
    }
    if (standard.size() > 5 || extended.size() > 10) {
      throw CloudWatchException.invalidValue(
          "Statistics holds at most 5 and" + " ExtendedStatistics at most 10 members.");
    }
    Set<Statistic> statistics = new LinkedHashSet<>();
    for (Input name : standard) {
      if (!STATISTICS.contains(name.asText())) {
        throw CloudWatchException.invalidValue(
            "The value "
                + name.asText()
                + " for parameter "
                + name.path()
                + " is not a valid statistic; allowed: SampleCount, Average, Sum,"
                + " Minimum, Maximum.");
      }
      statistics.add(Statistic.parse(name.asText()).orElseThrow());
    }
    for (Input name : extended) {
      Statistic statistic =
          Statistic.parse(name.asText())
              .filter(Statistic::isPercentile)
              .orElseThrow(
                  () ->
                      CloudWatchException.invalidValue(
                          "The value "
                              + name.asText()
                              + " for parameter "
                              + name.path()
                              + " is not a percentile p0.0 to p100."));
      statistics.add(statistic);
    }
    return new ArrayList<>(statistics);
  }
}
