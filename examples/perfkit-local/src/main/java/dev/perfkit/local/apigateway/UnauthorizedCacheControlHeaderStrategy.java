package dev.perfkit.local.apigateway;

/**
 * What a method does with {@code Cache-Control: max-age=0} from a caller not authorised to
 * invalidate its cache entry ({@code execute-api:InvalidateCache}), when it requires that
 * authorisation: API Gateway's {@code unauthorizedCacheControlHeaderStrategy}, in the console
 * "Handle unauthorized requests" ("Invalidate an API Gateway cache entry",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html).
 */
public enum UnauthorizedCacheControlHeaderStrategy {
  /** "Fail the request with 403 status code". */
  FAIL_WITH_403,
  /**
   * "Ignore cache control header; Add a warning in response header" (API Gateway's default): the
   * cache answers as if the header were absent, and the response carries {@code Warning: 199
   * Cache-control headers were ignored because the caller was unauthorized.}
   */
  SUCCEED_WITH_RESPONSE_HEADER,
  /** "Ignore cache control header": the cache answers as if the header were absent. */
  SUCCEED_WITHOUT_RESPONSE_HEADER
}
