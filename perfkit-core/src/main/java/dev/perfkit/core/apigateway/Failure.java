package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import dev.perfkit.core.routing.OperationException;
import java.lang.System.Logger.Level;

/**
 * What the caller is told of a failure: an {@link OperationException}'s own status, error type,
 * message and field; for any other exception a 500 {@value #INTERNAL_ERROR} with a generic message
 * and the request id, while only the log gets the exception (class, message and stack trace).
 *
 * @param statusCode the HTTP status of the answer
 * @param errorType the {@code error_type} of the body
 * @param message the {@code error} of the body
 * @param field the request field at fault, or null
 * @param requestId the {@code request_id} of the body (unexpected failures only), or null
 * @param recordedType the {@code ErrorType} property of the metrics: the error type, or the class
 *     of an unexpected exception, which stays in the log
 */
record Failure(
    int statusCode,
    String errorType,
    String message,
    String field,
    String requestId,
    String recordedType) {

  /** The {@code error_type} of an unexpected failure. */
  static final String INTERNAL_ERROR = "InternalError";

  /** The {@code error} of an unexpected failure. */
  static final String INTERNAL_ERROR_MESSAGE = "Internal server error";

  private static final System.Logger LOG = System.getLogger(ApiGatewayPipeline.class.getName());

  /** The answer to {@code failure}, logged as a line (5xx) or with its stack trace (unexpected). */
  static Failure of(Exception failure, Context context) {
    String requestId = context == null ? null : context.getAwsRequestId();
    if (failure instanceof OperationException expected) {
      Failure answer =
          new Failure(
              expected.statusCode(),
              expected.errorType(),
              expected.getMessage(),
              expected.field().orElse(null),
              null,
              expected.errorType());
      if (answer.statusCode() >= 500) {
        LOG.log(
            Level.WARNING,
            "Request "
                + describe(requestId)
                + " answered "
                + answer.statusCode()
                + " "
                + answer.errorType()
                + ": "
                + answer.message());
      }
      return answer;
    }
    String exceptionType = simpleNameOf(failure);
    LOG.log(
        Level.ERROR, "Request " + describe(requestId) + " failed with " + exceptionType, failure);
    return new Failure(500, INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE, null, requestId, exceptionType);
  }

  /** The exception's simple class name, e.g. {@code IllegalStateException}. */
  private static String simpleNameOf(Throwable failure) {
    String simpleName = failure.getClass().getSimpleName();
    return simpleName.isEmpty() ? failure.getClass().getName() : simpleName;
  }

  private static String describe(String requestId) {
    return requestId == null ? "(no context)" : requestId;
  }
}
