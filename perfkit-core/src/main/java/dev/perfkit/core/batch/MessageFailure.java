package dev.perfkit.core.batch;

/**
 * A message reported in {@code batchItemFailures}, and why.
 *
 * @param messageId the SQS message id, as reported to Lambda
 * @param cause what the handler threw (or the executor's rejection); {@code null} when the message
 *     was not attempted: on a FIFO queue after an earlier failure, or when the processing thread
 *     was interrupted before the message finished
 */
public record MessageFailure(String messageId, Throwable cause) {

  /**
   * Whether the handler never ran to completion for this message.
   *
   * @return true when {@code cause} is null: the message was not attempted, or its processing was
   *     interrupted
   */
  public boolean skipped() {
    return cause == null;
  }
}
