package dev.perfkit.core.time;

import java.time.Duration;

/**
 * Waits for a duration: wherever perfkit backs off or polls it waits through a sleeper, so that a
 * test can record the waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}; a zero or negative duration returns at once.
   *
   * @param duration how long to wait; not null
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * A sleeper that parks the calling thread with {@link Thread#sleep(long, int)}.
   *
   * @return the sleeper that really waits
   */
  static Sleeper system() {
    return duration -> {
      if (duration.isNegative() || duration.isZero()) {
        return;
      }
      long nanos = duration.toNanos();
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    };
  }
}
