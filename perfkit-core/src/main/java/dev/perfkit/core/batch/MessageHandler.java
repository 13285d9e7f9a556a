package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;

/**
 * Processes one SQS message. Returning normally means the message succeeded; throwing an {@link
 * Exception} reports it in {@code batchItemFailures} so that SQS delivers it again.
 *
 * <p>An {@link Error} is not a message failure: the processor rethrows it and the whole invocation
 * fails (see {@link SqsBatchProcessor}).
 */
@FunctionalInterface
public interface MessageHandler {

  /**
   * Processes {@code message}; throws to report it as failed.
   *
   * @param message one message of the batch, never null
   * @throws Exception to report the message in {@code batchItemFailures}
   */
  void handle(SQSMessage message) throws Exception;
}
