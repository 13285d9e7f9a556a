package dev.perfkit.handlers;

import dev.perfkit.core.Environment;
import dev.perfkit.core.apigateway.ApiGatewayPipeline;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.routing.InvocationMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The lab's custom CloudWatch metrics, defined once: what {@link PerformanceFunction} emits and
 * what a dashboard of it should ask for.
 *
 * <p>Every invocation writes one EMF document in namespace {@link #namespace(Environment)}; each
 * metric in it is published under every set of {@link #DIMENSION_SETS}: by {@code FunctionName}
 * alone (what the lab's dashboard asks for) and by {@code FunctionName} + {@code Operation}.
 *
 * <pre>{@code
 * for (LabMetrics.Metric metric : LabMetrics.invocationMetrics()) {
 *   widget.add(namespace, metric.name(), "FunctionName", functionName, metric.statistic());
 * }
 * }</pre>
 */
public final class LabMetrics {

  /** The variable naming the namespace; the same as the API Gateway pipeline reads. */
  public static final String NAMESPACE_VARIABLE = ApiGatewayPipeline.NAMESPACE_VARIABLE;

  /** The namespace when {@value #NAMESPACE_VARIABLE} is unset: the lab's. */
  public static final String DEFAULT_NAMESPACE = ApiGatewayPipeline.DEFAULT_NAMESPACE;

  /** Dimension: the Lambda function's name. */
  public static final String FUNCTION_NAME = InvocationMetrics.FUNCTION_NAME;

  /** Dimension: the operation, e.g. {@code cpu_intensive}; {@code unresolved} for a bad request. */
  public static final String OPERATION = InvocationMetrics.OPERATION;

  /** The dimension sets every metric is published under, in this order. */
  public static final List<List<String>> DIMENSION_SETS =
      List.of(List.of(FUNCTION_NAME), List.of(FUNCTION_NAME, OPERATION));

  /** Statistic for metrics recorded as 1 per event: their sum counts the events. */
  static final String SUM = "Sum";

  /** Statistic for durations and levels. */
  static final String AVERAGE = "Average";

  /** Count, 1 on the first invocation of an on-demand execution environment (absent otherwise). */
  public static final Metric COLD_STARTS =
      new Metric(
          InvocationMetrics.COLD_STARTS,
          MetricUnit.COUNT,
          SUM,
          "1 on the first invocation of an on-demand execution environment");

  /** Milliseconds from receiving the event to the response being ready. */
  public static final Metric EXECUTION_TIME =
      new Metric(
          InvocationMetrics.EXECUTION_TIME,
          MetricUnit.MILLISECONDS,
          AVERAGE,
          "time from receiving the event to the response being ready");

  /** Milliseconds left before the function's timeout when the response was ready. */
  public static final Metric REMAINING_TIME =
      new Metric(
          InvocationMetrics.REMAINING_TIME,
          MetricUnit.MILLISECONDS,
          AVERAGE,
          "time left before the function's timeout when the response was ready");

  /** Percent of the function's memory limit held as resident memory by the process. */
  public static final Metric MEMORY_UTILIZATION =
      new Metric(
          InvocationMetrics.MEMORY_UTILIZATION,
          MetricUnit.PERCENT,
          AVERAGE,
          "resident memory of the process as a percent of the function's memory limit");

  /** Count, 1 per invocation whose operation returned a result. */
  public static final Metric SUCCESSFUL_INVOCATIONS =
      new Metric(
          InvocationMetrics.SUCCESSFUL_INVOCATIONS,
          MetricUnit.COUNT,
          SUM,
          "1 per invocation whose operation returned a result");

  /** Count, 1 per invocation answered with an error (4xx or 5xx). */
  public static final Metric ERRORS =
      new Metric(
          InvocationMetrics.ERRORS,
          MetricUnit.COUNT,
          SUM,
          "1 per invocation answered with an error, its kind in the ErrorType property");

  /** Milliseconds of {@code concurrent_processing}. */
  public static final Metric CONCURRENT_PROCESSING_TIME =
      timeOf("ConcurrentProcessingTime", "concurrent_processing");

  /** Milliseconds of {@code database_batch}. */
  public static final Metric BATCH_PROCESSING_TIME =
      timeOf("BatchProcessingTime", "database_batch");

  /** Count of the records {@code database_batch} wrote. */
  public static final Metric RECORDS_PROCESSED =
      new Metric(
          "RecordsProcessed",
          MetricUnit.COUNT,
          SUM,
          "records database_batch wrote to the DynamoDB table");

  /** Milliseconds of {@code stream_processing}. */
  public static final Metric STREAM_PROCESSING_TIME =
      timeOf("StreamProcessingTime", "stream_processing");

  /** Count of the records {@code stream_processing} processed. */
  public static final Metric STREAM_RECORDS_PROCESSED =
      new Metric(
          "StreamRecordsProcessed", MetricUnit.COUNT, SUM, "records stream_processing processed");

  /** Milliseconds of {@code cpu_intensive}. */
  public static final Metric CPU_INTENSIVE_TIME = timeOf("CPUIntensiveTime", "cpu_intensive");

  /** Milliseconds of {@code memory_test}. */
  public static final Metric MEMORY_TEST_TIME = timeOf("MemoryTestTime", "memory_test");

  /** Milliseconds of {@code default}. */
  public static final Metric DEFAULT_OPERATION_TIME = timeOf("DefaultOperationTime", "default");

  private static final List<Metric> INVOCATION_METRICS =
      List.of(
          EXECUTION_TIME,
          COLD_STARTS,
          SUCCESSFUL_INVOCATIONS,
          ERRORS,
          REMAINING_TIME,
          MEMORY_UTILIZATION);

  private static final Map<String, Metric> OPERATION_TIMES =
      operationTimes(
          Map.entry(PerformanceFunction.CONCURRENT_PROCESSING, CONCURRENT_PROCESSING_TIME),
          Map.entry(PerformanceFunction.DATABASE_BATCH, BATCH_PROCESSING_TIME),
          Map.entry(PerformanceFunction.STREAM_PROCESSING, STREAM_PROCESSING_TIME),
          Map.entry(PerformanceFunction.CPU_INTENSIVE, CPU_INTENSIVE_TIME),
          Map.entry(PerformanceFunction.MEMORY_TEST, MEMORY_TEST_TIME),
          Map.entry(PerformanceFunction.DEFAULT, DEFAULT_OPERATION_TIME));

  private static final List<Metric> OPERATION_METRICS =
      List.of(
          CONCURRENT_PROCESSING_TIME,
          BATCH_PROCESSING_TIME,
          RECORDS_PROCESSED,
          STREAM_PROCESSING_TIME,
          STREAM_RECORDS_PROCESSED,
          CPU_INTENSIVE_TIME,
          MEMORY_TEST_TIME,
          DEFAULT_OPERATION_TIME);

  private LabMetrics() {}

  /**
   * A metric as published: its name, unit, the statistic a dashboard should show (Sum for counts
   * recorded as 1 per event, Average for durations and levels) and what it measures.
   *
   * @param name the CloudWatch metric name
   * @param unit its unit
   * @param statistic the statistic to graph, {@code Sum} or {@code Average}
   * @param description what it measures, in a few words
   */
  public record Metric(String name, MetricUnit unit, String statistic, String description) {

    /**
     * Checks that no component is null.
     *
     * @param name the CloudWatch metric name
     * @param unit its unit
     * @param statistic {@code Sum} or {@code Average}
     * @param description what it measures
     */
    public Metric {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(statistic, "statistic");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * The metrics of every invocation, whatever the operation.
   *
   * @return an immutable list, ExecutionTime first
   */
  public static List<Metric> invocationMetrics() {
    return INVOCATION_METRICS;
  }

  /**
   * The metrics of single operations.
   *
   * @return an immutable list of each operation's duration, and the record counts
   */
  public static List<Metric> operationMetrics() {
    return OPERATION_METRICS;
  }

  /**
   * Every metric.
   *
   * @return an immutable list: {@link #invocationMetrics()} then {@link #operationMetrics()}
   */
  public static List<Metric> all() {
    return Stream.concat(INVOCATION_METRICS.stream(), OPERATION_METRICS.stream()).toList();
  }

  /**
   * The operations of {@link PerformanceFunction}, in the lab's order, each with the metric of its
   * duration; the keys are the values of the {@code Operation} dimension.
   *
   * @return an unmodifiable map, iterated in the lab's order
   */
  public static Map<String, Metric> operationTimes() {
    return OPERATION_TIMES;
  }

  /**
   * The namespace the metrics are published under.
   *
   * @param environment where {@value #NAMESPACE_VARIABLE} is read
   * @return {@value #NAMESPACE_VARIABLE}, or {@link #DEFAULT_NAMESPACE} when it is unset or blank
   */
  public static String namespace(Environment environment) {
    Objects.requireNonNull(environment, "environment");
    return environment.getOrDefault(NAMESPACE_VARIABLE, DEFAULT_NAMESPACE);
  }

  /**
   * An emitter of these metrics: {@link #namespace}, {@link #DIMENSION_SETS}, to {@code sink}.
   *
   * @param environment where the namespace is read
   * @param sink where the EMF documents go
   * @return the emitter
   * @throws IllegalArgumentException when the namespace in {@code environment} is not a valid
   *     CloudWatch namespace
   */
  public static MetricsEmitter emitter(Environment environment, MetricsSink sink) {
    Objects.requireNonNull(sink, "sink");
    MetricsEmitter.Builder builder = MetricsEmitter.builder().namespace(namespace(environment));
    DIMENSION_SETS.forEach(set -> builder.dimensionSet(set.toArray(String[]::new)));
    return builder.sink(sink).build();
  }

  private static Metric timeOf(String name, String operation) {
    return new Metric(name, MetricUnit.MILLISECONDS, AVERAGE, "duration of " + operation);
  }

  @SafeVarargs
  private static Map<String, Metric> operationTimes(Map.Entry<String, Metric>... entries) {
    Map<String, Metric> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, Metric> entry : entries) {
      ordered.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(ordered);
  }
}
