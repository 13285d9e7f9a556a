package dev.perfkit.core.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.perfkit.core.time.Ticker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Lambda {@link Context} as the runtime gives one: a deadline that runs on a ticker (real time
 * unless given another), the invoked function's ARN, the lab's memory limit (1024 MB), a request id
 * (random unless set), and a logger whose output the test can read, or that prints to a stream.
 */
public final class LambdaTestContext implements Context {

  /** The account and region of every test ARN. */
  public static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

  private static final Duration LAB_TIMEOUT = Duration.ofMinutes(5);
  private static final int LAB_MEMORY_MB = 1024;

  private final String functionName;
  private final Ticker ticker;
  private final long deadlineNanos;
  private final String requestId;
  private final PrintStream printedTo;
  private final Queue<String> logged = new ConcurrentLinkedQueue<>();
  private final LambdaLogger logger =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          if (printedTo == null) {
            logged.add(message);
          } else {
            printedTo.print(message);
          }
        }

        @Override
        public void log(byte[] message) {
          log(new String(message, StandardCharsets.UTF_8));
        }
      };

  private LambdaTestContext(
      String functionName,
      Ticker ticker,
      long deadlineNanos,
      String requestId,
      PrintStream printedTo) {
    this.functionName = functionName;
    this.ticker = ticker;
    this.deadlineNanos = deadlineNanos;
    this.requestId = requestId;
    this.printedTo = printedTo;
  }

  /**
   * A context of {@code functionName} invoked just now, with the lab's 5 minute timeout.
   *
   * @param functionName the function's name
   * @return the context
   */
  public static LambdaTestContext of(String functionName) {
    return of(functionName, LAB_TIMEOUT);
  }

  /**
   * A context of {@code functionName} whose invocation ends {@code remaining} from now.
   *
   * @param functionName the function's name
   * @param remaining the time left before the invocation's timeout
   * @return the context
   */
  public static LambdaTestContext of(String functionName, Duration remaining) {
    return of(functionName, remaining, Ticker.system());
  }

  /**
   * A context of {@code functionName} whose invocation ends {@code remaining} from now on {@code
   * ticker}, e.g. the test's own ticker, so that the remaining time moves only when it does.
   *
   * @param functionName the function's name
   * @param remaining the time left before the invocation's timeout
   * @param ticker the time the deadline runs on
   * @return the context
   */
  public static LambdaTestContext of(String functionName, Duration remaining, Ticker ticker) {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(ticker, "ticker");
    return new LambdaTestContext(
        functionName,
        ticker,
        ticker.read() + remaining.toNanos(),
        UUID.randomUUID().toString(),
        null);
  }

  /**
   * This context with another request id, the same deadline, nothing logged.
   *
   * @param requestId the request id
   * @return the new context
   */
  public LambdaTestContext withRequestId(String requestId) {
    return new LambdaTestContext(
        functionName, ticker, deadlineNanos, Objects.requireNonNull(requestId), printedTo);
  }

  /**
   * This context with a logger that prints to {@code out}, as Lambda's prints to standard output,
   * instead of keeping what is logged: for long runs such as benchmarks.
   *
   * @param out where log messages go
   * @return the new context
   */
  public LambdaTestContext loggingTo(PrintStream out) {
    return new LambdaTestContext(
        functionName, ticker, deadlineNanos, requestId, Objects.requireNonNull(out));
  }

  /**
   * Everything logged through {@link #getLogger()} so far; nothing when the logger prints.
   *
   * @return the messages, joined
   */
  public String logs() {
    return String.join("", logged);
  }

  /**
   * Everything logged through {@link #getLogger()} so far, line by line.
   *
   * @return the lines
   */
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
    return (int) Math.max(0, Duration.ofNanos(deadlineNanos - ticker.read()).toMillis());
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
