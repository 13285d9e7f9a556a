package dev.perfkit.local.lambda;

import dev.perfkit.core.time.Ticker;
import java.util.concurrent.TimeUnit;

/** The invocations running now, and a bounded wait until none is: the drain of a stop. */
final class RunningInvocations {

  private int running;

  synchronized void started() {
    running++;
  }

  synchronized void ended() {
    running--;
    notifyAll();
  }

  /**
   * Waits until no invocation runs or {@code end} (on {@code ticker}) passes; returns how many
   * still run.
   */
  synchronized int awaitNone(Ticker ticker, long end) {
    try {
      long left;
      while (running > 0 && (left = end - ticker.read()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return running;
  }
}
