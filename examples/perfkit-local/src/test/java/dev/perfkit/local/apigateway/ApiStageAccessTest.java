package dev.perfkit.local.apigateway;

import static dev.perfkit.local.apigateway.StageTestSupport.KEY;
import static dev.perfkit.local.apigateway.StageTestSupport.OTHER_KEY;
import static dev.perfkit.local.apigateway.StageTestSupport.function;
import static dev.perfkit.local.apigateway.StageTestSupport.get;
import static dev.perfkit.local.apigateway.StageTestSupport.json;
import static dev.perfkit.local.apigateway.StageTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.local.lambda.LocalLambda;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys, throttling and quotas, in front of a real function; time moves only when told. */
class ApiStageAccessTest {

  private static final Instant LAST_MINUTE = Instant.parse("2026-05-01T23:59:00Z");
  private static LocalLambda lambda;
  private final StageTestSupport.ManualTicker ticker = new StageTestSupport.ManualTicker();
  private final StageTestSupport.ManualClock clock = new StageTestSupport.ManualClock(LAST_MINUTE);
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
    stage = ApiStage.builder(lambda, "echo").config(config).ticker(ticker).clock(clock).build();
    return URI.create(stage.invokeUrl() + "/performance");
  }

  private static StageConfig keyed(UsagePlan.Builder plan) {
    MethodSettings keyRequired = MethodSettings.builder().apiKeyRequired(true).build();
    return StageConfig.builder()
        .method(HttpMethod.GET, keyRequired)
        .method(HttpMethod.POST, keyRequired)
        .usagePlan(plan.apiKey("tester", KEY).apiKey("other", OTHER_KEY).build())
        .build();
  }

  @Test
  void keyRequired_withoutKey_is403Forbidden() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan")));

    HttpResponse<String> response = get(url);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(stage.metrics().integrationCount()).isZero();
  }

  @Test
  void keyRequired_withUnknownKey_is403Forbidden() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan")));

    HttpResponse<String> response = post(url, "{}", "x-api-key", "not-a-key-of-this-plan-000");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void keyRequired_withKey_reachesTheFunctionWhichSeesTheKey() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan")));

    HttpResponse<String> response = get(url, "x-api-key", KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode identity = json(response.body()).at("/event/requestContext/identity");
    assertThat(identity.get("apiKey").asText()).isEqualTo(KEY);
  }

  @Test
  void keyNotRequired_ignoresTheUsagePlan() throws Exception {
    URI url =
        start(
            StageConfig.builder()
                .usagePlan(
                    UsagePlan.builder("plan")
                        .throttle(new Throttle(1, 1))
                        .quota(new Quota(1, Quota.Period.DAY))
                        .apiKey("tester", KEY)
                        .build())
                .build());

    HttpResponse<String> first = get(url, "x-api-key", KEY);
    HttpResponse<String> second = get(url, "x-api-key", KEY);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
  }

  @Test
  void keyThrottle_rate1Burst2_throttlesTheThirdRequestWith429() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan").throttle(new Throttle(1, 2))));

    HttpResponse<String> first = get(url, "x-api-key", KEY);
    HttpResponse<String> second = get(url, "x-api-key", KEY);
    HttpResponse<String> third = get(url, "x-api-key", KEY);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(stage.metrics().throttledCount()).isEqualTo(1);
    assertThat(stage.metrics().integrationCount()).isEqualTo(2);
  }

  @Test
  void keyThrottle_refillsAtTheRate() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan").throttle(new Throttle(1, 2))));
    get(url, "x-api-key", KEY);
    get(url, "x-api-key", KEY);

    ticker.advance(Duration.ofMillis(999));
    HttpResponse<String> early = get(url, "x-api-key", KEY);
    ticker.advance(Duration.ofMillis(1));
    HttpResponse<String> refilled = get(url, "x-api-key", KEY);

    assertThat(early.statusCode()).isEqualTo(429);
    assertThat(refilled.statusCode()).isEqualTo(200);
  }

  @Test
  void keyThrottle_isPerKey() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan").throttle(new Throttle(1, 1))));

    HttpResponse<String> tester = get(url, "x-api-key", KEY);
    HttpResponse<String> other = get(url, "x-api-key", OTHER_KEY);

    assertThat(tester.statusCode()).isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void stageThrottle_appliesToEveryRequestOfTheMethod() throws Exception {
    URI url = start(StageConfig.builder().throttle(new Throttle(1, 1)).build());

    HttpResponse<String> first = get(url);
    HttpResponse<String> second = get(url);
    HttpResponse<String> post = post(url, "{}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(post.statusCode()).as("each method has its own bucket").isEqualTo(200);
  }

  @Test
  void quota_exceeded_is429LimitExceeded() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan").quota(new Quota(3, Quota.Period.DAY))));

    for (int i = 0; i < 3; i++) {
      assertThat(get(url, "x-api-key", KEY).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> fourth = get(url, "x-api-key", KEY);

    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.body()).isEqualTo("{\"message\":\"Limit Exceeded\"}");
    assertThat(get(url, "x-api-key", OTHER_KEY).statusCode())
        .as("each key has its own quota")
        .isEqualTo(200);
    assertThat(stage.metrics().quotaExceededCount()).isEqualTo(1);
  }

  @Test
  void quota_resetsOnTheNextUtcDay() throws Exception {
    URI url = start(keyed(UsagePlan.builder("plan").quota(new Quota(3, Quota.Period.DAY))));
    for (int i = 0; i < 3; i++) {
      get(url, "x-api-key", KEY);
    }

    clock.set(Instant.parse("2026-05-01T23:59:59.999Z"));
    HttpResponse<String> sameDay = get(url, "x-api-key", KEY);
    clock.set(Instant.parse("2026-05-02T00:00:00Z"));
    HttpResponse<String> nextDay = get(url, "x-api-key", KEY);

    assertThat(sameDay.statusCode()).isEqualTo(429);
    assertThat(nextDay.statusCode()).isEqualTo(200);
  }

  @Test
  void quota_countsCacheHits() throws Exception {
    MethodSettings keyRequired = MethodSettings.builder().apiKeyRequired(true).build();
    URI url =
        start(
            StageConfig.builder()
                .cacheEnabled(true)
                .method(HttpMethod.GET, keyRequired)
                .usagePlan(
                    UsagePlan.builder("plan")
                        .quota(new Quota(2, Quota.Period.DAY))
                        .apiKey("tester", KEY)
                        .build())
                .build());

    HttpResponse<String> miss = get(url, "x-api-key", KEY);
    HttpResponse<String> hit = get(url, "x-api-key", KEY);
    HttpResponse<String> overQuota = get(url, "x-api-key", KEY);

    assertThat(miss.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(overQuota.statusCode()).isEqualTo(429);
    assertThat(overQuota.body()).isEqualTo("{\"message\":\"Limit Exceeded\"}");
  }

  @Test
  void throttledRequest_doesNotCountAgainstTheQuota() throws Exception {
    URI url =
        start(
            keyed(
                UsagePlan.builder("plan")
                    .throttle(new Throttle(1, 1))
                    .quota(new Quota(2, Quota.Period.DAY))));
    get(url, "x-api-key", KEY);
    HttpResponse<String> throttled = get(url, "x-api-key", KEY);

    ticker.advance(Duration.ofSeconds(1));
    HttpResponse<String> second = get(url, "x-api-key", KEY);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(second.statusCode()).isEqualTo(200);
  }
}
