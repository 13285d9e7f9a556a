package dev.perfkit.local.apigateway;

/**
 * Counters of a stage since it started, named after API Gateway's CloudWatch metrics.
 *
 * @param count requests answered ({@code Count})
 * @param cacheHitCount requests answered from the cache ({@code CacheHitCount})
 * @param cacheMissCount requests to a cached method answered by the integration ({@code
 *     CacheMissCount})
 * @param clientErrorCount responses with a 4xx status ({@code 4XXError})
 * @param serverErrorCount responses with a 5xx status ({@code 5XXError})
 * @param throttledCount requests refused by a token bucket (429 Too Many Requests)
 * @param quotaExceededCount requests refused by a key's quota (429 Limit Exceeded)
 * @param integrationCount invocations of the Lambda function
 */
public record StageMetrics(
    long count,
    long cacheHitCount,
    long cacheMissCount,
    long clientErrorCount,
    long serverErrorCount,
    long throttledCount,
    long quotaExceededCount,
    long integrationCount) {}
