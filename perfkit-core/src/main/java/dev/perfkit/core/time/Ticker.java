package dev.perfkit.core.time;

/**
 * A source of nanosecond time for measuring elapsed time, injected so that tests can drive it.
 *
 * <p>Only differences between two readings of the same ticker mean anything; for wall-clock time
 * (timestamps) perfkit takes a {@link java.time.Clock}.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * The current reading.
   *
   * @return nanoseconds since an arbitrary origin, fixed for this ticker
   */
  long read();

  /**
   * The JVM's monotonic time.
   *
   * @return a ticker that reads {@link System#nanoTime()}
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
