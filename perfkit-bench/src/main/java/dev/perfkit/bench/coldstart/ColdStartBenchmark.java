package dev.perfkit.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.bench.ProxyRequests;
import dev.perfkit.core.testing.LambdaTestContext;
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
 * Cold start, one shot per fresh JVM: loading a handler class by name and constructing it, as the
 * Lambda runtime does, then serving its first request ({@code cpu_intensive}, 1000 iterations).
 * {@link PerfkitHandler} is PerformanceFunction; {@link PerfkitHandler.WithDynamoDbClient} also
 * builds its registry's DynamoDB client during initialisation; {@link BareHandler} builds the SDK's
 * DynamoDB client and an ObjectMapper itself. Nothing of the handlers is loaded before the measured
 * call (classes are named by strings), so their class loading and initialisation are in the figure;
 * JMH's own start-up is not.
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar ColdStartBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
public class ColdStartBenchmark {

  static final String PERFKIT = "dev.perfkit.bench.coldstart.PerfkitHandler";
  static final String PERFKIT_WITH_DYNAMODB_CLIENT =
      "dev.perfkit.bench.coldstart.PerfkitHandler$WithDynamoDbClient";
  static final String BARE = "dev.perfkit.bench.coldstart.BareHandler";

  /** The first request, its Lambda context, and the answer it got. */
  @State(Scope.Thread)
  public static class FirstRequest {
    public String body = "{\"operation\": \"cpu_intensive\", \"iterations\": 1000}";
    public String functionName = "perfkit-bench-coldstart";

    APIGatewayProxyRequestEvent event;
    Context context;
    APIGatewayProxyResponseEvent response;

    /** Builds the request and its context. */
    @Setup(Level.Trial)
    public void prepare() {
      event = ProxyRequests.post(body);
      context = LambdaTestContext.of(functionName, Duration.ofMinutes(15));
    }

    /** Fails the fork unless its first request was answered with a 200. */
    @TearDown(Level.Trial)
    public void check() {
      if (response == null || response.getStatusCode() != 200) {
        String answer =
            response == null ? "nothing" : response.getStatusCode() + ": " + response.getBody();
        throw new IllegalStateException("the first request was answered " + answer);
      }
    }

    APIGatewayProxyResponseEvent firstResponse(String handlerClass)
        throws ReflectiveOperationException {
      response = ColdStartBenchmark.firstResponse(handlerClass, event, context);
      return response;
    }
  }

  @Benchmark
  public APIGatewayProxyResponseEvent perfkit(FirstRequest request)
      throws ReflectiveOperationException {
    return request.firstResponse(PERFKIT);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent perfkitWithDynamoDbClient(FirstRequest request)
      throws ReflectiveOperationException {
    return request.firstResponse(PERFKIT_WITH_DYNAMODB_CLIENT);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent bare(FirstRequest request)
      throws ReflectiveOperationException {
    return request.firstResponse(BARE);
  }

  /** Loads {@code handlerClass}, constructs it and serves {@code event}: the runtime's steps. */
  static APIGatewayProxyResponseEvent firstResponse(
      String handlerClass, APIGatewayProxyRequestEvent event, Context context)
      throws ReflectiveOperationException {
    return construct(handlerClass).handleRequest(event, context);
  }

  /** Loads {@code handlerClass} by name and constructs it, as the Lambda runtime does. */
  @SuppressWarnings("unchecked")
  static RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> construct(
      String handlerClass) throws ReflectiveOperationException {
    return (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
        Class.forName(handlerClass)
            .asSubclass(RequestHandler.class)
            .getDeclaredConstructor()
            .newInstance();
  }
}
