package dev.perfkit.lab.stack;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One method of the REST API's resource, proxied to the performance function's alias.
 *
 * @param httpMethod {@code GET} or {@code POST}
 * @param apiKeyRequired whether callers must send {@code x-api-key}; usage-plan throttling and
 *     quotas apply only to requests identified by a key
 * @param cachingEnabled whether the stage cache answers this method
 * @param cacheKeyQueryParameters query-string parameters that make up the cache key; empty when not
 *     cached
 */
public record ApiMethod(
    String httpMethod,
    boolean apiKeyRequired,
    boolean cachingEnabled,
    List<String> cacheKeyQueryParameters) {

  private static final Set<String> METHODS = Set.of("GET", "POST");

  /** Validates the method. */
  public ApiMethod {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(cacheKeyQueryParameters, "cacheKeyQueryParameters");
    if (!METHODS.contains(httpMethod)) {
      throw new IllegalArgumentException("httpMethod '" + httpMethod + "': allowed " + METHODS);
    }
    cacheKeyQueryParameters = List.copyOf(cacheKeyQueryParameters);
    if (!cachingEnabled && !cacheKeyQueryParameters.isEmpty()) {
      throw new IllegalArgumentException(
          "cacheKeyQueryParameters of " + httpMethod + " given but caching is not enabled");
    }
    for (String parameter : cacheKeyQueryParameters) {
      if (!parameter.matches("[a-zA-Z0-9_.-]+")) {
        throw new IllegalArgumentException(
            "cache key query parameter '" + parameter + "': letters, digits, _ . -");
      }
    }
  }
}
