package dev.perfkit.handlers;

/**
 * An event a handler cannot process at all, e.g. an SQS event without {@code Records}: the
 * invocation fails with a message that names the field, which is what Lambda logs and retries on.
 * It carries no stack trace: the fault is in the event, not in the code, and the trace would only
 * bury the message in the function's log.
 */
final class MalformedEventException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  MalformedEventException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
