package dev.perfkit.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.bench.ProxyRequests;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The README's handler's first invocation after its initialisation, one shot per fresh JVM: the
 * handler loaded by name and constructed as the Lambda runtime does (not measured), then one {@code
 * greet} request (measured). {@code unprimed} is the README's handler; {@code primed} the same with
 * the README's SnapStart lines (the constructor primes the pipeline with a {@code greet}); {@code
 * warm} the unprimed handler after {@value #WARM_UP_INVOCATIONS} invocations in the fork, the
 * figure the primed first invocation is held to (issue 11: within 3x). The handlers' EMF documents
 * go to a {@code System.out} that discards them.
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar PrimingBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
public class PrimingBenchmark {

  static final String UNPRIMED = "dev.perfkit.bench.coldstart.ReadmeHandler";
  static final String PRIMED = "dev.perfkit.bench.coldstart.ReadmeHandler$Primed";

  /** Invocations before the measured one in {@code warm}: enough for C2 to compile the path. */
  static final int WARM_UP_INVOCATIONS = 20_000;

  /** A constructed handler, the request it serves next, and the answer it got. */
  @State(Scope.Thread)
  public static class Handler {

    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
    final APIGatewayProxyRequestEvent event =
        ProxyRequests.post("{\"name\": \"lambda\", \"times\": 2}");
    final Context context = LambdaTestContext.of("perfkit-bench-priming", Duration.ofMinutes(15));
    APIGatewayProxyResponseEvent response;
    private PrintStream stdout;

    /** Sends the handler's EMF documents (its standard output) nowhere. */
    @Setup(Level.Trial)
    public void discardStandardOutput() {
      stdout = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Fails the fork unless the measured invocation was answered with a 200. */
    @TearDown(Level.Trial)
    public void check() {
      System.setOut(stdout);
      if (response == null || response.getStatusCode() != 200) {
        String answer =
            response == null ? "nothing" : response.getStatusCode() + ": " + response.getBody();
        throw new IllegalStateException("the measured invocation was answered " + answer);
      }
    }

    void construct(String handlerClass) throws ReflectiveOperationException {
      handler = ColdStartBenchmark.construct(handlerClass);
    }

    APIGatewayProxyResponseEvent invoke() {
      response = handler.handleRequest(event, context);
      return response;
    }
  }

  /** The README's handler, constructed. */
  @State(Scope.Thread)
  public static class Unprimed extends Handler {
    /** Loads and constructs the handler. */
    @Setup(Level.Trial)
    public void construct() throws ReflectiveOperationException {
      construct(UNPRIMED);
    }
  }

  /** The README's handler with its SnapStart lines, constructed (and so primed). */
  @State(Scope.Thread)
  public static class Primed extends Handler {
    /** Loads and constructs the handler, which primes its pipeline. */
    @Setup(Level.Trial)
    public void construct() throws ReflectiveOperationException {
      construct(PRIMED);
    }
  }

  /** The README's handler after {@link #WARM_UP_INVOCATIONS} invocations. */
  @State(Scope.Thread)
  public static class Warm extends Handler {
    /** Loads and constructs the handler and invokes it until warm. */
    @Setup(Level.Trial)
    public void warmUp() throws ReflectiveOperationException {
      construct(UNPRIMED);
      for (int i = 0; i < WARM_UP_INVOCATIONS; i++) {
        invoke();
      }
    }
  }

  @Benchmark
  public APIGatewayProxyResponseEvent unprimed(Unprimed handler) {
    return handler.invoke();
  }

  @Benchmark
  public APIGatewayProxyResponseEvent primed(Primed handler) {
    return handler.invoke();
  }

  @Benchmark
  public APIGatewayProxyResponseEvent warm(Warm handler) {
    return handler.invoke();
  }
}
