package dev.perfkit.bench.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.bench.FunctionUnderTest;
import dev.perfkit.bench.LogOutput;
import dev.perfkit.bench.ProxyRequests;
import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LambdaTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The overhead of a warm invocation: the whole pipeline around a trivial operation ({@code
 * cpu_intensive} with 0 iterations), perfkit's {@code PerformanceFunction} beside {@link
 * LabHandler}, a straightforward Java port of the lab's handler. Both parse the same API Gateway
 * event, answer the same envelope and write their EMF documents to a stream that counts bytes.
 * {@code -prof gc} adds the bytes allocated per invocation, {@code -prof
 * dev.perfkit.bench.LogBytesProfiler} the bytes of log written per invocation.
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar PipelineOverheadBenchmark \
 *     -prof gc -prof dev.perfkit.bench.LogBytesProfiler
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PipelineOverheadBenchmark {

  /** The request both handlers serve, and the Lambda context it comes with. */
  @State(Scope.Thread)
  public static class Request {
    public String body = "{\"operation\": \"cpu_intensive\", \"iterations\": 0}";
    public String functionName = "perfkit-bench-pipeline";

    APIGatewayProxyRequestEvent event;
    Context context;

    /** Builds the request and its context. */
    @Setup
    public void prepare() {
      event = ProxyRequests.post(body);
      context = LambdaTestContext.of(functionName, Duration.ofMinutes(15));
    }
  }

  /** perfkit's function, its cold start served before the measurement. */
  @State(Scope.Thread)
  public static class Perfkit {
    FunctionUnderTest function;

    /**
     * Builds the function and serves its cold start.
     *
     * @param request the request it serves
     * @param log where its EMF documents go
     */
    @Setup
    public void start(Request request, LogOutput log) {
      function = new FunctionUnderTest(Environment.of(Map.of()), log.stream());
      requireOk(function.handleRequest(request.event, request.context));
    }

    /** Closes the function's clients. */
    @TearDown
    public void stop() {
      function.close();
    }
  }

  /** The lab's handler, ported; its cold start served before the measurement. */
  @State(Scope.Thread)
  public static class Lab {
    LabHandler handler;

    @Setup
    public void start(Request request, LogOutput log) {
      handler = new LabHandler(log.stream());
      requireOk(handler.handleRequest(request.event, request.context));
    }
  }

  @Benchmark
  public APIGatewayProxyResponseEvent perfkit(Perfkit perfkit, Request request) {
    return perfkit.function.handleRequest(request.event, request.context);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent labPort(Lab lab, Request request) {
    return lab.handler.handleRequest(request.event, request.context);
  }

  private static void requireOk(APIGatewayProxyResponseEvent response) {
    if (response.getStatusCode() != 200) {
      throw new IllegalStateException(
          "the trivial operation was answered "
              + response.getStatusCode()
              + ": "
              + response.getBody());
    }
  }
}
