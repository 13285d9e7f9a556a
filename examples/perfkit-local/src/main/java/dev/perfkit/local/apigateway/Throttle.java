package dev.perfkit.local.apigateway;

/**
 * A token bucket, as API Gateway throttles: the bucket holds {@code burstLimit} tokens, refills at
 * {@code rateLimit} tokens per second, and each request takes one; a request finding it empty is
 * answered 429 {@code {"message":"Too Many Requests"}}.
 *
 * @param rateLimit the steady-state rate in requests per second, 0.001 or more
 * @param burstLimit the bucket's capacity, 1 or more
 */
public record Throttle(double rateLimit, int burstLimit) {

  /** API Gateway's account-level default, which a stage inherits: 10000 per second, burst 5000. */
  public static final Throttle ACCOUNT_DEFAULT = new Throttle(10_000, 5_000);

  /** The lab's usage plan: 500 per second, burst 1000. */
  public static final Throttle LAB_USAGE_PLAN = new Throttle(500, 1_000);

  /**
   * Validates both limits.
   *
   * @param rateLimit requests per second, finite and 0.001 or more
   * @param burstLimit the bucket's capacity, 1 or more
   * @throws IllegalArgumentException naming the bad limit
   */
  public Throttle {
    if (!(rateLimit >= 0.001) || Double.isInfinite(rateLimit)) {
      throw new IllegalArgumentException(
          "rateLimit must be a finite 0.001 or more requests per second, was " + rateLimit);
    }
    if (burstLimit < 1) {
      throw new IllegalArgumentException("burstLimit must be 1 or more, was " + burstLimit);
    }
  }
}
