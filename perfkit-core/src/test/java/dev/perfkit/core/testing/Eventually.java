package dev.perfkit.core.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a bound, instead of sleeping a guessed time. */
public final class Eventually {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Eventually() {}

  /**
   * Polls {@code condition} until it holds or {@code bound} passes.
   *
   * @param bound the longest to wait
   * @param condition what to wait for
   * @return whether the condition held
   */
  public static boolean eventually(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return condition.getAsBoolean();
  }
}
