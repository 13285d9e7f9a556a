package dev.perfkit.bench.sqs;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An SQS event source mapping's batch from a standard queue, and the invocation's context. */
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

  /** A context whose logger prints to {@code log}, as Lambda's prints to standard output. */
  static Context context(PrintStream log) {
    return new LoggingContext(log);
  }

  private record LoggingContext(PrintStream log) implements Context, LambdaLogger {

    @Override
    public String getAwsRequestId() {
      return "8f5e2b1c-0d3a-4e6f-9b7c-1a2d3e4f5a6b";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + FUNCTION_NAME;
    }

    @Override
    public String getLogStreamName() {
      return "2025/11/26/[$LATEST]perfkit";
    }

    @Override
    public String getFunctionName() {
      return FUNCTION_NAME;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION_NAME;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 300_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return this;
    }

    @Override
    public void log(String message) {
      log.print(message);
    }

    @Override
    public void log(byte[] message) {
      log.print(new String(message, StandardCharsets.UTF_8));
    }
  }
}
