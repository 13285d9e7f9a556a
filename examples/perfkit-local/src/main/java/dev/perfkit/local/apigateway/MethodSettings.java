package dev.perfkit.local.apigateway;

import dev.perfkit.core.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of one method of the stage, overriding the stage's where set.
 *
 * @param cachingEnabled whether responses are cached; empty for API Gateway's default (GET only)
 * @param cacheTtl this method's time-to-live of cached responses; empty for the stage's
 * @param cacheKeyParameters request parameters that, with the method and resource path, make the
 *     cache key: {@code method.request.querystring.NAME} or {@code method.request.header.NAME}
 * @param apiKeyRequired whether a request needs a usage plan's key in {@code x-api-key}
 * @param throttle this method's token bucket; empty for the stage's
 * @param requireAuthorizationForCacheControl whether {@code Cache-Control: max-age=0} re-fetches
 *     the cache entry only for a caller authorised for {@code execute-api:InvalidateCache} (API
 *     Gateway's default); when false, any caller does
 * @param unauthorizedCacheControlHeaderStrategy what an unauthorised caller's {@code Cache-Control:
 *     max-age=0} does when authorisation is required
 * @param integrationTimeout how long the integration may take before the method answers 504 (the
 *     integration's {@code timeoutInMillis})
 */
public record MethodSettings(
    Optional<Boolean> cachingEnabled,
    Optional<Duration> cacheTtl,
    List<String> cacheKeyParameters,
    boolean apiKeyRequired,
    Optional<Throttle> throttle,
    boolean requireAuthorizationForCacheControl,
    UnauthorizedCacheControlHeaderStrategy unauthorizedCacheControlHeaderStrategy,
    Duration integrationTimeout) {

  /**
   * API Gateway's integration timeout for REST APIs, and its largest without a quota increase
   * ("Amazon API Gateway quotas",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html).
   */
  public static final Duration MAX_INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

  /** API Gateway's shortest integration timeout. */
  public static final Duration MIN_INTEGRATION_TIMEOUT = Duration.ofMillis(50);

  private static final Pattern PARAMETER =
      Pattern.compile("method\\.request\\.(querystring|header)\\.([!#$%&'*+.^_`|~0-9A-Za-z-]+)");

  /** No overrides: what a method has when the stage configures nothing for it. */
  public static final MethodSettings DEFAULT = builder().build();

  /**
   * Validates the TTL, the parameter names and the integration timeout.
   *
   * @param cachingEnabled whether responses are cached; empty for the default (GET only)
   * @param cacheTtl this method's cache time-to-live, 0 to 3600 seconds; empty for the stage's
   * @param cacheKeyParameters {@code method.request.querystring.NAME} or {@code
   *     method.request.header.NAME} each, copied
   * @param apiKeyRequired whether a request needs a usage plan's key
   * @param throttle this method's token bucket; empty for the stage's
   * @param requireAuthorizationForCacheControl whether {@code Cache-Control: max-age=0} needs
   *     {@code execute-api:InvalidateCache}
   * @param unauthorizedCacheControlHeaderStrategy what an unauthorised caller's {@code
   *     Cache-Control: max-age=0} does
   * @param integrationTimeout 50 ms to 29 s
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the bad TTL, parameter or timeout
   */
  public MethodSettings {
    Objects.requireNonNull(cachingEnabled, "cachingEnabled");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(cacheKeyParameters, "cacheKeyParameters");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(
        unauthorizedCacheControlHeaderStrategy, "unauthorizedCacheControlHeaderStrategy");
    Objects.requireNonNull(integrationTimeout, "integrationTimeout");
    cacheTtl.ifPresent(StageConfig::checkCacheTtl);
    if (integrationTimeout.compareTo(MIN_INTEGRATION_TIMEOUT) < 0
        || integrationTimeout.compareTo(MAX_INTEGRATION_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "integrationTimeout must be 50 to 29000 ms, was "
              + integrationTimeout.toMillis()
              + " ms");
    }
    cacheKeyParameters = List.copyOf(cacheKeyParameters);
    cacheKeyParameters.forEach(MethodSettings::parse);
  }

  /**
   * A builder with no overrides.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The cache key parameters as (source, name) pairs, in order. */
  List<CacheKeyParameter> parsedCacheKeyParameters() {
    return cacheKeyParameters.stream().map(MethodSettings::parse).toList();
  }

  private static CacheKeyParameter parse(String parameter) {
    Matcher matcher = PARAMETER.matcher(parameter);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "cache key parameter must be 'method.request.querystring.NAME' or"
              + " 'method.request.header.NAME', was '"
              + parameter
              + "'");
    }
    return new CacheKeyParameter("header".equals(matcher.group(1)), matcher.group(2));
  }

  /** One cache key parameter: a header or a query string parameter. */
  record CacheKeyParameter(boolean header, String name) {}

  /** Builds {@link MethodSettings}. */
  public static final class Builder {
    private Boolean cachingEnabled;
    private Duration cacheTtl;
    private final List<String> cacheKeyParameters = new ArrayList<>();
    private Boolean apiKeyRequired;
    private Throttle throttle;
    private Boolean requireAuthorizationForCacheControl;
    private UnauthorizedCacheControlHeaderStrategy unauthorizedCacheControlHeaderStrategy;
    private Duration integrationTimeout;

    private Builder() {}

    /**
     * Turns caching on or off for this method (API Gateway caches only GET by default).
     *
     * @param cachingEnabled whether responses of this method are cached
     * @return this builder
     */
    public Builder cachingEnabled(boolean cachingEnabled) {
      this.cachingEnabled =
          Preconditions.setOnce("cachingEnabled", this.cachingEnabled, cachingEnabled);
      return this;
    }

    /**
     * Sets this method's TTL.
     *
     * @param cacheTtl 0 to 3600 seconds; 0 disables caching
     * @return this builder
     */
    public Builder cacheTtl(Duration cacheTtl) {
      this.cacheTtl = Preconditions.setOnce("cacheTtl", this.cacheTtl, cacheTtl);
      return this;
    }

    /**
     * Adds {@code method.request.querystring.NAME} to the cache key.
     *
     * @param name the query string parameter's name, of letters, digits and {@code !#$%&'*+.^_`|~-}
     * @return this builder
     */
    public Builder cacheKeyQueryParameter(String name) {
      return cacheKeyParameter(
          "method.request.querystring." + Objects.requireNonNull(name, "name"));
    }

    /**
     * Adds {@code method.request.header.NAME} to the cache key.
     *
     * @param name the header's name, of letters, digits and {@code !#$%&'*+.^_`|~-}
     * @return this builder
     */
    public Builder cacheKeyHeader(String name) {
      return cacheKeyParameter("method.request.header." + Objects.requireNonNull(name, "name"));
    }

    /**
     * Adds a cache key parameter in API Gateway's notation.
     *
     * @param parameter {@code method.request.querystring.NAME} or {@code
     *     method.request.header.NAME}; checked by {@link #build()}
     * @return this builder
     */
    public Builder cacheKeyParameter(String parameter) {
      cacheKeyParameters.add(Objects.requireNonNull(parameter, "parameter"));
      return this;
    }

    /**
     * Requires an API key of the stage's usage plan, or not.
     *
     * @param apiKeyRequired default false
     * @return this builder
     */
    public Builder apiKeyRequired(boolean apiKeyRequired) {
      this.apiKeyRequired =
          Preconditions.setOnce("apiKeyRequired", this.apiKeyRequired, apiKeyRequired);
      return this;
    }

    /**
     * Sets this method's token bucket.
     *
     * @param throttle default: the stage's
     * @return this builder
     */
    public Builder throttle(Throttle throttle) {
      this.throttle = Preconditions.setOnce("throttle", this.throttle, throttle);
      return this;
    }

    /**
     * Requires {@code execute-api:InvalidateCache} of a caller whose {@code Cache-Control:
     * max-age=0} re-fetches its cache entry, or not (the console's "Require authorization").
     *
     * @param requireAuthorizationForCacheControl default true, as on API Gateway
     * @return this builder
     */
    public Builder requireAuthorizationForCacheControl(
        boolean requireAuthorizationForCacheControl) {
      this.requireAuthorizationForCacheControl =
          Preconditions.setOnce(
              "requireAuthorizationForCacheControl",
              this.requireAuthorizationForCacheControl,
              requireAuthorizationForCacheControl);
      return this;
    }

    /**
     * Sets what an unauthorised caller's {@code Cache-Control: max-age=0} does.
     *
     * @param strategy default {@link
     *     UnauthorizedCacheControlHeaderStrategy#SUCCEED_WITH_RESPONSE_HEADER}
     * @return this builder
     */
    public Builder unauthorizedCacheControlHeaderStrategy(
        UnauthorizedCacheControlHeaderStrategy strategy) {
      this.unauthorizedCacheControlHeaderStrategy =
          Preconditions.setOnce(
              "unauthorizedCacheControlHeaderStrategy",
              this.unauthorizedCacheControlHeaderStrategy,
              strategy);
      return this;
    }

    /**
     * Sets how long the integration may take; a request whose function runs longer is answered 504
     * {@code {"message": "Endpoint request timed out"}} and the invocation goes on.
     *
     * @param integrationTimeout 50 ms to 29 s; default 29 s
     * @return this builder
     */
    public Builder integrationTimeout(Duration integrationTimeout) {
      this.integrationTimeout =
          Preconditions.setOnce("integrationTimeout", this.integrationTimeout, integrationTimeout);
      return this;
    }

    /**
     * The settings.
     *
     * @return the settings
     * @throws IllegalArgumentException naming a bad field
     */
    public MethodSettings build() {
      return new MethodSettings(
          Optional.ofNullable(cachingEnabled),
          Optional.ofNullable(cacheTtl),
          cacheKeyParameters,
          apiKeyRequired != null && apiKeyRequired,
          Optional.ofNullable(throttle),
          requireAuthorizationForCacheControl == null || requireAuthorizationForCacheControl,
          unauthorizedCacheControlHeaderStrategy == null
              ? UnauthorizedCacheControlHeaderStrategy.SUCCEED_WITH_RESPONSE_HEADER
              : unauthorizedCacheControlHeaderStrategy,
          integrationTimeout == null ? MAX_INTEGRATION_TIMEOUT : integrationTimeout);
    }
  }
}
