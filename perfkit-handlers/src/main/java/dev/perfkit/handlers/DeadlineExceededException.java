package dev.perfkit.handlers;

/**
 * An operation stopped before the invocation's deadline with its work unfinished, so that the
 * caller gets an answer instead of a Lambda timeout; a 500 of error type {@code
 * DeadlineExceededException}.
 */
final class DeadlineExceededException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DeadlineExceededException(String message) {
    super(message);
  }
}
