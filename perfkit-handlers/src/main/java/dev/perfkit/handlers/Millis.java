package dev.perfkit.handlers;

import java.util.function.LongSupplier;

/** Durations in milliseconds with two decimals, as the results and the pipeline report them. */
final class Millis {

  private Millis() {}

  /** The milliseconds from {@code startNanos} to now on {@code nanoTicker}. */
  static double since(long startNanos, LongSupplier nanoTicker) {
    return between(startNanos, nanoTicker.getAsLong());
  }

  /** The milliseconds from {@code startNanos} to {@code endNanos}. */
  static double between(long startNanos, long endNanos) {
    return Math.round((endNanos - startNanos) / 10_000.0) / 100.0;
  }

  /** {@code count} per second over {@code nanos}; 0 when no time passed, as in the lab. */
  static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : Math.round(count * 1e9 * 100.0 / nanos) / 100.0;
  }
}
