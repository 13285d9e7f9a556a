package dev.perfkit.lab.stack;

import java.util.List;

/** A stack definition that AWS would reject or that would misbehave, with every reason. */
public final class InvalidStackException extends IllegalArgumentException {

  private final transient List<String> problems;

  InvalidStackException(String username, List<String> problems) {
    super(
        "stack of username '" + username + "' is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one sentence naming the setting or rule it breaks. */
  public List<String> problems() {
    return problems;
  }
}
