package dev.perfkit.local.lambda;

import java.util.Objects;
import java.util.Optional;

/**
 * A call the local Lambda refused, as the Lambda API reports it: unknown resource (404 {@code
 * ResourceNotFoundException}), throttled (429 {@code TooManyRequestsException}), bad request (400,
 * 412, 413), conflict (409).
 */
public final class LocalLambdaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the refusal. */
  private final int statusCode;

  /** The Lambda error code, as in {@code x-amzn-ErrorType}. */
  private final String errorCode;

  /** The throttle reason; null for other refusals. */
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

  /** The name Lambda puts on the wire for an oversized request ({@code x-amzn-ErrorType}). */
  static LocalLambdaException tooLarge(String message) {
    return new LocalLambdaException(413, "RequestEntityTooLargeException", message, null);
  }

  static LocalLambdaException conflict(String message) {
    return new LocalLambdaException(409, "ResourceConflictException", message, null);
  }

  static LocalLambdaException preconditionFailed(String message) {
    return new LocalLambdaException(412, "PreconditionFailedException", message, null);
  }

  static LocalLambdaException provisionedConfigNotFound(String message) {
    return new LocalLambdaException(
        404, "ProvisionedConcurrencyConfigNotFoundException", message, null);
  }

  static LocalLambdaException resourceInUse(String message) {
    return new LocalLambdaException(400, "ResourceInUseException", message, null);
  }

  static LocalLambdaException unknownOperation(String message) {
    return new LocalLambdaException(404, "UnknownOperationException", message, null);
  }

  static LocalLambdaException service(String message) {
    return new LocalLambdaException(500, "ServiceException", message, null);
  }

  /**
   * The HTTP status.
   *
   * @return e.g. 404 or 429
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The error code the SDK maps to an exception class.
   *
   * @return e.g. {@code ResourceNotFoundException}
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * The throttle reason.
   *
   * @return e.g. {@code ReservedFunctionConcurrentInvocationLimitExceeded}; empty when the call was
   *     not throttled
   */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
