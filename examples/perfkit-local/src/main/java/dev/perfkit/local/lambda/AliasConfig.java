package dev.perfkit.local.lambda;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alias and the environments kept initialized for it.
 *
 * @param name the alias name: 1 to 128 of {@code [A-Za-z0-9_-]}, not only digits
 * @param provisionedConcurrency environments started ahead of invocations, 0 for none
 */
public record AliasConfig(String name, int provisionedConcurrency) {

  private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}");

  /**
   * Validates the name and the count.
   *
   * @param name 1 to 128 of {@code [A-Za-z0-9_-]}, not only digits
   * @param provisionedConcurrency 0 or more
   * @throws IllegalArgumentException naming the bad name or count
   */
  public AliasConfig {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches() || "$LATEST".equals(name)) {
      throw new IllegalArgumentException(
          "alias name must be 1 to 128 letters, digits, '-' or '_' and not only digits, was '"
              + name
              + "'");
    }
    if (provisionedConcurrency < 0) {
      throw new IllegalArgumentException(
          "provisionedConcurrency must be 0 or more, was " + provisionedConcurrency);
    }
  }

  static void checkName(String alias) {
    new AliasConfig(alias, 0);
  }
}
