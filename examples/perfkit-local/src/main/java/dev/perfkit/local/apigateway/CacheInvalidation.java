package dev.perfkit.local.apigateway;

import java.util.Optional;
import java.util.Set;

/**
 * What a request's {@code Cache-Control: max-age=0} does to its cache entry, as API Gateway decides
 * it ("Invalidate an API Gateway cache entry",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html): by
 * default only a caller authorised for {@code execute-api:InvalidateCache} re-fetches the entry;
 * another one is handled by the method's {@link UnauthorizedCacheControlHeaderStrategy}.
 *
 * <p>An authorised caller is one whose request is signed (SigV4) with an access key the stage was
 * given as allowed to invalidate. The signature is not verified: the local stage holds no secret
 * keys.
 */
enum CacheInvalidation {
  /** No {@code max-age=0}: the cache answers when it can. */
  NONE,
  /** The entry is re-fetched from the integration and replaced. */
  REFETCH,
  /** The header is ignored. */
  IGNORED,
  /** The header is ignored, and the response says so. */
  IGNORED_WITH_WARNING,
  /** The request fails with 403. */
  FORBIDDEN;

  /** API Gateway's warning when it ignores the header of an unauthorised caller. */
  static final String WARNING =
      "199 Cache-control headers were ignored because the caller was unauthorized.";

  private static final String SIGV4 = "AWS4-HMAC-SHA256";

  /**
   * @param request the request
   * @param settings the method's settings
   * @param invalidators access key ids allowed {@code execute-api:InvalidateCache}
   */
  static CacheInvalidation of(
      StageRequest request, MethodSettings settings, Set<String> invalidators) {
    if (!request.asksToInvalidateCache()) {
      return NONE;
    }
    if (!settings.requireAuthorizationForCacheControl()
        || accessKeyId(request).filter(invalidators::contains).isPresent()) {
      return REFETCH;
    }
    return switch (settings.unauthorizedCacheControlHeaderStrategy()) {
      case FAIL_WITH_403 -> FORBIDDEN;
      case SUCCEED_WITH_RESPONSE_HEADER -> IGNORED_WITH_WARNING;
      case SUCCEED_WITHOUT_RESPONSE_HEADER -> IGNORED;
    };
  }

  /** The access key id of a SigV4 {@code Authorization} header's {@code Credential}. */
  private static Optional<String> accessKeyId(StageRequest request) {
    return request
        .header("Authorization")
        .filter(value -> value.startsWith(SIGV4 + " "))
        .flatMap(
            value -> {
              int credential = value.indexOf("Credential=");
              int slash = credential < 0 ? -1 : value.indexOf('/', credential);
              return slash < 0
                  ? Optional.empty()
                  : Optional.of(value.substring(credential + "Credential=".length(), slash));
            });
  }
}
