package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import java.util.List;
import java.util.Objects;

/**
 * The {@code AWS/ApiGateway} metrics of a REST API, published as API Gateway publishes them:
 * each request under {@code ApiName} and under {@code ApiName} and {@code Stage}, at one-minute
 * resolution. The error metrics are 1 or 0 per request, so their Average is the error rate and
 * their Sum the error count. Thread-safe.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html">Amazon
 *     API Gateway dimensions and metrics</a>
 */
public final class ApiGatewayMetrics {

  /** The namespace. */
  public static final String NAMESPACE = "AWS/ApiGateway";
  /** The dimension of an API. */
  public static final String API_NAME = "ApiName";
  /** The dimension of a stage, published together with {@link #API_NAME}. */
  public static final String STAGE = "Stage";

  /** The metrics, with their CloudWatch names and units. */
  public enum Metric {
    /** 1 per request. */
    COUNT("Count", MetricUnit.COUNT),
    /** Milliseconds from receiving a request to answering it. */
    LATENCY("Latency", MetricUnit.MILLISECONDS),
    /** Milliseconds the integration took, for requests that reached it. */
    INTEGRATION_LATENCY("IntegrationLatency", MetricUnit.MILLISECONDS),
    /** 1 per request answered 4xx, else 0. */
    CLIENT_ERRORS("4XXError", MetricUnit.COUNT),
    /** 1 per request answered 5xx, else 0. */
    SERVER_ERRORS("5XXError", MetricUnit.COUNT),
    /** 1 per cached request answered from the cache, else 0. */
    CACHE_HIT_COUNT("CacheHitCount", MetricUnit.COUNT),
    /** 1 per cached request sent to the integration, else 0. */
    CACHE_MISS_COUNT("CacheMissCount", MetricUnit.COUNT);

    private final String metricName;
    private final MetricUnit unit;

    Metric(String metricName, MetricUnit unit) {
      this.metricName = metricName;
      this.unit = unit;
    }

    /**
     * The CloudWatch metric name.
     *
     * @return the name, e.g. {@code 4XXError}
     */
    public String metricName() {
      return metricName;
    }

    /**
     * The unit API Gateway publishes it in.
     *
     * @return the unit
     */
    public MetricUnit unit() {
      return unit;
    }
  }

  private final Publisher publisher;

  ApiGatewayMetrics(Publisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Publishes one answered request.
   *
   * @param request the request
   */
  public void request(ApiRequest request) {
    Objects.requireNonNull(request, "request");
    List<List<Dimension>> sets = List.of(
        List.of(new Dimension(API_NAME, request.apiName())),
        List.of(new Dimension(API_NAME, request.apiName()),
            new Dimension(STAGE, request.stage())));
    int status = request.status();
    publish(Metric.COUNT, request, 1, sets);
    publish(Metric.LATENCY, request, millis(request.latency()), sets);
    request.integrationLatency().ifPresent(
        latency -> publish(Metric.INTEGRATION_LATENCY, request, millis(latency), sets));
    publish(Metric.CLIENT_ERRORS, request, status >= 400 && status < 500 ? 1 : 0, sets);
    publish(Metric.SERVER_ERRORS, request, status >= 500 ? 1 : 0, sets);
    if (request.cache() != ApiRequest.Cache.NOT_CACHED) {
      boolean hit = request.cache() == ApiRequest.Cache.HIT;
      publish(Metric.CACHE_HIT_COUNT, request, hit ? 1 : 0, sets);
      publish(Metric.CACHE_MISS_COUNT, request, hit ? 0 : 1, sets);
    }
  }

  private void publish(
      Metric metric, ApiRequest request, double value, List<List<Dimension>> sets) {
    publisher.publish(NAMESPACE, metric.metricName(), metric.unit(), request.at(), value, sets);
  }

  private static double millis(java.time.Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
