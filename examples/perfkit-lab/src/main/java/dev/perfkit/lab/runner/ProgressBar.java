package dev.perfkit.lab.runner;

import dev.perfkit.core.time.Ticker;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A text progress bar for a long step. On a terminal it redraws one line ({@code \r}); elsewhere
 * (CI logs, a file) it prints a line at each quarter, so that logs show progress without a line per
 * update. Thread-safe: steps update it from their worker threads.
 */
final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final PrintWriter out;
  private final boolean terminal;
  private final String label;
  private final long total;
  private final Ticker ticker;
  private final long start;
  private long done;
  private long lastDraw = Long.MIN_VALUE;
  private int lastQuarter;
  private boolean closed;

  ProgressBar(PrintWriter out, boolean terminal, String label, long total, Ticker ticker) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be 1 or more, was " + total);
    }
    this.out = out;
    this.terminal = terminal;
    this.label = label;
    this.total = total;
    this.ticker = ticker;
    this.start = ticker.read();
    if (terminal) {
      draw(start);
    }
  }

  /** Sets how much is done, out of the total; values beyond it show as the total. */
  synchronized void update(long done) {
    if (closed) {
      return;
    }
    this.done = Math.max(0, Math.min(total, done));
    long now = ticker.read();
    if (terminal) {
      if (now - lastDraw >= REDRAW_NANOS || this.done == total) {
        draw(now);
      }
      return;
    }
    int quarter = (int) (this.done * 4 / total);
    if (quarter > lastQuarter && quarter < 4) {
      lastQuarter = quarter;
      out.println(line(now));
      out.flush();
    }
  }

  /** Ends the bar with its final state on a line of its own. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long now = ticker.read();
    if (terminal) {
      out.print("\r" + line(now) + "\n");
    } else {
      out.println(line(now));
    }
    out.flush();
  }

  private void draw(long now) {
    lastDraw = now;
    out.print("\r" + line(now));
    out.flush();
  }

  private String line(long now) {
    int filled = (int) (done * WIDTH / total);
    double seconds = (now - start) / 1e9;
    return String.format(
        Locale.ROOT,
        "  %s [%s%s] %d/%d %.0f s",
        label,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        done,
        total,
        seconds);
  }
}
