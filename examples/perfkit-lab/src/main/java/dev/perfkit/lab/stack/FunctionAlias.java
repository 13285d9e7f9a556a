package dev.perfkit.lab.stack;

import java.util.Objects;

/**
 * A function alias (the lab's {@code prod}) and how its versions start.
 *
 * @param name the alias name
 * @param coldStart provisioned concurrency, SnapStart or neither
 * @param provisionedConcurrency environments kept initialised; above zero exactly when {@code
 *     coldStart} is {@link ColdStartMode#PROVISIONED}
 */
public record FunctionAlias(String name, ColdStartMode coldStart, int provisionedConcurrency) {

  /** Validates the alias. */
  public FunctionAlias {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(coldStart, "coldStart");
    if (!name.matches("[a-zA-Z0-9_-]{1,128}") || name.matches("\\d+")) {
      throw new IllegalArgumentException(
          "alias name '" + name + "': 1 to 128 of a-z A-Z 0-9 - _, not only digits");
    }
    if (coldStart == ColdStartMode.PROVISIONED && provisionedConcurrency < 1) {
      throw new IllegalArgumentException(
          "provisionedConcurrency is "
              + provisionedConcurrency
              + ": cold start mode PROVISIONED needs at least 1");
    }
    if (coldStart != ColdStartMode.PROVISIONED && provisionedConcurrency != 0) {
      throw new IllegalArgumentException(
          "provisionedConcurrency is "
              + provisionedConcurrency
              + " with cold start mode "
              + coldStart
              + ": only PROVISIONED takes provisioned concurrency"
              + (coldStart == ColdStartMode.SNAPSTART
                  ? " (SnapStart and provisioned concurrency cannot both apply to one version)"
                  : ""));
    }
  }
}
