package dev.perfkit.local.lambda;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Ray trace headers, as Lambda hands one to each invocation ({@code Lambda-Runtime-Trace-Id}).
 */
final class TraceHeader {

  private TraceHeader() {}

  /**
   * A new, unsampled trace: {@code Root=1-<epoch seconds>-<96 bits>;Parent=<64 bits>;Sampled=0}.
   */
  static String next(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%012x%012x;Parent=%016x;Sampled=0",
        now.getEpochSecond(),
        random.nextLong(1L << 48),
        random.nextLong(1L << 48),
        random.nextLong() & Long.MAX_VALUE);
  }
}
