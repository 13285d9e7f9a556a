package dev.perfkit.local.apigateway;

import dev.perfkit.core.Preconditions;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of a REST API stage serving {@code GET} and {@code POST /performance} through a
 * Lambda proxy integration: its cache, its throttling, its methods and its usage plan.
 *
 * @param stageName the stage in the URL path, 1 to 128 of {@code [A-Za-z0-9_-]}
 * @param cacheEnabled whether the stage has a cache (API Gateway's cache cluster)
 * @param cacheTtl the time-to-live of cached responses, 0 to 3600 seconds; 0 disables caching
 * @param throttle the token bucket of each method (the stage's default method throttling)
 * @param methods the per-method overrides; a method without one has {@link MethodSettings#DEFAULT}
 * @param usagePlan the usage plan whose API keys the key-required methods admit
 */
public record StageConfig(
    String stageName,
    boolean cacheEnabled,
    Duration cacheTtl,
    Throttle throttle,
    Map<HttpMethod, MethodSettings> methods,
    Optional<UsagePlan> usagePlan) {

  /** API Gateway's default cache time-to-live. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  /** API Gateway's largest cache time-to-live. */
  public static final Duration MAX_CACHE_TTL = Duration.ofHours(1);

  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /**
   * Validates every field; the message names the field and its allowed values.
   *
   * @param stageName the stage in the URL path, 1 to 128 of {@code [A-Za-z0-9_-]}
   * @param cacheEnabled whether the stage has a cache
   * @param cacheTtl the stage's cache time-to-live, 0 to 3600 seconds
   * @param throttle the stage's default method throttling
   * @param methods the per-method overrides, copied; no null key or value
   * @param usagePlan the usage plan; required when a method requires an API key
   * @throws NullPointerException if an argument, a method or its settings is null
   * @throws IllegalArgumentException naming the bad field
   */
  public StageConfig {
    Objects.requireNonNull(stageName, "stageName");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(methods, "methods");
    Objects.requireNonNull(usagePlan, "usagePlan");
    if (!STAGE_NAME.matcher(stageName).matches()) {
      throw new IllegalArgumentException(
          "stageName must be 1 to 128 letters, digits, '-' or '_', was '" + stageName + "'");
    }
    checkCacheTtl(cacheTtl);
    EnumMap<HttpMethod, MethodSettings> copy = new EnumMap<>(HttpMethod.class);
    methods.forEach(
        (method, settings) ->
            copy.put(
                Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(settings, "settings of " + method)));
    methods = Collections.unmodifiableMap(copy);
    List<HttpMethod> keyed =
        copy.entrySet().stream()
            .filter(entry -> entry.getValue().apiKeyRequired())
            .map(Map.Entry::getKey)
            .toList();
    if (!keyed.isEmpty() && usagePlan.isEmpty()) {
      throw new IllegalArgumentException(
          "methods " + keyed + " require an API key, so the stage needs a usagePlan with keys");
    }
  }

  static void checkCacheTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.compareTo(MAX_CACHE_TTL) > 0) {
      throw new IllegalArgumentException(
          "cacheTtl must be 0 to 3600 seconds (0 disables caching), was " + ttl.toSeconds() + " s");
    }
  }

  /**
   * A builder with API Gateway's defaults: stage {@code prod}, no cache, account throttling.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The lab's stage: {@code prod} with a cache (TTL 300 s) and the usage plan of Task 3.2 (500/s,
   * burst 1000, 10000 requests a day) holding one key, {@code performance-key}. Unlike the lab,
   * both methods require the key, since a usage plan limits only requests identified by one.
   *
   * @param apiKeyValue the value of {@code performance-key}, which clients send in {@code
   *     x-api-key}; 20 to 128 characters
   * @return the lab's stage configuration
   * @throws IllegalArgumentException if {@code apiKeyValue} is not 20 to 128 characters
   */
  public static StageConfig lab(String apiKeyValue) {
    Objects.requireNonNull(apiKeyValue, "apiKeyValue");
    MethodSettings keyed = MethodSettings.builder().apiKeyRequired(true).build();
    MethodSettings cachedGet =
        MethodSettings.builder().apiKeyRequired(true).cacheKeyQueryParameter("operation").build();
    return builder()
        .cacheEnabled(true)
        .method(HttpMethod.GET, cachedGet)
        .method(HttpMethod.POST, keyed)
        .usagePlan(
            UsagePlan.builder("performance-plan")
                .throttle(Throttle.LAB_USAGE_PLAN)
                .quota(Quota.LAB)
                .apiKey("performance-key", apiKeyValue)
                .build())
        .build();
  }

  /**
   * The settings of {@code method}.
   *
   * @param method the method
   * @return its overrides, or {@link MethodSettings#DEFAULT} if it has none
   */
  public MethodSettings method(HttpMethod method) {
    return methods.getOrDefault(Objects.requireNonNull(method, "method"), MethodSettings.DEFAULT);
  }

  /**
   * Whether responses of {@code method} are cached: the stage has a cache, the method's TTL is not
   * 0, and the method enables caching (by default only GET does).
   *
   * @param method the method
   * @return whether its responses are cached
   */
  public boolean cachingEnabled(HttpMethod method) {
    MethodSettings settings = method(method);
    return cacheEnabled
        && !cacheTtl(method).isZero()
        && settings.cachingEnabled().orElse(method == HttpMethod.GET);
  }

  /**
   * The time-to-live of cached responses of {@code method}.
   *
   * @param method the method
   * @return the method's TTL if it overrides it, else the stage's
   */
  public Duration cacheTtl(HttpMethod method) {
    return method(method).cacheTtl().orElse(cacheTtl);
  }

  /**
   * The token bucket of {@code method}.
   *
   * @param method the method
   * @return the method's throttle if it overrides it, else the stage's
   */
  public Throttle throttle(HttpMethod method) {
    return method(method).throttle().orElse(throttle);
  }

  /** Builds a {@link StageConfig}. */
  public static final class Builder {
    private String stageName;
    private Boolean cacheEnabled;
    private Duration cacheTtl;
    private Throttle throttle;
    private final Map<HttpMethod, MethodSettings> methods = new EnumMap<>(HttpMethod.class);
    private UsagePlan usagePlan;

    private Builder() {}

    /**
     * Sets the stage name.
     *
     * @param stageName default {@code prod}
     * @return this builder
     */
    public Builder stageName(String stageName) {
      this.stageName = Preconditions.setOnce("stageName", this.stageName, stageName);
      return this;
    }

    /**
     * Gives the stage a cache, or not.
     *
     * @param cacheEnabled default false
     * @return this builder
     */
    public Builder cacheEnabled(boolean cacheEnabled) {
      this.cacheEnabled = Preconditions.setOnce("cacheEnabled", this.cacheEnabled, cacheEnabled);
      return this;
    }

    /**
     * Sets the stage's cache TTL.
     *
     * @param cacheTtl 0 to 3600 seconds; default 300
     * @return this builder
     */
    public Builder cacheTtl(Duration cacheTtl) {
      this.cacheTtl = Preconditions.setOnce("cacheTtl", this.cacheTtl, cacheTtl);
      return this;
    }

    /**
     * Sets the stage's default method throttling.
     *
     * @param throttle default: the account's default
     * @return this builder
     */
    public Builder throttle(Throttle throttle) {
      this.throttle = Preconditions.setOnce("throttle", this.throttle, throttle);
      return this;
    }

    /**
     * Sets the overrides of one method; each method once.
     *
     * @param method the method
     * @param settings its overrides
     * @return this builder
     */
    public Builder method(HttpMethod method, MethodSettings settings) {
      Objects.requireNonNull(method, "method");
      methods.put(method, Preconditions.setOnce("method " + method, methods.get(method), settings));
      return this;
    }

    /**
     * Sets the usage plan.
     *
     * @param usagePlan default none
     * @return this builder
     */
    public Builder usagePlan(UsagePlan usagePlan) {
      this.usagePlan = Preconditions.setOnce("usagePlan", this.usagePlan, usagePlan);
      return this;
    }

    /**
     * The configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming a bad field
     */
    public StageConfig build() {
      return new StageConfig(
          stageName == null ? "prod" : stageName,
          cacheEnabled != null && cacheEnabled,
          cacheTtl == null ? DEFAULT_CACHE_TTL : cacheTtl,
          throttle == null ? Throttle.ACCOUNT_DEFAULT : throttle,
          methods,
          Optional.ofNullable(usagePlan));
    }
  }
}
