package dev.perfkit.bench.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.List;

/** An SQS event source mapping's batch from a standard queue. */
final class SqsBatch {

  static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:perfkit-queue";
  static final String FUNCTION_NAME = "perfkit-SqsScaler";

  private SqsBatch() {}

  /** {@code size} messages whose bodies are {@code {"id": "message-<i>"}}. */
  static SQSEvent of(int size) {
    List<SQSMessage> messages = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      SQSMessage message = new SQSMessage();
      message.setMessageId("00000000-0000-4000-8000-" + String.format("%012d", i));
      message.setReceiptHandle("receipt-" + i);
      message.setBody("{\"id\": \"message-" + i + "\", \"payload\": \"perfkit\"}");
      message.setEventSource("aws:sqs");
      message.setEventSourceArn(QUEUE_ARN);
      message.setAwsRegion("us-east-1");
      messages.add(message);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }
}
