package dev.perfkit.core.routing;

import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * The moment an invocation must be finished by, on a nanosecond {@link Ticker}.
 *
 * <p>Work that can run long (retries, load generation) asks {@link #remaining()} and stops in time
 * to answer, instead of being killed by the Lambda timeout.
 */
public final class Deadline {

  private final long deadlineNanos;
  private final Ticker ticker;

  private Deadline(long deadlineNanos, Ticker ticker) {
    this.deadlineNanos = deadlineNanos;
    this.ticker = ticker;
  }

  /**
   * The deadline {@code budget} from now on {@code ticker}.
   *
   * @param budget the time allowed, zero or more
   * @param ticker the time the deadline runs on, e.g. {@link Ticker#system()}
   * @return the deadline
   * @throws IllegalArgumentException when {@code budget} is negative
   */
  public static Deadline after(Duration budget, Ticker ticker) {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(ticker, "ticker");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative, got " + budget);
    }
    return new Deadline(ticker.read() + saturatedNanos(budget), ticker);
  }

  /**
   * The time left.
   *
   * @return the time left, zero once the deadline has passed
   */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - ticker.read()));
  }

  /**
   * The time left in whole milliseconds.
   *
   * @return the milliseconds left, zero once the deadline has passed
   */
  public long remainingMillis() {
    return remaining().toMillis();
  }

  /**
   * Whether the deadline has passed.
   *
   * @return true once no time is left
   */
  public boolean expired() {
    return deadlineNanos - ticker.read() <= 0;
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
