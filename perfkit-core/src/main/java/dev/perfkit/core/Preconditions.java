package dev.perfkit.core;

import java.util.Objects;

/**
 * The checks perfkit's builders share, so that every builder words its refusals alike.
 *
 * <p>A builder option may be set once: a second call is a programming error, and the message names
 * the option ({@code "namespace was already set"}).
 */
public final class Preconditions {

  private Preconditions() {}

  /**
   * Returns {@code value} to be stored as option {@code option}, whose value so far is {@code
   * current}.
   *
   * @param option the option's name, as the builder method calls it, e.g. {@code namespace}
   * @param current the option's value so far; null while it is unset
   * @param value the new value; not null
   * @param <T> the option's type
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null, naming {@code option}
   * @throws IllegalStateException if {@code current} is not null: the option was already set
   */
  public static <T> T setOnce(String option, T current, T value) {
    Objects.requireNonNull(value, option);
    if (current != null) {
      throw new IllegalStateException(option + " was already set");
    }
    return value;
  }
}
