package dev.perfkit.lab.runner;

import java.io.Console;
import java.util.Optional;

/** Whether the lab talks to a person at a terminal, who gets progress bars redrawn in place. */
public final class Terminal {

  private Terminal() {}

  /**
   * Whether standard input and output are a terminal.
   *
   * @return true at an interactive terminal, false when a stream is redirected
   */
  public static boolean attached() {
    return Optional.ofNullable(System.console()).map(Terminal::isTerminal).orElse(false);
  }

  private static boolean isTerminal(Console console) {
    try {
      // From Java 22 a console exists for redirected streams too, and isTerminal() tells.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      // Up to Java 21 (perfkit's release is 17) a console exists only at a terminal.
      return true;
    }
  }
}
