package dev.perfkit.lab.analysis;

/**
 * Lambda prices for an estimate of what the analysed invocations cost: compute by the GB-second,
 * requests by the million. Provisioned concurrency, data transfer and the API Gateway cache are
 * billed apart and not included.
 *
 * @param perGbSecond USD per GB-second of compute
 * @param perMillionRequests USD per million requests
 */
public record LambdaPrices(double perGbSecond, double perMillionRequests) {

  /** AWS's published on-demand prices for x86 in us-east-1 (first tier). */
  public static final LambdaPrices X86_US_EAST_1 = new LambdaPrices(0.0000166667, 0.20);

  /** Validates the prices. */
  public LambdaPrices {
    if (!(perGbSecond >= 0) || !(perMillionRequests >= 0)) {
      throw new IllegalArgumentException(
          "prices must be finite and not negative: perGbSecond "
              + perGbSecond
              + ", perMillionRequests "
              + perMillionRequests);
    }
  }

  /** What {@code gbSeconds} of compute over {@code requests} requests cost, in USD. */
  public double cost(double gbSeconds, long requests) {
    return gbSeconds * perGbSecond + requests / 1_000_000.0 * perMillionRequests;
  }
}
