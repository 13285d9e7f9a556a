package dev.perfkit.local.apigateway;

import dev.perfkit.core.Preconditions;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.cloudwatch.ApiGatewayMetrics;
import dev.perfkit.local.lambda.LocalLambda;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A REST API stage of Amazon API Gateway on loopback: {@code GET} and {@code POST
 * /{stage}/performance}, each a Lambda proxy integration with a function of a {@link LocalLambda}.
 *
 * <p>A request passes, in API Gateway's order: the route (else 403 {@code Missing Authentication
 * Token}); the API key of a key-required method (else 403 {@code Forbidden}); the key's token
 * bucket and the method's (else 429 {@code Too Many Requests}); the key's quota (else 429 {@code
 * Limit Exceeded}); the stage cache; the integration. Cache hits therefore count against throttling
 * and quotas, and a throttled request does not count against the quota.
 *
 * <p>The integration invokes the function with an {@code APIGatewayProxyRequestEvent} as API
 * Gateway sends it and maps its proxy response back to HTTP. Header names reach the function as the
 * client spelled them ({@code x-api-key} stays {@code x-api-key}), in {@code headers} and {@code
 * multiValueHeaders} alike, with the {@code X-Amzn-Trace-Id} API Gateway adds when the client sent
 * none; every response carries it too. A function error or a malformed proxy response is 502 {@code
 * {"message": "Internal server error"}}; an invocation Lambda refuses (a throttle, an unknown
 * function) is 500 with the same body, and one over Lambda's 6 MB payload limit 413 {@code
 * {"message":"Request Too Long"}}, as API Gateway answers. An integration that runs past the
 * method's integration timeout (29 s by default, down to 50 ms) is answered 504 {@code {"message":
 * "Endpoint request timed out"}} while the invocation goes on.
 *
 * <p>Cached methods answer {@code X-Cache: Hit} or {@code X-Cache: Miss}, a header of perfkit's
 * (API Gateway tells hits only in CloudWatch). A request with {@code Cache-Control: max-age=0}
 * re-fetches its entry and stores the fresh response only when the caller may invalidate it: as on
 * API Gateway, by default a caller authorised for {@code execute-api:InvalidateCache} (here: one
 * that signs with an access key given to {@link Builder#cacheInvalidators}); another one's header
 * is ignored, with a {@code Warning} header by default ({@link
 * UnauthorizedCacheControlHeaderStrategy}). Every proxy response of the function is cached,
 * whatever its status, as API Gateway does; gateway errors (403, 413, 429, 5xx of the gateway, 504)
 * are not.
 *
 * <p>A request body that is not UTF-8 text is sent base64-encoded and a base64 proxy response
 * decoded, as on a stage whose binary media types match everything. Every refused, failed or
 * timed-out integration is logged ({@code System.Logger} {@code
 * dev.perfkit.local.apigateway.ApiStage}) with the request id, as API Gateway's execution logs
 * would tell it.
 *
 * <pre>{@code
 * try (ApiStage stage = ApiStage.builder(lambda, "performance").qualifier("prod")
 *     .config(StageConfig.lab(apiKey)).build()) {
 *   // curl -H "x-api-key: <apiKey>" "<stage.invokeUrl()>/performance?operation=default"
 * }
 * }</pre>
 */
public interface ApiStage extends AutoCloseable {

  /**
   * A builder for a stage whose integration invokes {@code functionName} on {@code lambda}.
   *
   * @param lambda the local Lambda the integration invokes; closing the stage leaves it up
   * @param functionName the function's name; not checked here: while there is no such function,
   *     requests are answered 500
   * @return a new builder
   */
  static Builder builder(LocalLambda lambda, String functionName) {
    return new Builder(lambda, functionName);
  }

  /**
   * The server's root.
   *
   * @return e.g. {@code http://127.0.0.1:41234}
   */
  URI endpoint();

  /**
   * The stage's invoke URL.
   *
   * @return the endpoint and the stage name, e.g. {@code http://127.0.0.1:41234/prod}
   */
  URI invokeUrl();

  /**
   * The stage's configuration.
   *
   * @return the configuration it was built with, or the default one
   */
  StageConfig config();

  /**
   * The stage's counters.
   *
   * @return a snapshot of the counters since the stage started
   */
  StageMetrics metrics();

  /** Empties the stage cache, as API Gateway's FlushStageCache. */
  void flushCache();

  /** Stops the server; requests in flight are abandoned. The local Lambda stays up. */
  @Override
  void close();

  /** Builds an {@link ApiStage}. */
  final class Builder {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    final LocalLambda lambda;
    final String functionName;
    private String qualifier;
    private StageConfig config;
    private Integer port;
    private Integer threads;
    private String accountId;
    private Set<String> cacheInvalidators;
    private Clock clock;
    private Ticker ticker;
    private RequestMetrics.Sink metrics;

    private Builder(LocalLambda lambda, String functionName) {
      this.lambda = Objects.requireNonNull(lambda, "lambda");
      this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    /**
     * The version or alias the integration invokes.
     *
     * @param qualifier e.g. {@code prod}; default none
     * @return this builder
     */
    public Builder qualifier(String qualifier) {
      this.qualifier = Preconditions.setOnce("qualifier", this.qualifier, qualifier);
      return this;
    }

    /**
     * The stage's settings.
     *
     * @param config default {@link StageConfig#builder()}'s
     * @return this builder
     */
    public Builder config(StageConfig config) {
      this.config = Preconditions.setOnce("config", this.config, config);
      return this;
    }

    /**
     * The port on 127.0.0.1.
     *
     * @param port 0 (default) picks a free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = Preconditions.setOnce("port", this.port, port);
      return this;
    }

    /**
     * Requests answered at once. Each holds its thread while the function runs, so this bounds the
     * stage's concurrency: twice the local Lambda's default account concurrency (64), enough to see
     * Lambda throttles; further requests wait in line.
     *
     * @param threads 1 to 1024; default 128
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be 1 to 1024, was " + threads);
      }
      this.threads = Preconditions.setOnce("threads", this.threads, threads);
      return this;
    }

    /**
     * The account id in {@code requestContext.accountId}.
     *
     * @param accountId 12 digits; default 000000000000
     * @return this builder
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT.matcher(accountId).matches()) {
        throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
      }
      this.accountId = Preconditions.setOnce("accountId", this.accountId, accountId);
      return this;
    }

    /**
     * The callers allowed {@code execute-api:InvalidateCache} on this stage, by the access key ids
     * they sign their requests with (SigV4: the {@code Credential} of the {@code Authorization}
     * header). Their {@code Cache-Control: max-age=0} re-fetches the cache entry on methods that
     * require authorisation for it. The signature is not verified: the local stage holds no secret
     * keys.
     *
     * @param accessKeyIds default none: no caller is authorised
     * @return this builder
     */
    public Builder cacheInvalidators(Set<String> accessKeyIds) {
      this.cacheInvalidators =
          Preconditions.setOnce(
              "cacheInvalidators",
              this.cacheInvalidators,
              Set.copyOf(Objects.requireNonNull(accessKeyIds, "accessKeyIds")));
      return this;
    }

    /**
     * The wall clock of request times and quota periods.
     *
     * @param clock default: UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The time source of cache expiry and token buckets.
     *
     * @param ticker default {@link Ticker#system()}
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Preconditions.setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * Where the {@code AWS/ApiGateway} metrics of every answered request go, as API Gateway
     * publishes them to CloudWatch under {@code ApiName} and {@code ApiName} and {@code Stage}:
     * Count, Latency, IntegrationLatency, 4XXError, 5XXError, CacheHitCount and CacheMissCount.
     *
     * @param apiName the REST API's name, the {@code ApiName} dimension
     * @param metrics e.g. {@link dev.perfkit.local.cloudwatch.LocalCloudWatch#apiGateway()};
     *     default none
     * @return this builder
     */
    public Builder metrics(String apiName, ApiGatewayMetrics metrics) {
      Objects.requireNonNull(apiName, "apiName");
      Objects.requireNonNull(metrics, "metrics");
      this.metrics =
          Preconditions.setOnce("metrics", this.metrics, new RequestMetrics.Sink(apiName, metrics));
      return this;
    }

    /**
     * Starts the stage.
     *
     * @return the serving stage
     * @throws IOException when the port cannot be bound
     */
    public ApiStage build() throws IOException {
      return DefaultApiStage.start(this);
    }

    Optional<String> qualifier() {
      return Optional.ofNullable(qualifier);
    }

    StageConfig config() {
      return config == null ? StageConfig.builder().build() : config;
    }

    int port() {
      return port == null ? 0 : port;
    }

    int threads() {
      return threads == null ? 128 : threads;
    }

    String accountId() {
      return accountId == null ? "000000000000" : accountId;
    }

    Set<String> cacheInvalidators() {
      return cacheInvalidators == null ? Set.of() : cacheInvalidators;
    }

    Clock clock() {
      return clock == null ? Clock.systemUTC() : clock;
    }

    Ticker ticker() {
      return ticker == null ? Ticker.system() : ticker;
    }

    Optional<RequestMetrics.Sink> metrics() {
      return Optional.ofNullable(metrics);
    }
  }
}
