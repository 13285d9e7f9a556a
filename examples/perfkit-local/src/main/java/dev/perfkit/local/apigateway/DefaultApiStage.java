package dev.perfkit.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.local.LoopbackHttpServer;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambda;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** The stage: the HTTP server, the request pipeline, and the proxy integration. */
final class DefaultApiStage implements ApiStage {

  private static final System.Logger LOG = System.getLogger(ApiStage.class.getName());
  private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
  private static final int BACKLOG = 1024;

  private final StageConfig config;
  private final LocalLambda lambda;
  private final String functionName;
  private final Optional<String> qualifier;
  private final Clock clock;
  private final StageCache cache;
  private final Limits limits;
  private final Map<String, ApiKey> keysByValue = new HashMap<>();
  private final ExecutorService executor;
  private final Counters counters = new Counters();
  private HttpServer server;
  private ProxyEvents events;

  private DefaultApiStage(ApiStage.Builder builder) {
    this.config = builder.config();
    this.lambda = builder.lambda;
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
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            builder.threads(),
            builder.threads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreadFactory.named("perfkit-api-" + config.stageName()));
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
  }

  static ApiStage start(ApiStage.Builder builder) throws IOException {
    DefaultApiStage stage = new DefaultApiStage(builder);
    try {
      HttpServer server = LoopbackHttpServer.create(builder.port(), BACKLOG, stage.executor);
      server.createContext("/", stage::handle);
      stage.events =
          new ProxyEvents(
              stage.config.stageName(),
              builder.accountId(),
              randomId(10),
              randomId(6),
              server.getAddress().getPort());
      stage.server = server;
      server.start();
    } catch (IOException | RuntimeException e) {
      stage.executor.shutdownNow();
      throw e;
    }
    return stage;
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      String extendedRequestId = extendedRequestId();
      HttpAnswer answer;
      try {
        answer = answer(exchange, requestId, extendedRequestId);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed in the stage", e);
        answer = HttpAnswer.gatewayError(500, HttpAnswer.INTERNAL_ERROR);
      }
      counters.count(answer.status());
      send(exchange, answer, requestId, extendedRequestId);
    }
  }

  private HttpAnswer answer(HttpExchange exchange, String requestId, String extendedRequestId)
      throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String stagePrefix = "/" + config.stageName();
    if (!path.equals(stagePrefix) && !path.startsWith(stagePrefix + "/")) {
      return HttpAnswer.gatewayError(403, HttpAnswer.FORBIDDEN);
    }
    String resourcePath = path.substring(stagePrefix.length());
    Optional<HttpMethod> routed = HttpMethod.of(exchange.getRequestMethod());
    if (routed.isEmpty()
        || !(resourcePath.equals(ProxyEvents.RESOURCE)
            || resourcePath.equals(ProxyEvents.RESOURCE + "/"))) {
      return HttpAnswer.gatewayError(403, HttpAnswer.MISSING_TOKEN);
    }
    HttpMethod method = routed.get();
    Instant received = clock.instant();
    Optional<byte[]> body = readBody(exchange.getRequestBody());
    if (body.isEmpty()) {
      return HttpAnswer.gatewayError(413, HttpAnswer.TOO_LONG);
    }
    StageRequest request = request(exchange, method, body.get());

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
      return integrate(request, requestId, extendedRequestId, received, keyUse);
    }
    StageCache.Key cacheKey = cacheKey(request, settings);
    if (!request.invalidatesCache()) {
      Optional<HttpAnswer> hit = cache.get(cacheKey);
      if (hit.isPresent()) {
        counters.cacheHits.increment();
        return hit.get().withHeader("X-Cache", "Hit");
      }
    }
    counters.cacheMisses.increment();
    HttpAnswer fresh = integrate(request, requestId, extendedRequestId, received, keyUse);
    if (fresh.fromIntegration()) {
      cache.put(cacheKey, fresh, config.cacheTtl(method));
    }
    return fresh.withHeader("X-Cache", "Miss");
  }

  private HttpAnswer integrate(
      StageRequest request,
      String requestId,
      String extendedRequestId,
      Instant received,
      Optional<ProxyEvents.KeyUse> key) {
    APIGatewayProxyRequestEvent event =
        events.event(request, requestId, extendedRequestId, received, key);
    InvokeRequest.Builder invoke =
        InvokeRequest.builder(functionName)
            .payload(ProxyEvents.toJson(event, key.map(ProxyEvents.KeyUse::id)));
    qualifier.ifPresent(invoke::qualifier);
    counters.integrations.increment();
    InvokeResult result;
    try {
      result = lambda.invoke(invoke.build());
    } catch (LocalLambdaException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "request {0}: Lambda refused the invocation of {1}: {2} {3}",
          requestId,
          functionName,
          e.errorCode(),
          e.getMessage());
      return HttpAnswer.gatewayError(500, HttpAnswer.INTERNAL_ERROR);
    }
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

  private static StageRequest request(HttpExchange exchange, HttpMethod method, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(StageRequest.conventionalName(name), values));
    return new StageRequest(
        method,
        headers,
        StageRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
        body,
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        exchange.getProtocol());
  }

  /** The body, or empty when it is over API Gateway's 10 MB payload limit. */
  private static Optional<byte[]> readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    return body.length > MAX_REQUEST_BYTES ? Optional.empty() : Optional.of(body);
  }

  private static void send(
      HttpExchange exchange, HttpAnswer answer, String requestId, String extendedRequestId)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    answer.headers().forEach(headers::put);
    headers.set("x-amzn-RequestId", requestId);
    headers.set("x-amz-apigw-id", extendedRequestId);
    byte[] body = answer.body();
    boolean noBody = body.length == 0 || answer.status() == 204 || answer.status() == 304;
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : body.length);
    if (!noBody) {
      exchange.getResponseBody().write(body);
    }
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
