package dev.perfkit.core.routing;

import java.util.Objects;

/**
 * An integer parameter from {@code min} to {@code max} inclusive, with an optional default used
 * when the field is absent.
 *
 * @param field the JSON field
 * @param min the smallest allowed value
 * @param max the largest allowed value
 * @param defaultValue the value when the field is absent or null; null when the field is required
 */
public record IntRange(String field, int min, int max, Integer defaultValue) implements ParamRule {

  /**
   * Checks that {@code field} is not blank, {@code min <= max} and the default, if any, is in
   * range.
   *
   * @param field the JSON field; not blank
   * @param min the smallest allowed value
   * @param max the largest allowed value, at least {@code min}
   * @param defaultValue from {@code min} to {@code max}; null when the field is required
   * @throws IllegalArgumentException when a check fails, naming {@code field}
   */
  public IntRange {
    Objects.requireNonNull(field, "field");
    if (field.isBlank()) {
      throw new IllegalArgumentException("field must not be blank");
    }
    if (min > max) {
      throw new IllegalArgumentException(
          "min must be <= max for '" + field + "', got " + min + " > " + max);
    }
    if (defaultValue != null && (defaultValue < min || defaultValue > max)) {
      throw new IllegalArgumentException(
          "defaultValue of '"
              + field
              + "' must be from "
              + min
              + " to "
              + max
              + ", got "
              + defaultValue);
    }
  }

  /**
   * A required integer from {@code min} to {@code max}.
   *
   * @param field the JSON field; not blank
   * @param min the smallest allowed value
   * @param max the largest allowed value, at least {@code min}
   * @return a range without a default
   * @throws IllegalArgumentException when {@code field} is blank or {@code min > max}
   */
  public static IntRange of(String field, int min, int max) {
    return new IntRange(field, min, max, null);
  }

  /**
   * This range, with {@code value} used when the field is absent.
   *
   * @param value the default, from {@code min} to {@code max}
   * @return a new range; this one is unchanged
   * @throws IllegalArgumentException when {@code value} is out of range
   */
  public IntRange withDefault(int value) {
    return new IntRange(field, min, max, value);
  }

  /**
   * The value to use: {@code value} when in range, the default when {@code value} is null.
   *
   * @param value the bound field's value; null when the request has none
   * @return {@code value}, or the default when it is null
   * @throws ClientErrorException when {@code value} is out of range, or null without a default
   */
  public int validate(Integer value) {
    if (value == null) {
      if (defaultValue == null) {
        throw ClientErrorException.missing(field, allowed());
      }
      return defaultValue;
    }
    if (value < min || value > max) {
      throw ClientErrorException.invalidValue(field, allowed(), value);
    }
    return value;
  }

  @Override
  public String allowed() {
    return "an integer from " + min + " to " + max;
  }
}
