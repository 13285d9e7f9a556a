package dev.perfkit.local.cloudwatch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code AWS/ApiGateway} metrics of a REST API, published as API Gateway publishes them: each
 * request under {@code ApiName} and under {@code ApiName} and {@code Stage}, at one-minute
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
    List<List<Dimension>> sets =
        List.of(
            List.of(new Dimension(API_NAME, request.apiName())),
            List.of(
                new Dimension(API_NAME, request.apiName()), new Dimension(STAGE, request.stage())));
    int status = request.status();
    publish(ServiceMetric.API_GATEWAY_COUNT, request, 1, sets);
    publish(ServiceMetric.API_GATEWAY_LATENCY, request, millis(request.latency()), sets);
    request
        .integrationLatency()
        .ifPresent(
            latency ->
                publish(
                    ServiceMetric.API_GATEWAY_INTEGRATION_LATENCY, request, millis(latency), sets));
    publish(
        ServiceMetric.API_GATEWAY_4XX_ERROR, request, status >= 400 && status < 500 ? 1 : 0, sets);
    publish(ServiceMetric.API_GATEWAY_5XX_ERROR, request, status >= 500 ? 1 : 0, sets);
    if (request.cache() != ApiRequest.Cache.NOT_CACHED) {
      boolean hit = request.cache() == ApiRequest.Cache.HIT;
      publish(ServiceMetric.API_GATEWAY_CACHE_HIT_COUNT, request, hit ? 1 : 0, sets);
      publish(ServiceMetric.API_GATEWAY_CACHE_MISS_COUNT, request, hit ? 0 : 1, sets);
    }
  }

  private void publish(
      ServiceMetric metric, ApiRequest request, double value, List<List<Dimension>> sets) {
    publisher.publish(metric, request.at(), value, sets);
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }
}
