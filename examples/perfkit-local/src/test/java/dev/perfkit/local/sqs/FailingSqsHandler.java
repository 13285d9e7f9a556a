package dev.perfkit.local.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** A test function that fails every batch: a function error, the whole batch failed. */
public class FailingSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    throw new IllegalStateException(
        "failing on purpose, " + event.getRecords().size() + " messages");
  }
}
