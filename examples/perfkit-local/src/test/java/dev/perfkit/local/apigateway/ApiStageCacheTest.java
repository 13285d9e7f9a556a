package dev.perfkit.local.apigateway;

import static dev.perfkit.local.apigateway.StageTestSupport.function;
import static dev.perfkit.local.apigateway.StageTestSupport.get;
import static dev.perfkit.local.apigateway.StageTestSupport.invocation;
import static dev.perfkit.local.apigateway.StageTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.local.lambda.LocalLambda;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stage cache in front of a real function: a hit is proven by the function's invocation
 * counter, which moves only when the function runs.
 */
class ApiStageCacheTest {

  private static LocalLambda lambda;
  private final StageTestSupport.ManualTicker ticker = new StageTestSupport.ManualTicker();
  private ApiStage stage;

  @BeforeAll
  static void deploy() throws Exception {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    lambda.deploy(function("echo", EchoProxyHandler.class).build());
  }

  @AfterAll
  static void stopLambda() {
    lambda.close();
  }

  @AfterEach
  void stopStage() {
    if (stage != null) {
      stage.close();
    }
  }

  private URI start(StageConfig config) throws Exception {
    stage = ApiStage.builder(lambda, "echo").config(config).ticker(ticker).build();
    return stage.invokeUrl();
  }

  private static StageConfig cachedByOperation() {
    return cachedByOperation(MethodSettings.builder());
  }

  private static StageConfig cachedByOperation(MethodSettings.Builder get) {
    return StageConfig.builder()
        .cacheEnabled(true)
        .method(HttpMethod.GET, get.cacheKeyQueryParameter("operation").build())
        .build();
  }

  /** A SigV4 Authorization header of the access key {@code accessKeyId}. */
  private static String signedBy(String accessKeyId) {
    return "AWS4-HMAC-SHA256 Credential="
        + accessKeyId
        + "/20260304/us-east-1/execute-api"
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature="
        + "0".repeat(64);
  }

  @Test
  void get_repeated_isAnsweredFromTheCacheWithoutInvokingTheFunction() throws Exception {
    URI url = start(cachedByOperation());

    HttpResponse<String> first = get(URI.create(url + "/performance?operation=cpu"));
    HttpResponse<String> second = get(URI.create(url + "/performance?operation=cpu"));
    HttpResponse<String> other = get(URI.create(url + "/performance?operation=memory"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("x-amzn-RequestId"))
        .isNotEqualTo(first.headers().firstValue("x-amzn-RequestId"));
    assertThat(invocation(other))
        .as("the hit did not run the function")
        .isEqualTo(invocation(first) + 1);
    assertThat(stage.metrics().cacheHitCount()).isEqualTo(1);
    assertThat(stage.metrics().cacheMissCount()).isEqualTo(2);
    assertThat(stage.metrics().integrationCount()).isEqualTo(2);
  }

  @Test
  void get_differentOperationValues_areDifferentEntries() throws Exception {
    URI url = start(cachedByOperation());

    HttpResponse<String> cpu = get(URI.create(url + "/performance?operation=cpu"));
    HttpResponse<String> memory = get(URI.create(url + "/performance?operation=memory"));

    assertThat(memory.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(invocation(memory)).isEqualTo(invocation(cpu) + 1);
  }

  @Test
  void get_unconfiguredParameter_doesNotSplitTheCache() throws Exception {
    URI url = start(cachedByOperation());

    HttpResponse<String> first = get(URI.create(url + "/performance?operation=cpu&size=1"));
    HttpResponse<String> second =
        get(URI.create(url + "/performance?operation=cpu&size=2"), "X-Other", "x");

    assertThat(second.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void get_headerCacheKeyParameter_splitsTheCacheByHeaderValue() throws Exception {
    URI url =
        start(
            StageConfig.builder()
                .cacheEnabled(true)
                .method(HttpMethod.GET, MethodSettings.builder().cacheKeyHeader("X-Tenant").build())
                .build());

    HttpResponse<String> a = get(URI.create(url + "/performance"), "X-Tenant", "a");
    HttpResponse<String> b = get(URI.create(url + "/performance"), "X-Tenant", "b");
    HttpResponse<String> againA = get(URI.create(url + "/performance"), "x-tenant", "a");

    assertThat(b.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(againA.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(againA.body()).isEqualTo(a.body());
  }

  /** Without "Require authorization" on the method, any caller refreshes its entry. */
  @Test
  void get_cacheControlMaxAgeZero_authorizationNotRequired_refetchesAndStoresTheFreshResponse()
      throws Exception {
    URI url =
        start(
            cachedByOperation(MethodSettings.builder().requireAuthorizationForCacheControl(false)));
    URI resource = URI.create(url + "/performance?operation=cpu");

    HttpResponse<String> first = get(resource);
    HttpResponse<String> refreshed = get(resource, "Cache-Control", "max-age=0");
    HttpResponse<String> after = get(resource);

    assertThat(refreshed.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(invocation(refreshed)).isEqualTo(invocation(first) + 1);
    assertThat(after.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(after.body()).isEqualTo(refreshed.body());
  }

  /**
   * API Gateway's default: an unauthorised caller's {@code Cache-Control: max-age=0} is ignored,
   * and the response carries its warning (SUCCEED_WITH_RESPONSE_HEADER).
   */
  @Test
  void get_cacheControlMaxAgeZero_unauthorisedCaller_isIgnoredWithAWarning() throws Exception {
    URI url = start(cachedByOperation());
    URI resource = URI.create(url + "/performance?operation=cpu");

    HttpResponse<String> first = get(resource);
    HttpResponse<String> ignored = get(resource, "Cache-Control", "max-age=0");

    assertThat(ignored.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(ignored.body()).isEqualTo(first.body());
    assertThat(ignored.headers().firstValue("Warning"))
        .hasValue("199 Cache-control headers were ignored because the caller was unauthorized.");
    assertThat(first.headers().firstValue("Warning")).isEmpty();
  }

  @Test
  void get_cacheControlMaxAgeZero_unauthorisedCaller_succeedWithoutResponseHeader_isIgnored()
      throws Exception {
    URI url =
        start(
            cachedByOperation(
                MethodSettings.builder()
                    .unauthorizedCacheControlHeaderStrategy(
                        UnauthorizedCacheControlHeaderStrategy.SUCCEED_WITHOUT_RESPONSE_HEADER)));
    URI resource = URI.create(url + "/performance?operation=cpu");

    get(resource);
    HttpResponse<String> ignored = get(resource, "Cache-Control", "max-age=0");

    assertThat(ignored.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(ignored.headers().firstValue("Warning")).isEmpty();
  }

  @Test
  void get_cacheControlMaxAgeZero_unauthorisedCaller_failWith403_is403() throws Exception {
    URI url =
        start(
            cachedByOperation(
                MethodSettings.builder()
                    .unauthorizedCacheControlHeaderStrategy(
                        UnauthorizedCacheControlHeaderStrategy.FAIL_WITH_403)));
    URI resource = URI.create(url + "/performance?operation=cpu");

    HttpResponse<String> refused = get(resource, "Cache-Control", "max-age=0");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(stage.metrics().integrationCount()).isZero();
  }

  /** A caller allowed execute-api:InvalidateCache signs its request: it refreshes its entry. */
  @Test
  void get_cacheControlMaxAgeZero_authorisedCaller_refetches() throws Exception {
    stage =
        ApiStage.builder(lambda, "echo")
            .config(cachedByOperation())
            .cacheInvalidators(Set.of("AKIAINVALIDATOR00001"))
            .ticker(ticker)
            .build();
    URI resource = URI.create(stage.invokeUrl() + "/performance?operation=cpu");

    HttpResponse<String> first = get(resource);
    HttpResponse<String> other =
        get(
            resource,
            "Cache-Control",
            "max-age=0",
            "Authorization",
            signedBy("AKIAOTHER0000000001"));
    HttpResponse<String> refreshed =
        get(
            resource,
            "Cache-Control",
            "max-age=0",
            "Authorization",
            signedBy("AKIAINVALIDATOR00001"));

    assertThat(other.headers().firstValue("X-Cache")).as("another key").hasValue("Hit");
    assertThat(refreshed.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(refreshed.headers().firstValue("Warning")).isEmpty();
    assertThat(invocation(refreshed)).isEqualTo(invocation(first) + 1);
  }

  @Test
  void get_afterTheTtl_isFetchedAgain() throws Exception {
    URI url =
        start(StageConfig.builder().cacheEnabled(true).cacheTtl(Duration.ofSeconds(60)).build());
    URI resource = URI.create(url + "/performance");

    HttpResponse<String> first = get(resource);
    ticker.advance(Duration.ofSeconds(59));
    HttpResponse<String> beforeExpiry = get(resource);
    ticker.advance(Duration.ofSeconds(1));
    HttpResponse<String> afterExpiry = get(resource);

    assertThat(beforeExpiry.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(afterExpiry.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(invocation(afterExpiry)).isEqualTo(invocation(first) + 1);
  }

  @Test
  void get_stageWithoutCache_alwaysInvokesAndSaysNothingOfTheCache() throws Exception {
    URI url = start(StageConfig.builder().build());

    HttpResponse<String> first = get(URI.create(url + "/performance"));
    HttpResponse<String> second = get(URI.create(url + "/performance"));

    assertThat(invocation(second)).isEqualTo(invocation(first) + 1);
    assertThat(second.headers().firstValue("X-Cache")).isEmpty();
  }

  @Test
  void post_isNotCachedByDefault() throws Exception {
    URI url = start(StageConfig.builder().cacheEnabled(true).build());

    HttpResponse<String> first =
        post(URI.create(url + "/performance"), "{\"operation\":\"default\"}");
    HttpResponse<String> second =
        post(URI.create(url + "/performance"), "{\"operation\":\"default\"}");

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(invocation(second)).isEqualTo(invocation(first) + 1);
    assertThat(second.headers().firstValue("X-Cache")).isEmpty();
  }

  @Test
  void post_isCachedWhenTheMethodEnablesCaching_whateverTheBody() throws Exception {
    URI url =
        start(
            StageConfig.builder()
                .cacheEnabled(true)
                .method(HttpMethod.POST, MethodSettings.builder().cachingEnabled(true).build())
                .build());

    HttpResponse<String> first = post(URI.create(url + "/performance"), "{\"operation\":\"a\"}");
    HttpResponse<String> second = post(URI.create(url + "/performance"), "{\"operation\":\"b\"}");

    assertThat(first.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(second.body()).isEqualTo(first.body());
  }

  /**
   * API Gateway caches the integration's response whatever its status (it has no setting to skip
   * error statuses): the function's own 404 or 500 is served again from the cache.
   */
  @ParameterizedTest
  @ValueSource(ints = {404, 500})
  void get_functionErrorStatus_isCachedLikeAnyProxyResponse(int status) throws Exception {
    URI url = start(StageConfig.builder().cacheEnabled(true).build());
    URI resource = URI.create(url + "/performance?status=" + status);

    HttpResponse<String> first = get(resource);
    HttpResponse<String> second = get(resource);

    assertThat(first.statusCode()).isEqualTo(status);
    assertThat(second.statusCode()).isEqualTo(status);
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(stage.metrics().integrationCount()).isEqualTo(1);
  }

  @Test
  void get_gatewayError_isNotCached() throws Exception {
    URI url = start(StageConfig.builder().cacheEnabled(true).build());
    URI resource = URI.create(url + "/performance?mode=fail");

    HttpResponse<String> first = get(resource);
    HttpResponse<String> second = get(resource);

    assertThat(first.statusCode()).isEqualTo(502);
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(stage.metrics().integrationCount()).isEqualTo(2);
  }

  @Test
  void flushCache_emptiesTheCache() throws Exception {
    URI url = start(StageConfig.builder().cacheEnabled(true).build());
    URI resource = URI.create(url + "/performance");
    get(resource);

    stage.flushCache();

    assertThat(get(resource).headers().firstValue("X-Cache")).hasValue("Miss");
  }
}
