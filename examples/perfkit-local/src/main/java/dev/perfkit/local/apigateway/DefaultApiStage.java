package dev.perfkit.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambdaException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** The stage: the request pipeline and the proxy integration, behind a {@link StageHttpServer}. */
final class DefaultApiStage implements ApiStage {

  private static final System.Logger LOG = System.getLogger(ApiStage.class.getName());
  private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
  private static final int BACKLOG = 1024;

  private final StageConfig config;
  private final String functionName;
  private final Optional<String> qualifier;
  private final Clock clock;
  private final StageCache cache;
  private final Limits limits;
  private final Map<String, ApiKey> keysByValue = new HashMap<>();
  private final Set<String> cacheInvalidators;
  private final IntegrationInvoker integrations;
  private final Counters counters = new Counters();
  private final StageHttpServer server;
  private final ProxyEvents events;
  private final RequestMetrics requestMetrics;

  private DefaultApiStage(ApiStage.Builder builder, StageHttpServer server) {
    this.config = builder.config();
    this.server = server;
    this.functionName = builder.functionName;
    this.qualifier = builder.qualifier();
    this.clock = builder.clock();
    Ticker ticker = builder.ticker()::read;
    this.cache = new StageCache(ticker);
    this.limits = new Limits(config, ticker, clock);
    config
        .usagePlan()
        .ifPresent(
            plan ->
                plan.apiKeys()
                    .forEach(
                        (name, value) ->
                            keysByValue.put(
                                value,
                                new ApiKey(name, new ProxyEvents.KeyUse(value, randomId(10))))));
    this.cacheInvalidators = builder.cacheInvalidators();
    String integrationThreads = "perfkit-api-" + config.stageName() + "-integration";
    this.integrations = new IntegrationInvoker(builder.lambda, integrationThreads);
    this.events =
        new ProxyEvents(
            config.stageName(), builder.accountId(), randomId(10), randomId(6), server.port());
    this.requestMetrics =
        new RequestMetrics(builder.metrics(), config.stageName(), clock, builder.ticker());
  }

  static ApiStage start(ApiStage.Builder builder) throws IOException {
    // The stage needs the server's port and the server needs the stage's handler: requests that
    // arrive while the stage is being made wait for it.
    CompletableFuture<DefaultApiStage> made = new CompletableFuture<>();
    StageHttpServer server =
        StageHttpServer.start(
            builder.port(),
            BACKLOG,
            builder.threads(),
            builder.clock(),
            request -> made.join().handle(request));
    try {
      made.complete(new DefaultApiStage(builder, server));
    } catch (RuntimeException e) {
      made.completeExceptionally(e);
      server.close();
      throw e;
    }
    return made.join();
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  public URI invokeUrl() {
    return URI.create(endpoint() + "/" + config.stageName());
  }

  @Override
  public StageConfig config() {
    return config;
  }

  @Override
  public StageMetrics metrics() {
    return counters.snapshot();
  }

  @Override
  public void flushCache() {
    cache.flush();
  }

  @Override
  public void close() {
    server.close();
    integrations.close();
  }

  private HttpAnswer handle(ClientRequest client) throws IOException {
    String requestId = UUID.randomUUID().toString();
    String extendedRequestId = extendedRequestId();
    String traceId =
        headerValue(client.headers(), TraceIds.HEADER)
            .orElseGet(() -> TraceIds.newRoot(clock.instant()));
    RequestMetrics.Timing timing = requestMetrics.arrived();
    HttpAnswer answer;
    try {
      answer = answer(client, requestId, extendedRequestId, traceId, timing);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed in the stage", e);
      answer = HttpAnswer.gatewayError(500, HttpAnswer.INTERNAL_ERROR);
    }
    counters.count(answer.status());
    timing.answered(answer);
    return answer
        .withHeaderSet("x-amzn-RequestId", requestId)
        .withHeaderSet("x-amz-apigw-id", extendedRequestId)
        .withHeaderSet(TraceIds.HEADER, traceId);
  }

  private HttpAnswer answer(
      ClientRequest client,
      String requestId,
      String extendedRequestId,
      String traceId,
      RequestMetrics.Timing timing)
      throws IOException {
    String path = client.rawPath();
    String stagePrefix = "/" + config.stageName();
    if (!path.equals(stagePrefix) && !path.startsWith(stagePrefix + "/")) {
      return HttpAnswer.gatewayError(403, HttpAnswer.FORBIDDEN);
    }
    String resourcePath = path.substring(stagePrefix.length());
    Optional<HttpMethod> routed = HttpMethod.of(client.method());
    if (routed.isEmpty()
        || !(resourcePath.equals(ProxyEvents.RESOURCE)
            || resourcePath.equals(ProxyEvents.RESOURCE + "/"))) {
      return HttpAnswer.gatewayError(403, HttpAnswer.MISSING_TOKEN);
    }
    HttpMethod method = routed.get();
    Instant received = clock.instant();
    Optional<byte[]> body = readBody(client.body());
    if (body.isEmpty()) {
      return HttpAnswer.gatewayError(413, HttpAnswer.TOO_LONG);
    }
    StageRequest request = request(client, method, body.get(), traceId);

    MethodSettings settings = config.method(method);
    Optional<ApiKey> key = Optional.empty();
    if (settings.apiKeyRequired()) {
      key = request.header("x-api-key").map(keysByValue::get);
      if (key.isEmpty()) {
        return HttpAnswer.gatewayError(403, HttpAnswer.FORBIDDEN);
      }
      if (!limits.tryKey(key.get().name())) {
        counters.throttled.increment();
        return HttpAnswer.gatewayError(429, HttpAnswer.TOO_MANY_REQUESTS);
      }
    }
    if (!limits.tryMethod(method)) {
      counters.throttled.increment();
      return HttpAnswer.gatewayError(429, HttpAnswer.TOO_MANY_REQUESTS);
    }
    if (key.isPresent() && !limits.tryQuota(key.get().name())) {
      counters.quotaExceeded.increment();
      return HttpAnswer.gatewayError(429, HttpAnswer.LIMIT_EXCEEDED);
    }
    Optional<ProxyEvents.KeyUse> keyUse = key.map(ApiKey::use);

    if (!config.cachingEnabled(method)) {
      return integrate(request, settings, requestId, extendedRequestId, received, keyUse, timing);
    }
    CacheInvalidation invalidation = CacheInvalidation.of(request, settings, cacheInvalidators);
    if (invalidation == CacheInvalidation.FORBIDDEN) {
      return HttpAnswer.gatewayError(403, HttpAnswer.FORBIDDEN);
    }
    StageCache.Key cacheKey = cacheKey(request, settings);
    if (invalidation != CacheInvalidation.REFETCH) {
      Optional<HttpAnswer> hit = cache.get(cacheKey);
      if (hit.isPresent()) {
        counters.cacheHits.increment();
        return warned(hit.get().withHeader("X-Cache", "Hit"), invalidation);
      }
    }
    counters.cacheMisses.increment();
    HttpAnswer fresh =
        integrate(request, settings, requestId, extendedRequestId, received, keyUse, timing);
    if (fresh.fromIntegration()) {
      cache.put(cacheKey, fresh, config.cacheTtl(method));
    }
    return warned(fresh.withHeader("X-Cache", "Miss"), invalidation);
  }

  /** {@code answer} with API Gateway's warning when it ignored the caller's Cache-Control. */
  private static HttpAnswer warned(HttpAnswer answer, CacheInvalidation invalidation) {
    return invalidation == CacheInvalidation.IGNORED_WITH_WARNING
        ? answer.withHeader("Warning", CacheInvalidation.WARNING)
        : answer;
  }

  private HttpAnswer integrate(
      StageRequest request,
      MethodSettings settings,
      String requestId,
      String extendedRequestId,
      Instant received,
      Optional<ProxyEvents.KeyUse> key,
      RequestMetrics.Timing timing) {
    APIGatewayProxyRequestEvent event =
        events.event(request, requestId, extendedRequestId, received, key);
    InvokeRequest.Builder invoke =
        InvokeRequest.builder(functionName)
            .payload(ProxyEvents.toJson(event, key.map(ProxyEvents.KeyUse::id)));
    qualifier.ifPresent(invoke::qualifier);
    counters.integrations.increment();
    Optional<InvokeResult> answered;
    try {
      InvokeRequest call = invoke.build();
      answered = timing.integration(() -> integrations.invoke(call, settings.integrationTimeout()));
    } catch (LocalLambdaException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "request {0}: Lambda refused the invocation of {1}: {2} {3}",
          requestId,
          functionName,
          e.errorCode(),
          e.getMessage());
      // An event over Lambda's 6 MB payload limit (a body that grew when escaped into JSON):
      // API Gateway answers 413 Request Too Long, its REQUEST_TOO_LARGE gateway response.
      return e.statusCode() == 413
          ? HttpAnswer.gatewayError(413, HttpAnswer.REQUEST_TOO_LONG)
          : HttpAnswer.gatewayError(500, HttpAnswer.INTERNAL_ERROR);
    }
    if (answered.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "request {0}: the integration timed out after {1} ms; the invocation of {2} goes on",
          requestId,
          settings.integrationTimeout().toMillis(),
          functionName);
      return HttpAnswer.gatewayError(504, HttpAnswer.TIMED_OUT);
    }
    InvokeResult result = answered.get();
    if (result.functionError().isPresent()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "request {0}: Lambda function {1} failed: {2}",
          requestId,
          functionName,
          result.payloadAsString());
      return HttpAnswer.gatewayError(502, HttpAnswer.INTERNAL_ERROR);
    }
    try {
      return ProxyResponses.parse(result.payload());
    } catch (ProxyResponses.MalformedResponseException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "request {0}: malformed Lambda proxy response from {1}: {2}",
          requestId,
          functionName,
          e.getMessage());
      return HttpAnswer.gatewayError(502, HttpAnswer.INTERNAL_ERROR);
    }
  }

  private static StageCache.Key cacheKey(StageRequest request, MethodSettings settings) {
    List<List<String>> values = new ArrayList<>();
    for (MethodSettings.CacheKeyParameter parameter : settings.parsedCacheKeyParameters()) {
      values.add(
          parameter.header()
              ? request.headerValues(parameter.name())
              : request.queryValues(parameter.name()));
    }
    return new StageCache.Key(request.method(), ProxyEvents.RESOURCE, values);
  }

  /**
   * The request as the integration sees it: the client's headers as spelled, with the X-Ray trace
   * header API Gateway adds when the client sent none.
   */
  private static StageRequest request(
      ClientRequest client, HttpMethod method, byte[] body, String traceId) {
    Map<String, List<String>> headers = new LinkedHashMap<>(client.headers());
    if (headerValue(headers, TraceIds.HEADER).isEmpty()) {
      headers.put(TraceIds.HEADER, List.of(traceId));
    }
    return new StageRequest(
        method,
        headers,
        StageRequest.parseQuery(client.rawQuery()),
        body,
        client.sourceIp(),
        client.protocol());
  }

  private static Optional<String> headerValue(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
        .map(entry -> entry.getValue().get(0))
        .findFirst();
  }

  /** The body, or empty when it is over API Gateway's 10 MB payload limit. */
  private static Optional<byte[]> readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    return body.length > MAX_REQUEST_BYTES ? Optional.empty() : Optional.of(body);
  }

  private static String extendedRequestId() {
    byte[] bytes = new byte[11];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().encodeToString(bytes);
  }

  private static String randomId(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return id.toString();
  }

  /** A key of the usage plan: its name, and its value and id as the event carries them. */
  private record ApiKey(String name, ProxyEvents.KeyUse use) {}

  private static final class Counters {
    final LongAdder count = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder cacheMisses = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder quotaExceeded = new LongAdder();
    final LongAdder integrations = new LongAdder();

    void count(int status) {
      count.increment();
      if (status >= 500) {
        serverErrors.increment();
      } else if (status >= 400) {
        clientErrors.increment();
      }
    }

    StageMetrics snapshot() {
      return new StageMetrics(
          count.sum(),
          cacheHits.sum(),
          cacheMisses.sum(),
          clientErrors.sum(),
          serverErrors.sum(),
          throttled.sum(),
          quotaExceeded.sum(),
          integrations.sum());
    }
  }
}
