package dev.perfkit.handlers.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Lambda {@link Context} as the runtime gives one: a deadline that runs with real time, the
 * invoked function's ARN, the lab's memory limit (1024 MB), a request id (random unless set), and
 * a logger whose output the test can read.
 */
public final class LambdaTestContext implements Context {

  /** The account and region of every test ARN. */
  public static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

  private static final Duration LAB_TIMEOUT = Duration.ofMinutes(5);
  private static final int LAB_MEMORY_MB = 1024;

  private final String functionName;
  private final long deadlineNanos;
  private final String requestId;
  private final Queue<String> logged = new ConcurrentLinkedQueue<>();
  private final LambdaLogger logger = new LambdaLogger() {
    @Override
    public void log(String message) {
      logged.add(message);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  };

  private LambdaTestContext(String functionName, long deadlineNanos, String requestId) {
    this.functionName = functionName;
    this.deadlineNanos = deadlineNanos;
    this.requestId = requestId;
  }

  /** A context of {@code functionName} whose invocation ends {@code remaining} from now. */
  public static LambdaTestContext of(String functionName, Duration remaining) {
    return new LambdaTestContext(
        functionName, System.nanoTime() + remaining.toNanos(), UUID.randomUUID().toString());
  }

  /** A context of {@code functionName} invoked just now, with the lab's 5 minute timeout. */
  public static LambdaTestContext of(String functionName) {
    return of(functionName, LAB_TIMEOUT);
  }

  /** This context with {@code requestId} as its request id, the same deadline, nothing logged. */
  public LambdaTestContext withRequestId(String requestId) {
    return new LambdaTestContext(functionName, deadlineNanos, requestId);
  }

  /** Everything logged through {@link #getLogger()} so far. */
  public String logs() {
    return String.join("", logged);
  }

  /** Everything logged through {@link #getLogger()} so far, line by line. */
  public List<String> logLines() {
    return logged.stream().flatMap(String::lines).toList();
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
    return LAB_MEMORY_MB;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
