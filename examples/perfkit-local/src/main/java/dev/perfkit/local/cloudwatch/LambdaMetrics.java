package dev.perfkit.local.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code AWS/Lambda} metrics, published as Lambda publishes them: each value under no dimension
 * (across all functions), under {@code FunctionName}, under {@code FunctionName} and {@code
 * Resource} ({@code function:alias} or {@code function:version}) when the caller named a qualifier,
 * and invocation results also under {@code FunctionName}, {@code Resource} and {@code
 * ExecutedVersion}. Values are timestamped with the invocation's start and stored at one-minute
 * resolution. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html">Working with
 *     Lambda function metrics</a>
 */
public final class LambdaMetrics {

  /** The namespace. */
  public static final String NAMESPACE = "AWS/Lambda";

  /** The dimension of a function (all its versions and aliases). */
  public static final String FUNCTION_NAME = "FunctionName";

  /** The dimension of a version or alias: {@code function:qualifier}. */
  public static final String RESOURCE = "Resource";

  /** The dimension of the version an alias invocation ran. */
  public static final String EXECUTED_VERSION = "ExecutedVersion";

  private final Publisher publisher;

  LambdaMetrics(Publisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Publishes an invocation that ran: Invocations, Errors, Duration and, by capacity,
   * ProvisionedConcurrencyInvocations or ProvisionedConcurrencySpilloverInvocations.
   *
   * @param invocation the invocation
   */
  public void invocation(LambdaInvocation invocation) {
    Objects.requireNonNull(invocation, "invocation");
    String function = invocation.functionName();
    Optional<String> qualifier = invocation.qualifier();
    List<List<Dimension>> sets = dimensionSets(function, qualifier);
    List<List<Dimension>> withVersion = new ArrayList<>(sets);
    qualifier.ifPresent(
        q ->
            withVersion.add(
                List.of(
                    new Dimension(FUNCTION_NAME, function),
                    new Dimension(RESOURCE, function + ":" + q),
                    new Dimension(EXECUTED_VERSION, invocation.executedVersion()))));
    Instant at = invocation.start();
    publish(ServiceMetric.LAMBDA_INVOCATIONS, at, 1, withVersion);
    publish(ServiceMetric.LAMBDA_ERRORS, at, invocation.functionError() ? 1 : 0, withVersion);
    publish(ServiceMetric.LAMBDA_DURATION, at, invocation.duration().toNanos() / 1e6, withVersion);
    switch (invocation.capacity()) {
      case PROVISIONED ->
          publish(ServiceMetric.LAMBDA_PROVISIONED_CONCURRENCY_INVOCATIONS, at, 1, sets);
      case SPILLOVER ->
          publish(ServiceMetric.LAMBDA_PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, at, 1, sets);
      default -> {}
    }
  }

  /**
   * Publishes a throttled invocation request (Lambda answered 429).
   *
   * @param functionName the function's name
   * @param qualifier the alias or version the caller named, if any
   * @param at when the request was refused
   */
  public void throttle(String functionName, Optional<String> qualifier, Instant at) {
    publish(ServiceMetric.LAMBDA_THROTTLES, at, 1, dimensionSets(functionName, qualifier));
  }

  /**
   * Publishes the instances processing events when an invocation starts.
   *
   * @param functionName the function's name
   * @param qualifier the alias or version the caller named, if any
   * @param concurrentExecutions the function's instances processing events, this one included
   * @param at when the invocation started
   */
  public void concurrency(
      String functionName, Optional<String> qualifier, int concurrentExecutions, Instant at) {
    if (concurrentExecutions < 0) {
      throw new IllegalArgumentException(
          "concurrentExecutions must not be negative: " + concurrentExecutions);
    }
    publish(
        ServiceMetric.LAMBDA_CONCURRENT_EXECUTIONS,
        at,
        concurrentExecutions,
        dimensionSets(functionName, qualifier));
  }

  /**
   * Publishes provisioned concurrency in use when an invocation of a version or alias with
   * provisioned concurrency starts: ProvisionedConcurrentExecutions and, under the resource,
   * ProvisionedConcurrencyUtilization ({@code executing / allocated}).
   *
   * @param functionName the function's name
   * @param qualifier the alias or version with provisioned concurrency
   * @param executing its provisioned instances processing events
   * @param allocated its provisioned instances
   * @param at when the invocation started
   */
  public void provisionedConcurrency(
      String functionName, String qualifier, int executing, int allocated, Instant at) {
    Publisher.required("qualifier", qualifier);
    if (executing < 0 || allocated < 1) {
      throw new IllegalArgumentException(
          "executing must be >= 0 and allocated >= 1, were " + executing + " and " + allocated);
    }
    List<List<Dimension>> sets = dimensionSets(functionName, Optional.of(qualifier));
    publish(ServiceMetric.LAMBDA_PROVISIONED_CONCURRENT_EXECUTIONS, at, executing, sets);
    publish(
        ServiceMetric.LAMBDA_PROVISIONED_CONCURRENCY_UTILIZATION,
        at,
        (double) executing / allocated,
        List.of(sets.get(sets.size() - 1)));
  }

  /**
   * Publishes an event an asynchronous invocation queued.
   *
   * @param functionName the function's name
   * @param qualifier the alias or version the caller named, if any
   * @param at when the event was queued
   */
  public void asyncEventReceived(String functionName, Optional<String> qualifier, Instant at) {
    publish(
        ServiceMetric.LAMBDA_ASYNC_EVENTS_RECEIVED, at, 1, dimensionSets(functionName, qualifier));
  }

  private void publish(ServiceMetric metric, Instant at, double value, List<List<Dimension>> sets) {
    publisher.publish(metric, at, value, sets);
  }

  private static List<List<Dimension>> dimensionSets(
      String functionName, Optional<String> qualifier) {
    Publisher.required("functionName", functionName);
    Objects.requireNonNull(qualifier, "qualifier");
    List<List<Dimension>> sets = new ArrayList<>();
    sets.add(List.of());
    sets.add(List.of(new Dimension(FUNCTION_NAME, functionName)));
    qualifier.ifPresent(
        q ->
            sets.add(
                List.of(
                    new Dimension(FUNCTION_NAME, functionName),
                    new Dimension(RESOURCE, functionName + ":" + q))));
    return sets;
  }
}
