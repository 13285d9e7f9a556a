package dev.perfkit.core.routing;

/**
 * The operation could not do its work for a reason it knows and can name, e.g. records a dependency
 * left unwritten, or a deadline reached: a 5xx with its own error type and a message for the
 * caller, logged as one line rather than a stack trace.
 *
 * <pre>{@code
 * throw new ServerErrorException(500, "UnprocessedItems", "12 of 3000 records were not written");
 * }</pre>
 */
public final class ServerErrorException extends OperationException {

  private static final long serialVersionUID = 1L;

  /**
   * A server error with its own status and error type.
   *
   * @param statusCode 500 to 599
   * @param errorType 1 to 64 letters or digits starting with a letter, e.g. {@code Unprocessed}
   * @param message what went wrong, for the caller
   * @throws IllegalArgumentException for a status outside 500 to 599 or a malformed error type
   */
  public ServerErrorException(int statusCode, String errorType, String message) {
    super(requireServerStatus(statusCode), errorType, null, message, null);
  }

  private static int requireServerStatus(int statusCode) {
    if (statusCode < 500 || statusCode > 599) {
      throw new IllegalArgumentException("statusCode must be 500 to 599, got " + statusCode);
    }
    return statusCode;
  }
}
