package dev.perfkit.core.routing;

/**
 * The function is not configured for the request, or a dependency it needs is missing: a 500 whose
 * message tells the operator what to fix, e.g. "PERFKIT_TABLE_NAME is not set".
 */
public final class ConfigurationException extends OperationException {

  private static final long serialVersionUID = 1L;

  /** Error type of every {@code ConfigurationException}. */
  public static final String CONFIGURATION_ERROR = "ConfigurationError";

  /**
   * A 500 {@value #CONFIGURATION_ERROR}.
   *
   * @param message what to fix, e.g. "PERFKIT_TABLE_NAME is not set"
   */
  public ConfigurationException(String message) {
    super(500, CONFIGURATION_ERROR, null, message, null);
  }

  /**
   * A 500 {@value #CONFIGURATION_ERROR} caused by {@code cause}.
   *
   * @param message what to fix
   * @param cause the failure that showed it, e.g. the SDK's ResourceNotFoundException
   */
  public ConfigurationException(String message, Throwable cause) {
    super(500, CONFIGURATION_ERROR, null, message, cause);
  }
}
