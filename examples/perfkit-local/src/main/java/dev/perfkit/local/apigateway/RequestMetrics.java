package dev.perfkit.local.apigateway;

import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.cloudwatch.ApiGatewayMetrics;
import dev.perfkit.local.cloudwatch.ApiRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code AWS/ApiGateway} metrics of each request the stage answers, published to a local
 * CloudWatch's {@link ApiGatewayMetrics} under the API's name and the stage's: its latency from
 * arrival to answer, the integration's part, its status and its cache outcome (the {@code X-Cache}
 * header the stage answered). Without a sink it only times.
 */
final class RequestMetrics {

  /** Where the metrics go, and the API's name they are published under. */
  record Sink(String apiName, ApiGatewayMetrics metrics) {}

  private final Optional<Sink> sink;
  private final String stage;
  private final Clock clock;
  private final Ticker ticker;

  RequestMetrics(Optional<Sink> sink, String stage, Clock clock, Ticker ticker) {
    this.sink = sink;
    this.stage = stage;
    this.clock = clock;
    this.ticker = ticker;
  }

  /** Starts timing a request that just arrived. */
  Timing arrived() {
    return new Timing(clock.instant(), ticker.read());
  }

  /** One request's times, from its arrival to its answer. */
  final class Timing {
    private final Instant at;
    private final long arrivedNanos;
    private Optional<Duration> integration = Optional.empty();

    private Timing(Instant at, long arrivedNanos) {
      this.at = at;
      this.arrivedNanos = arrivedNanos;
    }

    /** Calls the integration and times it, whether it answers, times out or is refused. */
    <T> T integration(Supplier<T> call) {
      long start = ticker.read();
      try {
        return call.get();
      } finally {
        integration = Optional.of(Duration.ofNanos(ticker.read() - start));
      }
    }

    /** Publishes the request with the answer the stage sends. */
    void answered(HttpAnswer answer) {
      Duration latency = Duration.ofNanos(ticker.read() - arrivedNanos);
      sink.ifPresent(
          to ->
              to.metrics()
                  .request(
                      new ApiRequest(
                          to.apiName(),
                          stage,
                          at,
                          answer.status(),
                          latency,
                          integration,
                          cache(answer))));
    }
  }

  private static ApiRequest.Cache cache(HttpAnswer answer) {
    List<String> cache = answer.headers().getOrDefault("X-Cache", List.of());
    if (cache.contains("Hit")) {
      return ApiRequest.Cache.HIT;
    }
    return cache.contains("Miss") ? ApiRequest.Cache.MISS : ApiRequest.Cache.NOT_CACHED;
  }
}
