package dev.perfkit.local.cloudwatch;

import java.util.Objects;

/**
 * What CloudWatch Logs made of one log line.
 *
 * @param outcome whether the line carried metrics
 * @param values the metric values extracted (each value counted once per dimension set)
 * @param problem why an {@code _aws} line was rejected; empty otherwise
 */
public record EmfResult(Outcome outcome, int values, String problem) {

  /** Whether a line carried metrics. */
  public enum Outcome {
    /** A plain log line: not a JSON object with an {@code _aws} member. */
    NOT_EMF,
    /** A valid embedded metric format document: its metrics were added. */
    EXTRACTED,
    /** An {@code _aws} document that does not parse or validate: a log line, no metric. */
    REJECTED
  }

  /**
   * Checks for nulls.
   *
   * @param outcome whether the line carried metrics
   * @param values the metric values extracted
   * @param problem why the line was rejected; empty otherwise
   */
  public EmfResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(problem, "problem");
  }

  static EmfResult notEmf() {
    return new EmfResult(Outcome.NOT_EMF, 0, "");
  }

  static EmfResult rejected(String problem) {
    return new EmfResult(Outcome.REJECTED, 0, problem);
  }
}
