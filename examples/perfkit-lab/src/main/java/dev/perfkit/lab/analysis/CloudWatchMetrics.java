package dev.perfkit.lab.analysis;

import dev.perfkit.handlers.LabMetrics;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The performance report from CloudWatch, with one paginated GetMetricData call for every figure of
 * both analysed functions (the lab asked GetMetricStatistics three times per function and then read
 * a statistic it had not asked for).
 */
public final class CloudWatchMetrics {

  /** The figures asked for, per function. */
  enum Query {
    DURATION_SUM("AWS/Lambda", "Duration", "Sum"),
    DURATION_COUNT("AWS/Lambda", "Duration", "SampleCount"),
    DURATION_MAX("AWS/Lambda", "Duration", "Maximum"),
    DURATION_MIN("AWS/Lambda", "Duration", "Minimum"),
    DURATION_P95("AWS/Lambda", "Duration", "p95"),
    DURATION_P99("AWS/Lambda", "Duration", "p99"),
    INVOCATIONS("AWS/Lambda", "Invocations", "Sum"),
    ERRORS("AWS/Lambda", "Errors", "Sum"),
    THROTTLES("AWS/Lambda", "Throttles", "Sum"),
    CONCURRENCY("AWS/Lambda", "ConcurrentExecutions", "Maximum"),
    COLD_STARTS(LabStack.METRICS_NAMESPACE, LabMetrics.COLD_STARTS.name(), "Sum");

    final String namespace;
    final String metric;
    final String stat;

    Query(String namespace, String metric, String stat) {
      this.namespace = namespace;
      this.metric = metric;
      this.stat = stat;
    }

    String id(int function) {
      return name().toLowerCase(Locale.ROOT) + "_" + function;
    }
  }

  private final CloudWatchClient cloudWatch;
  private final LambdaPrices prices;

  /** A source that asks {@code cloudWatch}, estimating cost at {@code prices}. */
  public CloudWatchMetrics(CloudWatchClient cloudWatch, LambdaPrices prices) {
    this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    this.prices = Objects.requireNonNull(prices, "prices");
  }

  /**
   * Reports the stack's performance function and SQS function over the {@code since} before {@code
   * now}. The window is widened to whole minutes and asked for as a single period, so that
   * percentiles, maxima and minima cover the whole window.
   *
   * @throws IllegalStateException when CloudWatch answers a query with an error status
   */
  public PerformanceReport report(LabStack stack, Instant now, Duration since) {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(since, "since");
    long minutes = Math.max(1, (since.toSeconds() + 59) / 60);
    Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Instant start = end.minus(minutes, ChronoUnit.MINUTES);
    int period = Math.toIntExact(minutes * 60);

    List<FunctionSpec> functions = List.of(stack.performanceFunction(), stack.sqsScaler());
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      for (Query query : Query.values()) {
        queries.add(
            MetricDataQuery.builder()
                .id(query.id(i))
                .returnData(true)
                .metricStat(
                    MetricStat.builder()
                        .metric(
                            Metric.builder()
                                .namespace(query.namespace)
                                .metricName(query.metric)
                                .dimensions(
                                    Dimension.builder()
                                        .name(LabMetrics.FUNCTION_NAME)
                                        .value(functions.get(i).name())
                                        .build())
                                .build())
                        .period(period)
                        .stat(query.stat)
                        .build())
                .build());
      }
    }
    Map<String, List<Double>> values = fetch(queries, start, end);

    List<FunctionReport> reports = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      reports.add(functionReport(functions.get(i), i, values));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "durations are AWS/Lambda Duration (not billed duration); cold starts are "
            + LabStack.METRICS_NAMESPACE
            + "/ColdStarts as the functions emit them");
    String region = cloudWatch.serviceClientConfiguration().region().id();
    return new PerformanceReport(
        "CloudWatch " + region,
        start + " to " + end + " (" + minutes + " min)",
        reports,
        prices,
        notes);
  }

  private Map<String, List<Double>> fetch(
      List<MetricDataQuery> queries, Instant start, Instant end) {
    Map<String, List<Double>> values = new HashMap<>();
    String nextToken = null;
    do {
      GetMetricDataResponse response =
          cloudWatch.getMetricData(
              GetMetricDataRequest.builder()
                  .metricDataQueries(queries)
                  .startTime(start)
                  .endTime(end)
                  .nextToken(nextToken)
                  .build());
      for (MetricDataResult result : response.metricDataResults()) {
        StatusCode status = result.statusCode();
        if (status != StatusCode.COMPLETE && status != StatusCode.PARTIAL_DATA) {
          throw new IllegalStateException(
              "CloudWatch answered query "
                  + result.id()
                  + " ("
                  + result.label()
                  + ") with status "
                  + result.statusCodeAsString()
                  + (result.hasMessages() ? ": " + result.messages() : ""));
        }
        values.computeIfAbsent(result.id(), id -> new ArrayList<>()).addAll(result.values());
      }
      nextToken = response.nextToken();
    } while (nextToken != null);
    return values;
  }

  private static FunctionReport functionReport(
      FunctionSpec function, int index, Map<String, List<Double>> values) {
    double durationSum = sum(values, Query.DURATION_SUM.id(index));
    double durationCount = sum(values, Query.DURATION_COUNT.id(index));
    return new FunctionReport(
        function.name(),
        function.memoryMb(),
        Math.round(sum(values, Query.INVOCATIONS.id(index))),
        durationCount > 0 ? OptionalDouble.of(durationSum / durationCount) : OptionalDouble.empty(),
        max(values, Query.DURATION_MAX.id(index)),
        values.getOrDefault(Query.DURATION_MIN.id(index), List.of()).stream()
            .mapToDouble(Double::doubleValue)
            .min(),
        // One period covers the window; should CloudWatch still split it, the largest
        // percentile of the parts bounds the whole from above.
        max(values, Query.DURATION_P95.id(index)),
        max(values, Query.DURATION_P99.id(index)),
        max(values, Query.CONCURRENCY.id(index)),
        Math.round(sum(values, Query.ERRORS.id(index))),
        OptionalLong.of(Math.round(sum(values, Query.THROTTLES.id(index)))),
        Math.round(sum(values, Query.COLD_STARTS.id(index))),
        durationSum / 1000.0 * function.memoryMb() / 1024.0);
  }

  private static double sum(Map<String, List<Double>> values, String id) {
    return values.getOrDefault(id, List.of()).stream().mapToDouble(Double::doubleValue).sum();
  }

  private static OptionalDouble max(Map<String, List<Double>> values, String id) {
    return values.getOrDefault(id, List.of()).stream().mapToDouble(Double::doubleValue).max();
  }
}
