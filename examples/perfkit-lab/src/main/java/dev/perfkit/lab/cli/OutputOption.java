package dev.perfkit.lab.cli;

import picocli.CommandLine.Option;

/** The {@code --output} of commands that print a report: a table for people, or JSON. */
final class OutputOption {

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String output;

  /** Whether JSON was asked for, or an exception naming the option when it is neither format. */
  boolean json() {
    if (!output.equals("table") && !output.equals("json")) {
      throw new IllegalArgumentException("--output '" + output + "': table or json");
    }
    return output.equals("json");
  }
}
