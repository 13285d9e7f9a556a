package dev.perfkit.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where perfkit reads its configuration: the process environment on Lambda, a map in tests.
 *
 * <p>Every component that needs a variable takes an {@code Environment} instead of calling
 * {@link System#getenv(String)}, so two instances in one JVM can be configured differently.
 */
@FunctionalInterface
public interface Environment {

  /** The value of {@code name}, or empty when it is unset or blank. */
  Optional<String> get(String name);

  /** The value of {@code name}, or {@code defaultValue} when it is unset or blank. */
  default String getOrDefault(String name, String defaultValue) {
    return get(name).orElse(defaultValue);
  }

  /** The process environment. */
  static Environment system() {
    return of(System.getenv());
  }

  /** A fixed environment, e.g. for tests; later changes to {@code variables} are not seen. */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    return name -> {
      Objects.requireNonNull(name, "name");
      return Optional.ofNullable(copy.get(name)).filter(value -> !value.isBlank());
    };
  }
}
