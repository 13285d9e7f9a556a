package dev.perfkit.handlers.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A Lambda {@link Context} as the runtime gives one: a deadline that runs with real time, the
 * invoked function's ARN, and a logger whose output the test can read.
 */
public final class LambdaTestContext implements Context {

  /** The account and region of every test ARN. */
  public static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

  private final String functionName;
  private final long deadlineNanos;
  private final String requestId = UUID.randomUUID().toString();
  private final StringBuilder logs = new StringBuilder();
  private final LambdaLogger logger = new LambdaLogger() {
    @Override
    public void log(String message) {
      synchronized (logs) {
        logs.append(message);
      }
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  };

  private LambdaTestContext(String functionName, Duration remaining) {
    this.functionName = functionName;
    this.deadlineNanos = System.nanoTime() + remaining.toNanos();
  }

  /** A context of {@code functionName} whose invocation ends {@code remaining} from now. */
  public static LambdaTestContext of(String functionName, Duration remaining) {
    return new LambdaTestContext(functionName, remaining);
  }

  /** Everything logged through {@link #getLogger()} so far. */
  public String logs() {
    synchronized (logs) {
      return logs.toString();
    }
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "2025/01/01/[$LATEST]" + requestId.replace("-", "");
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
    return ARN_PREFIX + functionName;
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
    return (int) Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
