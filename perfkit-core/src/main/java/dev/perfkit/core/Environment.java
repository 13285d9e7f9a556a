package dev.perfkit.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where perfkit reads its configuration: the process environment on Lambda, a map in tests.
 *
 * <p>Every component that needs a variable takes an {@code Environment} instead of calling {@link
 * System#getenv(String)}, so two instances in one JVM can be configured differently.
 */
@FunctionalInterface
public interface Environment {

  /**
   * The value of a variable.
   *
   * @param name the variable's name, e.g. {@code AWS_REGION}; not null
   * @return its value; empty when it is unset or blank
   */
  Optional<String> get(String name);

  /**
   * The value of a variable, or a default.
   *
   * @param name the variable's name; not null
   * @param defaultValue what to return when the variable is unset or blank
   * @return its value, or {@code defaultValue} when it is unset or blank
   */
  default String getOrDefault(String name, String defaultValue) {
    return get(name).orElse(defaultValue);
  }

  /**
   * The process environment.
   *
   * @return an environment reading {@link System#getenv()}, as it was at this call
   */
  static Environment system() {
    return of(System.getenv());
  }

  /**
   * A fixed environment, e.g. for tests; later changes to {@code variables} are not seen.
   *
   * @param variables the variables by name; neither the map nor its keys or values may be null
   * @return an environment reading a copy of {@code variables}
   */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    return name -> {
      Objects.requireNonNull(name, "name");
      return Optional.ofNullable(copy.get(name)).filter(value -> !value.isBlank());
    };
  }
}
