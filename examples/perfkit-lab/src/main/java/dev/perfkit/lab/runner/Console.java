package dev.perfkit.lab.runner;

import dev.perfkit.core.time.Ticker;
import java.io.PrintWriter;

/** Where a run talks: what it does and finds on one stream, progress bars on another. */
final class Console {

  private final PrintWriter out;
  private final PrintWriter progress;
  private final boolean terminal;
  private final Ticker ticker;

  Console(PrintWriter out, PrintWriter progress, boolean terminal, Ticker ticker) {
    this.out = out;
    this.progress = progress;
    this.terminal = terminal;
    this.ticker = ticker;
  }

  /** A task's heading. */
  void task(String heading) {
    out.println();
    out.println(heading);
    out.flush();
  }

  /** One indented line under the current task. */
  void line(String text) {
    out.println("  " + text);
    out.flush();
  }

  /** Text as it is, e.g. a table. */
  void print(String text) {
    out.print(text);
    out.flush();
  }

  /** A progress bar for a step of {@code total} units; close it when the step ends. */
  ProgressBar bar(String label, long total) {
    return new ProgressBar(progress, terminal, label, Math.max(1, total), ticker);
  }
}
