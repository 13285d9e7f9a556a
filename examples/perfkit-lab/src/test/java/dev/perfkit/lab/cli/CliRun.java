package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the perfkit-lab CLI in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PerfkitLab.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /**
   * Runs the CLI with input it must refuse: checks that it exits with the bad-input code and
   * returns what it said on standard error.
   */
  static String refused(String... args) {
    CliRun run = of(args);
    assertThat(run.exitCode())
        .as("out: %s, err: %s", run.out(), run.err())
        .isEqualTo(PerfkitLab.BAD_INPUT);
    return run.err();
  }
}
