package dev.perfkit.handlers;

/** A load test the handler will not run: answered with {@code status} and {@code errorType}. */
final class LoadTesterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String INVALID_PARAMETER = "InvalidParameter";
  static final String MALFORMED_REQUEST = "MalformedRequest";
  static final String TARGET_REFUSED = "TargetRefused";
  static final String CONFIGURATION_ERROR = "ConfigurationError";

  private static final int MAX_SHOWN_VALUE = 80;

  private final int status;
  private final String errorType;
  private final String field;

  private LoadTesterException(int status, String errorType, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
    this.field = field;
  }

  /** 400: {@code field} is not what it must be. */
  static LoadTesterException invalid(String field, String allowed, Object actual) {
    return new LoadTesterException(
        400,
        INVALID_PARAMETER,
        field,
        "Invalid value for '" + field + "': expected " + allowed + ", got " + show(actual));
  }

  /** 400 about {@code field}, in the caller's words. */
  static LoadTesterException invalid(String field, String message) {
    return new LoadTesterException(400, INVALID_PARAMETER, field, message);
  }

  /** 400: the body is not a JSON object. */
  static LoadTesterException malformed(String message) {
    return new LoadTesterException(400, MALFORMED_REQUEST, null, message);
  }

  /** 403: a security rule refused the target named in {@code field}. */
  static LoadTesterException refused(String field, String message) {
    return new LoadTesterException(403, TARGET_REFUSED, field, message);
  }

  /** 500: the function is not set up for this request. */
  static LoadTesterException configuration(String message) {
    return new LoadTesterException(500, CONFIGURATION_ERROR, null, message);
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }

  /** The request field at fault, or null. */
  String field() {
    return field;
  }

  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE) + "...";
  }
}
