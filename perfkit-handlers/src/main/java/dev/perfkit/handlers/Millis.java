package dev.perfkit.handlers;

import dev.perfkit.core.time.Ticker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;

/** Durations in milliseconds with two decimals, as the results and the pipeline report them. */
final class Millis {

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Millis() {}

  /** The milliseconds from {@code startNanos} to now on {@code ticker}. */
  static double since(long startNanos, Ticker ticker) {
    return between(startNanos, ticker.read());
  }

  /** The milliseconds from {@code startNanos} to {@code endNanos}. */
  static double between(long startNanos, long endNanos) {
    return Math.round((endNanos - startNanos) / 10_000.0) / 100.0;
  }

  /**
   * {@code count} per second over {@code nanos}, to two decimals; 0 when no time passed, as in the
   * lab. A decimal, so that JSON shows 112201750.78 rather than 1.1220175078E8.
   */
  static BigDecimal perSecond(long count, long nanos) {
    if (nanos <= 0) {
      return BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(count)
        .multiply(NANOS_PER_SECOND)
        .divide(BigDecimal.valueOf(nanos), 2, RoundingMode.HALF_UP);
  }

  /** The epoch seconds of {@code clock}, to the millisecond, as Python's {@code time.time()}. */
  static BigDecimal epochSeconds(Clock clock) {
    return BigDecimal.valueOf(clock.millis(), 3);
  }
}
