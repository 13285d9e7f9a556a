package dev.perfkit.core.metrics;

import java.util.Objects;
import java.util.regex.Pattern;

/** The EMF and CloudWatch rules for names and values, with messages that name the argument. */
final class Names {

  static final int MAX_NAMESPACE_LENGTH = 255;
  static final int MAX_METRIC_NAME_LENGTH = 1024;
  static final int MAX_DIMENSION_KEY_LENGTH = 255;
  static final int MAX_DIMENSION_VALUE_LENGTH = 1024;
  static final int MAX_DIMENSIONS_PER_SET = 30;
  static final int MAX_METRICS_PER_DOCUMENT = 100;
  static final int MAX_VALUES_PER_METRIC = 100;
  static final String METADATA_KEY = "_aws";

  private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9._#:/-]+");

  private Names() {}

  static String namespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (namespace.isEmpty() || namespace.length() > MAX_NAMESPACE_LENGTH) {
      throw new IllegalArgumentException(
          "namespace must have 1 to " + MAX_NAMESPACE_LENGTH + " characters: '" + namespace + "'");
    }
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace may contain only letters, digits and . _ # : / -: '" + namespace + "'");
    }
    if (namespace.startsWith("AWS/")) {
      throw new IllegalArgumentException(
          "namespace must not start with 'AWS/' (reserved for AWS services): '" + namespace + "'");
    }
    return namespace;
  }

  static String metricName(String name) {
    Objects.requireNonNull(name, "metric name");
    if (name.isBlank() || name.length() > MAX_METRIC_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "metric name must have 1 to "
              + MAX_METRIC_NAME_LENGTH
              + " characters, not all whitespace: '"
              + name
              + "'");
    }
    if (METADATA_KEY.equals(name)) {
      throw new IllegalArgumentException("metric name '_aws' is reserved for EMF metadata");
    }
    return name;
  }

  static double metricValue(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "value of metric '" + name + "' must be a finite number: " + value);
    }
    return value;
  }

  static String dimensionKey(String key) {
    Objects.requireNonNull(key, "dimension key");
    if (key.isBlank() || key.length() > MAX_DIMENSION_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "dimension key must have 1 to "
              + MAX_DIMENSION_KEY_LENGTH
              + " characters, not all whitespace: '"
              + key
              + "'");
    }
    if (!isPrintableAscii(key)) {
      throw new IllegalArgumentException(
          "dimension key must be printable ASCII (0x20-0x7E): '" + key + "'");
    }
    if (key.charAt(0) == ':') {
      throw new IllegalArgumentException("dimension key must not start with ':': '" + key + "'");
    }
    if (METADATA_KEY.equals(key)) {
      throw new IllegalArgumentException("dimension key '_aws' is reserved for EMF metadata");
    }
    return key;
  }

  static String dimensionValue(String key, String value) {
    Objects.requireNonNull(value, () -> "value of dimension '" + key + "'");
    if (value.isBlank() || value.length() > MAX_DIMENSION_VALUE_LENGTH) {
      throw new IllegalArgumentException(
          "value of dimension '"
              + key
              + "' must have 1 to "
              + MAX_DIMENSION_VALUE_LENGTH
              + " characters, not all whitespace: '"
              + value
              + "'");
    }
    if (!isPrintableAscii(value)) {
      throw new IllegalArgumentException(
          "value of dimension '" + key + "' must be printable ASCII (0x20-0x7E): '" + value + "'");
    }
    return value;
  }

  static String propertyKey(String key) {
    Objects.requireNonNull(key, "property key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("property key must not be blank: '" + key + "'");
    }
    if (METADATA_KEY.equals(key)) {
      throw new IllegalArgumentException("property key '_aws' is reserved for EMF metadata");
    }
    return key;
  }

  private static boolean isPrintableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
