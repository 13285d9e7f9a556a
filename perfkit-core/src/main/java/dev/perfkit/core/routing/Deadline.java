package dev.perfkit.core.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The moment an invocation must be finished by, on a monotonic nanosecond ticker.
 *
 * <p>Work that can run long (retries, load generation) asks {@link #remaining()} and stops in time
 * to answer, instead of being killed by the Lambda timeout.
 */
public final class Deadline {

  private final long deadlineNanos;
  private final LongSupplier nanoTicker;

  private Deadline(long deadlineNanos, LongSupplier nanoTicker) {
    this.deadlineNanos = deadlineNanos;
    this.nanoTicker = nanoTicker;
  }

  /** The deadline {@code budget} from now on {@code nanoTicker} (e.g. {@code System::nanoTime}). */
  public static Deadline after(Duration budget, LongSupplier nanoTicker) {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(nanoTicker, "nanoTicker");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative, got " + budget);
    }
    return new Deadline(nanoTicker.getAsLong() + saturatedNanos(budget), nanoTicker);
  }

  /** The time left, zero once the deadline has passed. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - nanoTicker.getAsLong()));
  }

  /** The time left in whole milliseconds, zero once the deadline has passed. */
  public long remainingMillis() {
    return remaining().toMillis();
  }

  /** Whether the deadline has passed. */
  public boolean expired() {
    return deadlineNanos - nanoTicker.getAsLong() <= 0;
  }

  private static long saturatedNanos(Duration budget) {
    try {
      return budget.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining() + "]";
  }
}
