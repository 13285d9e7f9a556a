package dev.perfkit.core.routing;

import java.util.Objects;

/**
 * The request is wrong: a 4xx naming the field at fault and what it allows.
 *
 * <pre>{@code
 * throw ClientErrorException.invalidValue("dataSize", "one of [small, medium, large]", "huge");
 * }</pre>
 */
public final class ClientErrorException extends OperationException {

  private static final long serialVersionUID = 1L;

  /** Error type of a parameter with a wrong type or a value out of its allowed range. */
  public static final String INVALID_PARAMETER = "InvalidParameter";

  /** Error type of a request naming an operation the router does not know. */
  public static final String UNKNOWN_OPERATION = "UnknownOperation";

  /** Error type of a body that is not JSON, or not a JSON object. */
  public static final String MALFORMED_REQUEST = "MalformedRequest";

  private static final int MAX_SHOWN_VALUE = 80;

  /** A 400 {@value #INVALID_PARAMETER} about {@code field}. */
  public ClientErrorException(String field, String message) {
    this(400, INVALID_PARAMETER, Objects.requireNonNull(field, "field"), message);
  }

  /**
   * A client error with its own status (400 to 499) and error type; {@code field} may be null when
   * the fault is not in one field.
   */
  public ClientErrorException(int statusCode, String errorType, String field, String message) {
    super(requireClientStatus(statusCode), errorType, field, message, null);
  }

  /**
   * A 400 saying that {@code field} must be {@code allowed} and was {@code actual}, e.g. "Invalid
   * value for 'concurrency': expected an integer from 1 to 1000, got 0".
   */
  public static ClientErrorException invalidValue(String field, String allowed, Object actual) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(allowed, "allowed");
    return new ClientErrorException(
        field, "Invalid value for '" + field + "': expected " + allowed + ", got " + show(actual));
  }

  /** A 400 saying that {@code field} is required and must be {@code allowed}. */
  public static ClientErrorException missing(String field, String allowed) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(allowed, "allowed");
    return new ClientErrorException(
        field, "Missing value for '" + field + "': expected " + allowed);
  }

  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE) + "...";
  }

  private static int requireClientStatus(int statusCode) {
    if (statusCode < 400 || statusCode > 499) {
      throw new IllegalArgumentException("statusCode must be 400 to 499, got " + statusCode);
    }
    return statusCode;
  }
}
