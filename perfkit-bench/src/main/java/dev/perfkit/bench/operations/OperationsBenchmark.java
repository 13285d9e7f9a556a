package dev.perfkit.bench.operations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.bench.FunctionUnderTest;
import dev.perfkit.bench.LogOutput;
import dev.perfkit.bench.ProxyRequests;
import dev.perfkit.bench.UuidServer;
import dev.perfkit.bench.clients.LabTable;
import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LocalHttpServer;
import dev.perfkit.handlers.PerformanceFunction;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each {@link PerformanceFunction} operation through {@code handleRequest}, a warm invocation at a
 * time: the whole pipeline (request parsing, routing, the operation, the response and its EMF
 * document, written to a stream that counts bytes). Absolute times, there being no alternative to
 * compare with: {@code database_batch} writes to dynalite (Node.js, started for the benchmark) and
 * {@code default} GETs a JDK HTTP server on loopback, so both time local services, not AWS.
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar OperationsBenchmark \
 *     -prof gc -prof dev.perfkit.bench.LogBytesProfiler
 * </pre>
 *
 * <p>Run from the repository root: dynalite's {@code package.json} is found from the working
 * directory (else set {@code -jvmArgsAppend -Dperfkit.dynalite.dir=<its folder>}); Node.js and npm
 * must be on the PATH.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// Without TCP_NODELAY the JDK's HTTP server sends the response body only once the client has
// acknowledged the headers, which a delayed ACK holds back for 40 ms on Linux.
@Fork(value = 2, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class OperationsBenchmark {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The function with every operation but {@code database_batch}, and the local server its {@code
   * default} operation GETs: {@code /uuid} answering the JSON of httpbin.org/uuid.
   */
  @State(Scope.Thread)
  public static class LocalFunction {
    public String uuid = "7d3f9a52-2c41-4b8e-9f06-1e5a8c7b3d24";

    LocalHttpServer server;
    FunctionUnderTest function;

    /**
     * Starts the server and the function that GETs it.
     *
     * @param log where the function's EMF documents go
     */
    @Setup(Level.Trial)
    public void start(LogOutput log) {
      server = UuidServer.http(uuid);
      String url = server.uri("/uuid").toString();
      function =
          new FunctionUnderTest(
              Environment.of(Map.of(PerformanceFunction.EXTERNAL_URL_VARIABLE, url)), log.stream());
    }

    /** Stops the function and the server. */
    @TearDown(Level.Trial)
    public void stop() {
      function.close();
      server.close();
    }
  }

  /** The function writing to dynalite, in a table with the partition key {@code id} (S). */
  @State(Scope.Thread)
  public static class DynamoDbFunction {
    LabTable lab;
    FunctionUnderTest function;

    /**
     * Starts dynalite, creates the table and builds the function that writes to it.
     *
     * @param log where the function's EMF documents go
     */
    @Setup(Level.Trial)
    public void start(LogOutput log) {
      lab = LabTable.start();
      function = new FunctionUnderTest(lab.environment(lab.create()), log.stream());
    }

    /** Stops the function and dynalite. */
    @TearDown(Level.Trial)
    public void stop() {
      function.close();
      lab.close();
    }
  }

  /** {@code concurrent_processing}: {@code concurrency} tasks of 100 ms on 10 workers. */
  @State(Scope.Thread)
  public static class ConcurrentRequest {
    public int concurrency = 10;

    APIGatewayProxyRequestEvent event;

    @Setup(Level.Trial)
    public void prepare(LocalFunction function) {
      event =
          ProxyRequests.post(
              JSON.objectNode()
                  .put("operation", PerformanceFunction.CONCURRENT_PROCESSING)
                  .put("concurrency", concurrency));
      function.function.requireSuccess(event);
    }
  }

  /** {@code database_batch}: three batches of {@code dataSize} records. */
  @State(Scope.Thread)
  public static class DatabaseRequest {
    public String dataSize = "small";

    APIGatewayProxyRequestEvent event;

    @Setup(Level.Trial)
    public void prepare(DynamoDbFunction function) {
      event =
          ProxyRequests.post(
              JSON.objectNode()
                  .put("operation", PerformanceFunction.DATABASE_BATCH)
                  .put("dataSize", dataSize));
      function.function.requireSuccess(event);
    }
  }

  /** {@code stream_processing}: {@code records} records with ids, in chunks of 50. */
  @State(Scope.Thread)
  public static class StreamRequest {
    public int records = 500;

    APIGatewayProxyRequestEvent event;

    @Setup(Level.Trial)
    public void prepare(LocalFunction function) {
      ObjectNode body = JSON.objectNode().put("operation", PerformanceFunction.STREAM_PROCESSING);
      ArrayNode list = body.putArray("records");
      for (int i = 0; i < records; i++) {
        list.addObject().put("id", "record-" + i).put("value", i);
      }
      event = ProxyRequests.post(body);
      function.function.requireSuccess(event);
    }
  }

  /** {@code cpu_intensive}: the sum of squares below {@code iterations}. */
  @State(Scope.Thread)
  public static class CpuRequest {
    @Param({"1000", "1000000"})
    public int iterations;

    APIGatewayProxyRequestEvent event;

    @Setup(Level.Trial)
    public void prepare(LocalFunction function) {
      event =
          ProxyRequests.post(
              JSON.objectNode()
                  .put("operation", PerformanceFunction.CPU_INTENSIVE)
                  .put("iterations", iterations));
      function.function.requireSuccess(event);
    }
  }

  /** {@code memory_test}: 1,000, 10,000 or 100,000 boxed integers. */
  @State(Scope.Thread)
  public static class MemoryRequest {
    @Param({"small", "medium", "large"})
    public String dataSize;

    APIGatewayProxyRequestEvent event;

    @Setup(Level.Trial)
    public void prepare(LocalFunction function) {
      event =
          ProxyRequests.post(
              JSON.objectNode()
                  .put("operation", PerformanceFunction.MEMORY_TEST)
                  .put("dataSize", dataSize));
      function.function.requireSuccess(event);
    }
  }

  /** {@code default}: a request naming no operation, answered with the local server's JSON. */
  @State(Scope.Thread)
  public static class DefaultRequest {
    APIGatewayProxyRequestEvent event;

    @Setup(Level.Trial)
    public void prepare(LocalFunction function) {
      event = ProxyRequests.post(JSON.objectNode());
      function.function.requireSuccess(event);
    }
  }

  /** About 100 ms a call: fewer, longer iterations than the class's. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  public APIGatewayProxyResponseEvent concurrentProcessing(
      LocalFunction function, ConcurrentRequest request) {
    return function.function.handle(request.event);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public APIGatewayProxyResponseEvent databaseBatch(
      DynamoDbFunction function, DatabaseRequest request) {
    return function.function.handle(request.event);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent streamProcessing(
      LocalFunction function, StreamRequest request) {
    return function.function.handle(request.event);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent cpuIntensive(LocalFunction function, CpuRequest request) {
    return function.function.handle(request.event);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent memoryTest(LocalFunction function, MemoryRequest request) {
    return function.function.handle(request.event);
  }

  @Benchmark
  public APIGatewayProxyResponseEvent defaultOperation(
      LocalFunction function, DefaultRequest request) {
    return function.function.handle(request.event);
  }
}
