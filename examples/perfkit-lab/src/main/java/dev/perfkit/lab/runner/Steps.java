package dev.perfkit.lab.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The run's steps: each runs once; a failure is reported and recorded, and the run goes on. */
final class Steps {

  private final Console console;
  private final List<String> failures = new ArrayList<>();

  Steps(Console console) {
    this.console = console;
  }

  /** Runs {@code body}; its result, or null when it failed. */
  <T> T run(String name, Callable<T> body) throws InterruptedException {
    try {
      return body.call();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      String why = e.getMessage() != null ? e.getMessage() : e.toString();
      failures.add(name + " failed: " + why);
      console.line("FAILED: " + why);
      return null;
    }
  }

  /** What failed so far, one line each. */
  List<String> failures() {
    return List.copyOf(failures);
  }
}
