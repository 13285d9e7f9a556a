package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;

/**
 * The metrics the local services publish, with the namespaces, names and units AWS publishes them
 * with; {@link LambdaMetrics}, {@link ApiGatewayMetrics} and {@link SqsMetrics} publish them under
 * their services' dimension sets.
 */
public enum ServiceMetric {
  /** 1 per invocation that ran the function code (not a throttled one). */
  LAMBDA_INVOCATIONS(LambdaMetrics.NAMESPACE, "Invocations", MetricUnit.COUNT),
  /** 1 per invocation that ended in a function error, 0 per other invocation. */
  LAMBDA_ERRORS(LambdaMetrics.NAMESPACE, "Errors", MetricUnit.COUNT),
  /** 1 per invocation request refused for want of concurrency (429). */
  LAMBDA_THROTTLES(LambdaMetrics.NAMESPACE, "Throttles", MetricUnit.COUNT),
  /** Milliseconds the function code ran, per invocation. */
  LAMBDA_DURATION(LambdaMetrics.NAMESPACE, "Duration", MetricUnit.MILLISECONDS),
  /** Instances processing events, emitted at each invocation: read it with Maximum. */
  LAMBDA_CONCURRENT_EXECUTIONS(LambdaMetrics.NAMESPACE, "ConcurrentExecutions", MetricUnit.COUNT),
  /** Instances processing events on provisioned concurrency. */
  LAMBDA_PROVISIONED_CONCURRENT_EXECUTIONS(
      LambdaMetrics.NAMESPACE, "ProvisionedConcurrentExecutions", MetricUnit.COUNT),
  /** Provisioned instances busy over provisioned instances allocated (0 to 1). */
  LAMBDA_PROVISIONED_CONCURRENCY_UTILIZATION(
      LambdaMetrics.NAMESPACE, "ProvisionedConcurrencyUtilization", MetricUnit.NONE),
  /** 1 per invocation on provisioned concurrency. */
  LAMBDA_PROVISIONED_CONCURRENCY_INVOCATIONS(
      LambdaMetrics.NAMESPACE, "ProvisionedConcurrencyInvocations", MetricUnit.COUNT),
  /** 1 per invocation on standard concurrency while all provisioned concurrency was busy. */
  LAMBDA_PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS(
      LambdaMetrics.NAMESPACE, "ProvisionedConcurrencySpilloverInvocations", MetricUnit.COUNT),
  /** 1 per event an asynchronous invocation queued. */
  LAMBDA_ASYNC_EVENTS_RECEIVED(LambdaMetrics.NAMESPACE, "AsyncEventsReceived", MetricUnit.COUNT),

  /** 1 per request. */
  API_GATEWAY_COUNT(ApiGatewayMetrics.NAMESPACE, "Count", MetricUnit.COUNT),
  /** Milliseconds from receiving a request to answering it. */
  API_GATEWAY_LATENCY(ApiGatewayMetrics.NAMESPACE, "Latency", MetricUnit.MILLISECONDS),
  /** Milliseconds the integration took, for requests that reached it. */
  API_GATEWAY_INTEGRATION_LATENCY(
      ApiGatewayMetrics.NAMESPACE, "IntegrationLatency", MetricUnit.MILLISECONDS),
  /** 1 per request answered 4xx, else 0. */
  API_GATEWAY_4XX_ERROR(ApiGatewayMetrics.NAMESPACE, "4XXError", MetricUnit.COUNT),
  /** 1 per request answered 5xx, else 0. */
  API_GATEWAY_5XX_ERROR(ApiGatewayMetrics.NAMESPACE, "5XXError", MetricUnit.COUNT),
  /** 1 per cached request answered from the cache, else 0. */
  API_GATEWAY_CACHE_HIT_COUNT(ApiGatewayMetrics.NAMESPACE, "CacheHitCount", MetricUnit.COUNT),
  /** 1 per cached request sent to the integration, else 0. */
  API_GATEWAY_CACHE_MISS_COUNT(ApiGatewayMetrics.NAMESPACE, "CacheMissCount", MetricUnit.COUNT),

  /** Messages added to the queue, per send call. */
  SQS_NUMBER_OF_MESSAGES_SENT(SqsMetrics.NAMESPACE, "NumberOfMessagesSent", MetricUnit.COUNT),
  /** Messages returned by receive calls. */
  SQS_NUMBER_OF_MESSAGES_RECEIVED(
      SqsMetrics.NAMESPACE, "NumberOfMessagesReceived", MetricUnit.COUNT),
  /** Messages deleted from the queue. */
  SQS_NUMBER_OF_MESSAGES_DELETED(SqsMetrics.NAMESPACE, "NumberOfMessagesDeleted", MetricUnit.COUNT),
  /** Messages available for retrieval, sampled. */
  SQS_APPROXIMATE_NUMBER_OF_MESSAGES_VISIBLE(
      SqsMetrics.NAMESPACE, "ApproximateNumberOfMessagesVisible", MetricUnit.COUNT),
  /** Seconds the oldest message has been in the queue, sampled. */
  SQS_APPROXIMATE_AGE_OF_OLDEST_MESSAGE(
      SqsMetrics.NAMESPACE, "ApproximateAgeOfOldestMessage", MetricUnit.SECONDS);

  private final String namespace;
  private final String metricName;
  private final MetricUnit unit;

  ServiceMetric(String namespace, String metricName, MetricUnit unit) {
    this.namespace = namespace;
    this.metricName = metricName;
    this.unit = unit;
  }

  /**
   * The namespace.
   *
   * @return e.g. {@code AWS/Lambda}
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The CloudWatch metric name.
   *
   * @return e.g. {@code Duration}
   */
  public String metricName() {
    return metricName;
  }

  /**
   * The unit the service publishes it in.
   *
   * @return the unit
   */
  public MetricUnit unit() {
    return unit;
  }
}
