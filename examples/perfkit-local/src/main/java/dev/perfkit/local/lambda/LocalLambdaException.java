package dev.perfkit.local.lambda;

import java.util.Objects;
import java.util.Optional;

/**
 * An invocation the local Lambda refused, as the Invoke API reports it: unknown function (404
 * {@code ResourceNotFoundException}), throttled (429 {@code TooManyRequestsException}), bad
 * request (400, 413).
 */
public final class LocalLambdaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String errorCode;
  private final String reason;

  LocalLambdaException(int statusCode, String errorCode, String message, String reason) {
    super(Objects.requireNonNull(message, "message"));
    this.statusCode = statusCode;
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.reason = reason;
  }

  static LocalLambdaException notFound(String message) {
    return new LocalLambdaException(404, "ResourceNotFoundException", message, null);
  }

  static LocalLambdaException throttled(String reason) {
    return new LocalLambdaException(429, "TooManyRequestsException", "Rate Exceeded.", reason);
  }

  static LocalLambdaException invalidParameter(String message) {
    return new LocalLambdaException(400, "InvalidParameterValueException", message, null);
  }

  static LocalLambdaException invalidContent(String message) {
    return new LocalLambdaException(400, "InvalidRequestContentException", message, null);
  }

  static LocalLambdaException tooLarge(String message) {
    return new LocalLambdaException(413, "RequestTooLargeException", message, null);
  }

  static LocalLambdaException conflict(String message) {
    return new LocalLambdaException(409, "ResourceConflictException", message, null);
  }

  static LocalLambdaException service(String message) {
    return new LocalLambdaException(500, "ServiceException", message, null);
  }

  /** The HTTP status, e.g. 404 or 429. */
  public int statusCode() {
    return statusCode;
  }

  /** The error code the SDK maps to an exception class, e.g. {@code ResourceNotFoundException}. */
  public String errorCode() {
    return errorCode;
  }

  /** The throttle reason, e.g. {@code ReservedFunctionConcurrentInvocationLimitExceeded}. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
