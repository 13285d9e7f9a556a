package dev.perfkit.core.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure an operation reports on purpose, with the HTTP status and error type the caller sees.
 *
 * <p>Its message goes to the caller as it is, so it must say what went wrong and never carry
 * secrets or stack traces. The kinds are closed: {@link ClientErrorException} (4xx), {@link
 * ServerErrorException} and {@link ConfigurationException} (5xx).
 */
public abstract sealed class OperationException extends RuntimeException
    permits ClientErrorException, ServerErrorException, ConfigurationException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code of the response, e.g. 400. */
  private final int statusCode;

  /** The kind of failure, 1 to 64 letters or digits starting with a letter. */
  private final String errorType;

  /** The request field at fault; null when no one field is. */
  private final String field;

  OperationException(
      int statusCode, String errorType, String field, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.statusCode = statusCode;
    this.errorType = requireToken(errorType);
    this.field = field;
  }

  /**
   * The HTTP status code of the response.
   *
   * @return e.g. 400 or 500
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * A short, stable name of the kind of failure.
   *
   * @return e.g. {@code InvalidParameter}
   */
  public String errorType() {
    return errorType;
  }

  /**
   * The request field at fault.
   *
   * @return e.g. {@code concurrency} or {@code records[2].id}; empty when no one field is
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  private static String requireToken(String errorType) {
    Objects.requireNonNull(errorType, "errorType");
    if (!errorType.matches("[A-Za-z][A-Za-z0-9]{0,63}")) {
      throw new IllegalArgumentException(
          "errorType must be 1 to 64 letters or digits starting with a letter, got '"
              + errorType
              + "'");
    }
    return errorType;
  }
}
