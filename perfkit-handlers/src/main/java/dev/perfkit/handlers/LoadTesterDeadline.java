package dev.perfkit.handlers;

import java.time.Duration;
import java.util.Optional;

/**
 * When a load test must stop, on the ticker's nanosecond scale. Of the time left, a margin of 10%
 * (at least 2 s, at most 30 s) is kept back: no request starts in it; requests in flight are cut at
 * half of it, and the other half is left to merge and answer.
 *
 * @param startNanos when the invocation started
 * @param stopNanos no request starts from here on; {@code Long.MAX_VALUE} when unbounded
 * @param hardNanos requests in flight are cut here; {@code Long.MAX_VALUE} when unbounded
 */
record LoadTesterDeadline(long startNanos, long stopNanos, long hardNanos) {

  static final Duration MIN_MARGIN = Duration.ofSeconds(2);
  static final Duration MAX_MARGIN = Duration.ofSeconds(30);

  /** No deadline: no context and no budget asked for. */
  static LoadTesterDeadline unbounded(long startNanos) {
    return new LoadTesterDeadline(startNanos, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** A deadline {@code remaining} after {@code startNanos}, less the margin. */
  static LoadTesterDeadline after(long startNanos, Duration remaining) {
    long remainingNanos = Math.max(0, remaining.toNanos());
    long margin =
        Math.min(MAX_MARGIN.toNanos(), Math.max(MIN_MARGIN.toNanos(), remainingNanos / 10));
    return new LoadTesterDeadline(
        startNanos, startNanos + remainingNanos - margin, startNanos + remainingNanos - margin / 2);
  }

  boolean bounded() {
    return stopNanos != Long.MAX_VALUE;
  }

  /** True when no time is left to start a request. */
  boolean exhausted() {
    return bounded() && stopNanos <= startNanos;
  }

  /** How long requests may be started for, from the start; empty when unbounded. */
  Optional<Duration> budget() {
    return bounded() ? Optional.of(Duration.ofNanos(stopNanos - startNanos)) : Optional.empty();
  }

  /** How long a request sent at {@code nowNanos} may take (at least 1 ms); empty when unbounded. */
  Optional<Duration> timeLeft(long nowNanos) {
    if (!bounded()) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofNanos(Math.max(Duration.ofMillis(1).toNanos(), hardNanos - nowNanos)));
  }
}
