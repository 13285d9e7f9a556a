package dev.perfkit.handlers;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda context with fixed values, as the runtime hands one to a handler. */
record PerformanceTestContext(String functionName, int memoryLimitInMb, int remainingTimeInMillis)
    implements Context {

  static final String FUNCTION_NAME = "perf-test-function";

  /** A 1024 MB function with a 5 minute timeout, the lab's settings. */
  static PerformanceTestContext standard() {
    return new PerformanceTestContext(FUNCTION_NAME, 1024, 300_000);
  }

  /** The same function with {@code millis} left before its timeout. */
  static PerformanceTestContext withRemainingMillis(int millis) {
    return new PerformanceTestContext(FUNCTION_NAME, 1024, millis);
  }

  @Override
  public String getAwsRequestId() {
    return "3f1c2b8e-0000-4000-8000-000000000001";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "2025/11/26/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
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
    return remainingTimeInMillis;
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitInMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
