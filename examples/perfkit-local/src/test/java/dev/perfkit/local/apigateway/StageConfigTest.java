package dev.perfkit.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stage settings: API Gateway's defaults and limits, with messages naming the field. */
class StageConfigTest {

  @Test
  void defaults_areApiGateways() {
    StageConfig config = StageConfig.builder().build();

    assertThat(config.stageName()).isEqualTo("prod");
    assertThat(config.cacheEnabled()).isFalse();
    assertThat(config.cacheTtl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config.throttle()).isEqualTo(new Throttle(10_000, 5_000));
  }

  /**
   * API Gateway's method defaults: a 29 s integration timeout, and "Require authorization" for
   * cache invalidation with a warning header for unauthorised callers.
   */
  @Test
  void methodDefaults_areApiGateways() {
    MethodSettings settings = StageConfig.builder().build().method(HttpMethod.GET);

    assertThat(settings.integrationTimeout()).isEqualTo(Duration.ofSeconds(29));
    assertThat(settings.requireAuthorizationForCacheControl()).isTrue();
    assertThat(settings.unauthorizedCacheControlHeaderStrategy())
        .isEqualTo(UnauthorizedCacheControlHeaderStrategy.SUCCEED_WITH_RESPONSE_HEADER);
  }

  @ParameterizedTest
  @CsvSource({"49", "29001"})
  void integrationTimeout_outsideApiGatewaysRange_isRejected(long millis) {
    assertThatThrownBy(
            () -> MethodSettings.builder().integrationTimeout(Duration.ofMillis(millis)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("integrationTimeout must be 50 to 29000 ms, was " + millis + " ms");
  }

  @Test
  void integrationTimeout_fiftyMilliseconds_isAllowed() {
    assertThat(
            MethodSettings.builder()
                .integrationTimeout(Duration.ofMillis(50))
                .build()
                .integrationTimeout())
        .isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void cachingEnabled_byDefault_onlyForGet() {
    StageConfig config = StageConfig.builder().cacheEnabled(true).build();

    assertThat(config.cachingEnabled(HttpMethod.GET)).isTrue();
    assertThat(config.cachingEnabled(HttpMethod.POST)).isFalse();
  }

  @Test
  void cachingEnabled_ttlZero_disablesCaching() {
    StageConfig config = StageConfig.builder().cacheEnabled(true).cacheTtl(Duration.ZERO).build();

    assertThat(config.cachingEnabled(HttpMethod.GET)).isFalse();
  }

  @Test
  void cachingEnabled_methodTtlOverridesTheStages() {
    StageConfig config =
        StageConfig.builder()
            .cacheEnabled(true)
            .method(
                HttpMethod.GET, MethodSettings.builder().cacheTtl(Duration.ofSeconds(5)).build())
            .build();

    assertThat(config.cacheTtl(HttpMethod.GET)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.cacheTtl(HttpMethod.POST)).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void cacheTtl_overAnHour_isRejected() {
    assertThatThrownBy(() -> StageConfig.builder().cacheTtl(Duration.ofSeconds(3601)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cacheTtl must be 0 to 3600 seconds (0 disables caching), was 3601 s");
  }

  @Test
  void keyRequiredMethod_withoutUsagePlan_isRejected() {
    assertThatThrownBy(
            () ->
                StageConfig.builder()
                    .method(HttpMethod.POST, MethodSettings.builder().apiKeyRequired(true).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("methods [POST] require an API key");
  }

  @Test
  void cacheKeyParameter_notInApiGatewayNotation_isRejected() {
    assertThatThrownBy(() -> MethodSettings.builder().cacheKeyParameter("operation").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cache key parameter must be 'method.request.querystring.NAME' or"
                + " 'method.request.header.NAME', was 'operation'");
  }

  @Test
  void stageName_withSlash_isRejected() {
    assertThatThrownBy(() -> StageConfig.builder().stageName("a/b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("stageName must be 1 to 128 letters");
  }

  @Test
  void apiKey_shorterThan20Characters_isRejected() {
    assertThatThrownBy(() -> UsagePlan.builder("plan").apiKey("short", "abc").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API key 'short' must have a value of 20 to 128 characters, was 3 characters");
  }

  @Test
  void apiKeys_withTheSameValue_areRejected() {
    String value = "same-value-0123456789";
    assertThatThrownBy(
            () -> UsagePlan.builder("plan").apiKey("a", value).apiKey("b", value).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has the value of another key");
  }

  @Test
  void throttle_zeroRate_isRejected() {
    assertThatThrownBy(() -> new Throttle(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be a finite 0.001 or more requests per second, was 0.0");
  }

  @Test
  void lab_hasTheLabsUsagePlanAndKeyRequiredMethods() {
    StageConfig lab = StageConfig.lab("lab-key-0123456789abcdef");

    assertThat(lab.cachingEnabled(HttpMethod.GET)).isTrue();
    assertThat(lab.cachingEnabled(HttpMethod.POST)).isFalse();
    assertThat(lab.method(HttpMethod.POST).apiKeyRequired()).isTrue();
    assertThat(lab.usagePlan().orElseThrow().throttle()).isEqualTo(new Throttle(500, 1_000));
    assertThat(lab.usagePlan().orElseThrow().quota()).contains(new Quota(10_000, Quota.Period.DAY));
  }

  @ParameterizedTest
  @CsvSource({
    "DAY, 2026-05-13, 2026-05-13",
    "WEEK, 2026-05-13, 2026-05-11",
    "WEEK, 2026-05-11, 2026-05-11",
    "MONTH, 2026-05-13, 2026-05-01"
  })
  void quotaPeriod_start(Quota.Period period, LocalDate day, LocalDate start) {
    assertThat(period.start(day)).isEqualTo(start);
  }

  @Test
  void method_setTwice_isRefusedNamingTheMethod() {
    StageConfig.Builder builder =
        StageConfig.builder().method(HttpMethod.GET, MethodSettings.builder().build());

    assertThatThrownBy(() -> builder.method(HttpMethod.GET, MethodSettings.builder().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("method GET was already set");
  }
}
