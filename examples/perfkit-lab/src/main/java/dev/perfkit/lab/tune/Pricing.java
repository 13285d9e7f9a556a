package dev.perfkit.lab.tune;

import dev.perfkit.lab.analysis.LambdaPrices;
import java.util.Objects;

/**
 * Lambda's on-demand prices and the cost of a million invocations at a memory size.
 *
 * <p>Source: https://aws.amazon.com/lambda/pricing/ , US East (N. Virginia), first tier (the first
 * 6 billion GB-seconds a month on x86_64, 7.5 billion on arm64), recorded 2026-11-26: $0.20 per
 * million requests; $0.0000166667 per GB-second on x86_64, $0.0000133334 on arm64. The free tier is
 * not deducted.
 */
public final class Pricing {

  /** x86_64 in us-east-1: the prices {@code perfkit-lab analyze} uses too. */
  public static final LambdaPrices X86_64 = LambdaPrices.X86_US_EAST_1;

  /** arm64 (Graviton) in us-east-1. */
  public static final LambdaPrices ARM64 = new LambdaPrices(0.0000133334, 0.20);

  private static final long MILLION = 1_000_000;

  private Pricing() {}

  /**
   * What a million invocations cost in USD when each is billed {@code meanBilledMs} at {@code
   * memoryMb}: GB-seconds (memory in GB of 1024 MB, times the billed seconds) at the compute price,
   * plus the request price.
   */
  public static double costPerMillion(LambdaPrices prices, int memoryMb, double meanBilledMs) {
    Objects.requireNonNull(prices, "prices");
    if (memoryMb < 1) {
      throw new IllegalArgumentException("memoryMb must be positive, was " + memoryMb);
    }
    if (!(meanBilledMs >= 0) || Double.isInfinite(meanBilledMs)) {
      throw new IllegalArgumentException(
          "meanBilledMs must be finite and not negative, was " + meanBilledMs);
    }
    double gbSecondsEach = memoryMb / 1024.0 * meanBilledMs / 1000.0;
    return prices.cost(gbSecondsEach * MILLION, MILLION);
  }
}
