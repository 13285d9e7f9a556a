package dev.perfkit.core.routing;

import java.util.Collection;
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

  /**
   * A 400 {@value #INVALID_PARAMETER} about {@code field}.
   *
   * @param field the request field at fault
   * @param message what is wrong with it, for the caller
   */
  public ClientErrorException(String field, String message) {
    this(400, INVALID_PARAMETER, Objects.requireNonNull(field, "field"), message);
  }

  /**
   * A client error with its own status and error type.
   *
   * @param statusCode 400 to 499
   * @param errorType 1 to 64 letters or digits starting with a letter, e.g. {@code Conflict}
   * @param field the request field at fault; null when the fault is not in one field
   * @param message what is wrong, for the caller
   * @throws IllegalArgumentException for a status outside 400 to 499 or a malformed error type
   */
  public ClientErrorException(int statusCode, String errorType, String field, String message) {
    super(requireClientStatus(statusCode), errorType, field, message, null);
  }

  /**
   * A 400 saying that {@code field} must be {@code allowed} and was {@code actual}, e.g. "Invalid
   * value for 'concurrency': expected an integer from 1 to 1000, got 0".
   *
   * @param field the request field at fault
   * @param allowed what the field allows, e.g. {@code an integer from 1 to 1000}
   * @param actual the value it had; strings are quoted, long values cut
   * @return the exception
   */
  public static ClientErrorException invalidValue(String field, String allowed, Object actual) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(allowed, "allowed");
    return new ClientErrorException(
        field, "Invalid value for '" + field + "': expected " + allowed + ", got " + show(actual));
  }

  /**
   * A 400 saying that {@code field} is required and must be {@code allowed}.
   *
   * @param field the request field that is missing
   * @param allowed what the field allows
   * @return the exception
   */
  public static ClientErrorException missing(String field, String allowed) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(allowed, "allowed");
    return new ClientErrorException(
        field, "Missing value for '" + field + "': expected " + allowed);
  }

  /**
   * A 400 {@value #UNKNOWN_OPERATION}: the request names an operation the router does not have.
   *
   * @param name the {@code operation} the request named, as text
   * @param known the router's operations
   * @return the exception, naming the known operations
   */
  public static ClientErrorException unknownOperation(String name, Collection<String> known) {
    return new ClientErrorException(
        400,
        UNKNOWN_OPERATION,
        OperationRouter.OPERATION_FIELD,
        "Unknown operation " + show(name) + "; known operations: " + known);
  }

  /**
   * A 400 {@value #UNKNOWN_OPERATION}: the request names no operation and the router has no default
   * one.
   *
   * @param known the router's operations
   * @return the exception, naming the known operations
   */
  public static ClientErrorException missingOperation(Collection<String> known) {
    return new ClientErrorException(
        400,
        UNKNOWN_OPERATION,
        OperationRouter.OPERATION_FIELD,
        "Missing value for '" + OperationRouter.OPERATION_FIELD + "': expected one of " + known);
  }

  private static String show(Object value) {
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
