package dev.perfkit.lab.runner;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/** Where a run talks: what it does and finds on one stream, progress bars on another. */
final class Console {

  private final PrintWriter out;
  private final PrintWriter progress;
  private final boolean terminal;
  private final LongSupplier nanoTime;

  Console(PrintWriter out, PrintWriter progress, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.progress = progress;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
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
    return new ProgressBar(progress, terminal, label, Math.max(1, total), nanoTime);
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }
}
