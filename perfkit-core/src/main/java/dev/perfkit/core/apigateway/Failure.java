package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import dev.perfkit.core.routing.OperationException;
import java.lang.System.Logger.Level;

/**
 * What the caller is told of a failure: an {@link OperationException}'s own status, error type,
 * message and field; for any other exception a 500 with its class name and the first line of its
 * message, cut short, while the log gets the whole exception.
 *
 * @param statusCode the HTTP status of the answer
 * @param errorType the {@code error_type} of the body and the {@code ErrorType} property
 * @param message the {@code error} of the body
 * @param field the request field at fault, or null
 */
record Failure(int statusCode, String errorType, String message, String field) {

  private static final System.Logger LOG = System.getLogger(ApiGatewayPipeline.class.getName());
  private static final int MAX_MESSAGE_LENGTH = 300;

  /** The answer to {@code failure}, logged as a line (5xx) or with its stack trace (unexpected). */
  static Failure of(Exception failure, Context context) {
    if (failure instanceof OperationException expected) {
      Failure answer =
          new Failure(
              expected.statusCode(),
              expected.errorType(),
              expected.getMessage(),
              expected.field().orElse(null));
      if (answer.statusCode() >= 500) {
        LOG.log(
            Level.WARNING,
            "Request "
                + requestId(context)
                + " answered "
                + answer.statusCode()
                + " "
                + answer.errorType()
                + ": "
                + answer.message());
      }
      return answer;
    }
    String errorType = errorTypeOf(failure);
    LOG.log(Level.ERROR, "Request " + requestId(context) + " failed with " + errorType, failure);
    return new Failure(500, errorType, safeMessage(failure, errorType), null);
  }

  /** The exception's simple class name, e.g. {@code IllegalStateException}. */
  private static String errorTypeOf(Throwable failure) {
    String simpleName = failure.getClass().getSimpleName();
    return simpleName.isEmpty() ? failure.getClass().getName() : simpleName;
  }

  private static String safeMessage(Throwable failure, String errorType) {
    String message = FirstLine.of(failure.getMessage(), "Internal error (" + errorType + ")");
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }

  private static String requestId(Context context) {
    return context == null ? "(no context)" : context.getAwsRequestId();
  }
}
